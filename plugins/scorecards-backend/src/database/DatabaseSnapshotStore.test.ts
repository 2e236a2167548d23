import { TestDatabaseId } from '@backstage/backend-test-utils';
import { bothDatabases } from '../__testUtils__/databases';
import { ms } from '../__testUtils__/time';
import { connect } from './migrations';
import { DatabaseSnapshotStore } from './DatabaseSnapshotStore';
import { Snapshot } from './SnapshotStore';

jest.setTimeout(60_000);

const databases = bothDatabases();

const day = (
  iso: string,
  entityRef: string,
  kpiId: string,
  value: number,
): Snapshot => ({
  entityRef,
  kpiId,
  granularity: 'day',
  bucketStart: ms(iso),
  value,
  status: value >= 99 ? 'green' : 'red',
});

describe.each(databases.eachSupportedId())(
  'DatabaseSnapshotStore on %s',
  databaseId => {
    async function createStore(id: TestDatabaseId) {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      return new DatabaseSnapshotStore(
        db,
        () => new Date('2026-12-05T12:00:00Z'),
      );
    }

    it('writes a run, replaces values on a second write, and lists in order', async () => {
      const store = await createStore(databaseId);
      const run = {
        providerId: 'journeys',
        granularity: 'day' as const,
        bucketStart: ms('2026-12-04T00:00:00Z'),
        snapshotCount: 2,
      };
      await store.writeRun(run, [
        day(
          '2026-12-04T00:00:00Z',
          'journey:default/checkout',
          'journey.successRate',
          98.5,
        ),
        day(
          '2026-12-04T00:00:00Z',
          'journey:default/checkout',
          'journey.volume',
          1200,
        ),
      ]);
      // A second write of the same bucket replaces the value and status.
      await store.writeRun(run, [
        day(
          '2026-12-04T00:00:00Z',
          'journey:default/checkout',
          'journey.successRate',
          99.25,
        ),
      ]);
      await store.writeRun(
        { ...run, bucketStart: ms('2026-12-03T00:00:00Z') },
        [
          day(
            '2026-12-03T00:00:00Z',
            'journey:default/checkout',
            'journey.successRate',
            97,
          ),
        ],
      );

      expect(
        await store.list({
          granularity: 'day',
          from: ms('2026-12-01T00:00:00Z'),
          to: ms('2026-12-05T00:00:00Z'),
        }),
      ).toEqual([
        day(
          '2026-12-03T00:00:00Z',
          'journey:default/checkout',
          'journey.successRate',
          97,
        ),
        day(
          '2026-12-04T00:00:00Z',
          'journey:default/checkout',
          'journey.successRate',
          99.25,
        ),
        day(
          '2026-12-04T00:00:00Z',
          'journey:default/checkout',
          'journey.volume',
          1200,
        ),
      ]);
      expect(
        await store.runBuckets(
          'journeys',
          'day',
          ms('2026-12-01T00:00:00Z'),
          ms('2026-12-05T00:00:00Z'),
        ),
      ).toEqual([ms('2026-12-03T00:00:00Z'), ms('2026-12-04T00:00:00Z')]);
      expect(
        await store.runBuckets('dlq', 'day', 0, ms('2027-01-01T00:00:00Z')),
      ).toEqual([]);
    });

    it('marks a run with no values, filters lists by range, entity and KPI', async () => {
      const store = await createStore(databaseId);
      const bucket = ms('2026-12-04T10:00:00Z');
      await store.writeRun(
        {
          providerId: 'dlq',
          granularity: 'hour',
          bucketStart: bucket,
          snapshotCount: 0,
        },
        [],
      );
      expect(await store.runBuckets('dlq', 'hour', bucket, bucket + 1)).toEqual(
        [bucket],
      );

      const rows = ['a', 'b'].flatMap(name =>
        ['k1', 'k2'].map(kpiId => ({
          ...day('2026-12-04T00:00:00Z', `journey:default/${name}`, kpiId, 1),
          status: undefined,
        })),
      );
      await store.writeRun(
        {
          providerId: 'p',
          granularity: 'day',
          bucketStart: ms('2026-12-04T00:00:00Z'),
          snapshotCount: 4,
        },
        rows,
      );
      const query = {
        granularity: 'day' as const,
        from: ms('2026-12-04T00:00:00Z'),
      };
      expect(
        await store.list({
          ...query,
          to: ms('2026-12-05T00:00:00Z'),
          entityRefs: ['journey:default/b'],
          kpiIds: ['k2'],
        }),
      ).toEqual([{ ...rows[3], status: undefined }]);
      // `to` is exclusive: a bucket starting at `to` is not listed.
      expect(
        await store.list({ ...query, to: ms('2026-12-04T00:00:00Z') }),
      ).toEqual([]);
      // The hourly run mark does not leak into daily snapshots.
      expect(
        await store.list({
          ...query,
          granularity: 'hour',
          to: ms('2026-12-05T00:00:00Z'),
        }),
      ).toEqual([]);
    });

    it('reads exact buckets and deletes by granularity and age', async () => {
      const store = await createStore(databaseId);
      const ref = 'group:default/payments';
      for (const iso of [
        '2026-11-04',
        '2026-11-27',
        '2026-12-03',
        '2026-12-04',
      ]) {
        await store.writeRun(
          {
            providerId: 'p',
            granularity: 'day',
            bucketStart: ms(`${iso}T00:00:00Z`),
            snapshotCount: 1,
          },
          [day(`${iso}T00:00:00Z`, ref, 'k', 1)],
        );
      }
      const hour = ms('2026-11-04T05:00:00Z');
      await store.writeRun(
        {
          providerId: 'p',
          granularity: 'hour',
          bucketStart: hour,
          snapshotCount: 1,
        },
        [
          {
            ...day('2026-11-04T00:00:00Z', ref, 'k', 1),
            granularity: 'hour',
            bucketStart: hour,
          },
        ],
      );

      const at = await store.at(
        'day',
        [
          ms('2026-12-04T00:00:00Z'),
          ms('2026-11-27T00:00:00Z'),
          ms('2026-11-01T00:00:00Z'),
        ],
        {
          entityRefs: [ref],
        },
      );
      expect(at.map(s => new Date(s.bucketStart).toISOString())).toEqual([
        '2026-11-27T00:00:00.000Z',
        '2026-12-04T00:00:00.000Z',
      ]);
      expect(await store.at('day', [])).toEqual([]);

      expect(await store.deleteBefore('day', ms('2026-12-03T00:00:00Z'))).toBe(
        2,
      );
      const left = await store.list({
        granularity: 'day',
        from: 0,
        to: ms('2027-01-01T00:00:00Z'),
      });
      expect(
        left.map(s => new Date(s.bucketStart).toISOString().slice(0, 10)),
      ).toEqual(['2026-12-03', '2026-12-04']);
      expect(
        await store.runBuckets('p', 'day', 0, ms('2027-01-01T00:00:00Z')),
      ).toEqual([ms('2026-12-03T00:00:00Z'), ms('2026-12-04T00:00:00Z')]);
      // Hourly rows are another granularity's business.
      expect(
        await store.runBuckets('p', 'hour', 0, ms('2027-01-01T00:00:00Z')),
      ).toEqual([hour]);
    });

    it('reads snapshots of more entities than one IN list may hold, in order', async () => {
      const store = await createStore(databaseId);
      // 1,203 entities, more than two chunks of 500; written in reverse order.
      const refs = Array.from(
        { length: 1203 },
        (_, i) => `journey:default/j${String(i).padStart(4, '0')}`,
      );
      const today = ms('2026-12-04T00:00:00Z');
      const week = ms('2026-11-27T00:00:00Z');
      await store.writeRun(
        {
          providerId: 'p',
          granularity: 'day',
          bucketStart: today,
          snapshotCount: 0,
        },
        [...refs].reverse().flatMap((entityRef, i) =>
          [today, week].map(bucketStart => ({
            entityRef,
            kpiId: 'journey.successRate',
            granularity: 'day' as const,
            bucketStart,
            value: i,
          })),
        ),
      );
      // Every other entity, and one that has no snapshot.
      const wanted = [
        ...refs.filter((_, i) => i % 2 === 0),
        'journey:default/x',
      ];
      const at = await store.at('day', [today, week], { entityRefs: wanted });
      expect(at).toHaveLength(602 * 2);
      expect(at.map(s => `${s.entityRef} ${s.bucketStart}`)).toEqual(
        wanted.slice(0, -1).flatMap(r => [`${r} ${week}`, `${r} ${today}`]),
      );
      const listed = await store.list({
        granularity: 'day',
        from: today,
        to: today + 1,
        entityRefs: wanted,
      });
      expect(listed.map(s => s.entityRef)).toEqual(wanted.slice(0, -1));
      expect(await store.at('day', [today], { entityRefs: [] })).toEqual([]);
    });
  },
);
