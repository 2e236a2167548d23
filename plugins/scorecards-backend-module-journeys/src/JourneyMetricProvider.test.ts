import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JourneyMetricProvider } from './JourneyMetricProvider';
import { MissingValue } from '@internal/plugin-scorecards-node';
import { JourneysClient } from './JourneysClient';
import { FixtureHttpServer } from '@internal/plugin-scorecards-node/testUtils';
import {
  alert,
  errorBody,
  journeySlos,
  okInstance,
  sloSummary,
  stats,
} from './__fixtures__/journeysAnswers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAY_START = Date.parse('2026-12-04T00:00:00.000Z');
const DAY_END = DAY_START + DAY;
const INSTANCES = '/instances?status=ok&sort=recent&limit=1';

const journey = (name: string): Entity => ({
  apiVersion: 'switchboard.dev/v1alpha1',
  kind: 'Journey',
  metadata: { name, namespace: 'default' },
  spec: {},
});
const entities = ['checkout', 'invoice-sync', 'payments', 'ghost'].map(journey);

/** The stats route for a window ending at `end`, as JourneysClient asks for it. */
const statsPath = (window: string, end: number) =>
  `/journeys?window=${window}&end=${encodeURIComponent(
    new Date(end).toISOString(),
  )}`;

function serve(server: FixtureHttpServer) {
  const checkoutSlos = [
    sloSummary('journey:default/checkout', 'availability', {
      sli: 0.995,
      target: 0.99,
      remainingFraction: 0.6,
    }),
    sloSummary('journey:default/checkout', 'latency', {
      sli: 0.97,
      target: 0.98,
      remainingFraction: -0.5,
    }),
  ];
  const paymentsSlo = sloSummary('journey:default/payments', 'availability', {
    sli: 1,
    target: 0.999,
    remainingFraction: 1,
  });
  server
    .answer(statsPath('24h', DAY_END), {
      body: {
        items: [
          stats('journey:default/checkout', '24h', {
            volume: 250,
            inFlight: 5,
            rejected: 5,
            failed: 2,
            stuck: 3,
            recoveredByReplay: 1,
            errorRate: 2 / 240,
            p50Ms: 400,
            p95Ms: 2500,
            recoveryP50Ms: 120_000,
          }),
          stats('journey:default/invoice-sync', '24h', {
            volume: 24,
            errorRate: 0,
            p50Ms: 1000,
            p95Ms: 3000,
          }),
          stats('journey:default/payments', '24h'),
        ],
      },
    })
    .answer('/slos', { body: { items: [...checkoutSlos, paymentsSlo] } })
    .answer('/slos/default/checkout', {
      body: journeySlos(checkoutSlos[0], [
        alert(3, '2026-12-04T20:00:00.000Z', null),
        alert(2, '2026-12-03T22:00:00.000Z', '2026-12-04T02:00:00.000Z'),
        alert(1, '2026-12-04T01:00:00.000Z', '2026-12-04T01:30:00.000Z'),
        alert(0, '2026-12-01T10:00:00.000Z', '2026-12-01T13:00:00.000Z'),
      ]),
    })
    .answer('/slos/default/payments', {
      status: 404,
      body: errorBody(
        'NotFoundError',
        'no journey journey:default/payments in the catalog',
        404,
      ),
    })
    .answer(`/journeys/default/checkout${INSTANCES}`, {
      status: 500,
      body: errorBody('Error', 'database unavailable', 500),
    })
    .answer(`/journeys/default/invoice-sync${INSTANCES}`, {
      body: {
        items: [
          okInstance('2026-12-04T18:19:00.000Z', '2026-12-04T18:20:00.000Z'),
        ],
      },
    })
    .answer(`/journeys/default/payments${INSTANCES}`, { body: { items: [] } });
}

const reasonsOf = (missing: MissingValue[], entityRef: string) =>
  Object.fromEntries(
    missing
      .filter(m => m.entityRef === entityRef)
      .map(m => [m.kpiId, m.reason]),
  );

describe('JourneyMetricProvider against an HTTP server answering like journeys-backend', () => {
  let server: FixtureHttpServer;
  let provider: JourneyMetricProvider;

  async function start() {
    server = new FixtureHttpServer('/api/journeys');
    serve(server);
    const baseUrl = await server.start();
    provider = new JourneyMetricProvider({
      api: new JourneysClient({
        discovery: { getBaseUrl: async () => baseUrl },
        auth: mockServices.auth({ pluginId: 'scorecards' }),
      }),
      logger: mockServices.logger.mock(),
    });
  }

  afterEach(() => server.stop());

  it('computes yesterday for every journey, with a reason for each value it cannot give', async () => {
    const now = DAY_END + 20 * 60_000;
    await start();
    const run = await provider.computeRun(entities, {
      from: new Date(DAY_START),
      to: new Date(DAY_END),
      now: new Date(now),
    });

    const checkout = run.values['journey:default/checkout'];
    // Every instance that started in the window counts for volume: 250.
    expect(checkout['journey.volumePerDay']).toBe(250);
    expect(checkout['journey.failuresPerThousand']).toBeCloseTo(
      (2 / 250) * 1000,
      10,
    );
    expect(checkout['journey.recoveredByReplay']).toBe(1);
    // 250 - 5 in flight - 5 rejected = 240 with a verdict; 2 failed, 3 stuck.
    expect(checkout['journey.successRate']).toBeCloseTo((235 / 240) * 100, 10);
    expect(checkout['journey.cycleTimeP50']).toBe(400);
    expect(checkout['journey.cycleTimeP95']).toBe(2500);
    expect(checkout['journey.replayRecoveryP50']).toBe(120);
    expect(checkout['journey.sloAttainment']).toBeCloseTo(
      (0.97 / 0.98) * 100,
      10,
    );
    expect(checkout['journey.errorBudgetRemaining']).toBe(-50);
    // Resolved on the day: 4 h (fired the day before) and 0.5 h.
    expect(checkout['journey.mttrMean']).toBe(2.25);
    expect(checkout['journey.mttrMedian']).toBe(2.25);
    expect(reasonsOf(run.missing, 'journey:default/checkout')).toEqual({
      'journey.dataFreshness': `GET /api/journeys/journeys/default/checkout${INSTANCES} answered 500: database unavailable`,
    });

    expect(run.values['journey:default/invoice-sync']).toEqual({
      'journey.volumePerDay': 24,
      'journey.failuresPerThousand': 0,
      'journey.recoveredByReplay': 0,
      'journey.successRate': 100,
      'journey.cycleTimeP50': 1000,
      'journey.cycleTimeP95': 3000,
      'journey.dataFreshness': 6,
    });
    expect(reasonsOf(run.missing, 'journey:default/invoice-sync')).toEqual({
      'journey.replayRecoveryP50':
        'no instance was recovered by a replay in the period',
      'journey.sloAttainment': 'the journey declares no objective',
      'journey.errorBudgetRemaining': 'the journey declares no objective',
      'journey.mttrMean':
        'the journey declares no objective, so it has no alerts',
      'journey.mttrMedian':
        'the journey declares no objective, so it has no alerts',
    });

    expect(reasonsOf(run.missing, 'journey:default/payments')).toMatchObject({
      'journey.failuresPerThousand': 'no instance started in the period',
      'journey.mttrMean':
        'GET /api/journeys/slos/default/payments answered 404: no journey journey:default/payments in the catalog',
      'journey.dataFreshness': 'no instance of the journey has finished ok',
    });
    expect(run.values['journey:default/payments']).toMatchObject({
      'journey.volumePerDay': 0,
      'journey.errorBudgetRemaining': 100,
    });
    expect(
      run.values['journey:default/payments']['journey.sloAttainment'],
    ).toBeCloseTo(100 / 0.999, 10);

    expect(run.values['journey:default/ghost']).toBeUndefined();
    expect(
      new Set(Object.values(reasonsOf(run.missing, 'journey:default/ghost'))),
    ).toEqual(
      new Set(['journeys-backend does not list this journey (GET /journeys)']),
    );

    // As the scorecards plugin, with a token for journeys; nothing asked for the ghost.
    for (const r of server.requests)
      expect(r.headers.authorization).toMatch(
        /^Bearer mock-service-token:.*"target":"journeys"/,
      );
    expect(server.paths().filter(p => p.includes('ghost'))).toEqual([]);
  });

  it('computes an hour from the 1h window ending at its end', async () => {
    const hourStart = Date.parse('2026-12-04T10:00:00.000Z');
    const now = hourStart + HOUR + 5 * 60_000;
    await start();
    server.answer(statsPath('1h', hourStart + HOUR), {
      body: {
        items: [
          stats('journey:default/checkout', '1h', {
            volume: 60,
            failed: 1,
            p50Ms: 300,
            p95Ms: 900,
          }),
        ],
      },
    });
    const run = await provider.computeRun(entities.slice(0, 1), {
      from: new Date(hourStart),
      to: new Date(hourStart + HOUR),
      now: new Date(now),
    });
    // 60 in the hour = 1,440 a day; 1 failed of 60 = 16.67 per 1,000.
    const checkout = run.values['journey:default/checkout'];
    expect(checkout['journey.volumePerDay']).toBe(1440);
    expect(checkout['journey.failuresPerThousand']).toBeCloseTo(1000 / 60, 10);
    expect(checkout['journey.successRate']).toBeCloseTo((59 / 60) * 100, 10);
    expect(checkout['journey.cycleTimeP95']).toBe(900);
  });

  it('throws, naming the route and the answer, when the stats list fails (so the period is retried)', async () => {
    await start();
    server.answer(statsPath('24h', DAY_END), {
      status: 503,
      body: errorBody('ServiceUnavailableError', 'store unavailable', 503),
    });
    await expect(
      provider.compute(entities, {
        from: new Date(DAY_START),
        to: new Date(DAY_END),
        now: new Date(DAY_END),
      }),
    ).rejects.toThrow(
      `GET /api/journeys${statsPath(
        '24h',
        DAY_END,
      )} answered 503: store unavailable`,
    );
  });

  it('gives SLO and MTTR values a reason when /slos fails, and keeps the rest', async () => {
    await start();
    server.answer('/slos', {
      status: 500,
      body: errorBody('Error', 'evaluation failed', 500),
    });
    const run = await provider.computeRun(entities.slice(0, 1), {
      from: new Date(DAY_START),
      to: new Date(DAY_END),
      now: new Date(DAY_END),
    });
    const reason = 'GET /api/journeys/slos answered 500: evaluation failed';
    expect(reasonsOf(run.missing, 'journey:default/checkout')).toMatchObject({
      'journey.sloAttainment': reason,
      'journey.errorBudgetRemaining': reason,
      'journey.mttrMean': reason,
      'journey.mttrMedian': reason,
    });
    expect(run.values['journey:default/checkout']['journey.successRate']).toBe(
      (235 / 240) * 100,
    );
  });

  it('backfills an earlier day with everything but the readings of now', async () => {
    const now = DAY_END + 2 * DAY + 20 * 60_000;
    await start();
    const earlier = DAY_START - 3 * DAY; // 2026-12-01
    server.answer(statsPath('24h', earlier + DAY), {
      body: {
        items: [
          stats('journey:default/checkout', '24h', {
            volume: 1000,
            failed: 500,
            stuck: 100,
            recoveredByReplay: 50,
            p50Ms: 700,
            p95Ms: 9000,
            recoveryP50Ms: 60_000,
          }),
        ],
      },
    });
    const run = await provider.backfillRun(entities.slice(0, 1), {
      from: new Date(earlier),
      to: new Date(earlier + DAY),
      now: new Date(now),
    });
    expect(run.values['journey:default/checkout']).toEqual({
      'journey.volumePerDay': 1000,
      'journey.failuresPerThousand': 500,
      'journey.recoveredByReplay': 50,
      'journey.successRate': 40,
      'journey.cycleTimeP50': 700,
      'journey.cycleTimeP95': 9000,
      'journey.replayRecoveryP50': 60,
      'journey.mttrMean': 3,
      'journey.mttrMedian': 3,
    });
    const notNow =
      'a reading of now, recorded only by the run just after the period; this period ended 7220 min ago';
    expect(reasonsOf(run.missing, 'journey:default/checkout')).toEqual({
      'journey.sloAttainment': notNow,
      'journey.errorBudgetRemaining': notNow,
      'journey.dataFreshness': notNow,
    });
    // It asked for the window ending at that day's end, not for one ending now.
    expect(server.paths()).toContain(statsPath('24h', earlier + DAY));
    expect(server.paths().filter(p => p.includes('/instances'))).toEqual([]);
  });

  it('records no reading of now for a period that ended hours ago', async () => {
    const now = DAY_END + 3 * HOUR;
    await start();
    const run = await provider.computeRun(entities.slice(0, 1), {
      from: new Date(DAY_START),
      to: new Date(DAY_END),
      now: new Date(now),
    });
    expect(run.values['journey:default/checkout']['journey.successRate']).toBe(
      (235 / 240) * 100,
    );
    expect(
      Object.keys(reasonsOf(run.missing, 'journey:default/checkout')).sort(),
    ).toEqual([
      'journey.dataFreshness',
      'journey.errorBudgetRemaining',
      'journey.sloAttainment',
    ]);
  });
});
