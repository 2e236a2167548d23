import { mockServices } from '@backstage/backend-test-utils';
import { DatabaseAlertStore } from '../database/DatabaseAlertStore';
import { DatabaseInstanceStore } from '../database/DatabaseInstanceStore';
import { connect } from '../database/migrations';
import { JourneyCatalog, JourneyDefinition } from '../catalog/JourneyCatalog';
import { bothDatabases } from '../__testUtils__/databases';
import {
  TestCell,
  writeInstance,
  writeRollups,
} from '../__testUtils__/rollups';
import { SloEvaluator } from './SloEvaluator';
import { SloQueries } from './SloQueries';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function journey(
  name: string,
  owner: string,
  objectives: JourneyDefinition['objectives'],
): JourneyDefinition {
  return {
    ref: `journey:default/${name}`,
    title: name[0].toUpperCase() + name.slice(1),
    owner,
    components: [],
    entry: { service: 'storefront', route: `/${name}` },
    businessKeys: ['app.order.id'],
    stuckAfterMs: 600_000,
    latencyThresholdsMs: [],
    objectives,
  };
}

const checkout = journey('checkout', 'group:default/orders', [
  {
    name: 'availability',
    target: 0.99,
    timeWindow: '7d',
    indicator: {
      ratio: {
        good: { status: ['ok'] },
        total: { status: ['ok', 'failed', 'stuck', 'recovered-by-replay'] },
      },
    },
  },
  {
    name: 'latency',
    target: 0.95,
    timeWindow: '7d',
    indicator: { latency: { thresholdMs: 5000 } },
  },
]);
const refund = journey('refund', 'group:default/payments', [
  {
    name: 'availability',
    target: 0.99,
    timeWindow: '1d',
    indicator: {
      ratio: { good: { status: ['ok'] }, total: { status: ['ok', 'failed'] } },
    },
  },
]);
const invoice = journey('invoice', 'group:default/finance-systems', [
  {
    name: 'availability',
    target: 0.9,
    timeWindow: '1d',
    indicator: {
      ratio: { good: { status: ['ok'] }, total: { status: ['ok', 'failed'] } },
    },
  },
]);

describe('SloQueries', () => {
  const databases = bothDatabases();

  it.each(databases.eachSupportedId())(
    'answers every objective with figures that can be checked by hand, on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const logger = mockServices.logger.mock();
      const instances = new DatabaseInstanceStore(db);
      const alerts = new DatabaseAlertStore(db);
      // A journey without objectives beside them (as invoice-sync in the demo) must not stop
      // the others' evaluation.
      const catalog = JourneyCatalog.fixed(
        [
          journey('sync', 'group:default/finance-systems', []),
          checkout,
          refund,
          invoice,
        ],
        logger,
      );
      const options = { minValidEvents: 10 };
      const evaluator = new SloEvaluator(
        instances,
        alerts,
        catalog,
        undefined,
        logger,
        options,
      );
      const queries = new SloQueries(
        evaluator,
        instances,
        alerts,
        catalog,
        options,
      );
      const nowMinute = Math.floor(Date.now() / MINUTE);
      const now = nowMinute * MINUTE + 30_000;

      // checkout: two days of 10 fast ok a minute, then 30 minutes of 5 slow ok, 5 failed,
      // 1 rejected and 1 in flight a minute; one stuck and one recovered-by-replay earlier.
      const cells: TestCell[] = [];
      const cell = (minute: number, outcome: string, leMs: number, count = 1) =>
        cells.push({ journey: checkout.ref, minute, outcome, leMs, count });
      for (let m = nowMinute - 2879; m <= nowMinute - 30; m++)
        cell(m, 'ok', 100, 10);
      for (let m = nowMinute - 29; m <= nowMinute; m++) {
        cell(m, 'ok', 6000, 5);
        cell(m, 'failed', 200, 5);
        cell(m, 'rejected', 100);
        cell(m, 'in-flight', 0);
      }
      cell(nowMinute - 100, 'recovered-by-replay', 100);
      cell(nowMinute - 200, 'stuck', 0);
      // invoice: ten minutes of half failures against a 90 % target: the budget is blown.
      for (let m = nowMinute - 9; m <= nowMinute; m++) {
        cells.push({
          journey: invoice.ref,
          minute: m,
          outcome: 'ok',
          leMs: 100,
          count: 10,
        });
        cells.push({
          journey: invoice.ref,
          minute: m,
          outcome: 'failed',
          leMs: 100,
          count: 10,
        });
      }
      await writeRollups(knex, cells);
      const at = (ago: number) => now - ago * MINUTE;
      for (const [i, [status, durationMs, ago]] of (
        [
          ['failed', 300, 3],
          ['failed', 250, 2],
          ['failed', 200, 1],
          ['ok', 6000, 5],
          ['ok', 7000, 6],
          ['ok', 100, 7],
          ['rejected', 50, 1],
        ] as const
      ).entries())
        await writeInstance(knex, {
          id: `${i}`.padStart(32, '0'),
          journey: checkout.ref,
          status,
          startMs: at(ago),
          durationMs,
          businessKeys: { 'app.order.id': `ord-${i}` },
        });
      await evaluator.run(now);

      const list = await queries.list({}, now);
      expect(list.map(s => [s.journeyTitle, s.objective])).toEqual([
        ['Invoice', 'availability'],
        ['Checkout', 'availability'],
        ['Checkout', 'latency'],
        ['Refund', 'availability'],
      ]);
      const [blown, availability, latency, empty] = list;

      // 100 bad of 200 valid at 90 %: 20 bad allowed, 80 too many: −400 % left.
      expect(blown.budget).toMatchObject({
        totalEvents: expect.closeTo(20, 6),
        consumedEvents: 100,
        remainingEvents: expect.closeTo(-80, 6),
        remainingFraction: expect.closeTo(-4, 6),
      });
      expect(blown.budgetStatus).toBe('exhausted');
      expect(blown.timeToExhaustionMs).toBeNull();

      // Availability: good 28,500 + 150, bad 150 failed + 1 stuck + 1 replayed; rejected and
      // in-flight excluded.
      expect(availability).toMatchObject({
        good: 28_650,
        bad: 152,
        outcomes: {
          good: ['ok'],
          bad: ['failed', 'stuck', 'recovered-by-replay'],
          excluded: ['rejected', 'in-flight'],
        },
        budgetStatus: 'healthy',
      });
      expect(availability.sli).toBeCloseTo(28_650 / 28_802, 9);
      const total = 28_802 * 0.01;
      expect(availability.budget.totalEvents).toBeCloseTo(total, 6);
      expect(availability.budget.remainingFraction).toBeCloseTo(
        1 - 152 / total,
        9,
      );
      // The budget as time: 1 % of 7 days, and the share of it left.
      expect(availability.budget.totalTimeMs).toBeCloseTo(0.01 * 7 * DAY, 3);
      expect(availability.budget.remainingTimeMs).toBeCloseTo(
        (1 - 152 / total) * 0.01 * 7 * DAY,
        3,
      );
      // The last hour: 300 ok, then 150 ok + 150 failed → 25 % bad = 25× burn; 5m: 50×.
      expect(availability.burnRates['1h']).toBeCloseTo(25, 9);
      expect(availability.burnRates['5m']).toBeCloseTo(50, 9);
      expect(availability.openAlerts.map(a => a.severity)).toContain('page');

      // Latency: finished instances (ok, failed) at or under 5 s; the slow ok ones are bad.
      expect(latency).toMatchObject({
        good: 28_650,
        bad: 150,
        indicator: 'latency',
        thresholdMs: 5000,
      });
      expect(latency.budget.remainingFraction).toBeCloseTo(
        1 - 150 / (28_800 * 0.05),
        9,
      );

      expect(empty).toMatchObject({
        good: 0,
        bad: 0,
        sli: null,
        budgetStatus: 'no-data',
        budget: { remainingFraction: null, remainingTimeMs: null },
      });

      expect(
        (await queries.list({ owner: 'Group:default/PAYMENTS' }, now)).map(
          s => s.journey,
        ),
      ).toEqual([refund.ref]);

      const detail = await queries.journey(checkout.ref, now);
      const [a, l] = detail.objectives;
      // Rules scaled to 7 days: page 14.4 over 1h keeps its 2 % share → 0.02 × 168 h / 1 h.
      const page1h = a.rules.find(
        r => r.longWindow === '1h' && r.shortWindow === '5m',
      )!;
      expect(page1h.factor).toBeCloseTo(3.36, 9);
      expect(page1h.budgetShare).toBeCloseTo(0.02, 9);
      expect(page1h).toMatchObject({ severity: 'page', firing: true });
      expect(a.minValidEvents).toBe(10);
      // Burn-down: untouched at the window's start, the remaining fraction now.
      expect(a.burnDown[0].remainingFraction).toBe(1);
      expect(a.burnDown[a.burnDown.length - 1].remainingFraction).toBeCloseTo(
        a.budget.remainingFraction!,
        9,
      );
      const fractions = a.burnDown.map(p => p.remainingFraction!);
      expect(fractions).toEqual([...fractions].sort((x, y) => y - x));
      // Burn rates every 10 minutes of the last day, the last one now's.
      expect(a.burnRateHistory).toHaveLength(145);
      expect(
        a.burnRateHistory[a.burnRateHistory.length - 1].burnRates['1h'],
      ).toBeCloseTo(25, 9);
      expect(a.burnRateHistory[0].burnRates['1h']).toBe(0);
      expect(a.alertHistory[0]).toMatchObject({
        severity: 'page',
        resolvedAt: null,
      });
      // The instances that burned the budget: the latest bad ones; the slowest over 5 s.
      expect(
        a.burningInstances.map(i => i.businessKeys?.['app.order.id']),
      ).toEqual(['ord-2', 'ord-1', 'ord-0']);
      expect(l.burningInstances.map(i => i.durationMs)).toEqual([7000, 6000]);

      await expect(
        queries.journey('journey:default/nope', now),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    },
  );
});
