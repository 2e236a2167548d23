import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseAlertStore } from '../database/DatabaseAlertStore';
import { DatabaseInstanceStore } from '../database/DatabaseInstanceStore';
import { connect } from '../database/migrations';
import { JourneyCatalog, JourneyDefinition } from '../catalog/JourneyCatalog';
import { bothDatabases } from '../__testUtils__/databases';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const checkout: JourneyDefinition = {
  ref: 'journey:default/checkout',
  title: 'Checkout',
  owner: 'group:default/orders',
  components: [],
  entry: { service: 'storefront', route: '/checkout' },
  businessKeys: ['app.order.id'],
  stuckAfterMs: 600_000,
  latencyThresholdsMs: [],
  objectives: [
    {
      name: 'availability',
      target: 0.999,
      timeWindow: '30d',
      indicator: {
        ratio: {
          good: { status: ['ok'] },
          total: { status: ['ok', 'failed', 'stuck'] },
        },
      },
    },
  ],
};

/** Rollup rows for `minutes` minutes from `fromMinute`, `perMinute` instances, `errorRatio` failed. */
async function rollups(
  knex: Knex,
  fromMinute: number,
  minutes: number,
  perMinute: number,
  errorRatio: number,
) {
  const rows: any[] = [];
  const hours = new Map<string, any>();
  for (let m = fromMinute; m < fromMinute + minutes; m++) {
    const bad = Math.round(perMinute * errorRatio);
    for (const [outcome, count] of [
      ['ok', perMinute - bad],
      ['failed', bad],
    ] as const) {
      if (!count) continue;
      const bucket = m * MINUTE * 1000;
      rows.push({
        journey: checkout.ref,
        bucket_start_us: bucket,
        outcome,
        le_ms: 100,
        count,
      });
      const hour = bucket - (bucket % 3_600_000_000);
      const k = `${hour}|${outcome}`;
      const h = hours.get(k) ?? {
        journey: checkout.ref,
        bucket_start_us: hour,
        outcome,
        le_ms: 100,
        count: 0,
      };
      h.count += count;
      hours.set(k, h);
    }
  }
  await knex.batchInsert('journeys_rollups', rows, 200);
  for (const h of hours.values())
    await knex('journeys_rollups_hourly')
      .insert(h)
      .onConflict(['journey', 'bucket_start_us', 'outcome', 'le_ms'])
      .merge({
        count: knex.raw('journeys_rollups_hourly.count + ?', [h.count]),
      });
}

describe('SloEvaluator', () => {
  const databases = bothDatabases();

  it.each(databases.eachSupportedId())(
    'opens a page alert on a total outage, tells the owner once, and resolves it once the errors stop, on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const logger = mockServices.logger.mock();
      const sent: any[] = [];
      let failSends = false;
      const notifications = {
        send: jest.fn(async (n: any) => {
          if (failSends) throw new Error('notifications backend unavailable');
          sent.push(n);
        }),
      };
      const evaluator = new SloEvaluator(
        new DatabaseInstanceStore(db),
        new DatabaseAlertStore(db),
        JourneyCatalog.fixed([checkout], logger),
        notifications,
        logger,
        { minValidEvents: 10 },
      );
      const start = Math.floor(Date.now() / MINUTE) - 2 * 24 * 60;
      await rollups(knex, start, 24 * 60, 100, 0); // a clean day
      const outage = start + 24 * 60;
      await rollups(knex, outage, 10, 100, 1); // ten minutes of errors
      const at = (minute: number) => minute * MINUTE + 30_000;

      // Quiet before the outage.
      expect((await evaluator.run(at(outage - 1))).opened).toEqual([]);
      // Within a minute of it: the page alert (14.4 over 1h and 5m) opens.
      failSends = true; // the first announcement fails: retried on the next run
      const first = await evaluator.run(at(outage));
      expect(first.opened).toMatchObject([
        { severity: 'page', objective: 'availability' },
      ]);
      expect(first.opened[0].figures).toMatchObject({
        rules: expect.arrayContaining([
          expect.objectContaining({ factor: expect.closeTo(14.4, 6) }),
        ]),
      });
      expect(sent).toHaveLength(0);
      failSends = false;
      for (let m = outage + 1; m < outage + 10; m++) await evaluator.run(at(m));
      const pages = sent.filter(n => n.payload.title.includes('(page)'));
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: 'group:default/orders' },
        payload: {
          severity: 'critical',
          link: '/journeys/default/checkout',
          title: 'Checkout: availability SLO is burning its budget (page)',
        },
      });
      // When it fired, one of the hour's 60 minutes had failed: (1/60) / 0.001 = 16.7; the
      // 5m window: (1/5) / 0.001 = 200.
      expect(pages[0].payload.description).toMatch(
        /burn 16\.7× over 1h and 200\.0× over 5m \(threshold 14\.4×\)/,
      );

      // The errors stop: the 5m window clears five minutes later, the page resolves once.
      await rollups(knex, outage + 10, 30, 100, 0);
      for (let m = outage + 10; m < outage + 40; m++)
        await evaluator.run(at(m));
      const resolved = sent.filter(n =>
        n.payload.title.includes('resolved (page)'),
      );
      expect(resolved).toHaveLength(1);
      expect(await new DatabaseAlertStore(db).open()).toEqual(
        expect.not.arrayContaining([
          expect.objectContaining({ severity: 'page' }),
        ]),
      );
      // A restart (a new evaluator) announces nothing again.
      const before = sent.length;
      await new SloEvaluator(
        new DatabaseInstanceStore(db),
        new DatabaseAlertStore(db),
        JourneyCatalog.fixed([checkout], logger),
        notifications,
        logger,
        { minValidEvents: 10 },
      ).run(at(outage + 40));
      expect(sent.length).toBe(before);
    },
  );

  it.each(databases.eachSupportedId())(
    'reports the budget and burn rates a person can check by hand, on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const logger = mockServices.logger.mock();
      const evaluator = new SloEvaluator(
        new DatabaseInstanceStore(db),
        new DatabaseAlertStore(db),
        JourneyCatalog.fixed([checkout], logger),
        undefined,
        logger,
        { minValidEvents: 10 },
      );
      const now = Math.floor(Date.now() / MINUTE);
      // 600 minutes of 100 instances with 1 % failing: 60,000 events, 600 bad.
      await rollups(knex, now - 599, 600, 100, 0.01);
      const report = await evaluator.report(
        checkout,
        checkout.objectives[0],
        now * MINUTE + 30_000,
      );
      expect(report).toMatchObject({ good: 59_400, bad: 600 });
      // 0.1 % of 60,000 may fail: 60; 600 did, so the budget is blown ten times over.
      expect(report.budget.totalEvents).toBeCloseTo(60, 6);
      expect(report.budget.remainingFraction).toBeCloseTo(-9, 6);
      expect(report.burnRates['1h']).toBeCloseTo(10, 6);
      expect(report.burnRates['6h']).toBeCloseTo(10, 6);
      expect(report.timeToExhaustionMs).toBeNull();
    },
  );
});
