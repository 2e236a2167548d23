import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { catalogTitle, entityDisplayName } from '../shaping/entityNames';

/** An entity's human name from the catalog; its name made readable until then or without it. */
export function useEntityTitle(entityRef: string): string {
  const catalog = useApi(catalogApiRef);
  const entity = useAsync(
    () => catalog.getEntityByRef(entityRef),
    [catalog, entityRef],
  );
  return entity.value
    ? catalogTitle(entity.value)
    : entityDisplayName(entityRef);
}
