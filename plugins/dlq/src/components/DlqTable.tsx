import { Link, Table, TableColumn } from '@backstage/core-components';
import type { DlqListResponse, DlqOverview } from '@internal/plugin-dlq-common';
import { Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { EntityLink } from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { formatAge, Sparkline } from './common';

/**
 * Runtimes that could not be read: a warning, the rest of the page still works. A
 * degraded runtime (its broker is down; it reconnects by itself) gets its own amber
 * notice instead of being counted as unreadable.
 */
export const RuntimeErrors = ({
  errors,
}: {
  errors: DlqListResponse['errors'];
}) => {
  const degraded = errors.filter(e => e.status === 'degraded');
  const unreadable = errors.filter(e => e.status !== 'degraded');
  return (
    <>
      {degraded.map(e => (
        <Alert
          key={e.runtime}
          severity="warning"
          data-testid="runtime-degraded"
          style={{ marginBottom: 16 }}
        >
          Runtime {e.title ?? e.runtime} is degraded: {e.message}
        </Alert>
      ))}
      {unreadable.length > 0 && (
        <Alert
          severity="warning"
          data-testid="runtime-errors"
          style={{ marginBottom: 16 }}
        >
          <AlertTitle>
            {unreadable.length === 1
              ? 'One runtime could not be read'
              : `${unreadable.length} runtimes could not be read`}
            ; their queues are missing below
          </AlertTitle>
          {unreadable.map(e => (
            <div key={e.runtime}>
              <strong>{e.runtime}</strong>: {e.message}
            </div>
          ))}
        </Alert>
      )}
    </>
  );
};

/** Every dead-letter queue given, most dead letters first. */
export const DlqTable = ({
  items,
  title = 'Dead-letter queues',
}: {
  items: DlqOverview[];
  title?: string;
}) => {
  const links = useDlqLinks();
  const columns: TableColumn<DlqOverview>[] = [
    {
      title: 'Queue',
      field: 'name',
      highlight: true,
      cellStyle: { minWidth: 200, wordBreak: 'normal' },
      render: d => (
        <div>
          <Link to={links.dlq(d.runtime, d.name)}>{d.name}</Link>
          <Typography variant="caption" display="block" color="textSecondary">
            {d.deadLetterQueue}
          </Typography>
        </div>
      ),
    },
    { title: 'Runtime', field: 'runtime' },
    {
      title: 'Owner',
      field: 'entities.owner',
      render: d => (
        <EntityLink entityRef={d.entities.owner} defaultKind="group" />
      ),
    },
    {
      title: 'Consumer',
      field: 'consumer',
      render: d =>
        d.entities.consumer ? (
          <EntityLink entityRef={d.entities.consumer} defaultKind="component" />
        ) : (
          d.consumer
        ),
    },
    { title: 'Failed', field: 'failed', type: 'numeric', defaultSort: 'desc' },
    { title: 'Parked', field: 'parked', type: 'numeric' },
    { title: 'Broker depth', field: 'brokerDepth', type: 'numeric' },
    {
      title: 'Oldest',
      field: 'oldestAgeSeconds',
      type: 'numeric',
      render: d => formatAge(d.oldestAgeSeconds),
    },
    {
      title: 'Inflow (24 h)',
      sorting: false,
      render: d => <Sparkline data={d.inflow ?? []} />,
    },
  ];
  const data = [...items].sort(
    (a, b) => b.failed - a.failed || a.name.localeCompare(b.name),
  );
  return (
    <Table<DlqOverview>
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
          No dead-letter queues.
        </Typography>
      }
    />
  );
};
