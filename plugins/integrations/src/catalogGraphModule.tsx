import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  RELATION_PUBLISHED_BY,
  RELATION_PUBLISHES_TO,
  RELATION_SUBSCRIBED_BY,
  RELATION_SUBSCRIBES_TO,
} from '@internal/plugin-integrations-common';

/**
 * Teaches the catalog graph the publish/subscribe relations, which it otherwise drops as
 * unknown, so topics show who produces and who consumes them.
 */
export const catalogGraphIntegrationsModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [
                ...ALL_RELATIONS,
                RELATION_PUBLISHES_TO,
                RELATION_PUBLISHED_BY,
                RELATION_SUBSCRIBES_TO,
                RELATION_SUBSCRIBED_BY,
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                [RELATION_PUBLISHES_TO, RELATION_PUBLISHED_BY],
                [RELATION_SUBSCRIBES_TO, RELATION_SUBSCRIBED_BY],
              ],
              // Required once options are passed: show every known relation by default.
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
