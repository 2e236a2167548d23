import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  KpiDefinition,
  SCORECARD_THRESHOLDS_ANNOTATION,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import {
  MetricValues,
  MetricWindow,
  ScorecardMetricProvider,
} from '@internal/plugin-scorecards-node';
import { bothDatabases } from '../__testUtils__/databases';
import { ManualClock, ms } from '../__testUtils__/time';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { connect } from '../database/migrations';
import { SnapshotWriter } from './SnapshotWriter';

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
const volume: KpiDefinition = {
  id: 'journey.volume',
  title: 'Volume',
  description: 'Instances started.',
  unit: 'count',
  entityKinds: ['Journey'],
  direction: 'higher-is-better',
  domain: { min: 0 },
  defaultThresholds: [{ status: 'green', expression: '>=0' }],
};
const backlog: KpiDefinition = {
  id: 'dlq.backlogDepth',
  title: 'Backlog',
  description: 'Messages waiting.',
  unit: 'count',
  entityKinds: ['Resource'],
  direction: 'lower-is-better',
  domain: { min: 0 },
  defaultThresholds: [
    { status: 'green', expression: '==0' },
    { status: 'red', expression: '>0' },
  ],
};

const journey = (name: string, annotation?: string): Entity => ({
  apiVersion: 'switchboard.dev/v1alpha1',
  kind: 'Journey',
  metadata: {
    name,
    namespace: 'default',
    annotations: annotation
      ? { [SCORECARD_THRESHOLDS_ANNOTATION]: annotation }
      : undefined,
  },
});
const checkout = journey(
  'checkout',
  JSON.stringify({
    'journey.successRate': [
      { status: 'green', expression: '>=90' },
      { status: 'red', expression: '<90' },
    ],
  }),
);
const invoiceSync = journey('invoice-sync', '{not json');
const queue: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-dlq', namespace: 'default' },
};
const entities = [checkout, invoiceSync, queue];

/** A journeys provider whose values say which day or hour they were computed for. */
class FakeJourneysProvider implements ScorecardMetricProvider {
  readonly id = 'journeys';
  readonly kpis = [successRate, volume];
  computed: MetricWindow[] = [];
  givenKinds: string[][] = [];
  backfilled: MetricWindow[] = [];
  constructor(canBackfill = true) {
    if (!canBackfill) this.backfill = undefined;
  }
  private values(window: MetricWindow): MetricValues {
    const dayOfMonth = window.from.getUTCDate();
    return {
      'journey:default/checkout': {
        'journey.successRate': 95,
        'journey.volume': 1000 + dayOfMonth,
      },
      'journey:default/invoice-sync': { 'journey.successRate': 96.5 },
    };
  }
  async compute(given: Entity[], window: MetricWindow) {
    this.givenKinds.push(given.map(e => e.kind));
    this.computed.push(window);
    return this.values(window);
  }
  backfill? = async (_: Entity[], window: MetricWindow) => {
    this.backfilled.push(window);
    return this.values(window);
  };
}

const databases = bothDatabases();

describe.each(databases.eachSupportedId())(
  'SnapshotWriter on %s',
  databaseId => {
    async function setup(
      providers: ScorecardMetricProvider[],
      start = '2026-12-05T10:30:00Z',
    ) {
      const knex = await databases.init(databaseId);
      const store = new DatabaseSnapshotStore(
        await connect({ getClient: async () => knex }),
      );
      const clock = new ManualClock(new Date(start));
      const logger = mockServices.logger.mock();
      const kinds: string[][] = [];
      const writer = new SnapshotWriter(
        {
          store,
          providers,
          entities: {
            entitiesOfKinds: async k => {
              kinds.push(k);
              return entities.filter(e => k.includes(e.kind));
            },
          },
          thresholds: new ThresholdResolver(providers.flatMap(p => p.kpis)),
          logger,
          clock: clock.now,
        },
        { backfillDays: 3 },
      );
      const daily = () =>
        store.list({
          granularity: 'day',
          from: 0,
          to: ms('2027-01-01T00:00:00Z'),
        });
      return { store, clock, logger, writer, kinds, daily };
    }

    it('computes yesterday and backfills the days before it on first start', async () => {
      const provider = new FakeJourneysProvider();
      const { writer, daily, kinds } = await setup([provider]);

      const summary = await writer.run('day');

      expect(summary.failed).toEqual([]);
      expect(
        summary.written.journeys.map(b => new Date(b).toISOString()),
      ).toEqual([
        '2026-12-01T00:00:00.000Z',
        '2026-12-02T00:00:00.000Z',
        '2026-12-03T00:00:00.000Z',
        '2026-12-04T00:00:00.000Z',
      ]);
      expect(kinds).toEqual([['Journey']]);
      expect(provider.givenKinds).toEqual([['Journey', 'Journey']]);
      expect(provider.computed).toEqual([
        {
          from: new Date('2026-12-04T00:00:00Z'),
          to: new Date('2026-12-05T00:00:00Z'),
          now: new Date('2026-12-05T10:30:00Z'),
        },
      ]);
      expect(provider.backfilled.map(w => w.from.toISOString())).toEqual([
        '2026-12-01T00:00:00.000Z',
        '2026-12-02T00:00:00.000Z',
        '2026-12-03T00:00:00.000Z',
      ]);
      const rows = await daily();
      expect(rows).toHaveLength(12);
      expect(
        rows.filter(r => r.bucketStart === ms('2026-12-04T00:00:00Z')),
      ).toEqual([
        // The annotation makes 95 green for checkout (it would be amber by default).
        {
          entityRef: 'journey:default/checkout',
          kpiId: 'journey.successRate',
          granularity: 'day',
          bucketStart: ms('2026-12-04T00:00:00Z'),
          value: 95,
          status: 'green',
        },
        {
          entityRef: 'journey:default/checkout',
          kpiId: 'journey.volume',
          granularity: 'day',
          bucketStart: ms('2026-12-04T00:00:00Z'),
          value: 1004,
          status: 'green',
        },
        // invoice-sync's annotation is not JSON: default thresholds, 96.5 is amber.
        {
          entityRef: 'journey:default/invoice-sync',
          kpiId: 'journey.successRate',
          granularity: 'day',
          bucketStart: ms('2026-12-04T00:00:00Z'),
          value: 96.5,
          status: 'amber',
        },
      ]);
      // Parsed once per run, however many buckets were written.
      expect(summary.problems).toEqual([
        expect.stringMatching(
          /^annotation switchboard\.dev\/scorecard-thresholds of journey:default\/invoice-sync: not valid JSON \(.+\); using configured thresholds for journey:default\/invoice-sync$/,
        ),
      ]);
    });

    it('writes nothing on a second run of the same day, and catches up after days away', async () => {
      const provider = new FakeJourneysProvider();
      const { writer, clock, kinds } = await setup([provider]);
      await writer.run('day');
      const second = await writer.run('day');
      expect(second.written).toEqual({});
      expect(provider.computed).toHaveLength(1);
      // No bucket due: the catalog is not even asked.
      expect(kinds).toHaveLength(1);

      clock.set('2026-12-07T01:00:00Z');
      const later = await writer.run('day');
      expect(
        later.written.journeys.map(b => new Date(b).toISOString()),
      ).toEqual(['2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z']);
      expect(provider.computed.map(w => w.from.toISOString())).toEqual([
        '2026-12-04T00:00:00.000Z',
        '2026-12-06T00:00:00.000Z',
      ]);
      expect(
        provider.backfilled.map(w => w.from.toISOString()).slice(-1),
      ).toEqual(['2026-12-05T00:00:00.000Z']);
    });

    it('leaves earlier days empty for a provider that cannot backfill', async () => {
      const provider = new FakeJourneysProvider(false);
      const { writer, daily } = await setup([provider]);
      const summary = await writer.run('day');
      expect(summary.written.journeys).toEqual([ms('2026-12-04T00:00:00Z')]);
      expect(new Set((await daily()).map(r => r.bucketStart))).toEqual(
        new Set([ms('2026-12-04T00:00:00Z')]),
      );
    });

    it('writes the hour that has just ended on the hourly run, never backfilling', async () => {
      const provider = new FakeJourneysProvider();
      const { writer, store, clock } = await setup([provider]);
      const summary = await writer.run('hour');
      expect(summary.written.journeys).toEqual([ms('2026-12-05T09:00:00Z')]);
      expect(provider.computed).toEqual([
        {
          from: new Date('2026-12-05T09:00:00Z'),
          to: new Date('2026-12-05T10:00:00Z'),
          now: new Date('2026-12-05T10:30:00Z'),
        },
      ]);
      expect(provider.backfilled).toEqual([]);
      clock.set('2026-12-05T13:05:00Z');
      await writer.run('hour');
      const hours = await store.list({
        granularity: 'hour',
        from: 0,
        to: ms('2027-01-01T00:00:00Z'),
      });
      expect([
        ...new Set(hours.map(h => new Date(h.bucketStart).toISOString())),
      ]).toEqual(['2026-12-05T09:00:00.000Z', '2026-12-05T12:00:00.000Z']);
    });

    it('drops values it cannot place, says why, and writes the rest', async () => {
      const sloppy: ScorecardMetricProvider = {
        id: 'sloppy',
        kpis: [successRate],
        compute: async () => ({
          'journey:default/checkout': {
            'journey.successRate': 99.5,
            'journey.volume': 10,
            'journey.made-up': 1,
          },
          'journey:default/invoice-sync': { 'journey.successRate': NaN },
          'journey:default/unknown': { 'journey.successRate': 100 },
          'resource:default/orders-dlq': { 'journey.successRate': 100 },
        }),
      };
      const queues: ScorecardMetricProvider = {
        id: 'dlq',
        kpis: [backlog],
        compute: async () => ({
          'resource:default/orders-dlq': { 'dlq.backlogDepth': 3 },
          'journey:default/checkout': { 'dlq.backlogDepth': 3 },
        }),
      };
      const { writer, daily, logger } = await setup([sloppy, queues]);
      const summary = await writer.run('day');

      expect(
        (await daily()).map(r => [r.entityRef, r.kpiId, r.value, r.status]),
      ).toEqual([
        ['journey:default/checkout', 'journey.successRate', 99.5, 'green'],
        ['resource:default/orders-dlq', 'dlq.backlogDepth', 3, 'red'],
      ]);
      expect(summary.problems).toEqual([
        'provider "sloppy" returned KPI "journey.volume" for journey:default/checkout, which it does not declare',
        'provider "sloppy" returned KPI "journey.made-up" for journey:default/checkout, which it does not declare',
        'provider "sloppy" returned NaN for KPI "journey.successRate" of journey:default/invoice-sync, not a finite number',
        'provider "sloppy" returned values for journey:default/unknown, which is not among the entities it was given',
        'provider "sloppy" returned values for resource:default/orders-dlq, which is not among the entities it was given',
        'provider "dlq" returned values for journey:default/checkout, which is not among the entities it was given',
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Scorecards: 6 problem\(s\) on the day run: .*; and 1 more$/,
        ),
      );
    });

    it('keeps writing other providers when one throws, and retries it next run', async () => {
      let failing = true;
      const flaky: ScorecardMetricProvider = {
        id: 'flaky',
        kpis: [backlog],
        compute: async () => {
          if (failing) throw new Error('dlq-backend unavailable');
          return { 'resource:default/orders-dlq': { 'dlq.backlogDepth': 0 } };
        },
      };
      const provider = new FakeJourneysProvider(false);
      const { writer, daily, logger } = await setup([flaky, provider]);

      const first = await writer.run('day');
      expect(first.failed).toEqual(['flaky']);
      expect(first.written).toEqual({ journeys: [ms('2026-12-04T00:00:00Z')] });
      expect(logger.error).toHaveBeenCalledWith(
        'Scorecards: metric provider "flaky" failed on the day run; its buckets stay missing and are retried next run',
        new Error('dlq-backend unavailable'),
      );

      failing = false;
      const second = await writer.run('day');
      expect(second).toMatchObject({
        failed: [],
        written: { flaky: [ms('2026-12-04T00:00:00Z')] },
      });
      expect(
        (await daily()).filter(r => r.kpiId === 'dlq.backlogDepth'),
      ).toEqual([expect.objectContaining({ value: 0, status: 'green' })]);
    });
  },
);
