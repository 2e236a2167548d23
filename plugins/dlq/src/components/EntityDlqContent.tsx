import { Content, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { useDlqLinks } from '../routes';
import { ErrorPanel } from './common';
import { DlqTable, RuntimeErrors } from './DlqTable';

/** The dead-letter queues this component consumes from. */
export const EntityDlqContent = () => {
  const { entity } = useEntity();
  const api = useApi(dlqApiRef);
  const links = useDlqLinks();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.listDlqs({ entityRef, inflowHours: 24 }),
    [api, entityRef],
  );

  if (loading) return <Progress />;
  return (
    <Content>
      {error && (
        <ErrorPanel error={error} title="Could not list dead-letter queues" />
      )}
      {value && (
        <>
          <RuntimeErrors errors={value.errors} />
          {value.items.length === 0 ? (
            <Typography color="textSecondary">
              {entity.metadata.name} has no dead-letter queues.{' '}
              <Link to={links.overview()}>All dead letters</Link>
            </Typography>
          ) : (
            <DlqTable
              items={value.items}
              title={`Dead-letter queues consumed by ${entity.metadata.name}`}
            />
          )}
        </>
      )}
    </Content>
  );
};
