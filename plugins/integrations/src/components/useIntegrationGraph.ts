import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { MESSAGING_RESOURCE_TYPES } from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';

const FIELDS = ['kind', 'metadata', 'spec', 'relations'];

/** APIs, topics, queues, components and groups: what the explore and impact views read. */
export function useIntegrationGraph() {
  const catalog = useApi(catalogApiRef);
  return useAsync(async () => {
    const { items } = await catalog.getEntities({
      filter: [
        { kind: 'API' },
        { kind: 'Resource', 'spec.type': [...MESSAGING_RESOURCE_TYPES] },
        { kind: 'Component' },
        { kind: 'Group' },
      ],
      fields: FIELDS,
    });
    const byRef = new Map<string, Entity>(
      items.map(e => [stringifyEntityRef(e), e]),
    );
    return { items, byRef };
  }, [catalog]);
}
