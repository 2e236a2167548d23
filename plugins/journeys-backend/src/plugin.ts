import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { journeysPermissions } from '@internal/plugin-journeys-common';
import { JourneyAssembler } from './assembly/JourneyAssembler';
import { DatabaseInstanceStore } from './database/DatabaseInstanceStore';
import { DatabaseSpanStore } from './database/DatabaseSpanStore';
import { connect } from './database/migrations';
import { readJourneysConfig } from './config';
import { SpanIngestor } from './ingest/SpanIngestor';
import { DEFAULT_LIMITS, SpanNormalizer } from './ingest/SpanNormalizer';
import { JourneyCatalog } from './catalog/JourneyCatalog';
import { JourneyQueries } from './query/JourneyQueries';
import { DatabaseAlertStore } from './database/DatabaseAlertStore';
import { SloEvaluator } from './slo/SloEvaluator';
import { SloQueries } from './slo/SloQueries';
import { renderPrometheus } from './slo/prometheusExposition';
import { toOpenSlo } from './slo/openSloExport';
import { SpanRetention } from './retention/SpanRetention';
import { createRouter } from './router';
import { createFaroRouter } from './faro/FaroReceiver';

/** Journeys: OTLP ingest, storage with retention, assembly into business journey instances. */
export const journeysPlugin = createBackendPlugin({
  pluginId: 'journeys',
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
        permissionsRegistry.addPermissions(journeysPermissions);
        const options = readJourneysConfig(config, logger);
        const db = await connect(database);
        const spans = new DatabaseSpanStore(db);
        const instances = new DatabaseInstanceStore(db);
        const journeys = new JourneyCatalog(
          catalog,
          auth,
          logger,
          options.businessKeys,
        );
        const ingestor = new SpanIngestor(
          new SpanNormalizer(() => journeys.businessKeys(), DEFAULT_LIMITS),
          spans,
          options.ingest,
          logger,
        );
        const assembler = new JourneyAssembler(
          instances,
          journeys,
          logger,
          options.assembly,
        );
        const retention = new SpanRetention(
          instances,
          options.retention,
          logger,
        );
        const queries = new JourneyQueries(
          instances,
          spans,
          journeys,
          options.maxWaterfallSpans,
        );

        // Each backend instance keeps its own copy of the Journey definitions.
        await scheduler.scheduleTask({
          id: 'journeys-catalog-refresh',
          scope: 'local',
          frequency: { seconds: 30 },
          timeout: { seconds: 30 },
          // Journeys declared (or changed) after their traces arrived: the last hour's traces
          // are assembled again under the new definitions.
          fn: async () => {
            if (await journeys.refresh())
              await instances.markDirtySince((Date.now() - 3_600_000) * 1000);
          },
        });
        await scheduler.scheduleTask({
          id: 'journeys-assemble',
          frequency: options.assemblyInterval,
          timeout: { minutes: 2 },
          initialDelay: { seconds: 3 },
          fn: async () => {
            await assembler.run();
          },
        });
        // SLO burn-rate alerts, every minute on one backend at a time.
        const sloOptions = options.slo;
        const alerts = new DatabaseAlertStore(db);
        const sloEvaluator = new SloEvaluator(
          instances,
          alerts,
          journeys,
          notifications,
          logger,
          sloOptions,
        );
        await scheduler.scheduleTask({
          id: 'journeys-slo-evaluate',
          frequency: options.sloEvaluationInterval,
          timeout: { minutes: 1 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            await sloEvaluator.run();
          },
        });
        await scheduler.scheduleTask({
          id: 'journeys-retention',
          frequency: options.retentionInterval,
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await retention.run();
          },
        });

        // The browser's Faro SDK posts without a Backstage token: the receiver takes only the
        // portal's origin and service name, limits size and rate per client, and its spans
        // are stored as untrusted.
        const faroOptions = options.faro;
        const faroRouter = faroOptions
          ? createFaroRouter({ ...faroOptions, ingestor, logger })
          : undefined;
        if (faroRouter)
          httpRouter.addAuthPolicy({ path: '/faro', allow: 'unauthenticated' });
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            ingestor,
            queries,
            maxBodyBytes: options.maxBodyBytes,
            faroRouter,
            slo: {
              slos: new SloQueries(
                sloEvaluator,
                instances,
                alerts,
                journeys,
                sloOptions,
              ),
              metrics: async () =>
                renderPrometheus({
                  journeys: journeys.list(),
                  totals: await instances.rollupTotals(),
                }),
              openSlo: () => toOpenSlo(journeys.list()),
            },
          }),
        );
      },
    });
  },
});
