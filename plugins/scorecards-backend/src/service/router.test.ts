import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KpiDefinition,
  SCORECARD_THRESHOLDS_ANNOTATION,
} from '@internal/plugin-scorecards-common';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { bothDatabases } from '../__testUtils__/databases';
import { ms } from '../__testUtils__/time';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { scorecardsPlugin } from '../plugin';

jest.setTimeout(60_000);

const successRate: KpiDefinition = {
  id: 'journey.successRate',
  title: 'Success rate',
  description: 'Completed instances of all settled ones.',
  unit: 'percent',
  entityKinds: ['Journey'],
  direction: 'higher-is-better',
  domain: { min: 0, max: 100 },
  defaultThresholds: [
    { status: 'green', expression: '>=99' },
    { status: 'amber', expression: '[95, 99)' },
    { status: 'red', expression: '<95' },
  ],
};
const p95: KpiDefinition = {
  id: 'journey.cycleTimeP95',
  title: 'Cycle time p95',
  description: '95th percentile from entry to completion.',
  unit: 'milliseconds',
  entityKinds: ['Journey'],
  direction: 'lower-is-better',
  domain: { min: 0 },
  defaultThresholds: [
    { status: 'green', expression: '<=2000' },
    { status: 'red', expression: '>2000' },
  ],
};

const checkout: Entity = {
  apiVersion: 'switchboard.dev/v1alpha1',
  kind: 'Journey',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      [SCORECARD_THRESHOLDS_ANNOTATION]: JSON.stringify({
        'journey.cycleTimeP95': [
          { status: 'green', expression: '<=5000' },
          { status: 'red', expression: '>5000' },
        ],
      }),
    },
  },
  spec: { owner: 'payments' },
};
const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
  spec: { type: 'team', children: [] },
};
const platform: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const provider: ScorecardMetricProvider = {
  id: 'test',
  kpis: [successRate, p95],
  compute: async () => ({}),
};

const databases = bothDatabases();

describe('scorecards routes', () => {
  let knex: Knex;
  let base: string;
  let stop: () => Promise<void>;

  async function start(options: { deny?: boolean; anonymous?: boolean } = {}) {
    knex = await databases.init('SQLITE_3');
    const backend = await startTestBackend({
      features: [
        scorecardsPlugin,
        createBackendModule({
          pluginId: 'scorecards',
          moduleId: 'test-provider',
          register(env) {
            env.registerInit({
              deps: { metrics: scorecardsMetricProvidersExtensionPoint },
              async init({ metrics }) {
                metrics.addMetricProvider(provider);
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            scorecards: {
              thresholds: {
                'journey.successRate': [
                  { status: 'green', expression: '>=97' },
                  { status: 'red', expression: '<97' },
                ],
              },
            },
          },
        }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({
          entities: [checkout, payments, platform],
        }),
        ...(options.deny
          ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
          : []),
        ...(options.anonymous
          ? [
              mockServices.httpAuth.factory({
                defaultCredentials: mockCredentials.none(),
              }),
            ]
          : []),
      ],
    });
    base = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/scorecards`;
    stop = () => backend.stop();
  }

  afterEach(async () => {
    await stop?.();
  });

  const get = async (path: string) => {
    // Query values encoded as a client would (the validator refuses a raw ':').
    const [pathname, query] = path.split('?');
    const url = query
      ? `${base}${pathname}?${new URLSearchParams(query).toString()}`
      : `${base}${pathname}`;
    const res = await fetch(url, {
      headers: { authorization: mockCredentials.user.header() },
    });
    return { status: res.status, body: await res.json() };
  };

  async function seed() {
    const store = new DatabaseSnapshotStore(knex);
    const ref = 'journey:default/checkout';
    const write = (
      iso: string,
      kpiId: string,
      value: number,
      status: 'green' | 'amber' | 'red',
    ) => {
      const bucketStart = ms(`${iso}T00:00:00Z`);
      return store.writeRun(
        {
          providerId: `test-${iso}-${kpiId}`,
          granularity: 'day',
          bucketStart,
          snapshotCount: 1,
        },
        [
          {
            entityRef: ref,
            kpiId,
            granularity: 'day',
            bucketStart,
            value,
            status,
          },
        ],
      );
    };
    await write('2026-12-04', 'journey.successRate', 96, 'red');
    await write('2026-11-27', 'journey.successRate', 98, 'green');
    await write('2026-11-04', 'journey.successRate', 96, 'red');
    await write('2026-12-04', 'journey.cycleTimeP95', 3000, 'green');
    await write('2026-12-03', 'journey.cycleTimeP95', 2500, 'green');
  }

  it('lists KPIs with the thresholds in force and where they come from', async () => {
    await start();
    const { status, body } = await get('/kpis');
    expect(status).toBe(200);
    expect(body.items.map((k: { id: string }) => k.id)).toEqual([
      'journey.cycleTimeP95',
      'journey.successRate',
    ]);
    expect(body.items[1]).toEqual({
      ...successRate,
      defaultThresholds: undefined,
      aggregation: 'mean',
      thresholds: [
        { status: 'green', expression: '>=97' },
        { status: 'red', expression: '<97' },
      ],
      thresholdSource: 'config',
    });
    expect(body.items[0].thresholdSource).toBe('default');
  });

  it("answers an entity's day with deltas and a worst-of status", async () => {
    await start();
    await seed();
    const { status, body } = await get(
      '/entities/journey/default/checkout?day=2026-12-04',
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      entityRef: 'journey:default/checkout',
      day: '2026-12-04',
      status: 'red',
      score: 50,
      counts: { green: 1, amber: 0, red: 1 },
      unknown: 0,
      items: [
        {
          kpiId: 'journey.cycleTimeP95',
          value: 3000,
          status: 'green',
          thresholdSource: 'annotation',
        },
        {
          kpiId: 'journey.successRate',
          value: 96,
          status: 'red',
          thresholdSource: 'config',
          weekOverWeek: {
            previous: 98,
            change: -2,
            relativeChange: -2 / 98,
            trend: 'worse',
          },
          monthOverMonth: {
            previous: 96,
            change: 0,
            relativeChange: 0,
            trend: 'unchanged',
          },
        },
      ],
    });
  });

  it("answers a KPI's history, oldest first, within the range", async () => {
    await start();
    await seed();
    const { status, body } = await get(
      '/entities/Journey/default/checkout/history?kpiId=journey.successRate&from=2026-11-05T00:00:00Z&to=2026-12-05T00:00:00Z',
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      entityRef: 'journey:default/checkout',
      kpiId: 'journey.successRate',
      granularity: 'day',
      items: [
        { bucketStart: '2026-11-27T00:00:00.000Z', value: 98, status: 'green' },
        { bucketStart: '2026-12-04T00:00:00.000Z', value: 96, status: 'red' },
      ],
    });
  });

  it.each([
    [
      '/entities/journey/default/checkout?day=2026-02-30',
      400,
      'day: expected a date YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      '/entities/journey/default/checkout/history?kpiId=nope&from=2026-11-05T00:00:00Z&to=2026-12-05T00:00:00Z',
      400,
      'kpiId: unknown KPI "nope"',
    ],
    [
      '/entities/journey/default/checkout/history?kpiId=journey.successRate&granularity=hour&from=2026-11-05T00:00:00Z&to=2026-12-05T00:00:00Z',
      400,
      'to: at most 7 days after from for hour snapshots',
    ],
    [
      '/entities/journey/default/checkout/history?kpiId=journey.successRate&from=2026-12-05T00:00:00Z&to=2026-12-05T00:00:00Z',
      400,
      'to: must be after from',
    ],
    [
      '/entities/journey/default/checkout/history?kpiId=journey.successRate&granularity=week&from=2026-12-01T00:00:00Z&to=2026-12-05T00:00:00Z',
      400,
      'granularity',
    ],
    [
      '/entities/journey/default/checkout/history?kpiId=journey.successRate',
      400,
      'from',
    ],
    [
      '/entities/journey/default/refunds',
      404,
      'No entity journey:default/refunds',
    ],
  ])('%s → %d', async (path, expectedStatus, message) => {
    await start();
    const { status, body } = await get(path);
    expect(status).toBe(expectedStatus);
    expect(body.error.message).toContain(message);
  });

  it('answers a team’s rollup, the teams and the team’s members', async () => {
    await start();
    await seed();
    const team = await get('/entities/group/default/payments?day=2026-12-04');
    expect(team.status).toBe(200);
    expect(team.body).toMatchObject({
      entityRef: 'group:default/payments',
      rollup: true,
      memberCount: 1,
      status: 'red',
      items: [
        {
          kpiId: 'journey.cycleTimeP95',
          value: 3000,
          aggregation: 'mean',
          members: { green: 1, amber: 0, red: 0, none: 0 },
        },
        {
          kpiId: 'journey.successRate',
          value: 96,
          status: 'red',
          members: { green: 0, amber: 0, red: 1, none: 0 },
          weekOverWeek: { previous: 98, change: -2 },
        },
      ],
    });

    const teams = await get(
      '/aggregations?day=2026-12-04&sort=status&order=desc&status=red&status=none',
    );
    expect(teams.status).toBe(200);
    expect(teams.body).toMatchObject({ day: '2026-12-04', kind: 'group' });
    expect(
      teams.body.items.map((r: { title: string; status?: string }) => [
        r.title,
        r.status,
      ]),
    ).toEqual([
      ['Payments', 'red'],
      ['platform', undefined],
    ]);
    expect(teams.body.total).toBe(2);

    const mine = await get(
      '/aggregations?day=2026-12-04&entityRef=group:default/platform',
    );
    expect(
      mine.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual(['group:default/platform']);

    const members = await get(
      '/entities/group/default/payments/members?day=2026-12-04&kpiId=journey.successRate&sort=value&limit=10',
    );
    expect(members.status).toBe(200);
    expect(members.body).toMatchObject({
      entityRef: 'group:default/payments',
      day: '2026-12-04',
      total: 1,
      items: [
        {
          entityRef: 'journey:default/checkout',
          kind: 'Journey',
          title: 'checkout',
          owner: 'group:default/payments',
          status: 'red',
        },
      ],
    });

    const history = await get(
      '/entities/group/default/payments/history?kpiId=journey.successRate&from=2026-11-05T00:00:00Z&to=2026-12-05T00:00:00Z',
    );
    expect(history.body.items).toEqual([
      {
        bucketStart: '2026-11-27T00:00:00.000Z',
        value: 98,
        status: 'green',
        members: { green: 1, amber: 0, red: 0, none: 0 },
      },
      {
        bucketStart: '2026-12-04T00:00:00.000Z',
        value: 96,
        status: 'red',
        members: { green: 0, amber: 0, red: 1, none: 0 },
      },
    ]);
  });

  it.each([
    ['/aggregations?day=2026-13-01', 400, 'day: expected a date YYYY-MM-DD'],
    ['/aggregations?kpiId=nope', 400, 'kpiId: unknown KPI "nope"'],
    ['/aggregations?sort=value', 400, 'sort: sorting by value needs a kpiId'],
    ['/aggregations?kind=team', 400, 'kind'],
    ['/aggregations?status=purple', 400, 'status'],
    ['/aggregations?limit=501', 400, 'limit'],
    ['/aggregations?offset=-1', 400, 'offset'],
    [
      '/entities/group/default/payments/members?kpiId=nope',
      400,
      'kpiId: unknown KPI "nope"',
    ],
    [
      '/entities/journey/default/checkout/members',
      400,
      'kind: only a group, system or domain has members, not a Journey',
    ],
    [
      '/entities/group/default/nobody/members',
      404,
      'No entity group:default/nobody',
    ],
    [
      '/entities/group/default/payments/history?kpiId=nope&from=2026-11-05T00:00:00Z&to=2026-12-05T00:00:00Z',
      400,
      'kpiId: unknown KPI "nope"',
    ],
  ])('%s → %d', async (path, expectedStatus, message) => {
    await start();
    const { status, body } = await get(path);
    expect(status).toBe(expectedStatus);
    expect(body.error.message).toContain(message);
  });

  it('answers 403 on the rollup routes without scorecards.read', async () => {
    await start({ deny: true });
    for (const path of [
      '/aggregations',
      '/entities/group/default/payments/members',
      '/entities/group/default/payments',
    ]) {
      const { status, body } = await get(path);
      expect(status).toBe(403);
      expect(body.error.message).toBe('scorecards.read is not granted');
    }
  });

  it('answers 401 without credentials and 403 without scorecards.read', async () => {
    await start({ deny: true, anonymous: true });
    expect((await fetch(`${base}/kpis`)).status).toBe(401);
    const { status, body } = await get('/kpis');
    expect(status).toBe(403);
    expect(body.error.message).toBe('scorecards.read is not granted');
  });
});
