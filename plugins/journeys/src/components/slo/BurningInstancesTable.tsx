import { Link, Table, TableColumn } from '@backstage/core-components';
import type {
  InstanceStatus,
  SloBurningInstance,
  SloDetail,
} from '@internal/plugin-journeys-common';
import { Typography } from '@material-ui/core';
import { formatTime } from '@internal/plugin-dlq-react';
import { useJourneysLinks } from '../../routes';
import { formatMs, shortId } from '../format';
import { BusinessKeys } from '../InstancesTable';
import { InstanceStatusChip } from '../InstanceStatusChip';

const PAGE_SIZE = 5;

/** The instances that counted as bad events, each linking to its waterfall. */
export const BurningInstancesTable = ({ slo }: { slo: SloDetail }) => {
  const links = useJourneysLinks();
  const items = slo.burningInstances;
  const columns: TableColumn<SloBurningInstance>[] = [
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
      render: i => <InstanceStatusChip status={i.status as InstanceStatus} />,
    },
    {
      title: 'Duration',
      field: 'durationMs',
      type: 'numeric',
      render: i => formatMs(i.durationMs),
    },
    {
      title: 'Started',
      field: 'startedAt',
      render: i => formatTime(i.startedAt),
    },
    {
      title: 'Business keys',
      sorting: false,
      render: i => <BusinessKeys keys={i.businessKeys ?? {}} />,
    },
  ];
  return (
    <div data-testid="slo-burning-instances">
      <Table<SloBurningInstance>
        title={
          slo.indicator === 'latency'
            ? 'Slowest instances over the threshold'
            : 'Latest bad instances'
        }
        options={{
          paging: items.length > PAGE_SIZE,
          pageSize: PAGE_SIZE,
          pageSizeOptions: [PAGE_SIZE, 20, 50],
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={items}
        emptyContent={
          <Typography style={{ padding: 16 }} color="textSecondary">
            No bad instances in the window.
          </Typography>
        }
      />
    </div>
  );
};
