import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
// The contract test runs the real journeys backend beside the module.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import journeysPlugin from '@internal/plugin-journeys-backend';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import scorecardsModuleJourneys from './index';
import { JourneyMetricProvider } from './JourneyMetricProvider';

// The demo's own Journeys (checkout and its two objectives, invoice-sync, refund).
const journeys: Entity[] = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../catalog-info/journeys.yaml'),
    'utf-8',
  ),
).map(d => d.toJSON());

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One invoice-sync run as the erp-connector's SDK exports it: its entry consumer span. */
function invoiceSyncTrace(startMs: number, durationMs: number, error?: string) {
  const nanos = (ms: number) =>
    (BigInt(Math.round(ms)) * 1_000_000n).toString();
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'erp-connector' } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'amqplib' },
            spans: [
              {
                traceId: hex(16),
                spanId: hex(8),
                parentSpanId: '',
                name: 'process erp-connector.order-created',
                kind: 5,
                startTimeUnixNano: nanos(startMs),
                endTimeUnixNano: nanos(startMs + durationMs),
                attributes: [
                  {
                    key: 'app.order.id',
                    value: { stringValue: `ord-${hex(3)}` },
                  },
                ],
                links: [],
                status: error ? { code: 2, message: error } : { code: 0 },
              },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * The module beside the real journeys-backend in one test backend, with the demo's
 * Journeys: discovery, the plugin token, the routes' request validation and the answers'
 * shapes are the real ones.
 */
describe('the journeys provider against the real journeys-backend', () => {
  const providers: ScorecardMetricProvider[] = [];
  const scheduler = mockServices.scheduler();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let base: string;

  beforeAll(async () => {
    const scorecards = createBackendPlugin({
      pluginId: 'scorecards',
      register(env) {
        env.registerExtensionPoint(scorecardsMetricProvidersExtensionPoint, {
          addMetricProvider: (...added) => {
            providers.push(...added.flat());
          },
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    backend = await startTestBackend({
      features: [
        journeysPlugin,
        scorecards,
        scorecardsModuleJourneys,
        // The mock's factory() is not on its public type; tasks run when triggered.
        (
          scheduler as unknown as {
            factory(): ReturnType<typeof mockServices.scheduler.factory>;
          }
        ).factory(),
        catalogServiceMock.factory({ entities: journeys }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.test:3000' },
            journeys: { assembly: { settleMs: 100 } },
          },
        }),
      ],
    });
    const address = backend.server.address();
    base = `http://localhost:${
      typeof address === 'object' && address ? address.port : 0
    }/api/journeys`;
  });
  afterAll(() => backend.stop());

  const provider = () => providers[0] as JourneyMetricProvider;

  it('reads every route it needs as a service and gives each KPI a value or a reason', async () => {
    const hour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const unknown: Entity = {
      apiVersion: 'switchboard.dev/v1alpha1',
      kind: 'Journey',
      metadata: { name: 'not-in-catalog', namespace: 'default' },
    };
    // Checkout has no traffic here: every figure is "no traffic", whatever the hour.
    const run = await provider().computeRun(
      [...journeys.filter(j => j.metadata.name !== 'invoice-sync'), unknown],
      {
        from: new Date(hour),
        to: new Date(hour + HOUR),
        // As if run when the hour ended; journeys answers for its own clock.
        now: new Date(hour + HOUR),
      },
    );

    expect(run.values['journey:default/checkout']).toEqual({
      'journey.volumePerDay': 0,
      'journey.recoveredByReplay': 0,
    });
    const reasons = Object.fromEntries(
      run.missing
        .filter(m => m.entityRef === 'journey:default/checkout')
        .map(m => [m.kpiId, m.reason]),
    );
    expect(reasons).toEqual({
      'journey.failuresPerThousand': 'no instance started in the period',
      'journey.successRate': 'no instance reached a verdict in the period',
      'journey.cycleTimeP50': 'no ok or failed instance in the period',
      'journey.cycleTimeP95': 'no ok or failed instance in the period',
      'journey.replayRecoveryP50':
        'no instance was recovered by a replay in the period',
      'journey.sloAttainment': 'no objective has valid events in its window',
      'journey.errorBudgetRemaining':
        'no objective has valid events in its window',
      'journey.mttrMean': 'no alert was resolved in the period',
      'journey.mttrMedian': 'no alert was resolved in the period',
      'journey.dataFreshness': 'no instance of the journey has finished ok',
    });
    // refund declares no objective in the demo catalog.
    expect(
      run.missing.find(
        m =>
          m.entityRef === 'journey:default/refund' &&
          m.kpiId === 'journey.sloAttainment',
      )?.reason,
    ).toBe('the journey declares no objective');
    expect(
      run.missing
        .filter(m => m.entityRef === 'journey:default/not-in-catalog')
        .map(m => m.reason),
    ).toContain('journeys-backend does not list this journey (GET /journeys)');
  });

  it('computes the last hour of invoice-sync from traces the backend assembled', async () => {
    const hour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const end = hour + HOUR;
    // Three runs in the hour's last minute, two ok, one failed; the stats window ends at
    // the hour's end, whenever in the next hour the test runs.
    for (const trace of [
      invoiceSyncTrace(end - 60_000, 100),
      invoiceSyncTrace(end - 45_000, 200, 'ERP refused the invoice'),
      invoiceSyncTrace(end - 30_000, 300),
    ]) {
      const res = await fetch(`${base}/v1/traces`, {
        method: 'POST',
        headers: {
          authorization: mockCredentials.service.header(),
          'content-type': 'application/json',
        },
        body: JSON.stringify(trace),
      });
      expect(res.status).toBe(200);
    }
    const deadline = Date.now() + 20_000;
    let run;
    for (;;) {
      await new Promise(r => setTimeout(r, 200));
      await scheduler.triggerTask('journeys-assemble');
      run = await provider().computeRun(
        journeys.filter(j => j.metadata.name === 'invoice-sync'),
        { from: new Date(hour), to: new Date(end), now: new Date(end) },
      );
      const volume =
        run.values['journey:default/invoice-sync']?.['journey.volumePerDay'];
      if (volume === 72 || Date.now() > deadline) break;
    }

    const values = run.values['journey:default/invoice-sync'];
    expect(values['journey.volumePerDay']).toBe(3 * 24);
    expect(values['journey.failuresPerThousand']).toBeCloseTo(1000 / 3, 10);
    expect(values['journey.recoveredByReplay']).toBe(0);
    expect(values['journey.successRate']).toBeCloseTo((2 / 3) * 100, 10);
    // Interpolated within the rollups' latency buckets (…, 100, 200, 300, …).
    expect(values['journey.cycleTimeP50']).toBeGreaterThanOrEqual(100);
    expect(values['journey.cycleTimeP50']).toBeLessThanOrEqual(300);
    expect(values['journey.cycleTimeP95']).toBeGreaterThanOrEqual(200);
    expect(values['journey.cycleTimeP95']).toBeLessThanOrEqual(300);
    // The latest ok run ended 29.7 s before the hour's end.
    expect(values['journey.dataFreshness']).toBeCloseTo(29.7 / 3600, 6);
  });

  it('backfills a day three days back from the rollups of the traces of that day', async () => {
    const DAY = 24 * HOUR;
    const dayStart = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
    for (const trace of [
      invoiceSyncTrace(dayStart + 2 * HOUR, 100),
      invoiceSyncTrace(dayStart + 9 * HOUR, 200, 'ERP refused the invoice'),
      invoiceSyncTrace(dayStart + 23 * HOUR, 300),
      // The next day's first minute belongs to the next day.
      invoiceSyncTrace(dayStart + DAY + 1000, 300),
    ]) {
      const res = await fetch(`${base}/v1/traces`, {
        method: 'POST',
        headers: {
          authorization: mockCredentials.service.header(),
          'content-type': 'application/json',
        },
        body: JSON.stringify(trace),
      });
      expect(res.status).toBe(200);
    }
    const deadline = Date.now() + 20_000;
    let run;
    for (;;) {
      await new Promise(r => setTimeout(r, 200));
      await scheduler.triggerTask('journeys-assemble');
      run = await provider().backfillRun(
        journeys.filter(j => j.metadata.name === 'invoice-sync'),
        {
          from: new Date(dayStart),
          to: new Date(dayStart + DAY),
          now: new Date(),
        },
      );
      const volume =
        run.values['journey:default/invoice-sync']?.['journey.volumePerDay'];
      if (volume === 3 || Date.now() > deadline) break;
    }
    const values = run.values['journey:default/invoice-sync'];
    expect(values['journey.volumePerDay']).toBe(3);
    expect(values['journey.successRate']).toBeCloseTo((2 / 3) * 100, 10);
    expect(values['journey.cycleTimeP95']).toBeGreaterThanOrEqual(200);
    // Readings of now are not made up for an earlier day.
    expect(values['journey.dataFreshness']).toBeUndefined();
  });
});
