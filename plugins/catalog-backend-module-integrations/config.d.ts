import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Discovery of RabbitMQ queues: each queue no catalog entity declares becomes a Resource
       * flagged switchboard.dev/broker-drift: undeclared; declared queues and exchanges the
       * broker lacks are flagged missing-on-broker.
       */
      rabbitmqDiscovery?: {
        /** Off unless true. */
        enabled?: boolean;
        /** The management plugin's HTTP API, e.g. http://rabbitmq:15672 (required when enabled). */
        managementUrl?: string;
        /** Required when enabled; the user needs the management (or monitoring) tag. */
        username?: string;
        /**
         * Required when enabled.
         * @visibility secret
         */
        password?: string;
        /** Default '/'. */
        vhost?: string;
        /** Owner of discovered, undeclared queues. Default 'group:default/unowned'. */
        defaultOwner?: string;
        /**
         * Regular expression: matching queues are never flagged undeclared, e.g. '\.retry\.\d+$'.
         * They still count as present for declared entities.
         */
        queueFilter?: string;
        /** Default: every 5 minutes, timeout 3 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
