import { Link, Table, TableColumn } from '@backstage/core-components';
import type { InstanceSummary } from '@internal/plugin-journeys-common';
import { Typography } from '@material-ui/core';
import { formatTime } from '@internal/plugin-dlq-react';
import { useJourneysLinks } from '../routes';
import { formatMs, shortId } from './format';
import { InstanceStatusChip } from './InstanceStatusChip';

/** Business key names and values, one a line. */
export const BusinessKeys = ({ keys }: { keys: Record<string, string> }) => {
  const entries = Object.entries(keys);
  if (!entries.length) return <>–</>;
  return (
    <>
      {entries.map(([k, v]) => (
        <div key={k}>
          <Typography variant="caption" color="textSecondary">
            {k}
          </Typography>{' '}
          <span style={{ whiteSpace: 'nowrap', fontFamily: 'monospace' }}>
            {v}
          </span>
        </div>
      ))}
    </>
  );
};

/** Journey instances; each row links to the instance's waterfall. */
export const InstancesTable = ({
  items,
  title,
  emptyText,
  testId,
}: {
  items: InstanceSummary[];
  title: string;
  emptyText: string;
  testId?: string;
}) => {
  const links = useJourneysLinks();
  const columns: TableColumn<InstanceSummary>[] = [
    {
      title: 'Instance',
      field: 'id',
      render: i => (
        <Link to={links.instance(i.id)} style={{ fontFamily: 'monospace' }}>
          {shortId(i.id, 12)}
        </Link>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      render: i => <InstanceStatusChip status={i.status} />,
    },
    {
      title: 'Started',
      field: 'startedAt',
      render: i => formatTime(i.startedAt),
    },
    {
      title: 'Duration',
      field: 'durationMs',
      type: 'numeric',
      render: i => formatMs(i.durationMs),
    },
    {
      title: 'Business keys',
      sorting: false,
      render: i => <BusinessKeys keys={i.businessKeys} />,
    },
    {
      title: 'Root cause',
      sorting: false,
      cellStyle: { minWidth: 220 },
      render: i =>
        i.failingStep ? (
          <div>
            <strong>{i.failingStep.service}</strong> · {i.failingStep.name}
            {i.failingStep.httpStatus !== undefined &&
              ` · HTTP ${i.failingStep.httpStatus}`}
            {i.failingStep.message && (
              <Typography variant="caption" display="block" color="error">
                {i.failingStep.message}
              </Typography>
            )}
          </div>
        ) : (
          '–'
        ),
    },
    { title: 'Spans', field: 'spanCount', type: 'numeric' },
  ];
  return (
    <div data-testid={testId}>
      <Table<InstanceSummary>
        title={title}
        options={{
          paging: items.length > 10,
          pageSize: 10,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={items}
        emptyContent={
          <Typography style={{ padding: 16 }} color="textSecondary">
            {emptyText}
          </Typography>
        }
      />
    </div>
  );
};
