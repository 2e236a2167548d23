import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scorecardsMetricProvidersExtensionPoint } from '@internal/plugin-scorecards-node';
import { CatalogIndexReader } from './CatalogIndexReader';
import { CatalogMetricProvider } from './CatalogMetricProvider';

/** Adds the contract health KPIs of APIs, topics and queues to the scorecards backend. */
export const scorecardsModuleCatalog = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'catalog',
  register(env) {
    env.registerInit({
      deps: {
        metrics: scorecardsMetricProvidersExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ metrics, catalog, auth, logger }) {
        metrics.addMetricProvider(
          new CatalogMetricProvider({
            index: new CatalogIndexReader({ catalog, auth }),
            logger,
          }),
        );
      },
    });
  },
});
