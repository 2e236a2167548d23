import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import type { JourneySlos } from '@internal/plugin-journeys-common';
import useAsync from 'react-use/esm/useAsync';
import type { AsyncState } from 'react-use/esm/useAsyncFn';
import { ErrorAlert } from '@internal/plugin-dlq-react';
import { journeysApiRef, type JourneyName } from '../../api/JourneysApi';
import { useJourneysLinks } from '../../routes';
import { SloObjectiveCard } from './SloObjectiveCard';

/**
 * A journey's service level objectives, one card each: shown on the journey page and on
 * the Journey entity's SLOs tab.
 */
export const JourneySloSection = ({
  journey,
  slos: given,
}: {
  journey: JourneyName;
  /** The objectives when the page has read them already (for its charts' targets). */
  slos?: AsyncState<JourneySlos>;
}) => {
  const api = useApi(journeysApiRef);
  const links = useJourneysLinks();
  const { namespace, name } = journey;
  const own = useAsync(
    async () => (given ? undefined : api.getJourneySlos({ namespace, name })),
    [api, namespace, name, !given],
  );
  const slos = given ?? own;

  return (
    <section data-testid="journey-slos" aria-label="Service level objectives">
      <Box display="flex" alignItems="baseline" mb={1}>
        <Typography variant="h5" style={{ flex: 1 }}>
          Service level objectives
        </Typography>
        <Link to={links.slos()}>All SLOs</Link>
      </Box>
      {slos.loading && <Progress />}
      {slos.error && (
        <ErrorAlert error={slos.error} title="Could not read the SLOs" />
      )}
      {slos.value && slos.value.objectives.length === 0 && (
        <Typography color="textSecondary">
          {slos.value.journeyTitle} declares no objectives (
          <code>spec.objectives</code> of the Journey entity).
        </Typography>
      )}
      {slos.value && (
        <Grid container spacing={3}>
          {slos.value.objectives.map(slo => (
            <Grid item xs={12} key={slo.objective}>
              <SloObjectiveCard slo={slo} />
            </Grid>
          ))}
        </Grid>
      )}
    </section>
  );
};
