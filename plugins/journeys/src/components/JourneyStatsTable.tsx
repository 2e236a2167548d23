import { Link, Table, TableColumn } from '@backstage/core-components';
import type { JourneyStats } from '@internal/plugin-journeys-common';
import { Typography } from '@material-ui/core';
import { EntityLink } from '@internal/plugin-dlq-react';
import { useJourneysLinks } from '../routes';
import { formatPercent, roundMs } from './format';
import { DeltaText } from './trends/DeltaText';
import { headlineDeltas } from './trends/JourneyTrendLayout';

/**
 * Volume, error rate and latency percentiles of each journey, the worst error rate first;
 * with `previousOf`, volume, error rate and p95 carry their change against the previous period.
 */
export const JourneyStatsTable = ({
  items,
  title = 'Journeys',
  previousOf,
}: {
  items: JourneyStats[];
  title?: string;
  previousOf?: (ref: string) => JourneyStats | null | undefined;
}) => {
  const links = useJourneysLinks();
  const deltas = (j: JourneyStats) => headlineDeltas(j, previousOf?.(j.ref));
  const columns: TableColumn<JourneyStats>[] = [
    {
      title: 'Journey',
      field: 'title',
      highlight: true,
      cellStyle: { minWidth: 200 },
      render: j => (
        <div>
          <Link to={links.journey(j.ref, j.window)}>{j.title}</Link>
          {j.description && (
            <Typography variant="caption" display="block" color="textSecondary">
              {j.description}
            </Typography>
          )}
        </div>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: j => <EntityLink entityRef={j.owner} defaultKind="group" />,
    },
    {
      title: 'Volume',
      field: 'volume',
      type: 'numeric',
      render: j => (
        <>
          {j.volume}
          <DeltaText delta={deltas(j).volume} />
        </>
      ),
    },
    { title: 'Failed', field: 'failed', type: 'numeric' },
    { title: 'Stuck', field: 'stuck', type: 'numeric' },
    {
      title: 'Error rate',
      field: 'errorRate',
      type: 'numeric',
      render: j => (
        <span
          style={
            j.errorRate && j.errorRate > 0
              ? { color: '#d32f2f', fontWeight: 500 }
              : undefined
          }
        >
          {formatPercent(j.errorRate)}
          <DeltaText delta={deltas(j).errorRate} />
        </span>
      ),
    },
    {
      title: 'p50 (ms)',
      field: 'p50Ms',
      type: 'numeric',
      render: j => roundMs(j.p50Ms),
    },
    {
      title: 'p95 (ms)',
      field: 'p95Ms',
      type: 'numeric',
      render: j => (
        <>
          {roundMs(j.p95Ms)}
          <DeltaText delta={deltas(j).p95} />
        </>
      ),
    },
    {
      title: 'p99 (ms)',
      field: 'p99Ms',
      type: 'numeric',
      render: j => roundMs(j.p99Ms),
    },
  ];
  const data = [...items].sort(
    (a, b) =>
      (b.errorRate ?? -1) - (a.errorRate ?? -1) ||
      b.volume - a.volume ||
      a.title.localeCompare(b.title),
  );
  return (
    <Table<JourneyStats>
      title={title}
      options={{
        paging: data.length > 20,
        pageSize: 20,
        search: data.length > 5,
        padding: 'dense',
      }}
      columns={columns}
      data={data}
      emptyContent={
        <Typography style={{ padding: 16 }} color="textSecondary">
          No journeys.
        </Typography>
      }
    />
  );
};
