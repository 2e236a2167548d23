import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Link, WarningPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography, makeStyles } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  catalogErrorsApiRef,
  EntityProcessingErrors,
} from '../api/CatalogErrorsClient';
import { catalogErrorsRouteRef } from '../routes';
import { catalogFileOf } from './catalogErrorLocation';
import { FailingEntityName } from './CatalogErrorsPage';

const useStyles = makeStyles(theme => ({
  item: { marginBottom: theme.spacing(1.5) },
  message: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: theme.spacing(0.5, 0),
  },
  file: { overflowWrap: 'anywhere', color: theme.palette.text.secondary },
}));

type Role = 'provides' | 'consumes';

const RELATION_ROLES = new Map<string, Role>([
  ['providesApi', 'provides'],
  ['consumesApi', 'consumes'],
]);

/** The APIs this entity provides or consumes, with the role, from its relations. */
export function apiRefsOf(entity: Entity): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const relation of entity.relations ?? []) {
    const role = RELATION_ROLES.get(relation.type);
    if (!role) continue;
    const ref = stringifyEntityRef(
      parseEntityRef(relation.targetRef),
    ).toLocaleLowerCase('en-US');
    if (!roles.has(ref)) roles.set(ref, role);
  }
  return roles;
}

const Problem = ({
  entry,
  role,
}: {
  entry: EntityProcessingErrors;
  role?: Role;
}) => {
  const classes = useStyles();
  const file = catalogFileOf(entry.location);
  return (
    <div className={classes.item}>
      <Typography variant="subtitle2" component="div">
        {role === 'consumes' ? 'Consumed API ' : 'Provided API '}
        <FailingEntityName entry={entry} />
        {entry.stored
          ? ': the catalog shows its last valid version'
          : ': not in the catalog until its processing succeeds'}
      </Typography>
      {entry.errors.map((error, i) => (
        <Typography key={i} variant="body2" className={classes.message}>
          {error.message}
        </Typography>
      ))}
      {file && (
        <Typography variant="caption" component="div" className={classes.file}>
          From {file}
        </Typography>
      )}
    </div>
  );
};

/**
 * On a component's page: the APIs it provides or consumes whose catalog processing
 * failed, with the error and where it comes from, instead of only "entity not found".
 * Renders nothing while there is none.
 */
export const ApiProcessingErrorsCard = () => {
  const { entity } = useEntity();
  const api = useApi(catalogErrorsApiRef);
  const catalogErrors = useRouteRef(catalogErrorsRouteRef);
  const roles = apiRefsOf(entity);
  const refs = [...roles.keys()].sort();
  const { value, error } = useAsync(
    () => api.forEntities(refs),
    [api, refs.join(',')],
  );

  if (error) {
    return (
      <WarningPanel
        severity="warning"
        title="Could not read the processing errors of this component's APIs"
        message={error.message}
      />
    );
  }
  if (!value || value.length === 0) return null;
  const title =
    value.length === 1
      ? `API ${
          parseEntityRef(value[0].entityRef).name
        } failed catalog processing`
      : `${value.length} APIs of this component failed catalog processing`;
  return (
    <WarningPanel severity="error" title={title} defaultExpanded>
      <div>
        {value.map(entry => (
          <Problem
            key={entry.entityRef}
            entry={entry}
            role={roles.get(entry.entityRef.toLocaleLowerCase('en-US'))}
          />
        ))}
        {catalogErrors && (
          <Link to={catalogErrors()}>All failing entities in the catalog</Link>
        )}
      </div>
    </WarningPanel>
  );
};
