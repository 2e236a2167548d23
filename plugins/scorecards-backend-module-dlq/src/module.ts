import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scorecardsMetricProvidersExtensionPoint } from '@internal/plugin-scorecards-node';
import { DlqClient } from './DlqClient';
import { DlqMetricProvider } from './DlqMetricProvider';

/** Adds the per dead-letter-queue KPIs to the scorecards backend. */
export const scorecardsModuleDlq = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'dlq',
  register(env) {
    env.registerInit({
      deps: {
        metrics: scorecardsMetricProvidersExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ metrics, discovery, auth, logger }) {
        metrics.addMetricProvider(
          new DlqMetricProvider({
            api: new DlqClient({ discovery, auth }),
            logger,
          }),
        );
      },
    });
  },
});
