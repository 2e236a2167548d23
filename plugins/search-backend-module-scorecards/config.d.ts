import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The scorecards collator (search-backend-module-scorecards). */
      scorecards?: {
        /**
         * How often the Scorecards page and the teams', systems' and journeys' scorecards
         * are indexed (default every 10 minutes, timeout 15 minutes, first run after 30 s).
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
