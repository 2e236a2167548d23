import { mockServices } from '@backstage/backend-test-utils';
import { JourneyObjective } from '@internal/plugin-journeys-common';
import { DatabaseAlertStore } from '../database/DatabaseAlertStore';
import { DatabaseInstanceStore } from '../database/DatabaseInstanceStore';
import { connect } from '../database/migrations';
import { JourneyCatalog, JourneyDefinition } from '../catalog/JourneyCatalog';
import { bothDatabases } from '../__testUtils__/databases';
import { formerSloReport } from '../__testUtils__/formerSloReport';
import { TestCell, writeRollups } from '../__testUtils__/rollups';
import { SloEvaluator, SloEvaluatorOptions } from './SloEvaluator';

jest.setTimeout(120_000);

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const objectives: JourneyObjective[] = [
  {
    name: 'availability',
    target: 0.99,
    timeWindow: '30d',
    indicator: {
      ratio: {
        good: { status: ['ok'] },
        total: { status: ['ok', 'failed', 'stuck'] },
      },
    },
  },
  {
    name: 'settled',
    target: 0.9,
    timeWindow: '7d',
    indicator: {
      ratio: {
        good: { status: ['ok', 'recovered-by-replay'] },
        total: {
          status: ['ok', 'failed', 'stuck', 'rejected', 'recovered-by-replay'],
        },
      },
    },
    alerting: {
      minValidEvents: 1,
      rules: [
        { severity: 'page', factor: 1.5, longWindow: '1h', shortWindow: '5m' },
        { severity: 'ticket', factor: 1, longWindow: '3d', shortWindow: '30m' },
      ],
    },
  },
  {
    name: 'latency',
    target: 0.95,
    timeWindow: '30d',
    indicator: { latency: { thresholdMs: 5000 } },
  },
  {
    name: 'fast',
    target: 0.8,
    timeWindow: '1h',
    indicator: { latency: { thresholdMs: 250 } },
  },
];
const journey: JourneyDefinition = {
  ref: 'journey:default/checkout',
  title: 'Checkout',
  owner: 'group:default/orders',
  components: [],
  entry: { service: 'storefront', route: '/checkout' },
  businessKeys: ['app.order.id'],
  stuckAfterMs: 600_000,
  latencyThresholdsMs: [5000, 250],
  objectives,
};
const options: SloEvaluatorOptions = { minValidEvents: 10 };

/** Seeded, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES: Array<[string, number[]]> = [
  ['ok', [100, 250, 300, 4000, 5000, 6000]],
  ['ok', [100, 250, 300, 4000, 5000, 6000]],
  ['ok', [100, 250, 300, 4000, 5000, 6000]],
  ['failed', [250, 5000, 8000]],
  ['stuck', [0]],
  ['rejected', [20]],
  ['recovered-by-replay', [1_800_000]],
  ['in-flight', [0]],
];

/**
 * A mixed stream: every outcome, latency buckets at, under and over both thresholds, a cell
 * at 0; every minute of the last 3 days and 2 hours, one minute in 17 before that (to 31
 * days back), and cells after the last evaluated moment (which must not count as past).
 */
function mixedStream(lastHour: number): TestCell[] {
  const rnd = random(11);
  const cells: TestCell[] = [];
  const dense = lastHour - (3 * 24 + 2) * 60;
  for (let m = lastHour - 31 * 24 * 60; m < lastHour + 90; m++) {
    if (m < dense && m % 17 !== 0) continue;
    const seen = new Set<string>();
    for (let k = Math.floor(rnd() * 5); k > 0; k--) {
      const [outcome, les] = OUTCOMES[Math.floor(rnd() * OUTCOMES.length)];
      const leMs = les[Math.floor(rnd() * les.length)];
      if (seen.has(`${outcome}|${leMs}`)) continue;
      seen.add(`${outcome}|${leMs}`);
      cells.push({
        journey: journey.ref,
        minute: m,
        outcome,
        leMs,
        count: rnd() < 0.02 ? 0 : 1 + Math.floor(rnd() * 9),
      });
    }
  }
  return cells;
}

describe('SloEvaluator reads the rollups in ranges', () => {
  const databases = bothDatabases();

  it.each(databases.eachSupportedId())(
    'and reports exactly what the per-minute classification reported, at the edges of hours and windows, on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const logger = mockServices.logger.mock();
      const instances = new DatabaseInstanceStore(db);
      const alerts = new DatabaseAlertStore(db);
      const evaluator = new SloEvaluator(
        instances,
        alerts,
        JourneyCatalog.fixed([journey], logger),
        undefined,
        logger,
        options,
      );
      const lastHour = Math.floor(Date.now() / HOUR_MS) * 60 - 60;
      await writeRollups(knex, mixedStream(lastHour));

      const moments = [
        lastHour * MINUTE_MS, // on an hour boundary
        lastHour * MINUTE_MS - 30_000, // in the last minute of an hour
        lastHour * MINUTE_MS + 30_000, // in the first minute
        (lastHour - 31) * MINUTE_MS + 59_999, // before the half hour
        (lastHour + 44) * MINUTE_MS + 1, // after it
      ];
      for (const nowMs of moments) {
        for (const objective of objectives) {
          const expected = await formerSloReport(
            instances,
            journey,
            objective,
            nowMs,
            options,
          );
          expect(expected.good + expected.bad).toBeGreaterThan(0);
          expect(await evaluator.report(journey, objective, nowMs)).toEqual(
            expected,
          );
        }
      }

      // A cycle (all objectives of the journey at once) opens the alerts the former reports fire.
      const nowMs = moments[0];
      const firing = [];
      for (const objective of objectives)
        for (const r of (
          await formerSloReport(instances, journey, objective, nowMs, options)
        ).rules)
          if (r.firing)
            firing.push({
              objective: objective.name,
              severity: r.rule.severity,
              longBurn: r.longBurn,
            });
      expect(firing.length).toBeGreaterThan(0);
      const { opened } = await evaluator.run(nowMs);
      const severities = new Set(
        firing.map(f => `${f.objective}|${f.severity}`),
      );
      expect(opened.map(a => `${a.objective}|${a.severity}`).sort()).toEqual(
        [...severities].sort(),
      );
      for (const a of opened)
        expect(
          (a.figures.rules as Array<{ longBurn: number }>).map(r => r.longBurn),
        ).toEqual(
          firing
            .filter(
              f => f.objective === a.objective && f.severity === a.severity,
            )
            .map(f => f.longBurn),
        );
    },
  );
});
