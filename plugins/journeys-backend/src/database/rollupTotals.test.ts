import { renderPrometheus } from '../slo/prometheusExposition';
import { bothDatabases } from '../__testUtils__/databases';
import { samples } from '../__testUtils__/prometheus';
import { writeRollups } from '../__testUtils__/rollups';
import { DatabaseInstanceStore } from './DatabaseInstanceStore';
import { connect } from './migrations';

jest.setTimeout(60_000);

const HOUR_MINUTES = 60;
const journey = 'journey:default/checkout';

describe('rollup totals (the Prometheus counters)', () => {
  const databases = bothDatabases();

  it.each(databases.eachSupportedId())(
    'never fall when retention deletes old hours, on %p',
    async id => {
      const knex = await databases.init(id);
      const store = new DatabaseInstanceStore(
        await connect({ getClient: async () => knex }),
      );
      const firstMinute = 1_000_000 * HOUR_MINUTES;
      // Three hours: 5 ok and 1 failed an hour, 2 in flight in the oldest.
      await writeRollups(knex, [
        ...[0, 1, 2].flatMap(h => [
          {
            journey,
            minute: firstMinute + h * HOUR_MINUTES,
            outcome: 'ok',
            leMs: 100,
            count: 5,
          },
          {
            journey,
            minute: firstMinute + h * HOUR_MINUTES + 1,
            outcome: 'failed',
            leMs: 400,
            count: 1,
          },
        ]),
        {
          journey,
          minute: firstMinute,
          outcome: 'in-flight',
          leMs: 0,
          count: 2,
        },
      ]);
      const totals = async () =>
        Object.fromEntries(
          (await store.rollupTotals())
            .filter(t => t.journey === journey)
            .map(t => [t.outcome, t.count]),
        );
      expect(await totals()).toEqual({ ok: 15, failed: 3, 'in-flight': 2 });

      const hourUs = (h: number) =>
        (firstMinute + h * HOUR_MINUTES) * 60_000_000;
      expect(await store.deleteRollupsBefore(hourUs(1))).toBeGreaterThan(0);
      // The oldest hour is gone from the tables but not from the totals (in-flight is a
      // state, not an outcome: it is not kept).
      expect(await totals()).toEqual({ ok: 15, failed: 3 });
      expect(
        Number(
          (await knex('journeys_rollups_hourly').count({ n: '*' }).first())?.n,
        ),
      ).toBe(4);
      await store.deleteRollupsBefore(hourUs(3));
      expect(await totals()).toEqual({ ok: 15, failed: 3 });
      expect(
        Number((await knex('journeys_rollups').count({ n: '*' }).first())?.n),
      ).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'scraped and parsed, equal the rollups, on %p',
    async id => {
      const knex = await databases.init(id);
      const store = new DatabaseInstanceStore(
        await connect({ getClient: async () => knex }),
      );
      const outcomes = [
        'ok',
        'failed',
        'stuck',
        'rejected',
        'recovered-by-replay',
      ];
      const les = [1, 100, 400, 5000, 6000, 2_147_483_647];
      await writeRollups(
        knex,
        Array.from({ length: 500 }, (_, i) => ({
          journey: i % 3 ? journey : 'journey:default/refund',
          minute: 1_000_000 * HOUR_MINUTES + ((i * 37) % 5000),
          outcome: outcomes[i % outcomes.length],
          leMs: les[(i * 7) % les.length],
          count: 1 + (i % 4),
        })),
      );
      const exposed = samples(
        renderPrometheus({ journeys: [], totals: await store.rollupTotals() }),
      );
      for (const name of ['checkout', 'refund']) {
        const ref = `journey:default/${name}`;
        const sql = (await knex('journeys_rollups')
          .where('journey', ref)
          .select('outcome')
          .sum({ n: 'count' })
          .groupBy('outcome')) as Array<{ outcome: string; n: string }>;
        const scraped = Object.fromEntries(
          exposed
            .filter(
              x =>
                x.name === 'switchboard_journey_instances_total' &&
                x.labels.journey === name,
            )
            .map(x => [x.labels.outcome, x.value]),
        );
        expect(scraped).toEqual(
          Object.fromEntries(sql.map(r => [r.outcome, Number(r.n)])),
        );
        const finished = sql
          .filter(r => r.outcome === 'ok' || r.outcome === 'failed')
          .reduce((sum, r) => sum + Number(r.n), 0);
        const count = exposed.find(
          x =>
            x.name === 'switchboard_journey_duration_seconds_count' &&
            x.labels.journey === name,
        );
        expect(count?.value).toBe(finished);
      }
    },
  );
});
