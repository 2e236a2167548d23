import { Link, Table, TableColumn } from '@backstage/core-components';
import type { Replay } from '@internal/plugin-dlq-common';
import { describeReplayCounts } from '@internal/plugin-dlq-common';
import { Typography } from '@material-ui/core';
import { EntityLink, WRAP, formatTime } from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { ReplayStatusChip } from './common';

/** Replays, the ones waiting for a second person first. */
export const ReplaysTable = ({
  replays,
  title = 'Replays',
}: {
  replays: Replay[];
  title?: string;
}) => {
  const links = useDlqLinks();
  const data = [...replays].sort(
    (a, b) =>
      Number(b.status === 'awaiting-approval') -
        Number(a.status === 'awaiting-approval') ||
      b.createdAt.localeCompare(a.createdAt),
  );
  const columns: TableColumn<Replay>[] = [
    {
      title: 'Replay',
      field: 'id',
      render: r => <Link to={links.replay(r.id)}>{r.id.slice(0, 8)}</Link>,
    },
    {
      title: 'Queue',
      field: 'dlq',
      render: r => (
        <div>
          <Link to={links.dlq(r.runtime, r.dlq)}>{r.dlq}</Link>
          <Typography variant="caption" display="block" color="textSecondary">
            {r.runtime}
          </Typography>
        </div>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      render: r => <ReplayStatusChip replay={r} />,
    },
    {
      title: 'Messages',
      field: 'plan.count',
      type: 'numeric',
      render: r => (
        <div>
          {r.progress.done} of {r.progress.total}
          <Typography
            variant="caption"
            display="block"
            color="textSecondary"
            data-testid="replay-counts"
          >
            {describeReplayCounts(r.progress.counts)}
          </Typography>
        </div>
      ),
    },
    {
      title: 'Requester',
      field: 'requester',
      render: r => <EntityLink entityRef={r.requester} defaultKind="user" />,
    },
    {
      title: 'Reason',
      field: 'reason',
      render: r => <span style={WRAP}>{r.reason ?? '–'}</span>,
    },
    {
      title: 'Created',
      field: 'createdAt',
      render: r => formatTime(r.createdAt),
    },
  ];
  return (
    <Table<Replay>
      title={title}
      options={{
        paging: data.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={data}
      emptyContent={
        <Typography style={{ padding: 16 }} color="textSecondary">
          No replays yet.
        </Typography>
      }
    />
  );
};
