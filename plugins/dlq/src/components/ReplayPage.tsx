import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { Replay, ReplayCountKey } from '@internal/plugin-dlq-common';
import {
  REPLAY_COUNT_LABELS,
  REPLAY_COUNT_ORDER,
  REPLAY_STATUS_LABELS,
  TERMINAL_REPLAY_STATUSES,
  describeReplayCounts,
} from '@internal/plugin-dlq-common';
import {
  Box,
  Breadcrumbs,
  Button,
  Grid,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ReactNode, useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EntityLink,
  WRAP,
  dlqApiRef,
  formatTime,
} from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import {
  ErrorAlert,
  ErrorPanel,
  formatAge,
  OUTCOME_COLOURS,
  OutcomeChip,
  ReplayStatusChip,
} from './common';
import { ReasonDialog } from './ReasonDialog';

export const POLL_INTERVAL_MS = 1000;

/** A row of the replay's details: its label in a narrow header cell, then the value. */
const DetailRow = ({
  label,
  wrap,
  testId,
  children,
}: {
  label: string;
  wrap?: boolean;
  testId?: string;
  children: ReactNode;
}) => (
  <TableRow>
    <TableCell component="th" style={{ whiteSpace: 'nowrap', width: 120 }}>
      {label}
    </TableCell>
    <TableCell style={wrap ? WRAP : undefined} data-testid={testId}>
      {children}
    </TableCell>
  </TableRow>
);
const ITEMS_PAGE_SIZE = 50;
const OUTCOMES: ReplayCountKey[] = REPLAY_COUNT_ORDER;

export const isTerminal = (r: Replay) =>
  TERMINAL_REPLAY_STATUSES.includes(r.status);

/** done / total as a determinate bar, with what happened to them in words. */
export const ReplayProgress = ({ replay }: { replay: Replay }) => {
  const { done, total } = replay.progress;
  // Nothing to do counts as done once the replay has ended.
  const empty = isTerminal(replay) ? 100 : 0;
  const value =
    total > 0 ? Math.min(100, Math.round((done / total) * 100)) : empty;
  return (
    <div>
      <LinearProgress
        variant="determinate"
        value={value}
        aria-label="replay progress"
        data-testid="replay-progress"
        style={{ height: 10, borderRadius: 5 }}
      />
      <Typography
        variant="body2"
        style={{ marginTop: 4 }}
        data-testid="replay-progress-text"
      >
        {done} of {total} done
        {done > 0 || isTerminal(replay)
          ? `: ${describeReplayCounts(replay.progress.counts)}`
          : ''}
      </Typography>
    </div>
  );
};

/** A replay: status, who and why, approval, live progress and the outcome per message. */
export const ReplayPage = () => {
  const api = useApi(dlqApiRef);
  const links = useDlqLinks();
  const { id = '' } = useParams();
  const [replay, setReplay] = useState<Replay>();
  const [loadError, setLoadError] = useState<Error>();
  const [dialog, setDialog] = useState<'approve' | 'reject' | 'cancel'>();
  const identity = useApi(identityApiRef);
  const me = useAsync(
    async () => (await identity.getBackstageIdentity()).userEntityRef,
    [identity],
  );

  const load = useCallback(async () => {
    try {
      const r = await api.getReplay(id);
      setReplay(r);
      setLoadError(undefined);
      return r;
    } catch (e) {
      setLoadError(e as Error);
      return undefined;
    }
  }, [api, id]);

  // Poll every second until the replay reaches a terminal status.
  const status = replay?.status;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const r = await load();
      if (stopped) return;
      if (!r || !isTerminal(r)) timer = setTimeout(tick, POLL_INTERVAL_MS);
    };
    if (!status || !TERMINAL_REPLAY_STATUSES.includes(status)) tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // Restart polling only when the replay leaves or enters a terminal status.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, status !== undefined && TERMINAL_REPLAY_STATUSES.includes(status)]);

  // Items: paged with `after`; the current page is reloaded as progress moves.
  const [afterStack, setAfterStack] = useState<number[]>([]);
  const after = afterStack[afterStack.length - 1];
  const progressKey = replay ? `${replay.status}:${replay.progress.done}` : '';
  const items = useAsyncRetry(
    async () =>
      replay
        ? api.listReplayItems(id, { after, limit: ITEMS_PAGE_SIZE })
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, id, after, progressKey],
  );

  // Whether the user may approve on this queue, and who owns it (whom the requester waits for).
  const access = useAsync(
    async () =>
      replay ? api.getDlqAccess(replay.runtime, replay.dlq) : undefined,
    [api, replay?.runtime, replay?.dlq],
  );

  const act = async (fn: () => Promise<Replay>) => {
    // A refusal (e.g. approving one's own replay) throws: the dialog shows the backend's message.
    const r = await fn();
    setReplay(r);
  };

  if (!replay) {
    return (
      <Content>
        {loadError ? (
          <ErrorPanel error={loadError} title="Could not read the replay" />
        ) : (
          <Progress />
        )}
      </Content>
    );
  }

  const terminal = isTerminal(replay);
  const waiting = replay.status === 'awaiting-approval';
  const ownReplay = me.value === replay.requester;
  const owner = access.value?.owner;
  const mayDecide = !ownReplay && access.value?.approve.allowed === true;
  return (
    <Content>
      <Breadcrumbs aria-label="breadcrumb" style={{ marginBottom: 8 }}>
        <Link to={links.overview()}>Dead letters</Link>
        <Link to={links.dlq(replay.runtime, replay.dlq)}>{replay.dlq}</Link>
        <Typography color="textPrimary">
          replay {replay.id.slice(0, 8)}
        </Typography>
      </Breadcrumbs>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {loadError && (
            <Alert severity="warning" style={{ marginBottom: 8 }}>
              Could not refresh: {loadError.message}
            </Alert>
          )}
          <InfoCard
            title={
              <Box display="flex" alignItems="center" style={{ gap: 12 }}>
                <span>
                  Replay of {replay.plan.count} message
                  {replay.plan.count === 1 ? '' : 's'} from {replay.dlq}
                </span>
                <ReplayStatusChip replay={replay} />
              </Box>
            }
            subheader={`${replay.runtime} · ${replay.id}`}
          >
            {waiting && (
              <Alert
                severity="warning"
                style={{ marginBottom: 16 }}
                data-testid="approval-waiting"
              >
                {ownReplay ? 'You requested this replay: it' : 'This replay'}{' '}
                waits for approval by{' '}
                {owner ? (
                  <>
                    a member of{' '}
                    <EntityLink entityRef={owner} defaultKind="group" />
                  </>
                ) : (
                  'a second person'
                )}
                {ownReplay
                  ? '. They have been notified; you cannot approve your own replay.'
                  : ' other than the requester.'}
                {!ownReplay &&
                  access.value &&
                  !access.value.approve.allowed &&
                  ` ${access.value.approve.reason ?? ''}`}
              </Alert>
            )}
            {replay.status === 'completed-with-failures' && (
              <Alert severity="error" style={{ marginBottom: 16 }}>
                {describeReplayCounts(replay.progress.counts)}. Messages that
                failed again are back in the dead-letter queue.
              </Alert>
            )}
            {replay.error && (
              <Alert severity="error" style={{ marginBottom: 16, ...WRAP }}>
                {replay.error}
              </Alert>
            )}
            <Grid container spacing={2}>
              <Grid item xs={12} md={6}>
                <Table size="small" aria-label="replay details">
                  <TableBody>
                    <DetailRow label="Requester">
                      <EntityLink
                        entityRef={replay.requester}
                        defaultKind="user"
                      />
                    </DetailRow>
                    <DetailRow label="Reason" wrap>
                      {replay.reason ?? '–'}
                    </DetailRow>
                    <DetailRow label="Approval" wrap testId="approval-state">
                      {!replay.approvalRequired && 'not needed'}
                      {replay.approvalRequired &&
                        !replay.approver &&
                        (waiting
                          ? 'needed, not given yet'
                          : `needed, never decided (${REPLAY_STATUS_LABELS[
                              replay.status
                            ].toLocaleLowerCase('en-US')})`)}
                      {replay.approver && (
                        <>
                          {replay.status === 'rejected'
                            ? 'rejected by '
                            : 'approved by '}
                          <EntityLink
                            entityRef={replay.approver}
                            defaultKind="user"
                          />
                          {replay.decisionComment &&
                            ` — ${replay.decisionComment}`}
                        </>
                      )}
                    </DetailRow>
                    <DetailRow label="Canary">
                      {replay.canarySize > 0
                        ? `${replay.canarySize} first`
                        : 'none'}
                    </DetailRow>
                    <DetailRow label="Rate">
                      {replay.plan.ratePerSecond}/s · about{' '}
                      {formatAge(replay.plan.estimatedSeconds)}
                    </DetailRow>
                    <DetailRow label="Times">
                      planned {formatTime(replay.plan.plannedAt)}
                      {replay.submittedAt &&
                        ` · submitted ${formatTime(replay.submittedAt)}`}
                      {replay.decidedAt &&
                        ` · decided ${formatTime(replay.decidedAt)}`}
                      {replay.finishedAt &&
                        ` · finished ${formatTime(replay.finishedAt)}`}
                    </DetailRow>
                  </TableBody>
                </Table>
              </Grid>
              <Grid item xs={12} md={6}>
                <ReplayProgress replay={replay} />
                <Box
                  display="flex"
                  flexWrap="wrap"
                  mt={2}
                  style={{ gap: 8 }}
                  aria-label="outcome counts"
                >
                  {OUTCOMES.map(o => (
                    <Box
                      key={o}
                      px={1.5}
                      py={0.5}
                      borderRadius={4}
                      style={{ border: `1px solid ${OUTCOME_COLOURS[o]}` }}
                    >
                      <Typography
                        variant="caption"
                        style={{ color: OUTCOME_COLOURS[o] }}
                        display="block"
                      >
                        {REPLAY_COUNT_LABELS[o]}
                      </Typography>
                      <Typography
                        variant="h6"
                        component="span"
                        data-testid={`count-${o}`}
                      >
                        {replay.progress.counts?.[o] ?? 0}
                      </Typography>
                    </Box>
                  ))}
                </Box>
                <Box display="flex" mt={2} style={{ gap: 8 }}>
                  {waiting && mayDecide && (
                    <>
                      <Button
                        variant="contained"
                        color="primary"
                        onClick={() => setDialog('approve')}
                      >
                        Approve
                      </Button>
                      <Button
                        variant="outlined"
                        color="secondary"
                        onClick={() => setDialog('reject')}
                      >
                        Reject
                      </Button>
                    </>
                  )}
                  {!terminal && (
                    <Button
                      variant="outlined"
                      onClick={() => setDialog('cancel')}
                    >
                      Cancel replay
                    </Button>
                  )}
                </Box>
              </Grid>
            </Grid>
          </InfoCard>
        </Grid>

        <Grid item xs={12}>
          <InfoCard title="Messages" subheader="outcome per message">
            {items.error && <ErrorAlert error={items.error} />}
            {items.loading && !items.value && <Progress />}
            {items.value && (
              <>
                <Table size="small" aria-label="replay items">
                  <TableHead>
                    <TableRow>
                      <TableCell>#</TableCell>
                      <TableCell>Message</TableCell>
                      <TableCell>Order</TableCell>
                      <TableCell>Outcome</TableCell>
                      <TableCell>Detail</TableCell>
                      <TableCell>Updated</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {items.value.items.map(i => (
                      <TableRow key={i.seq}>
                        <TableCell>{i.seq}</TableCell>
                        <TableCell>
                          <Link
                            to={links.message(
                              replay.runtime,
                              replay.dlq,
                              i.failureId,
                            )}
                          >
                            {i.messageId}
                          </Link>
                        </TableCell>
                        <TableCell>{i.orderId ?? '–'}</TableCell>
                        <TableCell>
                          <OutcomeChip outcome={i.outcome} />
                        </TableCell>
                        <TableCell style={WRAP}>{i.detail ?? ''}</TableCell>
                        <TableCell>{formatTime(i.updatedAt)}</TableCell>
                      </TableRow>
                    ))}
                    {items.value.items.length === 0 && (
                      <TableRow>
                        <TableCell colSpan={6}>
                          <Typography color="textSecondary">
                            {replay.status === 'planned' || waiting
                              ? 'Nothing replayed yet.'
                              : 'No message was published in this replay.'}
                          </Typography>
                        </TableCell>
                      </TableRow>
                    )}
                  </TableBody>
                </Table>
                <Box
                  display="flex"
                  justifyContent="flex-end"
                  mt={1}
                  style={{ gap: 8 }}
                >
                  <Button
                    size="small"
                    disabled={afterStack.length === 0}
                    onClick={() => setAfterStack(s => s.slice(0, -1))}
                  >
                    Previous
                  </Button>
                  <Button
                    size="small"
                    disabled={
                      items.value.nextAfter === null ||
                      items.value.nextAfter === undefined
                    }
                    onClick={() =>
                      setAfterStack(s => [...s, items.value!.nextAfter!])
                    }
                  >
                    Next
                  </Button>
                </Box>
              </>
            )}
          </InfoCard>
        </Grid>
      </Grid>

      <ReasonDialog
        open={dialog === 'approve'}
        title="Approve this replay?"
        text={`${replay.plan.count} messages will be replayed from ${
          replay.dlq
        }. Reason given: ${replay.reason ?? '–'}`}
        confirmLabel="Approve"
        required={false}
        fieldLabel="Comment"
        onClose={() => setDialog(undefined)}
        onConfirm={c => act(() => api.approveReplay(id, c || undefined))}
      />
      <ReasonDialog
        open={dialog === 'reject'}
        title="Reject this replay?"
        text="The requester sees your comment."
        confirmLabel="Reject"
        fieldLabel="Comment"
        destructive
        onClose={() => setDialog(undefined)}
        onConfirm={c => act(() => api.rejectReplay(id, c))}
      />
      <ReasonDialog
        open={dialog === 'cancel'}
        title="Cancel this replay?"
        text="Messages not replayed yet stay in the dead-letter queue."
        confirmLabel="Cancel replay"
        required={false}
        destructive
        onClose={() => setDialog(undefined)}
        onConfirm={r => act(() => api.cancelReplay(id, r || undefined))}
      />
    </Content>
  );
};
