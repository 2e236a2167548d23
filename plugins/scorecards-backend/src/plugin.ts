import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { scorecardsPermissions } from '@internal/plugin-scorecards-common';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';

/** Scorecards: KPI values from metric providers that backend modules add. */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    const providers: ScorecardMetricProvider[] = [];
    env.registerExtensionPoint(scorecardsMetricProvidersExtensionPoint, {
      addMetricProvider(...added) {
        providers.push(...added.flat());
      },
    });
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ logger, permissionsRegistry }) {
        permissionsRegistry.addPermissions(scorecardsPermissions);
        logger.info(
          `Scorecards: ${providers.length} metric provider(s): ${
            providers.map(p => p.id).join(', ') || 'none'
          }`,
        );
      },
    });
  },
});
