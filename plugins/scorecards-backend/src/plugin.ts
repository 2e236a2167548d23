import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  scorecardsPermissions,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import { readScorecardsOptions } from './config';
import { DatabaseSnapshotStore } from './database/DatabaseSnapshotStore';
import { connect } from './database/migrations';
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
      }) {
        permissionsRegistry.addPermissions(scorecardsPermissions);
        // Bad config or clashing providers fail the start, naming the key or the KPI.
        const options = readScorecardsOptions(config);
        const kpis = collectKpis(providers);
        const thresholds = new ThresholdResolver(kpis, options.thresholds);

        const store = new DatabaseSnapshotStore(await connect(database));
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

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            queries: new ScorecardQueries({
              kpis,
              thresholds,
              store,
              rollup: options.rollup,
              catalog,
              clock,
            }),
          }),
        );

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
