import { mockServices } from '@backstage/backend-test-utils';
import { bothDatabases } from '../__testUtils__/databases';
import { ms } from '../__testUtils__/time';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { connect } from '../database/migrations';
import { SnapshotGranularity } from '../database/SnapshotStore';
import { SnapshotRetention } from './SnapshotRetention';

jest.setTimeout(60_000);

const databases = bothDatabases();

describe.each(databases.eachSupportedId())(
  'SnapshotRetention on %s',
  databaseId => {
    it('keeps `days` whole days and `hourlyHours` whole hours before now', async () => {
      const knex = await databases.init(databaseId);
      const store = new DatabaseSnapshotStore(
        await connect({ getClient: async () => knex }),
      );
      const write = (granularity: SnapshotGranularity, iso: string) =>
        store.writeRun(
          {
            providerId: 'p',
            granularity,
            bucketStart: ms(iso),
            snapshotCount: 1,
          },
          [
            {
              entityRef: 'journey:default/checkout',
              kpiId: 'k',
              granularity,
              bucketStart: ms(iso),
              value: 1,
            },
          ],
        );
      for (const iso of [
        '2026-11-04',
        '2026-11-05',
        '2026-11-06',
        '2026-12-04',
      ])
        await write('day', `${iso}T00:00:00Z`);
      for (const iso of [
        '2026-12-03T09:00',
        '2026-12-03T10:00',
        '2026-12-05T09:00',
      ])
        await write('hour', `${iso}:00Z`);

      // 2026-12-05T10:30: 30 days back from today is 11-05 (kept), 48 hours back from
      // 10:00 is 12-03T10:00 (kept).
      const retention = new SnapshotRetention(
        store,
        { days: 30, hourlyHours: 48 },
        () => new Date('2026-12-05T10:30:00Z'),
        mockServices.logger.mock(),
      );
      expect(await retention.run()).toEqual({ day: 1, hour: 1 });
      const left = async (granularity: SnapshotGranularity) =>
        (
          await store.list({
            granularity,
            from: 0,
            to: ms('2027-01-01T00:00:00Z'),
          })
        ).map(s => new Date(s.bucketStart).toISOString());
      expect(await left('day')).toEqual([
        '2026-11-05T00:00:00.000Z',
        '2026-11-06T00:00:00.000Z',
        '2026-12-04T00:00:00.000Z',
      ]);
      expect(await left('hour')).toEqual([
        '2026-12-03T10:00:00.000Z',
        '2026-12-05T09:00:00.000Z',
      ]);
      expect(await retention.run()).toEqual({ day: 0, hour: 0 });
    });
  },
);
