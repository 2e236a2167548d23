import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { dlqPermissions } from '@internal/plugin-dlq-common';
import { AccessGuard } from './access/AccessGuard';
import { DlqEntityResolver } from './catalog/DlqEntityResolver';
import { readDlqSettings } from './config';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseReplayStore } from './database/DatabaseReplayStore';
import { connect } from './database/migrations';
import { DeadLetterInspector } from './messages/DeadLetterInspector';
import { MessageEditor } from './messages/MessageEditor';
import { MessageSchemaResolver } from './messages/MessageSchemaResolver';
import { PiiMasker } from './messages/PiiMasker';
import { TraceDeadLetterFinder } from './messages/TraceDeadLetterFinder';
import { ReplayCoordinator } from './replay/ReplayCoordinator';
import { ReplayNotifier } from './replay/ReplayNotifier';
import { createRouter } from './router';
import { RuntimeRegistry } from './runtime/RuntimeRegistry';

/** Dead letters: inspection and safe replay on top of integration runtimes' admin API. */
export const dlqPlugin = createBackendPlugin({
  pluginId: 'dlq',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        logger,
        config,
        database,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        scheduler,
        catalog,
        notifications,
      }) {
        permissionsRegistry.addPermissions(dlqPermissions);
        const settings = readDlqSettings(config, logger);
        const db = await connect(database);
        const runtimes = RuntimeRegistry.fromSettings(settings.runtimes);
        const entities = new DlqEntityResolver(catalog, auth);
        const audit = new DatabaseAuditStore(db);
        const guard = new AccessGuard(permissions);
        const masker = new PiiMasker(settings.maskFields);
        const inspector = new DeadLetterInspector(
          runtimes,
          entities,
          masker,
          guard,
          audit,
          settings.traceUrl,
          logger,
        );
        const replayStore = new DatabaseReplayStore(db);
        const editor = new MessageEditor(
          runtimes,
          entities,
          new MessageSchemaResolver(catalog, auth, logger),
          masker,
          guard,
          audit,
          replayStore,
          settings.replay,
          logger,
        );
        const replays = new ReplayCoordinator(
          runtimes,
          entities,
          replayStore,
          audit,
          guard,
          settings.replay,
          logger,
          new ReplayNotifier(notifications, logger),
        );
        // Replays move on without anyone watching: canary → main job → finished.
        await scheduler.scheduleTask({
          id: 'dlq-replay-driver',
          frequency: { seconds: 2 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 2 },
          fn: () => replays.advanceAll(),
        });
        // Plans nobody submitted expire (dlq.replay.plannedTtl) instead of piling up.
        await scheduler.scheduleTask({
          id: 'dlq-replay-plan-expiry',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            const expired = await replays.expirePlans();
            if (expired) logger.info(`${expired} replay plan(s) expired`);
          },
        });
        logger.info(
          `dead letters from ${
            runtimes
              .all()
              .map(r => r.name)
              .join(', ') || 'no runtime (dlq.runtimes is empty)'
          }`,
        );
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            guard,
            runtimes,
            entities,
            inspector,
            editor,
            replays,
            audit,
            policy: settings.replay,
            traces: new TraceDeadLetterFinder(runtimes, entities, guard),
          }),
        );
      },
    });
  },
});
