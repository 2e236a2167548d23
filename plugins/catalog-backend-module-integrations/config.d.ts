import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  integrations?: {
    /**
     * The broker of AsyncAPI channels whose document names no server, as a URL such as
     * amqp://rabbitmq.internal.example:5672/ (protocol, host, port; for AMQP the vhost as
     * the path). Topics are identified by broker and address, so documents without
     * servers meet the topics of documents that name this broker. Default amqp://localhost/.
     */
    defaultBroker?: string;
  };
  catalog?: {
    providers?: {
      /**
       * Discovery of RabbitMQ queues: each queue no catalog entity declares becomes a Resource
       * flagged switchboard.dev/broker-drift: undeclared; declared queues and exchanges the
       * broker lacks are flagged missing-on-broker.
       */
      rabbitmqDiscovery?: {
        /**
         * Off unless true. Visible to the frontend, whose topic and queue pages say when
         * discovery is off.
         * @visibility frontend
         */
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
      /**
       * "Bring your own system": every catalog file (*.yaml, *.yml) in these directories
       * is registered as a `file` location and read by the catalog; files added, changed
       * or deleted show up within `schedule`. `$text` / `$json` / `$yaml` with a relative
       * path read only inside the same directory. Off unless `directories` names one.
       */
      localDirectories?: {
        /**
         * The directories: a list, or one string with paths separated by the platform's
         * path delimiter (`:` on Linux and macOS), as app-config.yaml passes
         * SWITCHBOARD_CATALOG_DIRS. Relative paths resolve against `baseDirectory`.
         */
        directories?: string | string[];
        /**
         * What relative `directories` resolve against; itself relative to the backend's
         * working directory, which is the default. app-config.yaml sets the repository root.
         */
        baseDirectory?: string;
        /** Directory levels searched below each directory. Default 5. */
        maxDepth?: number;
        /** Catalog files registered per directory. Default 500. */
        maxFiles?: number;
        /** How often the directories are read. Default: every 5 seconds, in each backend instance (scope local). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
