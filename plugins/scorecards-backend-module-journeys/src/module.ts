import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scorecardsMetricProvidersExtensionPoint } from '@internal/plugin-scorecards-node';
import { JourneyMetricProvider } from './JourneyMetricProvider';
import { JourneysClient } from './JourneysClient';

/** Adds the per-journey KPIs to the scorecards backend. */
export const scorecardsModuleJourneys = createBackendModule({
  pluginId: 'scorecards',
  moduleId: 'journeys',
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
          new JourneyMetricProvider({
            api: new JourneysClient({ discovery, auth }),
            logger,
          }),
        );
      },
    });
  },
});
