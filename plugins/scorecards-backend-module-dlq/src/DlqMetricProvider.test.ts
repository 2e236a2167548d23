import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { DlqClient } from './DlqClient';
import { DlqMetricProvider } from './DlqMetricProvider';
import { FixtureHttpServer } from '@internal/plugin-scorecards-node/testUtils';
import { dlq, errorBody, inflow, replay } from './__fixtures__/dlqAnswers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAY_START = Date.parse('2026-12-04T00:00:00.000Z');
const DAY_END = DAY_START + DAY;
const FINISHED =
  'status=completed%2Ccompleted-with-failures%2Ccanary-failed%2Ccancelled%2Crejected%2Cexpired%2Cfailed&limit=200';

const resource = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: {
    type: name.endsWith('-queue') ? 'queue' : 'database',
    owner: 'orders',
  },
});
const entities = ['orders-queue', 'payments-queue', 'orders-db'].map(resource);

function serve(server: FixtureHttpServer, now: number, hours: number) {
  const dayCounts: Record<string, number> = {
    '2026-12-04T00:00:00.000Z': 3,
    '2026-12-04T12:00:00.000Z': 5,
    '2026-12-04T18:00:00.000Z': 2,
  };
  server
    .answer(`/dlqs?inflowHours=${hours}`, {
      body: {
        items: [
          dlq('integration-runtime', 'orders', {
            failed: 7,
            parked: 2,
            brokerDepth: 1,
            archived: 40,
            oldestFailureAt: '2026-12-04T22:50:00.000Z',
            oldestAgeSeconds: 5400,
            inflow: inflow(now, hours, t =>
              t < DAY_END ? dayCounts[new Date(t).toISOString()] ?? 0 : 99,
            ),
          }),
          dlq('eu-runtime', 'orders', {
            failed: 3,
            oldestFailureAt: '2026-12-04T14:20:00.000Z',
            oldestAgeSeconds: 36_000,
            inflow: inflow(now, hours, t => (t < DAY_END ? 1 : 99)),
          }),
          dlq('integration-runtime', 'payments', {
            inflow: inflow(now, hours, () => 0),
          }),
          dlq('integration-runtime', 'legacy', {
            entities: { consumer: 'component:default/legacy-service' },
            inflow: inflow(now, hours, () => 5),
          }),
        ],
        errors: [{ runtime: 'lab-runtime', message: 'connect ECONNREFUSED' }],
      },
    })
    .answer(`/replays?runtime=integration-runtime&dlq=orders&${FINISHED}`, {
      body: {
        items: [
          replay('r3', {
            status: 'cancelled',
            createdAt: '2026-12-04T11:00:00.000Z',
            finishedAt: '2026-12-04T12:00:00.000Z',
            counts: { replayed: 2, pending: 30 },
          }),
          replay('r1', {
            createdAt: '2026-12-04T09:00:00.000Z',
            finishedAt: '2026-12-04T10:00:00.000Z',
            counts: { replayed: 18, 'failed-again': 1, parked: 1 },
          }),
          replay('r2', {
            createdAt: '2026-12-01T22:00:00.000Z',
            finishedAt: '2026-12-01T23:00:00.000Z',
            counts: { replayed: 1, 'failed-again': 3 },
          }),
        ],
      },
    })
    .answer(`/replays?runtime=eu-runtime&dlq=orders&${FINISHED}`, {
      body: { items: [] },
    })
    .answer(`/replays?runtime=integration-runtime&dlq=payments&${FINISHED}`, {
      status: 500,
      body: errorBody('Error', 'failed; see log id 7f3a', 500),
    });
}

describe('DlqMetricProvider against an HTTP server answering like dlq-backend', () => {
  let server: FixtureHttpServer;
  let provider: DlqMetricProvider;
  const logger = mockServices.logger.mock();

  async function start(now: number, hours: number) {
    server = new FixtureHttpServer('/api/dlq');
    serve(server, now, hours);
    const baseUrl = await server.start();
    provider = new DlqMetricProvider({
      api: new DlqClient({
        discovery: { getBaseUrl: async () => baseUrl },
        auth: mockServices.auth({ pluginId: 'scorecards' }),
      }),
      logger,
    });
  }

  afterEach(() => server.stop());

  it('computes yesterday per queue entity, over every runtime’s DLQ of the queue', async () => {
    const now = DAY_END + 20 * 60_000;
    // 24 h 20 min back to the day's start, plus one: 26 hours, in 6-hour buckets.
    await start(now, 26);
    const run = await provider.run(
      entities,
      { from: new Date(DAY_START), to: new Date(DAY_END), now: new Date(now) },
      true,
    );
    expect(run.values).toEqual({
      'resource:default/orders-queue': {
        'dlq.backlogDepth': 7 + 2 + 1 + 3,
        'dlq.oldestMessageAge': 10,
        'dlq.inflowPerDay': 3 + 5 + 2 + 4,
        'dlq.replaySuccessRate': (20 / 22) * 100,
      },
      'resource:default/payments-queue': {
        'dlq.backlogDepth': 0,
        'dlq.oldestMessageAge': 0,
        'dlq.inflowPerDay': 0,
      },
    });
    expect(run.missing).toEqual([
      {
        entityRef: 'resource:default/payments-queue',
        kpiId: 'dlq.replaySuccessRate',
        reason:
          'GET /api/dlq/replays?runtime=integration-runtime&dlq=payments&' +
          `${FINISHED} answered 500: failed; see log id 7f3a`,
      },
    ]);
    expect(run.problems).toEqual([
      'runtime lab-runtime could not be read, its queues have no values: connect ECONNREFUSED',
      'dead-letter queue legacy.dlq (runtime integration-runtime, queue legacy) has no queue Resource in the catalog',
    ]);
    for (const r of server.requests)
      expect(r.headers.authorization).toMatch(
        /^Bearer mock-service-token:.*"target":"dlq"/,
      );
  });

  it('computes an hour from hourly inflow buckets', async () => {
    const hourStart = DAY_START + 10 * HOUR;
    const now = hourStart + HOUR + 5 * 60_000;
    await start(now, 3);
    const run = await provider.run(
      entities.slice(0, 1),
      {
        from: new Date(hourStart),
        to: new Date(hourStart + HOUR),
        now: new Date(now),
      },
      true,
    );
    // 1 an hour from eu-runtime, 0 from the other in that hour: 24 a day.
    expect(run.values['resource:default/orders-queue']).toMatchObject({
      'dlq.backlogDepth': 13,
      'dlq.inflowPerDay': 24,
      // r1 finished 10:00, in the hour: 18 / 20.
      'dlq.replaySuccessRate': 90,
    });
  });

  it('backfills an earlier day with inflow and replay success, no backlog', async () => {
    const now = DAY_END + 20 * 60_000;
    const day = Date.parse('2026-12-01T00:00:00.000Z');
    // From 1 December to now: 96 h 20 min, plus one.
    await start(now, 98);
    const values = await provider.backfill(entities.slice(0, 1), {
      from: new Date(day),
      to: new Date(day + DAY),
      now: new Date(now),
    });
    // Before the 4th eu-runtime's 6-hour buckets hold 1 each (4 a day) and the other
    // runtime's none; r2 finished on the 1st: 1 replayed of 4 with an outcome.
    expect(values).toEqual({
      'resource:default/orders-queue': {
        'dlq.inflowPerDay': 4,
        'dlq.replaySuccessRate': 25,
      },
    });
  });

  it('leaves the backlog out when the period ended too long ago', async () => {
    const now = DAY_END + 3 * HOUR;
    await start(now, 28);
    const run = await provider.run(
      entities.slice(0, 1),
      { from: new Date(DAY_START), to: new Date(DAY_END), now: new Date(now) },
      true,
    );
    expect(run.missing).toContainEqual({
      entityRef: 'resource:default/orders-queue',
      kpiId: 'dlq.backlogDepth',
      reason:
        "a queue's backlog is read now, and this period ended 180 min ago",
    });
    expect(run.values['resource:default/orders-queue']).toMatchObject({
      'dlq.inflowPerDay': 14,
    });
  });

  it('throws, naming the route and the answer, when the DLQ list fails (so the period is retried)', async () => {
    await start(DAY_END, 25);
    server.answer('/dlqs?inflowHours=25', {
      status: 401,
      body: errorBody('AuthenticationError', 'Missing credentials', 401),
    });
    await expect(
      provider.compute(entities, {
        from: new Date(DAY_START),
        to: new Date(DAY_END),
        now: new Date(DAY_END),
      }),
    ).rejects.toThrow(
      'GET /api/dlq/dlqs?inflowHours=25 answered 401: Missing credentials',
    );
  });
});
