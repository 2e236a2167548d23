import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KpiDefinition,
  SCORECARD_THRESHOLDS_ANNOTATION,
  ScorecardStatus,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import { bothDatabases } from '../__testUtils__/databases';
import { ms } from '../__testUtils__/time';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { connect } from '../database/migrations';
import { SnapshotHistory } from '../history/SnapshotHistory';
import { RollupScorecards } from './RollupScorecards';

jest.setTimeout(60_000);

const kpi = (
  id: string,
  kinds: string[],
  direction: KpiDefinition['direction'],
  aggregation?: KpiDefinition['aggregation'],
): KpiDefinition => ({
  id,
  title: id,
  description: id,
  unit: 'count',
  entityKinds: kinds,
  direction,
  aggregation,
  defaultThresholds: [
    { status: 'green', expression: '>=0' },
    { status: 'red', expression: '<0' },
  ],
});

const KPIS = [
  kpi('journey.successRate', ['Journey'], 'higher-is-better'), // mean by default
  kpi('journey.cycleTimeP95', ['Journey'], 'lower-is-better', 'max'),
  kpi('dlq.backlogDepth', ['Resource'], 'lower-is-better', 'sum'),
];

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: name.toUpperCase() },
  spec: { type: 'team', parent, children: [] },
});
const owned = (
  kind: string,
  name: string,
  owner: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { owner },
});

const ENTITIES = [
  group('acme'),
  group('orders', 'acme'),
  group('payments', 'acme'),
  group('empty', 'acme'),
  owned('Journey', 'checkout', 'orders'),
  owned('Journey', 'refund', 'payments', {
    [SCORECARD_THRESHOLDS_ANNOTATION]: JSON.stringify({
      'journey.successRate': [
        { status: 'red', expression: '>=0' },
        { status: 'red', expression: '<0' },
      ],
    }),
  }),
  owned('Journey', 'invoice', 'payments'),
  owned('Resource', 'payments-queue', 'payments'),
];

// 2026-12-04: a week before is 11-27, a month before 11-04.
const SNAPSHOTS: Array<
  [string, string, string, number, ScorecardStatus | undefined]
> = [
  ['2026-12-04', 'checkout', 'journey.successRate', 99, 'green'],
  ['2026-12-04', 'refund', 'journey.successRate', 90, 'red'],
  ['2026-12-04', 'invoice', 'journey.successRate', 96, 'amber'],
  ['2026-12-04', 'checkout', 'journey.cycleTimeP95', 1000, 'green'],
  ['2026-12-04', 'refund', 'journey.cycleTimeP95', 3000, 'red'],
  ['2026-12-04', 'payments-queue', 'dlq.backlogDepth', 12, 'amber'],
  ['2026-11-27', 'checkout', 'journey.successRate', 98, 'amber'],
  ['2026-11-27', 'refund', 'journey.successRate', 94, 'red'],
  ['2026-11-27', 'checkout', 'journey.cycleTimeP95', 1500, 'green'],
  ['2026-11-04', 'refund', 'journey.successRate', 80, 'red'],
  // Not a member of anything: never counted.
  ['2026-12-04', 'stranger', 'journey.successRate', 1, 'red'],
];

const refOf = (name: string) =>
  name === 'payments-queue'
    ? 'resource:default/payments-queue'
    : `journey:default/${name}`;

const databases = bothDatabases();

describe.each(databases.eachSupportedId())(
  'RollupScorecards on %s',
  databaseId => {
    let rollups: RollupScorecards;
    const credentials = mockCredentials.user();
    const day = ms('2026-12-04T00:00:00Z');

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const store = new DatabaseSnapshotStore(
        await connect({ getClient: async () => knex }),
      );
      for (const [iso, name, kpiId, value, status] of SNAPSHOTS) {
        const bucketStart = ms(`${iso}T00:00:00Z`);
        await store.writeRun(
          {
            providerId: `${iso} ${name} ${kpiId}`,
            granularity: 'day',
            bucketStart,
            snapshotCount: 1,
          },
          [
            {
              entityRef: refOf(name),
              kpiId,
              granularity: 'day',
              bucketStart,
              value,
              status,
            },
          ],
        );
      }
      rollups = new RollupScorecards({
        kpis: KPIS,
        thresholds: new ThresholdResolver(KPIS),
        store,
        history: new SnapshotHistory(store, KPIS),
        catalog: catalogServiceMock({ entities: ENTITIES }),
        rollup: { mode: 'worst-of' },
      });
    });

    it('rolls a team up over its sub-groups, each KPI by its aggregation, with deltas', async () => {
      const card = await rollups.scorecard(
        credentials,
        'group:default/acme',
        'group',
        day,
      );
      expect(card).toEqual({
        entityRef: 'group:default/acme',
        day: '2026-12-04',
        rollup: true,
        memberCount: 4,
        status: 'red',
        score: 50 / 3, // amber 50, red 0, red 0
        counts: { green: 0, amber: 1, red: 2 },
        unknown: 0,
        items: [
          {
            kpiId: 'dlq.backlogDepth',
            value: 12,
            status: 'amber',
            thresholdSource: 'default',
            aggregation: 'sum',
            members: { green: 0, amber: 1, red: 0, none: 0 },
          },
          {
            kpiId: 'journey.cycleTimeP95',
            value: 3000, // max(1000, 3000)
            status: 'red',
            thresholdSource: 'default',
            aggregation: 'max',
            // invoice has no value
            members: { green: 1, amber: 0, red: 1, none: 1 },
            // a week before: max(1500) over the one member with a value then
            weekOverWeek: {
              previous: 1500,
              change: 1500,
              relativeChange: 1,
              trend: 'worse',
            },
          },
          {
            kpiId: 'journey.successRate',
            value: 95, // (99 + 90 + 96) / 3
            status: 'red',
            thresholdSource: 'default',
            aggregation: 'mean',
            members: { green: 1, amber: 1, red: 1, none: 0 },
            weekOverWeek: {
              previous: 96, // (98 + 94) / 2
              change: -1,
              relativeChange: -1 / 96,
              trend: 'worse',
            },
            monthOverMonth: {
              previous: 80,
              change: 15,
              relativeChange: 15 / 80,
              trend: 'better',
            },
          },
        ],
      });
    });

    it('rolls a team up over what it owns when it has no sub-groups', async () => {
      const card = await rollups.scorecard(
        credentials,
        'group:default/payments',
        'group',
        day,
      );
      expect(card.memberCount).toBe(3);
      const rate = card.items.find(i => i.kpiId === 'journey.successRate');
      expect(rate).toMatchObject({
        value: 93, // (90 + 96) / 2
        status: 'red',
        weekOverWeek: { previous: 94, change: -1 },
        monthOverMonth: { previous: 80, change: 13 },
      });
      const empty = await rollups.scorecard(
        credentials,
        'group:default/empty',
        'group',
        day,
      );
      expect(empty).toMatchObject({
        memberCount: 0,
        items: [],
        counts: { green: 0, amber: 0, red: 0 },
      });
      expect(empty.status).toBeUndefined();
    });

    it('lists every team with filter, sort and paging, worst first', async () => {
      const page = await rollups.aggregations(credentials, 'group', {
        day,
        sort: 'status',
        order: 'desc',
        limit: 2,
      });
      expect(page.total).toBe(4);
      expect(page.items.map(r => [r.entityRef, r.status])).toEqual([
        ['group:default/acme', 'red'],
        ['group:default/payments', 'red'],
      ]);
      const rest = await rollups.aggregations(credentials, 'group', {
        day,
        sort: 'status',
        order: 'desc',
        offset: 2,
      });
      expect(rest.items.map(r => [r.entityRef, r.status])).toEqual([
        ['group:default/orders', 'green'],
        ['group:default/empty', undefined], // no value: last
      ]);
      const byValue = await rollups.aggregations(credentials, 'group', {
        day,
        kpiId: 'journey.successRate',
        sort: 'value',
        order: 'asc',
        status: ['red', 'green'],
      });
      expect(byValue.items.map(r => r.title)).toEqual([
        'PAYMENTS', // 93
        'ACME', // 95
        'ORDERS', // 99
      ]);
      const mine = await rollups.aggregations(credentials, 'group', {
        day,
        entityRefs: ['orders', 'group:default/Payments'],
        q: 'ORD',
      });
      expect(mine.items.map(r => r.entityRef)).toEqual([
        'group:default/orders',
      ]);
      expect(mine.items[0]).toMatchObject({
        title: 'ORDERS',
        memberCount: 1,
        status: 'green',
      });
      expect(mine.items[0]).not.toHaveProperty('name');
    });

    it('refuses an unknown KPI and a value sort without one', async () => {
      await expect(
        rollups.aggregations(credentials, 'group', { day, kpiId: 'nope' }),
      ).rejects.toThrow('kpiId: unknown KPI "nope"');
      await expect(
        rollups.members(credentials, 'group:default/acme', 'group', {
          day,
          sort: 'value',
        }),
      ).rejects.toThrow('sort: sorting by value needs a kpiId');
      await expect(
        rollups.aggregations(credentials, 'group', {
          day,
          entityRefs: ['group:'],
        }),
      ).rejects.toThrow(/entityRef/);
    });

    it('lists the members with their own values, status and threshold source', async () => {
      const page = await rollups.members(
        credentials,
        'group:default/acme',
        'group',
        { day, sort: 'status' },
      );
      expect(page.total).toBe(4);
      expect(page.items.map(m => [m.title, m.status])).toEqual([
        ['refund', 'red'],
        ['invoice', 'amber'],
        ['payments-queue', 'amber'],
        ['checkout', 'green'],
      ]);
      expect(page.items[0]).toEqual({
        entityRef: 'journey:default/refund',
        kind: 'Journey',
        title: 'refund',
        owner: 'group:default/payments',
        status: 'red',
        score: 0,
        counts: { green: 0, amber: 0, red: 2 },
        unknown: 0,
        items: [
          {
            kpiId: 'journey.cycleTimeP95',
            value: 3000,
            status: 'red',
            thresholdSource: 'default',
          },
          {
            kpiId: 'journey.successRate',
            value: 90,
            status: 'red',
            thresholdSource: 'annotation',
            weekOverWeek: {
              previous: 94,
              change: -4,
              relativeChange: -4 / 94,
              trend: 'worse',
            },
            monthOverMonth: {
              previous: 80,
              change: 10,
              relativeChange: 10 / 80,
              trend: 'better',
            },
          },
        ],
      });
      const queues = await rollups.members(
        credentials,
        'group:default/acme',
        'group',
        { day, memberKind: 'resource' },
      );
      expect(queues.items.map(m => m.entityRef)).toEqual([
        'resource:default/payments-queue',
      ]);
      const noP95 = await rollups.members(
        credentials,
        'group:default/acme',
        'group',
        {
          day,
          kpiId: 'journey.cycleTimeP95',
          sort: 'value',
          order: 'desc',
        },
      );
      expect(noP95.items.map(m => m.title)).toEqual([
        'refund',
        'checkout',
        'invoice', // no value: last
        'payments-queue',
      ]);
    });

    it('rolls history up per bucket with the members’ counts', async () => {
      const points = await rollups.history(
        credentials,
        'group:default/acme',
        'group',
        {
          kpiId: 'journey.successRate',
          granularity: 'day',
          from: ms('2026-11-01T00:00:00Z'),
          to: ms('2026-12-05T00:00:00Z'),
        },
      );
      expect(points).toEqual([
        {
          bucketStart: '2026-11-04T00:00:00.000Z',
          value: 80,
          status: 'red',
          members: { green: 0, amber: 0, red: 1, none: 2 },
        },
        {
          bucketStart: '2026-11-27T00:00:00.000Z',
          value: 96,
          status: 'red',
          members: { green: 0, amber: 1, red: 1, none: 1 },
        },
        {
          bucketStart: '2026-12-04T00:00:00.000Z',
          value: 95,
          status: 'red',
          members: { green: 1, amber: 1, red: 1, none: 0 },
        },
      ]);
      // The queue is not measured on journey KPIs: not counted as `none`.
      const backlog = await rollups.history(
        credentials,
        'group:default/acme',
        'group',
        {
          kpiId: 'dlq.backlogDepth',
          granularity: 'day',
          from: ms('2026-11-01T00:00:00Z'),
          to: ms('2026-12-05T00:00:00Z'),
        },
      );
      expect(backlog).toEqual([
        {
          bucketStart: '2026-12-04T00:00:00.000Z',
          value: 12,
          status: 'amber',
          members: { green: 0, amber: 1, red: 0, none: 0 },
        },
      ]);
    });

    it('gives each team its direct rollup for the turned-red check', async () => {
      const direct = await rollups.directGroupRollups(credentials, day);
      const byTeam = Object.fromEntries(
        direct.map(d => [
          d.group.ref,
          Object.fromEntries(
            [...d.kpis].map(([id, k]) => [id, [k.value, k.status]]),
          ),
        ]),
      );
      expect(byTeam).toEqual({
        'group:default/acme': {}, // owns nothing itself
        'group:default/empty': {},
        'group:default/orders': {
          'journey.successRate': [99, 'green'],
          'journey.cycleTimeP95': [1000, 'green'],
        },
        'group:default/payments': {
          'journey.successRate': [93, 'red'],
          'journey.cycleTimeP95': [3000, 'red'],
          'dlq.backlogDepth': [12, 'amber'],
        },
      });
    });
  },
);
