import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  KpiDefinition,
  ScorecardStatus,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import { bothDatabases } from '../__testUtils__/databases';
import { ms } from '../__testUtils__/time';
import { DatabaseRedKpiStore } from '../database/DatabaseRedKpiStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { connect } from '../database/migrations';
import { SnapshotHistory } from '../history/SnapshotHistory';
import { RollupScorecards } from '../rollup/RollupScorecards';
import { formatKpiValue, TurnedRedNotifier } from './TurnedRedNotifier';

jest.setTimeout(60_000);

const successRate: KpiDefinition = {
  id: 'journey.successRate',
  title: 'Success rate',
  description: '',
  unit: 'percent',
  entityKinds: ['Journey'],
  direction: 'higher-is-better',
  domain: { min: 0, max: 100 },
  aggregation: 'mean',
  defaultThresholds: [
    { status: 'green', expression: '>=99' },
    { status: 'amber', expression: '[95, 99)' },
    { status: 'red', expression: '<95' },
  ],
};

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'acme', title: 'Acme' },
    spec: { type: 'organization', children: ['payments'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', title: 'Payments' },
    spec: { type: 'team', parent: 'acme', children: [] },
  },
  {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: { name: 'refund' },
    spec: { owner: 'payments' },
  },
  {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: { name: 'portal' },
    spec: { owner: 'acme' },
  },
];

const databases = bothDatabases();

describe.each(databases.eachSupportedId())(
  'TurnedRedNotifier on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const db = await connect({ getClient: async () => knex });
      const snapshots = new DatabaseSnapshotStore(db);
      const sent: NotificationSendOptions[] = [];
      const notifications = {
        failNext: 0,
        send: jest.fn(async (options: NotificationSendOptions) => {
          if (notifications.failNext > 0) {
            notifications.failNext--;
            throw new Error('notifications backend unavailable');
          }
          sent.push(options);
        }),
      };
      const auth = mockServices.auth();
      const getOwn = jest.spyOn(auth, 'getOwnServiceCredentials');
      const logger = mockServices.logger.mock();
      const notifier = new TurnedRedNotifier({
        rollups: new RollupScorecards({
          kpis: [successRate],
          thresholds: new ThresholdResolver([successRate]),
          store: snapshots,
          history: new SnapshotHistory(snapshots, [successRate]),
          catalog: catalogServiceMock({ entities }),
          rollup: { mode: 'worst-of' },
        }),
        store: new DatabaseRedKpiStore(db),
        notifications,
        auth,
        kpis: [successRate],
        logger,
        clock: () => new Date('2027-01-31T06:00:00Z'),
      });
      const write = async (
        iso: string,
        name: string,
        value: number,
        status: ScorecardStatus,
      ) => {
        const bucketStart = ms(`${iso}T00:00:00Z`);
        await snapshots.writeRun(
          {
            providerId: `${iso} ${name}`,
            granularity: 'day',
            bucketStart,
            snapshotCount: 1,
          },
          [
            {
              entityRef: `journey:default/${name}`,
              kpiId: successRate.id,
              granularity: 'day',
              bucketStart,
              value,
              status,
            },
          ],
        );
      };
      const check = (iso: string) => notifier.check(ms(`${iso}T00:00:00Z`));
      // The first check of all records without notifying: done on a quiet day.
      expect(await check('2026-12-31')).toMatchObject({
        baseline: true,
        turnedRed: [],
      });
      return {
        notifier,
        notifications,
        sent,
        write,
        check,
        getOwn,
        logger,
        reds: () => new DatabaseRedKpiStore(db).list(),
      };
    }

    it('tells a team once when a KPI of what it owns directly turns red, again only after leaving red', async () => {
      const t = await setUp();
      await t.write('2027-01-01', 'refund', 90.456, 'red');
      await t.write('2027-01-01', 'portal', 99.5, 'green');

      const first = await t.check('2027-01-01');
      expect(first).toEqual({
        day: ms('2027-01-01T00:00:00Z'),
        baseline: false,
        turnedRed: [
          { entityRef: 'group:default/payments', kpiId: 'journey.successRate' },
        ],
        cleared: [],
        notified: 1,
        failed: 0,
      });
      // Read as the plugin itself; acme (red over its sub-group) is not told.
      expect(t.getOwn).toHaveBeenCalled();
      expect(t.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/payments' },
          payload: {
            title: 'Payments: Success rate turned red (90.5 %)',
            description:
              'Success rate of what Payments owns directly was 90.5 % on 2027-01-01: the mean over its entities of 1 (1 red, 0 amber, 0 green). Not repeated while it stays red.',
            link: '/scorecards/group/default/payments/kpis/journey.successRate',
            severity: 'high',
            topic: 'scorecards',
            scope: `scorecards-turned-red:group:default/payments:journey.successRate:${ms(
              '2027-01-01T00:00:00Z',
            )}`,
          },
        },
      ]);

      // The same day checked again (the daily task runs every 30 minutes): nothing new.
      expect(await t.check('2027-01-01')).toMatchObject({
        turnedRed: [],
        notified: 0,
      });
      // Still red the next day: not repeated, the record moves on.
      await t.write('2027-01-02', 'refund', 80, 'red');
      expect(await t.check('2027-01-02')).toMatchObject({
        turnedRed: [],
        notified: 0,
      });
      expect(await t.reds()).toEqual([
        expect.objectContaining({
          entityRef: 'group:default/payments',
          day: ms('2027-01-02T00:00:00Z'),
          since: ms('2027-01-01T00:00:00Z'),
          value: 90.456,
          notifiedAt: ms('2027-01-31T06:00:00Z'),
        }),
      ]);
      // No value on a day (a provider failed): not a recovery, nothing forgotten.
      expect(await t.check('2027-01-03')).toMatchObject({
        turnedRed: [],
        cleared: [],
        notified: 0,
      });
      expect(await t.reds()).toHaveLength(1);
      // Amber: leaves red.
      await t.write('2027-01-04', 'refund', 97, 'amber');
      expect(await t.check('2027-01-04')).toMatchObject({
        cleared: [
          { entityRef: 'group:default/payments', kpiId: 'journey.successRate' },
        ],
        notified: 0,
      });
      expect(await t.reds()).toEqual([]);
      // Red again: told again, under a new scope.
      await t.write('2027-01-05', 'refund', 94, 'red');
      expect(await t.check('2027-01-05')).toMatchObject({ notified: 1 });
      expect(t.sent).toHaveLength(2);
      expect(t.sent[1].payload.title).toBe(
        'Payments: Success rate turned red (94 %)',
      );
      expect(t.sent[1].payload.scope).toMatch(
        new RegExp(`:${ms('2027-01-05T00:00:00Z')}$`),
      );
      // A check of an earlier day says nothing about now.
      expect(await t.check('2027-01-04')).toMatchObject({
        turnedRed: [],
        cleared: [],
      });
      expect(await t.reds()).toHaveLength(1);
    });

    it('retries a notification that could not be sent, and sends it once', async () => {
      const t = await setUp();
      await t.write('2027-01-01', 'refund', 90, 'red');
      t.notifications.failNext = 1;
      expect(await t.check('2027-01-01')).toMatchObject({
        notified: 0,
        failed: 1,
      });
      expect(t.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'could not tell group:default/payments that journey.successRate turned red',
        ),
      );
      expect(t.sent).toEqual([]);
      expect(await t.check('2027-01-01')).toMatchObject({
        notified: 1,
        failed: 0,
      });
      expect(await t.check('2027-01-01')).toMatchObject({ notified: 0 });
      expect(t.sent).toHaveLength(1);
    });

    it('records what is red on the first check of all without notifying', async () => {
      const knex = await databases.init(databaseId);
      const db = await connect({ getClient: async () => knex });
      const snapshots = new DatabaseSnapshotStore(db);
      const send = jest.fn(async () => {});
      const logger = mockServices.logger.mock();
      const notifier = new TurnedRedNotifier({
        rollups: new RollupScorecards({
          kpis: [successRate],
          thresholds: new ThresholdResolver([successRate]),
          store: snapshots,
          history: new SnapshotHistory(snapshots, [successRate]),
          catalog: catalogServiceMock({ entities }),
          rollup: { mode: 'worst-of' },
        }),
        store: new DatabaseRedKpiStore(db),
        notifications: { send },
        auth: mockServices.auth(),
        kpis: [successRate],
        logger,
        clock: () => new Date('2027-01-31T06:00:00Z'),
      });
      const write = (iso: string, value: number, status: ScorecardStatus) =>
        snapshots.writeRun(
          {
            providerId: iso,
            granularity: 'day',
            bucketStart: ms(`${iso}T00:00:00Z`),
            snapshotCount: 1,
          },
          [
            {
              entityRef: 'journey:default/refund',
              kpiId: successRate.id,
              granularity: 'day',
              bucketStart: ms(`${iso}T00:00:00Z`),
              value,
              status,
            },
          ],
        );
      await write('2027-01-01', 90, 'red');
      expect(await notifier.check(ms('2027-01-01T00:00:00Z'))).toMatchObject({
        baseline: true,
        turnedRed: [{}],
        notified: 0,
      });
      expect(logger.info).toHaveBeenCalledWith(
        'Scorecards: first turned-red check; 1 red team KPI(s) recorded without notifying',
      );
      await write('2027-01-02', 91, 'red');
      expect(await notifier.check(ms('2027-01-02T00:00:00Z'))).toMatchObject({
        baseline: false,
        turnedRed: [],
        notified: 0,
      });
      await write('2027-01-03', 99, 'green');
      await notifier.check(ms('2027-01-03T00:00:00Z'));
      await write('2027-01-04', 90, 'red');
      expect(await notifier.check(ms('2027-01-04T00:00:00Z'))).toMatchObject({
        notified: 1,
      });
      expect(send).toHaveBeenCalledTimes(1);
    });

    it('tells the parent about what it owns itself', async () => {
      const t = await setUp();
      await t.write('2027-01-01', 'refund', 90, 'red');
      await t.write('2027-01-01', 'portal', 50, 'red');
      const summary = await t.check('2027-01-01');
      expect(summary.turnedRed.map(r => r.entityRef)).toEqual([
        'group:default/acme',
        'group:default/payments',
      ]);
      expect(t.sent.map(s => s.payload.title)).toEqual([
        'Acme: Success rate turned red (50 %)',
        'Payments: Success rate turned red (90 %)',
      ]);
    });
  },
);

describe('formatKpiValue', () => {
  it('rounds by size and names the unit', () => {
    expect(formatKpiValue(90.456, 'percent')).toBe('90.5 %');
    expect(formatKpiValue(3000.4, 'milliseconds')).toBe('3,000 ms');
    expect(formatKpiValue(1.234, 'hours')).toBe('1.23 h');
    expect(formatKpiValue(12, 'count')).toBe('12');
    expect(formatKpiValue(340, 'per-day')).toBe('340 per day');
    expect(formatKpiValue(55, 'per-thousand')).toBe('55 per 1,000');
  });
});
