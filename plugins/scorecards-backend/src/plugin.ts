import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  scorecardsPermissions,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import { readScorecardsOptions } from './config';
import { DatabaseRedKpiStore } from './database/DatabaseRedKpiStore';
import { DatabaseSnapshotStore } from './database/DatabaseSnapshotStore';
import { connect } from './database/migrations';
import { TurnedRedNotifier } from './notifications/TurnedRedNotifier';
import { SnapshotRetention } from './retention/SnapshotRetention';
import { collectKpis } from './snapshots/kpiRegistry';
import { CatalogEntitySource } from './snapshots/ScorecardEntitySource';
import { SnapshotWriter } from './snapshots/SnapshotWriter';
import { createRouter } from './service/router';
import { ScorecardQueries } from './service/ScorecardQueries';

/**
 * Scorecards: daily and hourly KPI snapshots from metric providers that backend modules
 * add through `scorecardsMetricProvidersExtensionPoint`.
 */
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
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        permissionsRegistry: coreServices.permissionsRegistry,
        permissions: coreServices.permissions,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        logger,
        config,
        database,
        scheduler,
        auth,
        permissionsRegistry,
        permissions,
        httpAuth,
        httpRouter,
        catalog,
        notifications,
      }) {
        permissionsRegistry.addPermissions(scorecardsPermissions);
        // Bad config or clashing providers fail the start, naming the key or the KPI.
        const options = readScorecardsOptions(config, logger);
        const kpis = collectKpis(providers);
        const thresholds = new ThresholdResolver(kpis, options.thresholds);

        const knex = await connect(database);
        const store = new DatabaseSnapshotStore(knex);
        const clock = () => new Date();
        const writer = new SnapshotWriter(
          {
            store,
            providers,
            entities: new CatalogEntitySource(catalog, auth),
            thresholds,
            logger,
            clock,
          },
          { backfillDays: options.backfillDays },
        );
        const retention = new SnapshotRetention(
          store,
          options.retention,
          clock,
          logger,
        );
        logger.info(
          `Scorecards: ${kpis.length} KPI(s) from ${
            providers.length
          } metric provider(s)${
            providers.length ? `: ${providers.map(p => p.id).join(', ')}` : ''
          }`,
        );

        const queries = new ScorecardQueries({
          kpis,
          thresholds,
          store,
          rollup: options.rollup,
          catalog,
          clock,
        });
        httpRouter.use(
          await createRouter({ httpAuth, permissions, catalog, queries }),
        );
        const turnedRed = options.notifyTurnedRed
          ? new TurnedRedNotifier({
              rollups: queries.rollups,
              store: new DatabaseRedKpiStore(knex),
              notifications,
              auth,
              kpis,
              logger,
              clock,
            })
          : undefined;

        // Runs are marked per provider and bucket, so frequent runs only write what is
        // missing: the hour or day that has just ended, and days missed while down.
        await scheduler.scheduleTask({
          id: 'scorecards-snapshot-hourly',
          frequency: { minutes: 10 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await writer.run('hour');
          },
        });
        await scheduler.scheduleTask({
          id: 'scorecards-snapshot-daily',
          frequency: { minutes: 30 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 2 },
          fn: async () => {
            await writer.run('day');
            // The snapshots are written; telling teams must not fail the run.
            try {
              await turnedRed?.check();
            } catch (error) {
              logger.error(
                'Scorecards: the turned-red check failed; it runs again after the next daily run',
                error as Error,
              );
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'scorecards-retention',
          frequency: { hours: 6 },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 5 },
          fn: async () => {
            await retention.run();
          },
        });
      },
    });
  },
});
