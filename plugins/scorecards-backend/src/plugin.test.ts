import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { KpiDefinition } from '@internal/plugin-scorecards-common';
import {
  MetricWindow,
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import { bothDatabases } from './__testUtils__/databases';
import { scorecardsPlugin } from './plugin';

jest.setTimeout(60_000);

const volume: KpiDefinition = {
  id: 'journey.volume',
  title: 'Volume',
  description: 'Instances started.',
  unit: 'count',
  entityKinds: ['Journey'],
  direction: 'higher-is-better',
  domain: { min: 0 },
  defaultThresholds: [
    { status: 'red', expression: '==0' },
    { status: 'green', expression: '>0' },
  ],
};

const entities = [
  {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: { name: 'checkout', namespace: 'default' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
  },
];

const databases = bothDatabases();

describe('scorecardsPlugin', () => {
  it('takes providers from modules and writes their snapshots on the scheduled run', async () => {
    const knex = await databases.init('SQLITE_3');
    const windows: MetricWindow[] = [];
    const givenKinds: string[] = [];
    const provider: ScorecardMetricProvider = {
      id: 'test',
      kpis: [volume],
      compute: async (given, window) => {
        windows.push(window);
        givenKinds.push(...given.map(e => e.kind));
        return Object.fromEntries(
          given.map(e => [
            `journey:default/${e.metadata.name}`,
            { 'journey.volume': 42 },
          ]),
        );
      },
    };
    const scheduler = mockServices.scheduler.mock();
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
        mockServices.database.factory({ knex }),
        scheduler.factory,
        catalogServiceMock.factory({ entities }),
      ],
    });

    const tasks = scheduler.scheduleTask.mock.calls.map(([task]) => task);
    expect(tasks.map(t => t.id)).toEqual([
      'scorecards-snapshot-hourly',
      'scorecards-snapshot-daily',
      'scorecards-retention',
    ]);
    await tasks
      .find(t => t.id === 'scorecards-snapshot-daily')!
      .fn(new AbortController().signal);

    expect(windows).toHaveLength(1);
    expect(givenKinds).toEqual(['Journey']);
    const rows = await knex('scorecards_snapshots').select();
    expect(rows).toEqual([
      expect.objectContaining({
        entity_ref: 'journey:default/checkout',
        kpi_id: 'journey.volume',
        granularity: 'day',
        value: 42,
        status: 'green',
      }),
    ]);
    expect(Number(rows[0].bucket_start)).toBe(windows[0].from.getTime());
    await backend.stop();
  });

  it.each([
    ['sends', false],
    ['fails to send', true],
  ])(
    'tells the owning team after the daily run when a KPI turned red (the notifications service %s)',
    async (_, failing) => {
      const knex = await databases.init('SQLITE_3');
      const send = jest.fn(async () => {
        if (failing) throw new Error('notifications backend down');
      });
      const scheduler = mockServices.scheduler.mock();
      const logger = mockServices.logger.mock();
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
                  metrics.addMetricProvider({
                    id: 'test',
                    kpis: [volume],
                    compute: async () => ({
                      'journey:default/checkout': { 'journey.volume': 0 },
                    }),
                  });
                },
              });
            },
          }),
          mockServices.database.factory({ knex }),
          scheduler.factory,
          logger.factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send }),
          }),
          catalogServiceMock.factory({
            entities: [
              { ...entities[0], spec: { owner: 'payments' } },
              entities[1],
            ],
          }),
        ],
      });
      const daily = scheduler.scheduleTask.mock.calls
        .map(([task]) => task)
        .find(t => t.id === 'scorecards-snapshot-daily')!;
      // An earlier check: this is not the first of all, which only records.
      await knex('scorecards_red_kpi_checks').insert({ day: 0, checked_at: 0 });
      await expect(
        daily.fn(new AbortController().signal),
      ).resolves.toBeUndefined();

      expect(await knex('scorecards_snapshots').select()).toEqual([
        expect.objectContaining({ value: 0, status: 'red' }),
      ]);
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: 'group:default/payments' },
          payload: expect.objectContaining({
            title: 'payments: Volume turned red (0)',
            link: '/scorecards/group/default/payments/kpis/journey.volume',
          }),
        }),
      );
      expect(
        logger.warn.mock.calls.some(([message]) =>
          String(message).includes('notifications backend down'),
        ),
      ).toBe(failing);
      await daily.fn(new AbortController().signal);
      // Sent once: a failed one is retried, a sent one is not repeated.
      expect(send).toHaveBeenCalledTimes(failing ? 2 : 1);
      await backend.stop();
    },
  );

  it('refuses to start with thresholds for a KPI no provider has', async () => {
    await expect(
      startTestBackend({
        features: [
          scorecardsPlugin,
          mockServices.rootConfig.factory({
            data: {
              scorecards: {
                thresholds: {
                  'journey.volume': [{ status: 'green', expression: '>=0' }],
                },
              },
            },
          }),
          mockServices.database.factory({
            knex: await databases.init('SQLITE_3'),
          }),
          catalogServiceMock.factory({ entities }),
        ],
      }),
    ).rejects.toThrow(
      'scorecards.thresholds: unknown KPI "journey.volume"; known KPIs: none',
    );
  });
});
