import { InfoCard, Link } from '@backstage/core-components';
import type { JourneyStats } from '@internal/plugin-journeys-common';
import { Grid } from '@material-ui/core';
import { useJourneysLinks } from '../routes';
import {
  JourneyTrendCharts,
  type JourneyTargets,
} from './trends/JourneyTrendCharts';
import { windowWords } from './trends/JourneyTrendLayout';

/** One card per journey: volume, error rate and cycle time against the previous period. */
export const JourneyChartGrid = ({
  items,
  previousOf,
  targetsOf,
}: {
  items: JourneyStats[];
  previousOf: (ref: string) => JourneyStats | null | undefined;
  targetsOf: (ref: string) => JourneyTargets;
}) => {
  const links = useJourneysLinks();
  return (
    <Grid container spacing={2}>
      {items.map(j => (
        <Grid item xs={12} md={6} xl={4} key={j.ref}>
          <InfoCard
            title={<Link to={links.journey(j.ref, j.window)}>{j.title}</Link>}
            subheader={`last ${windowWords(j.window)}`}
            noPadding
          >
            <div style={{ padding: 8 }}>
              <JourneyTrendCharts
                stats={j}
                previous={previousOf(j.ref)}
                targets={targetsOf(j.ref)}
              />
            </div>
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
};
