import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { BrokerDriftProcessor } from './discovery/BrokerDriftProcessor';
import { BrokerDriftSnapshot } from './discovery/BrokerDriftSnapshot';
import { LocalDirectoryEntityProvider } from './files/LocalDirectoryEntityProvider';
import { LocalFileTextProcessor } from './files/LocalFileTextProcessor';
import { RabbitMqDiscoveryProvider } from './discovery/RabbitMqDiscoveryProvider';
import { AsyncApiEntityProcessor } from './processors/AsyncApiEntityProcessor';
import { readDefaultBroker } from './processors/defaultBrokerConfig';
import { JourneyEntityProcessor } from './processors/JourneyEntityProcessor';
import { MessagingRelationsProcessor } from './processors/MessagingRelationsProcessor';
import { OpenApiEntityProcessor } from './processors/OpenApiEntityProcessor';
import { ProcessingErrorsReader } from './processingErrors/ProcessingErrorsReader';
import { createProcessingErrorsRouter } from './processingErrors/processingErrorsRouter';

/**
 * The integration catalog's catalog module: topics and queues from AsyncAPI documents,
 * publish/subscribe relations between components and them, the Journey kind with its
 * relations, `$text` beside the catalog files app-config names, and (when configured)
 * the catalog files of local directories users name, and discovery from RabbitMQ with
 * drift flags.
 */
export const catalogModuleIntegrations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'integrations',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        catalogService: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
      },
      async init({
        catalog,
        catalogService,
        auth,
        logger,
        config,
        scheduler,
        database,
        httpRouter,
        httpAuth,
        permissions,
      }) {
        // Errors of entities by ref, also of those never stored: the catalog's own tables.
        httpRouter.use(
          createProcessingErrorsRouter({
            reader: new ProcessingErrorsReader(await database.getClient()),
            httpAuth,
            permissions,
          }),
        );
        catalog.addProcessor(
          new AsyncApiEntityProcessor({
            catalog: catalogService,
            auth,
            defaultBroker: readDefaultBroker(config),
          }),
        );
        catalog.addProcessor(new OpenApiEntityProcessor());
        catalog.addProcessor(new MessagingRelationsProcessor());
        catalog.addProcessor(new JourneyEntityProcessor());
        catalog.addProcessor(LocalFileTextProcessor.fromConfig(config));

        // Off unless catalog.providers.localDirectories.directories names a directory
        // (SWITCHBOARD_CATALOG_DIRS in app-config.yaml).
        const directories = LocalDirectoryEntityProvider.fromConfig(config, {
          logger,
          scheduler,
        });
        if (directories) {
          catalog.addEntityProvider(directories);
        }

        // Broker discovery is off unless catalog.providers.rabbitmqDiscovery.enabled.
        const snapshot = new BrokerDriftSnapshot();
        const discovery = RabbitMqDiscoveryProvider.fromConfig(config, {
          catalog: catalogService,
          auth,
          logger,
          scheduler,
          snapshot,
        });
        if (discovery) {
          catalog.addEntityProvider(discovery);
          catalog.addProcessor(new BrokerDriftProcessor(snapshot));
        }
      },
    });
  },
});
