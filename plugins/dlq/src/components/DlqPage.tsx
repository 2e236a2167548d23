import {
  Content,
  InfoCard,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  FailedMessageSummary,
  FailureKind,
  FailureStatus,
  FingerprintGroup,
  ReplaySelection,
} from '@internal/plugin-dlq-common';
import {
  Box,
  Breadcrumbs,
  Button,
  Checkbox,
  Grid,
  MenuItem,
  Table as MuiTable,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { FormEvent, useEffect, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EntityLink,
  MessageFilters,
  dlqApiRef,
  formatTime,
} from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { ErrorAlert, ErrorPanel, FailureStatusChip, formatAge } from './common';
import { AccessNotice, useQueueActions } from './AccessNotice';
import { ClassificationChip } from './ClassificationChip';
import { InflowChart } from './InflowChart';
import { ReasonDialog } from './ReasonDialog';
import { ReplayDialog } from './ReplayDialog';

const PAGE_SIZE = 25;
const FILTER_KEYS = [
  'status',
  'businessId',
  'errorClass',
  'classification',
  'fingerprint',
  'from',
  'to',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

/** datetime-local value (as kept in the URL) → ISO date-time for the API. */
const toIso = (v?: string) => {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

const Count = ({ label, value }: { label: string; value: number | string }) => (
  <Box mr={4}>
    <Typography variant="caption" color="textSecondary" display="block">
      {label}
    </Typography>
    <Typography variant="h5" component="span" aria-label={label}>
      {value}
    </Typography>
  </Box>
);

/** One dead-letter queue: counts, inflow, failure groups, messages with filters and bulk actions. */
export const DlqPage = () => {
  const api = useApi(dlqApiRef);
  const links = useDlqLinks();
  const { runtime = '', dlq = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: Filters = useMemo(
    () =>
      Object.fromEntries(
        FILTER_KEYS.map(k => [k, searchParams.get(k) ?? undefined]).filter(
          ([, v]) => v,
        ),
      ),
    [searchParams],
  );
  const filterKey = JSON.stringify(filters);
  const [refresh, setRefresh] = useState(0);

  // Draft of the text filters; applied to the URL on submit.
  const [draft, setDraft] = useState<Filters>(filters);
  useEffect(() => setDraft(JSON.parse(filterKey)), [filterKey]);

  // Cursor paging: a stack of the cursors that led to the current page.
  const [paging, setPaging] = useState<{ key: string; stack: string[] }>({
    key: filterKey,
    stack: [],
  });
  const stack = paging.key === filterKey ? paging.stack : [];
  const cursor = stack[stack.length - 1];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => setSelected(new Set()), [filterKey, cursor, refresh]);

  const overview = useAsyncRetry(
    () => api.getDlq(runtime, dlq),
    [api, runtime, dlq, refresh],
  );
  const groups = useAsyncRetry(
    () =>
      api.listGroups(runtime, dlq, {
        status: filters.status as FailureStatus | undefined,
      }),
    [api, runtime, dlq, filters.status, refresh],
  );
  const apiFilters: MessageFilters = {
    status: filters.status as FailureStatus | undefined,
    businessId: filters.businessId,
    errorClass: filters.errorClass,
    classification: filters.classification as FailureKind | undefined,
    fingerprint: filters.fingerprint,
    from: toIso(filters.from),
    to: toIso(filters.to),
  };
  const messages = useAsyncRetry(
    () =>
      api.listMessages(runtime, dlq, {
        ...apiFilters,
        limit: PAGE_SIZE,
        cursor,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, runtime, dlq, filterKey, cursor, refresh],
  );

  // Whether the user may change this queue, and why not (owner to ask, broker down).
  const actions = useQueueActions(
    runtime,
    dlq,
    overview.error ?? messages.error,
  );

  const [replay, setReplay] = useState<{
    selection: ReplaySelection;
    description: string;
  }>();
  const [bulk, setBulk] = useState<'archive' | 'purge'>();
  const [notice, setNotice] = useState<string>();

  const setFilters = (next: Filters) => {
    const params = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k]) params.set(k, next[k]!);
    setSearchParams(params);
  };
  const onApply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({
      ...draft,
      status: filters.status,
      fingerprint: filters.fingerprint,
    });
  };

  const pageItems = messages.value?.items ?? [];
  const allOnPage =
    pageItems.length > 0 && pageItems.every(m => selected.has(m.id));
  const toggle = (id: string) =>
    setSelected(s => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const ids = [...selected];
  const filterSelection: ReplaySelection = {
    ...(filters.fingerprint ? { fingerprint: filters.fingerprint } : {}),
    filter: {
      businessId: apiFilters.businessId,
      errorClass: apiFilters.errorClass,
      classification: apiFilters.classification,
      from: apiFilters.from,
      to: apiFilters.to,
    },
  };
  const plural = (n: number) => `${n} message${n === 1 ? '' : 's'}`;

  const groupColumns: TableColumn<FingerprintGroup>[] = [
    {
      title: 'Sample error',
      field: 'sampleMessage',
      render: g => (
        <div style={{ maxWidth: 420 }}>
          <Link to={links.message(runtime, dlq, g.sampleId)}>
            {g.sampleMessage}
          </Link>
          <Typography variant="caption" display="block" color="textSecondary">
            fingerprint {g.fingerprint.slice(0, 12)}
          </Typography>
        </div>
      ),
    },
    {
      title: 'Error class',
      field: 'errorClass',
      render: g => (
        <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
          <span style={{ wordBreak: 'break-word' }}>{g.errorClass}</span>
          <span>
            <ClassificationChip classification={g.classification} />
          </span>
        </Box>
      ),
    },
    { title: 'Stage', field: 'stage' },
    { title: 'Count', field: 'count', type: 'numeric', defaultSort: 'desc' },
    {
      title: 'First seen',
      field: 'firstSeen',
      render: g => formatTime(g.firstSeen),
    },
    {
      title: 'Last seen',
      field: 'lastSeen',
      render: g => formatTime(g.lastSeen),
    },
    {
      title: '',
      sorting: false,
      render: g => (
        <Box display="flex" style={{ gap: 8 }}>
          <Button
            size="small"
            onClick={() =>
              setFilters({ ...filters, fingerprint: g.fingerprint })
            }
          >
            Show
          </Button>
          <Tooltip title={actions.replay ? '' : actions.reason ?? ''}>
            <span>
              <Button
                size="small"
                variant="outlined"
                color="primary"
                style={{ whiteSpace: 'nowrap' }}
                disabled={!actions.replay}
                onClick={() =>
                  setReplay({
                    selection: { fingerprint: g.fingerprint },
                    description: `group ${g.errorClass} (${plural(g.count)})`,
                  })
                }
              >
                Replay group
              </Button>
            </span>
          </Tooltip>
        </Box>
      ),
    },
  ];

  const o = overview.value;
  return (
    <Content>
      <Breadcrumbs aria-label="breadcrumb" style={{ marginBottom: 8 }}>
        <Link to={links.overview()}>Dead letters</Link>
        <Typography color="textSecondary">{runtime}</Typography>
        <Typography color="textPrimary">{dlq}</Typography>
      </Breadcrumbs>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {overview.loading && !o && <Progress />}
          {overview.error && (
            <ErrorPanel
              error={overview.error}
              title={`Could not read ${dlq}`}
            />
          )}
          {o && (
            <InfoCard
              title={o.name}
              subheader={`dead letters arrive on ${o.deadLetterQueue} · runtime ${o.runtime}`}
            >
              <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 24 }}>
                <div>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    Owner
                  </Typography>
                  <EntityLink
                    entityRef={o.entities.owner}
                    defaultKind="group"
                  />
                </div>
                <div>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    Consumer
                  </Typography>
                  {o.entities.consumer ? (
                    <EntityLink
                      entityRef={o.entities.consumer}
                      defaultKind="component"
                    />
                  ) : (
                    o.consumer
                  )}
                </div>
                <div>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    Exchange / binding
                  </Typography>
                  {o.exchange} · {o.bindingKeys.join(', ') || '–'}
                </div>
              </Box>
              <Box display="flex" flexWrap="wrap" mb={2}>
                <Count label="Failed" value={o.failed} />
                <Count label="Parked" value={o.parked} />
                <Count label="Archived" value={o.archived} />
                <Count label="Broker depth" value={o.brokerDepth} />
                <Count label="Oldest" value={formatAge(o.oldestAgeSeconds)} />
              </Box>
              <Typography variant="subtitle2">Inflow, last 24 h</Typography>
              <InflowChart inflow={o.inflow ?? []} />
            </InfoCard>
          )}
        </Grid>

        <Grid item xs={12}>
          {groups.error && <ErrorAlert error={groups.error} />}
          {groups.loading && !groups.value && <Progress />}
          {groups.value && (
            <Table<FingerprintGroup>
              title="Failure groups"
              subtitle="messages that failed the same way"
              options={{
                paging: groups.value.length > 10,
                pageSize: 10,
                search: false,
                padding: 'dense',
              }}
              columns={groupColumns}
              data={groups.value}
              emptyContent={
                <Typography style={{ padding: 16 }} color="textSecondary">
                  No failures.
                </Typography>
              }
            />
          )}
        </Grid>

        <Grid item xs={12}>
          <InfoCard
            title="Messages"
            subheader={
              messages.value ? `${messages.value.total} matching` : undefined
            }
          >
            <form onSubmit={onApply} aria-label="message filters">
              <Box
                display="flex"
                flexWrap="wrap"
                alignItems="center"
                mb={2}
                style={{ gap: 12 }}
              >
                <TextField
                  select
                  size="small"
                  variant="outlined"
                  id="dlq-filter-status"
                  label="Status"
                  value={filters.status ?? ''}
                  onChange={e =>
                    setFilters({
                      ...filters,
                      status: e.target.value || undefined,
                    })
                  }
                  style={{ minWidth: 130 }}
                  SelectProps={{
                    SelectDisplayProps: { 'aria-label': 'status' } as any,
                  }}
                >
                  <MenuItem value="">any</MenuItem>
                  <MenuItem value="failed">failed</MenuItem>
                  <MenuItem value="parked">parked</MenuItem>
                  <MenuItem value="archived">archived</MenuItem>
                </TextField>
                <TextField
                  select
                  size="small"
                  variant="outlined"
                  id="dlq-filter-classification"
                  label="Replay outlook"
                  value={filters.classification ?? ''}
                  onChange={e =>
                    setFilters({
                      ...filters,
                      classification: e.target.value || undefined,
                    })
                  }
                  style={{ minWidth: 150 }}
                  SelectProps={{
                    SelectDisplayProps: {
                      'aria-label': 'replay outlook',
                    } as any,
                  }}
                >
                  <MenuItem value="">any</MenuItem>
                  <MenuItem value="transient">transient</MenuItem>
                  <MenuItem value="permanent">permanent</MenuItem>
                  <MenuItem value="unknown">unknown</MenuItem>
                </TextField>
                <TextField
                  size="small"
                  variant="outlined"
                  id="dlq-filter-businessId"
                  label="Business id"
                  placeholder="order id / payment id"
                  value={draft.businessId ?? ''}
                  onChange={e =>
                    setDraft(d => ({ ...d, businessId: e.target.value }))
                  }
                />
                <TextField
                  size="small"
                  variant="outlined"
                  id="dlq-filter-errorClass"
                  label="Error class"
                  value={draft.errorClass ?? ''}
                  onChange={e =>
                    setDraft(d => ({ ...d, errorClass: e.target.value }))
                  }
                />
                <TextField
                  size="small"
                  variant="outlined"
                  id="dlq-filter-from"
                  label="From"
                  type="datetime-local"
                  InputLabelProps={{ shrink: true }}
                  value={draft.from ?? ''}
                  onChange={e =>
                    setDraft(d => ({ ...d, from: e.target.value }))
                  }
                />
                <TextField
                  size="small"
                  variant="outlined"
                  id="dlq-filter-to"
                  label="To"
                  type="datetime-local"
                  InputLabelProps={{ shrink: true }}
                  value={draft.to ?? ''}
                  onChange={e => setDraft(d => ({ ...d, to: e.target.value }))}
                />
                <Button type="submit" variant="outlined">
                  Apply
                </Button>
                <Button
                  onClick={() => setFilters({})}
                  disabled={Object.keys(filters).length === 0}
                >
                  Clear
                </Button>
              </Box>
              {filters.fingerprint && (
                <Alert
                  severity="info"
                  style={{ marginBottom: 12 }}
                  onClose={() =>
                    setFilters({ ...filters, fingerprint: undefined })
                  }
                >
                  Showing failure group {filters.fingerprint.slice(0, 12)} only.
                </Alert>
              )}
            </form>

            <AccessNotice actions={actions} />
            <Box display="flex" flexWrap="wrap" mb={1} style={{ gap: 8 }}>
              <Button
                variant="contained"
                color="primary"
                disabled={ids.length === 0 || !actions.replay}
                title={actions.replay ? undefined : actions.reason}
                onClick={() =>
                  setReplay({
                    selection: { ids },
                    description: `${plural(ids.length)} (selected)`,
                  })
                }
              >
                Replay selected
              </Button>
              <Tooltip
                title={
                  actions.replay
                    ? 'Every message matching business id, error class, time range and group (not only this page)'
                    : actions.reason ?? ''
                }
              >
                <span>
                  <Button
                    variant="outlined"
                    color="primary"
                    disabled={
                      !messages.value ||
                      messages.value.total === 0 ||
                      !actions.replay
                    }
                    onClick={() =>
                      setReplay({
                        selection: filterSelection,
                        description: `all messages matching the filter`,
                      })
                    }
                  >
                    Replay all matching filter
                    {messages.value ? ` (${messages.value.total})` : ''}
                  </Button>
                </span>
              </Tooltip>
              <Button
                variant="outlined"
                disabled={ids.length === 0 || !actions.manage}
                title={actions.manage ? undefined : actions.reason}
                onClick={() => setBulk('archive')}
              >
                Archive selected
              </Button>
              <Button
                variant="outlined"
                color="secondary"
                disabled={ids.length === 0 || !actions.manage}
                title={actions.manage ? undefined : actions.reason}
                onClick={() => setBulk('purge')}
              >
                Purge selected
              </Button>
            </Box>
            {notice && (
              <Alert
                severity="success"
                onClose={() => setNotice(undefined)}
                style={{ marginBottom: 8 }}
              >
                {notice}
              </Alert>
            )}

            {messages.error && <ErrorAlert error={messages.error} />}
            {messages.loading && <Progress />}
            {messages.value && (
              <>
                <MuiTable size="small" aria-label="messages">
                  <TableHead>
                    <TableRow>
                      <TableCell padding="checkbox">
                        <Checkbox
                          checked={allOnPage}
                          indeterminate={
                            !allOnPage &&
                            pageItems.some(m => selected.has(m.id))
                          }
                          onChange={() =>
                            setSelected(
                              allOnPage
                                ? new Set()
                                : new Set(pageItems.map(m => m.id)),
                            )
                          }
                          inputProps={{
                            'aria-label': 'select all on this page',
                          }}
                        />
                      </TableCell>
                      <TableCell>Message</TableCell>
                      <TableCell>Order / payment</TableCell>
                      <TableCell>Error</TableCell>
                      <TableCell>Stage</TableCell>
                      <TableCell align="right">Attempts</TableCell>
                      <TableCell align="right">Replays</TableCell>
                      <TableCell>Last failure</TableCell>
                      <TableCell>Status</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {pageItems.map((m: FailedMessageSummary) => (
                      <TableRow key={m.id} hover selected={selected.has(m.id)}>
                        <TableCell padding="checkbox">
                          <Checkbox
                            checked={selected.has(m.id)}
                            onChange={() => toggle(m.id)}
                            inputProps={{
                              'aria-label': `select ${m.messageId}`,
                            }}
                          />
                        </TableCell>
                        <TableCell>
                          <Link to={links.message(runtime, dlq, m.id)}>
                            {m.messageId}
                          </Link>
                        </TableCell>
                        <TableCell>
                          {m.orderId ?? '–'}
                          {m.paymentId && (
                            <Typography
                              variant="caption"
                              display="block"
                              color="textSecondary"
                            >
                              {m.paymentId}
                            </Typography>
                          )}
                        </TableCell>
                        <TableCell style={{ maxWidth: 360 }}>
                          <Box
                            display="flex"
                            alignItems="center"
                            style={{ gap: 8 }}
                          >
                            <Typography variant="body2">
                              {m.errorClass}
                            </Typography>
                            <ClassificationChip
                              classification={m.classification}
                            />
                          </Box>
                          <Typography
                            variant="caption"
                            color="textSecondary"
                            display="block"
                            noWrap
                            title={m.errorMessage}
                          >
                            {m.errorMessage}
                          </Typography>
                        </TableCell>
                        <TableCell>{m.stage}</TableCell>
                        <TableCell align="right">{m.attempts}</TableCell>
                        <TableCell align="right">{m.replayCount}</TableCell>
                        <TableCell>{formatTime(m.lastFailureAt)}</TableCell>
                        <TableCell>
                          <FailureStatusChip status={m.status} />
                        </TableCell>
                      </TableRow>
                    ))}
                    {pageItems.length === 0 && (
                      <TableRow>
                        <TableCell colSpan={9}>
                          <Typography color="textSecondary">
                            No messages match.
                          </Typography>
                        </TableCell>
                      </TableRow>
                    )}
                  </TableBody>
                </MuiTable>
                <Box
                  display="flex"
                  alignItems="center"
                  justifyContent="flex-end"
                  mt={1}
                  style={{ gap: 12 }}
                >
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    data-testid="messages-paging"
                  >
                    {pageItems.length
                      ? `${stack.length * PAGE_SIZE + 1}–${
                          stack.length * PAGE_SIZE + pageItems.length
                        } of ${messages.value.total}`
                      : `0 of ${messages.value.total}`}
                    {selected.size > 0 && ` · ${selected.size} selected`}
                  </Typography>
                  <Button
                    size="small"
                    disabled={stack.length === 0}
                    onClick={() =>
                      setPaging({ key: filterKey, stack: stack.slice(0, -1) })
                    }
                  >
                    Previous
                  </Button>
                  <Button
                    size="small"
                    disabled={!messages.value.nextCursor}
                    onClick={() =>
                      setPaging({
                        key: filterKey,
                        stack: [...stack, messages.value!.nextCursor!],
                      })
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

      {replay && (
        <ReplayDialog
          open
          onClose={() => setReplay(undefined)}
          runtime={runtime}
          dlq={dlq}
          selection={replay.selection}
          description={replay.description}
        />
      )}
      <ReasonDialog
        open={bulk !== undefined}
        title={
          bulk === 'purge'
            ? `Purge ${plural(ids.length)}?`
            : `Archive ${plural(ids.length)}?`
        }
        text={
          bulk === 'purge'
            ? 'Purged messages are deleted for good and cannot be replayed.'
            : 'Archived messages are kept but no longer count as failed; they can still be inspected.'
        }
        confirmLabel={bulk === 'purge' ? 'Purge' : 'Archive'}
        destructive={bulk === 'purge'}
        onClose={() => setBulk(undefined)}
        onConfirm={async reason => {
          if (bulk === 'purge') {
            const res = await api.purge(runtime, dlq, ids, reason);
            setNotice(`Purged ${res.purged.length} of ${plural(ids.length)}.`);
          } else {
            const res = await api.archive(runtime, dlq, ids, reason);
            setNotice(
              `Archived ${res.archived.length} of ${plural(ids.length)}.`,
            );
          }
          setRefresh(r => r + 1);
        }}
      />
    </Content>
  );
};
