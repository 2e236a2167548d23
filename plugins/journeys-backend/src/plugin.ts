import {
  coreServices,
  createBackendPlugin,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { journeysPermissions } from '@internal/plugin-journeys-common';
import { JourneyAssembler } from './assembly/JourneyAssembler';
import { DatabaseInstanceStore } from './database/DatabaseInstanceStore';
import { DatabaseSpanStore } from './database/DatabaseSpanStore';
import { connect } from './database/migrations';
import { SpanIngestor } from './ingest/SpanIngestor';
import { DEFAULT_LIMITS, SpanNormalizer } from './ingest/SpanNormalizer';
import { JourneyCatalog } from './journeys/JourneyCatalog';
import { JourneyQueries } from './query/JourneyQueries';
import { DatabaseAlertStore } from './database/DatabaseAlertStore';
import { SloEvaluator } from './slo/SloEvaluator';
import { readSloOptions } from './slo/sloConfig';
import { SloQueries } from './slo/SloQueries';
import { createSloRouter } from './slo/sloRouter';
import { renderPrometheus } from './slo/prometheusExposition';
import { toOpenSlo } from './slo/openSloExport';
import { SpanRetention } from './retention/SpanRetention';
import { createRouter } from './router';
import { createFaroRouter } from './faro/FaroReceiver';
import { readFaroOptions } from './faro/readFaroOptions';

/**
 * How often the assembler runs: `journeys.assembly.interval` (a duration, default 500 ms: a
 * run drains every settled trace, so the interval is most of the lag beyond settleMs); the
 * older `assembly.intervalSeconds` still works.
 */
function assemblyInterval(
  c: Config | undefined,
  logger: LoggerService,
): HumanDuration {
  if (c?.has('assembly.interval'))
    return readDurationFromConfig(c, { key: 'assembly.interval' });
  const seconds = c?.getOptionalNumber('assembly.intervalSeconds');
  if (seconds === undefined) return { milliseconds: 500 };
  logger.warn(
    'journeys.assembly.intervalSeconds is deprecated; use journeys.assembly.interval (e.g. "2s" or { seconds: 2 })',
  );
  return { seconds };
}

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
        const c = config.getOptionalConfig('journeys');
        const db = await connect(database);
        const spans = new DatabaseSpanStore(db);
        const instances = new DatabaseInstanceStore(db);
        const journeys = new JourneyCatalog(
          catalog,
          auth,
          logger,
          c?.getOptionalStringArray('businessKeys') ?? ['app.order.id'],
        );
        const maxBodyBytes =
          c?.getOptionalNumber('ingest.maxBodyBytes') ?? 4 * 1024 * 1024;
        const ingestor = new SpanIngestor(
          new SpanNormalizer(() => journeys.businessKeys(), DEFAULT_LIMITS),
          spans,
          {
            maxQueuedSpans:
              c?.getOptionalNumber('ingest.maxQueuedSpans') ?? 200_000,
            maxBatchSpans:
              c?.getOptionalNumber('ingest.maxBatchSpans') ?? 5_000,
          },
          logger,
        );
        const assembler = new JourneyAssembler(instances, journeys, logger, {
          settleMs: c?.getOptionalNumber('assembly.settleMs') ?? 1500,
          waitForUpstreamMs:
            c?.getOptionalNumber('assembly.waitForUpstreamMs') ?? 60_000,
          batchSize: c?.getOptionalNumber('assembly.batchSize') ?? 2000,
          maxRunMs: 10_000,
        });
        const retention = new SpanRetention(
          instances,
          {
            maxAgeMs:
              (c?.getOptionalNumber('retention.maxAgeDays') ?? 7) *
              24 *
              3_600_000,
            maxSpans: c?.getOptionalNumber('retention.maxSpans') ?? 10_000_000,
            rollupMaxAgeMs:
              (c?.getOptionalNumber('retention.rollupMaxAgeDays') ?? 400) *
              24 *
              3_600_000,
          },
          logger,
        );
        const queries = new JourneyQueries(
          instances,
          spans,
          journeys,
          c?.getOptionalNumber('maxWaterfallSpans') ?? 20_000,
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
          frequency: assemblyInterval(c, logger),
          timeout: { minutes: 2 },
          initialDelay: { seconds: 3 },
          fn: async () => {
            await assembler.run();
          },
        });
        // SLO burn-rate alerts, every minute on one backend at a time.
        const sloOptions = readSloOptions(c);
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
          frequency: c?.has('slo.evaluationInterval')
            ? readDurationFromConfig(c, { key: 'slo.evaluationInterval' })
            : { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            await sloEvaluator.run();
          },
        });
        await scheduler.scheduleTask({
          id: 'journeys-retention',
          frequency: {
            minutes: c?.getOptionalNumber('retention.intervalMinutes') ?? 10,
          },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await retention.run();
          },
        });

        // The browser's Faro SDK posts without a Backstage token: the receiver takes only the
        // portal's origin and service name, limits size and rate per client, and its spans
        // are stored as untrusted.
        const faroOptions = readFaroOptions(config);
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
            maxBodyBytes,
            faroRouter,
            sloRouter: await createSloRouter({
              httpAuth,
              permissions,
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
            }),
          }),
        );
      },
    });
  },
});
