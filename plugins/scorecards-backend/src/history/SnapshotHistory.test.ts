import { KpiDefinition } from '@internal/plugin-scorecards-common';
import { bothDatabases } from '../__testUtils__/databases';
import { ms } from '../__testUtils__/time';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { connect } from '../database/migrations';
import { SnapshotHistory } from './SnapshotHistory';

jest.setTimeout(60_000);

const kpi = (
  id: string,
  direction: KpiDefinition['direction'],
): KpiDefinition => ({
  id,
  title: id,
  description: id,
  unit: 'count',
  entityKinds: ['Journey'],
  direction,
  defaultThresholds: [{ status: 'green', expression: '>=0' }],
});

const databases = bothDatabases();

describe.each(databases.eachSupportedId())(
  'SnapshotHistory on %s',
  databaseId => {
    it('compares a day with a week and a calendar month before, exact days only', async () => {
      const knex = await databases.init(databaseId);
      const store = new DatabaseSnapshotStore(
        await connect({ getClient: async () => knex }),
      );
      const checkout = 'journey:default/checkout';
      const refunds = 'journey:default/refunds';
      const days: Array<[string, string, string, number]> = [
        // 2027-03-31: a week before is 03-24, a month before is 02-28 (no 31 February).
        ['2027-03-31', checkout, 'journey.successRate', 99],
        ['2027-03-24', checkout, 'journey.successRate', 97],
        ['2027-02-28', checkout, 'journey.successRate', 99.5],
        ['2027-03-31', checkout, 'journey.p95', 800],
        ['2027-03-24', checkout, 'journey.p95', 1000],
        // Decoys: the day before and after the week-ago day are not used.
        ['2027-03-23', refunds, 'journey.p95', 1],
        ['2027-03-25', refunds, 'journey.p95', 1],
        ['2027-03-31', refunds, 'journey.p95', 400],
      ];
      for (const [day, entityRef, kpiId, value] of days) {
        const bucketStart = ms(`${day}T00:00:00Z`);
        await store.writeRun(
          {
            providerId: `${day}${entityRef}${kpiId}`,
            granularity: 'day',
            bucketStart,
            snapshotCount: 1,
          },
          [
            {
              entityRef,
              kpiId,
              granularity: 'day',
              bucketStart,
              value,
              status: 'green',
            },
          ],
        );
      }
      const history = new SnapshotHistory(store, [
        kpi('journey.successRate', 'higher-is-better'),
        kpi('journey.p95', 'lower-is-better'),
      ]);

      const values = await history.withDeltas(ms('2027-03-31T17:45:00Z'));

      const day = ms('2027-03-31T00:00:00Z');
      expect(values).toEqual([
        {
          entityRef: checkout,
          kpiId: 'journey.p95',
          day,
          value: 800,
          status: 'green',
          weekOverWeek: {
            previous: 1000,
            change: -200,
            relativeChange: -0.2,
            trend: 'better',
          },
          monthOverMonth: undefined,
        },
        {
          entityRef: checkout,
          kpiId: 'journey.successRate',
          day,
          value: 99,
          status: 'green',
          weekOverWeek: {
            previous: 97,
            change: 2,
            relativeChange: 2 / 97,
            trend: 'better',
          },
          monthOverMonth: {
            previous: 99.5,
            change: -0.5,
            relativeChange: -0.5 / 99.5,
            trend: 'worse',
          },
        },
        {
          entityRef: refunds,
          kpiId: 'journey.p95',
          day,
          value: 400,
          status: 'green',
          weekOverWeek: undefined,
          monthOverMonth: undefined,
        },
      ]);
      expect(
        (await history.withDeltas(day, { entityRefs: [refunds] })).map(
          v => v.entityRef,
        ),
      ).toEqual([refunds]);
    });
  },
);
