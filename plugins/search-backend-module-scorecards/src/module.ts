import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ScorecardCollatorFactory } from './ScorecardCollatorFactory';

const CONFIG_KEY = 'search.collators.scorecards.schedule';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  // The scorecards backend, whose KPI list the documents name, starts alongside.
  initialDelay: { seconds: 30 },
};

/** `search.collators.scorecards.schedule`, or the default; a bad one names the key. */
export function readScheduleConfig(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(CONFIG_KEY);
  if (!schedule) return DEFAULT_SCHEDULE;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  } catch (error) {
    throw new TypeError(`${CONFIG_KEY}: ${(error as Error).message}`);
  }
}

/** Indexes the Scorecards page and each team's, system's and journey's scorecard. */
export const searchModuleScorecardsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'scorecards-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        scheduler,
        auth,
        discovery,
        logger,
        catalog,
        indexRegistry,
      }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            readScheduleConfig(config),
          ),
          factory: new ScorecardCollatorFactory({
            catalog,
            auth,
            discovery,
            logger,
          }),
        });
      },
    });
  },
});
