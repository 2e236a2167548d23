import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Breadcrumbs,
  Button,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Alert } from '@material-ui/lab';
import { ReactNode, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { EntityLink, dlqApiRef, formatTime } from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { ErrorPanel, FailureStatusChip } from './common';
import { AccessNotice, useQueueActions } from './AccessNotice';
import { ClassificationChip } from './ClassificationChip';
import { EditReplayDialog } from './EditReplayDialog';
import { ReasonDialog } from './ReasonDialog';
import { ReplayDialog } from './ReplayDialog';

const headerValue = (v: unknown) =>
  typeof v === 'string' ? v : JSON.stringify(v);

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <TableRow>
    <TableCell component="th" style={{ width: 180, fontWeight: 500 }}>
      {label}
    </TableCell>
    <TableCell>{children ?? '–'}</TableCell>
  </TableRow>
);

/** One dead letter: what failed, where, the (masked) body, headers, stack and delivery history. */
export const MessagePage = () => {
  const api = useApi(dlqApiRef);
  const links = useDlqLinks();
  const { runtime = '', dlq = '', id = '' } = useParams();
  const detail = useAsyncRetry(
    () => api.getMessage(runtime, id),
    [api, runtime, id],
  );
  const actions = useQueueActions(runtime, dlq, detail.error);
  const [replayOpen, setReplayOpen] = useState(false);
  const [archiveOpen, setArchiveOpen] = useState(false);
  const [editOpen, setEditOpen] = useState(false);
  const [notice, setNotice] = useState<string>();

  const crumbs = (
    <Breadcrumbs aria-label="breadcrumb" style={{ marginBottom: 8 }}>
      <Link to={links.overview()}>Dead letters</Link>
      <Link to={links.dlq(runtime, dlq)}>{dlq}</Link>
      <Typography color="textPrimary">
        message {detail.value?.message.messageId ?? id}
      </Typography>
    </Breadcrumbs>
  );
  if (!detail.value) {
    return (
      <Content>
        {crumbs}
        {detail.error ? (
          <ErrorPanel error={detail.error} title="Could not read the message" />
        ) : (
          <Progress />
        )}
      </Content>
    );
  }
  const d = detail.value;
  const m = d.message;
  const headers = Object.entries(
    (m.headers ?? {}) as Record<string, unknown>,
  ).sort(([a], [b]) => a.localeCompare(b));

  return (
    <Content>
      {crumbs}
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {notice && (
            <Alert
              severity="success"
              onClose={() => setNotice(undefined)}
              style={{ marginBottom: 8 }}
            >
              {notice}
            </Alert>
          )}
          <InfoCard
            title={
              <Box display="flex" alignItems="center" style={{ gap: 12 }}>
                <span>{m.errorClass}</span>
                <FailureStatusChip status={m.status} />
                <ClassificationChip classification={m.classification} />
              </Box>
            }
            subheader={m.errorMessage}
          >
            <AccessNotice actions={actions} />
            <Box display="flex" mb={2} style={{ gap: 8 }}>
              <Button
                variant="contained"
                color="primary"
                disabled={!actions.replay}
                title={actions.replay ? undefined : actions.reason}
                onClick={() => setReplayOpen(true)}
              >
                Replay this message
              </Button>
              <Button
                variant="outlined"
                color="primary"
                disabled={m.status !== 'failed' || !actions.replay}
                title={actions.replay ? undefined : actions.reason}
                onClick={() => setEditOpen(true)}
              >
                Edit and replay
              </Button>
              <Button
                variant="outlined"
                disabled={m.status === 'archived' || !actions.manage}
                title={actions.manage ? undefined : actions.reason}
                onClick={() => setArchiveOpen(true)}
              >
                Archive
              </Button>
              <Box flex={1} />
              {d.traceUrl ? (
                <Link to={d.traceUrl}>Open trace</Link>
              ) : (
                <Typography variant="body2" color="textSecondary">
                  no trace id
                </Typography>
              )}
            </Box>
            <Table size="small" aria-label="message summary">
              <TableBody>
                <Row label="Message id">{m.messageId}</Row>
                <Row label="Failure id">{m.id}</Row>
                <Row label="Order id">{m.orderId}</Row>
                <Row label="Payment id">{m.paymentId}</Row>
                <Row label="Error class">{m.errorClass}</Row>
                <Row label="Error message">{m.errorMessage}</Row>
                <Row label="Stage">{m.stage}</Row>
                <Row label="Attempts">{m.attempts}</Row>
                <Row label="Replay outlook">
                  {m.classification
                    ? `${m.classification.kind}: ${m.classification.reason}`
                    : 'unknown (the runtime does not classify failures)'}
                </Row>
                <Row label="Replay count">{m.replayCount}</Row>
                <Row label="First failure">{formatTime(m.firstFailureAt)}</Row>
                <Row label="Last failure">{formatTime(m.lastFailureAt)}</Row>
                <Row label="Status">
                  {m.status}
                  {m.statusReason ? ` — ${m.statusReason}` : ''}
                </Row>
                <Row label="Route">
                  {m.exchange || '(default)'} · {m.routingKey} → {m.queue}
                </Row>
                <Row label="Consumer">
                  {d.entities.consumer ? (
                    <EntityLink
                      entityRef={d.entities.consumer}
                      defaultKind="component"
                    />
                  ) : (
                    m.consumer
                  )}
                </Row>
                <Row label="Owner">
                  <EntityLink
                    entityRef={d.entities.owner}
                    defaultKind="group"
                  />
                </Row>
                <Row label="Trace id">{m.traceId}</Row>
                <Row label="Idempotency key">{m.idempotencyKey}</Row>
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>

        <Grid item xs={12} lg={6}>
          <InfoCard title="Body" subheader={m.contentType}>
            {d.masked.length > 0 && (
              <Alert severity="info" style={{ marginBottom: 8 }}>
                Masked: {d.masked.join(', ')}
              </Alert>
            )}
            <pre
              data-testid="message-body"
              style={{
                fontFamily: 'monospace',
                fontSize: 12,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-all',
                maxHeight: 480,
                overflow: 'auto',
                margin: 0,
              }}
            >
              {d.formattedBody}
            </pre>
          </InfoCard>
        </Grid>
        <Grid item xs={12} lg={6}>
          <InfoCard title="Headers">
            <Table size="small" aria-label="headers">
              <TableBody>
                {headers.map(([k, v]) => (
                  <TableRow key={k}>
                    <TableCell
                      style={{
                        fontFamily: 'monospace',
                        fontSize: 12,
                        verticalAlign: 'top',
                      }}
                    >
                      {k}
                    </TableCell>
                    <TableCell
                      style={{
                        fontFamily: 'monospace',
                        fontSize: 12,
                        wordBreak: 'break-all',
                      }}
                    >
                      {headerValue(v)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>

        <Grid item xs={12}>
          <Accordion>
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-controls="stack-trace"
              id="stack-trace-header"
            >
              <Typography>Stack trace</Typography>
            </AccordionSummary>
            <AccordionDetails id="stack-trace">
              <pre
                style={{
                  fontFamily: 'monospace',
                  fontSize: 12,
                  whiteSpace: 'pre-wrap',
                  margin: 0,
                  overflow: 'auto',
                }}
              >
                {m.stack || 'no stack trace'}
              </pre>
            </AccordionDetails>
          </Accordion>
        </Grid>

        <Grid item xs={12}>
          <InfoCard title="Attempt history">
            <Table size="small" aria-label="attempts">
              <TableHead>
                <TableRow>
                  <TableCell>Queue</TableCell>
                  <TableCell>Reason</TableCell>
                  <TableCell align="right">Count</TableCell>
                  <TableCell>Time</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {d.attempts.map((a, i) => (
                  <TableRow key={i}>
                    <TableCell>{a.queue}</TableCell>
                    <TableCell>{a.reason}</TableCell>
                    <TableCell align="right">{a.count}</TableCell>
                    <TableCell>{formatTime(a.time)}</TableCell>
                  </TableRow>
                ))}
                {d.attempts.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={4}>
                      <Typography color="textSecondary">
                        No delivery history.
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </InfoCard>
        </Grid>
      </Grid>

      {replayOpen && (
        <ReplayDialog
          open
          onClose={() => setReplayOpen(false)}
          runtime={runtime}
          dlq={m.dlq || dlq}
          selection={{ ids: [m.id] }}
          description={`message ${m.messageId}`}
        />
      )}
      {editOpen && (
        <EditReplayDialog
          open
          onClose={() => setEditOpen(false)}
          onReplayed={result => {
            setEditOpen(false);
            setNotice(
              `Edited message replayed as ${result.messageId}; the original is kept, archived.`,
            );
            detail.retry();
          }}
          runtime={runtime}
          id={m.id}
          messageId={m.messageId}
          initialBody={d.formattedBody}
          masked={d.masked}
        />
      )}
      <ReasonDialog
        open={archiveOpen}
        title="Archive this message?"
        text="Archived messages are kept but no longer count as failed."
        confirmLabel="Archive"
        onClose={() => setArchiveOpen(false)}
        onConfirm={async reason => {
          const res = await api.archive(runtime, m.dlq || dlq, [m.id], reason);
          setNotice(
            res.archived.length
              ? 'Message archived.'
              : 'The message was not archived.',
          );
          detail.retry();
        }}
      />
    </Content>
  );
};
