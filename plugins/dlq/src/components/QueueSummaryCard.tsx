import { InfoCard } from '@backstage/core-components';
import type { DlqOverview } from '@internal/plugin-dlq-common';
import { EntityLink } from '@internal/plugin-dlq-react';
import { Box, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import { formatAge } from './common';
import { InflowChart } from './InflowChart';

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

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <Typography variant="caption" color="textSecondary" display="block">
      {label}
    </Typography>
    {children}
  </div>
);

/** A dead-letter queue's owner, consumer, binding, counts and inflow. */
export const QueueSummaryCard = ({ queue: o }: { queue: DlqOverview }) => (
  <InfoCard
    title={o.name}
    subheader={`dead letters arrive on ${o.deadLetterQueue} · runtime ${o.runtime}`}
  >
    <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 24 }}>
      <Fact label="Owner">
        <EntityLink entityRef={o.entities.owner} defaultKind="group" />
      </Fact>
      <Fact label="Consumer">
        {o.entities.consumer ? (
          <EntityLink entityRef={o.entities.consumer} defaultKind="component" />
        ) : (
          o.consumer
        )}
      </Fact>
      <Fact label="Exchange / binding">
        {o.exchange} · {o.bindingKeys.join(', ') || '–'}
      </Fact>
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
);
