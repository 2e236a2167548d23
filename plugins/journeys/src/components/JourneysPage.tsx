import { Content, LinkButton, Progress } from '@backstage/core-components';
import { Button, Grid, Typography } from '@material-ui/core';
import { ErrorPanel } from '@internal/plugin-dlq-react';
import { useJourneysLinks } from '../routes';
import { JourneyChartGrid } from './JourneyCharts';
import { JourneySearch } from './JourneySearch';
import { JourneyStatsTable } from './JourneyStatsTable';
import { useStatsWindow, WindowSelector } from './WindowSelector';
import {
  previousOf,
  useAllJourneyTargets,
  useJourneyPeriods,
} from './trends/useJourneyTrends';

/** Every journey: find an instance by id, compare volume, errors and latency over a window. */
export const JourneysPage = () => {
  const links = useJourneysLinks();
  const [window, setWindow] = useStatsWindow();
  const journeys = useJourneyPeriods(window);
  const targetsOf = useAllJourneyTargets();
  const periods = journeys.value;

  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <JourneySearch />
        </Grid>
        <Grid
          item
          xs={12}
          style={{ display: 'flex', alignItems: 'center', gap: 16 }}
        >
          <Typography variant="body1" style={{ flex: 1 }}>
            Business journeys across services. Open a journey for its failed,
            stuck and slowest instances.
          </Typography>
          <LinkButton size="small" variant="outlined" to={links.slos()}>
            SLOs
          </LinkButton>
          <WindowSelector value={window} onChange={setWindow} />
          <Button size="small" variant="outlined" onClick={journeys.retry}>
            Refresh
          </Button>
        </Grid>
        <Grid item xs={12}>
          {journeys.loading && !journeys.value && <Progress />}
          {journeys.error && (
            <ErrorPanel
              error={journeys.error}
              title="Could not list journeys"
            />
          )}
          {periods && (
            <JourneyStatsTable
              items={periods.current}
              previousOf={ref => previousOf(periods, ref)}
              title={`Journeys, last ${window}`}
            />
          )}
        </Grid>
        {periods && periods.current.length > 0 && (
          <Grid item xs={12}>
            <JourneyChartGrid
              items={periods.current}
              previousOf={ref => previousOf(periods, ref)}
              targetsOf={targetsOf}
            />
          </Grid>
        )}
      </Grid>
    </Content>
  );
};
