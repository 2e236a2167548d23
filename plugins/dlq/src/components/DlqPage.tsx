import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  FailureStatus,
  ReplaySelection,
} from '@internal/plugin-dlq-common';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { Box, Breadcrumbs, Button, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useDlqLinks } from '../routes';
import { AccessNotice, useQueueActions } from './AccessNotice';
import { BulkActions } from './BulkActions';
import { ErrorAlert, ErrorPanel } from './common';
import { FailureGroupsTable } from './FailureGroupsTable';
import { MessageFilterForm } from './MessageFilterForm';
import {
  apiFilters,
  filterSelection,
  plural,
  useUrlFilters,
} from './messageFilters';
import { MessagesTable } from './MessagesTable';
import { QueueSummaryCard } from './QueueSummaryCard';
import { ReasonDialog } from './ReasonDialog';
import { ReplayDialog } from './ReplayDialog';

const PAGE_SIZE = 25;

/**
 * One dead-letter queue: its summary, failure groups, and its dead letters with filters
 * (kept in the URL), cursor paging, selection and bulk actions.
 */
export const DlqPage = () => {
  const api = useApi(dlqApiRef);
  const links = useDlqLinks();
  const { runtime = '', dlq = '' } = useParams();
  const { filters, filterKey, setFilters } = useUrlFilters();
  const [refresh, setRefresh] = useState(0);

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
  const messages = useAsyncRetry(
    () =>
      api.listMessages(runtime, dlq, {
        ...apiFilters(filters),
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

  const pageItems = messages.value?.items ?? [];
  const ids = [...selected];

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
          {o && <QueueSummaryCard queue={o} />}
        </Grid>

        <Grid item xs={12}>
          {groups.error && <ErrorAlert error={groups.error} />}
          {groups.loading && !groups.value && <Progress />}
          {groups.value && (
            <FailureGroupsTable
              runtime={runtime}
              dlq={dlq}
              groups={groups.value}
              actions={actions}
              onShow={g =>
                setFilters({ ...filters, fingerprint: g.fingerprint })
              }
              onReplay={g =>
                setReplay({
                  selection: { fingerprint: g.fingerprint },
                  description: `group ${g.errorClass} (${plural(g.count)})`,
                })
              }
            />
          )}
        </Grid>

        <Grid item xs={12}>
          <InfoCard
            title="Dead letters"
            subheader={
              messages.value ? `${messages.value.total} matching` : undefined
            }
          >
            <MessageFilterForm filters={filters} setFilters={setFilters} />

            <AccessNotice actions={actions} />
            <BulkActions
              selectedCount={ids.length}
              matchingCount={messages.value?.total}
              actions={actions}
              onReplaySelected={() =>
                setReplay({
                  selection: { ids },
                  description: `${plural(ids.length)} (selected)`,
                })
              }
              onReplayMatching={() =>
                setReplay({
                  selection: filterSelection(filters),
                  description: `all messages matching the filter`,
                })
              }
              onArchive={() => setBulk('archive')}
              onPurge={() => setBulk('purge')}
            />
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
                <MessagesTable
                  runtime={runtime}
                  dlq={dlq}
                  items={pageItems}
                  selected={selected}
                  onSelect={setSelected}
                />
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
