import { Content, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { ErrorPanel } from '@internal/plugin-dlq-react';
import { journeysApiRef } from '../api/JourneysApi';
import { useJourneysLinks } from '../routes';
import { JourneyStatsTable } from './JourneyStatsTable';

/** The journeys this component takes part in, over the last 24 hours. */
export const EntityJourneysContent = () => {
  const { entity } = useEntity();
  const api = useApi(journeysApiRef);
  const links = useJourneysLinks();
  const component = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.listJourneys({ window: '24h', component }),
    [api, component],
  );

  if (loading) return <Progress />;
  return (
    <Content>
      {error && <ErrorPanel error={error} title="Could not list journeys" />}
      {value &&
        (value.length === 0 ? (
          <Typography color="textSecondary">
            {entity.metadata.name} takes part in no journey.{' '}
            <Link to={links.overview()}>All journeys</Link>
          </Typography>
        ) : (
          <JourneyStatsTable
            items={value}
            title={`Journeys through ${entity.metadata.name}, last 24h`}
          />
        ))}
    </Content>
  );
};
