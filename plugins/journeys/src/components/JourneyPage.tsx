import { Content, InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  InstanceSummary,
  JourneyStats,
} from '@internal/plugin-journeys-common';
import { Box, Breadcrumbs, Chip, Grid, Typography } from '@material-ui/core';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { EntityLink, ErrorAlert, ErrorPanel } from '@internal/plugin-dlq-react';
import { journeysApiRef } from '../api/JourneysApi';
import { journeyName, useJourneysLinks } from '../routes';
import { formatPercent, roundMs, formatMs } from './format';
import { InstancesTable } from './InstancesTable';
import { JourneySloSection } from './slo/JourneySloSection';
import { useStatsWindow, WindowSelector } from './WindowSelector';
import { Fact } from './Fact';
import { DeltaText } from './trends/DeltaText';
import { JourneyTrendCharts } from './trends/JourneyTrendCharts';
import {
  headlineDeltas,
  previousName,
  windowWords,
} from './trends/JourneyTrendLayout';
import {
  previousOf,
  targetsOf,
  useJourneyPeriods,
} from './trends/useJourneyTrends';

const INSTANCE_LIMIT = 20;

const JourneyHeader = ({
  stats,
  previous,
}: {
  stats: JourneyStats;
  previous: JourneyStats | null | undefined;
}) => {
  const deltas = headlineDeltas(stats, previous);
  return (
    <InfoCard title={stats.title} subheader={stats.description}>
      <Box display="flex" flexWrap="wrap">
        <Fact label="Owner">
          <EntityLink entityRef={stats.owner} defaultKind="group" />
        </Fact>
        <Fact label="Components">
          {stats.components.length === 0
            ? '–'
            : stats.components.map((c, i) => (
                <span key={c}>
                  {i > 0 && ', '}
                  <EntityLink entityRef={c} defaultKind="component" />
                </span>
              ))}
        </Fact>
        <Fact label="Business keys">
          {stats.businessKeys.length === 0
            ? '–'
            : stats.businessKeys.map(k => (
                <Chip
                  key={k}
                  size="small"
                  label={k}
                  style={{ marginRight: 4 }}
                />
              ))}
        </Fact>
      </Box>
      <Box display="flex" flexWrap="wrap" data-testid="journey-facts">
        <Fact label={`Instances (${stats.window})`}>
          {stats.volume}
          <DeltaText delta={deltas.volume} />
        </Fact>
        <Fact label="Failed">{stats.failed}</Fact>
        <Fact label="Stuck">{stats.stuck}</Fact>
        <Fact label="In flight">{stats.inFlight}</Fact>
        <Fact label="Rejected (4xx)">{stats.rejected}</Fact>
        <Fact label="Recovered by replay">
          {stats.recoveredByReplay}
          {stats.recoveryP50Ms !== null &&
            ` · median ${formatMs(stats.recoveryP50Ms)} to recover`}
        </Fact>
        <Fact label="Error rate">
          {formatPercent(stats.errorRate)}
          <DeltaText delta={deltas.errorRate} />
        </Fact>
        <Fact label="Cycle time p50 / p95 / p99 (ms)">
          {roundMs(stats.p50Ms)} / {roundMs(stats.p95Ms)} /{' '}
          {roundMs(stats.p99Ms)}
          {deltas.p95 && (
            <Typography variant="caption" display="block" component="span">
              p95 <DeltaText delta={deltas.p95} inline />
            </Typography>
          )}
        </Fact>
      </Box>
      {previous !== null && !deltas.volume && (
        <Typography variant="caption" color="textSecondary">
          No instances in the {previousName(stats.window)}: no change to show.
        </Typography>
      )}
    </InfoCard>
  );
};

const byNewest = (a: InstanceSummary, b: InstanceSummary) =>
  b.startedAt.localeCompare(a.startedAt);

/**
 * One journey: who owns it, how it does over the window, its objectives, what failed or
 * got stuck, what is slow.
 */
export const JourneyPage = () => {
  const api = useApi(journeysApiRef);
  const links = useJourneysLinks();
  const { namespace = 'default', name = '' } = useParams();
  const [window, setWindow] = useStatsWindow();
  const journey = { namespace, name };

  // The contract has no single-journey route; the list is small (one row per Journey entity).
  const periods = useJourneyPeriods(window);
  const current =
    periods.value?.current.find(j => {
      const n = journeyName(j.ref);
      return (
        n.namespace.toLocaleLowerCase('en-US') ===
          namespace.toLocaleLowerCase('en-US') &&
        n.name.toLocaleLowerCase('en-US') === name.toLocaleLowerCase('en-US')
      );
    }) ?? null;
  const stats = {
    loading: periods.loading,
    error: periods.error,
    value: periods.value ? current : undefined,
  };
  const previous =
    periods.value && current ? previousOf(periods.value, current.ref) : null;
  // Read once: the charts' target lines and the SLO section below.
  const slos = useAsync(
    () => api.getJourneySlos({ namespace, name }),
    [api, namespace, name],
  );
  const broken = useAsync(async () => {
    const [failed, stuck] = await Promise.all([
      api.listInstances(journey, {
        status: 'failed',
        window,
        limit: INSTANCE_LIMIT,
      }),
      api.listInstances(journey, {
        status: 'stuck',
        window,
        limit: INSTANCE_LIMIT,
      }),
    ]);
    return [...failed, ...stuck].sort(byNewest);
  }, [api, window, namespace, name]);
  const slowest = useAsync(
    () =>
      api.listInstances(journey, {
        sort: 'duration',
        window,
        limit: INSTANCE_LIMIT,
      }),
    [api, window, namespace, name],
  );

  return (
    <Content>
      <Box display="flex" alignItems="center" mb={2}>
        <Breadcrumbs aria-label="breadcrumb" style={{ flex: 1 }}>
          <Link to={links.overview()}>Journeys</Link>
          <Typography color="textPrimary">
            {stats.value?.title ?? name}
          </Typography>
        </Breadcrumbs>
        <WindowSelector value={window} onChange={setWindow} />
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={5}>
          {stats.loading && <Progress />}
          {stats.error && (
            <ErrorPanel
              error={stats.error}
              title="Could not read the journey"
            />
          )}
          {stats.value === null && (
            <ErrorAlert
              error={
                new Error(`No journey ${namespace}/${name} in the catalog`)
              }
            />
          )}
          {stats.value && (
            <div data-testid="journey-header">
              <JourneyHeader stats={stats.value} previous={previous} />
            </div>
          )}
        </Grid>
        <Grid item xs={12} lg={7}>
          {stats.value && (
            <InfoCard
              title={`Volume, error rate and cycle time, last ${windowWords(
                window,
              )}`}
              subheader={`Dashed grey: the ${previousName(
                window,
              )}; dashed orange: the objectives' targets`}
              noPadding
            >
              <Box p={1}>
                <JourneyTrendCharts
                  stats={stats.value}
                  previous={previous}
                  targets={targetsOf(slos)}
                  height={150}
                />
              </Box>
            </InfoCard>
          )}
        </Grid>
        <Grid item xs={12}>
          <JourneySloSection journey={journey} slos={slos} />
        </Grid>
        <Grid item xs={12}>
          {broken.loading && <Progress />}
          {broken.error && (
            <ErrorAlert
              error={broken.error}
              title="Could not list failed and stuck instances"
            />
          )}
          {broken.value && (
            <InstancesTable
              testId="failed-instances"
              title="Recent failed and stuck instances"
              items={broken.value}
              emptyText={`No failed or stuck instances in the last ${window}.`}
            />
          )}
        </Grid>
        <Grid item xs={12}>
          {slowest.loading && <Progress />}
          {slowest.error && (
            <ErrorAlert
              error={slowest.error}
              title="Could not list the slowest instances"
            />
          )}
          {slowest.value && (
            <InstancesTable
              testId="slowest-instances"
              title="Slowest instances"
              items={slowest.value}
              emptyText={`No instances in the last ${window}.`}
            />
          )}
        </Grid>
      </Grid>
    </Content>
  );
};
