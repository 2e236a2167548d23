import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DatabaseInstanceStore } from '../database/DatabaseInstanceStore';
import { DatabaseSpanStore } from '../database/DatabaseSpanStore';
import { connect } from '../database/migrations';
import { SpanNormalizer } from '../ingest/SpanNormalizer';
import { JourneyCatalog, JourneyDefinition } from '../catalog/JourneyCatalog';
import { JourneyQueries } from '../query/JourneyQueries';
import { SpanRetention } from '../retention/SpanRetention';
import { bothDatabases } from '../__testUtils__/databases';
import { exportRequest, hex, TestSpan } from '../__testUtils__/otlp';
import { JourneyAssembler } from './JourneyAssembler';

jest.setTimeout(60_000);

const purchase: JourneyDefinition = {
  ref: 'journey:default/purchase',
  title: 'Purchase',
  owner: 'group:default/shop',
  components: [],
  entry: { service: 'web', route: '/purchase' },
  businessKeys: ['app.order.id'],
  stuckAfterMs: 600_000,
  latencyThresholdsMs: [4500],
  objectives: [],
};

describe('JourneyAssembler with rollups', () => {
  const databases = bothDatabases();

  async function setUp(id: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(id);
    const db = await connect({ getClient: async () => knex });
    const spans = new DatabaseSpanStore(db);
    const instances = new DatabaseInstanceStore(db);
    const logger = mockServices.logger.mock();
    const journeys = JourneyCatalog.fixed([purchase], logger, ['app.order.id']);
    const normalizer = new SpanNormalizer(() => journeys.businessKeys());
    const assembler = new JourneyAssembler(instances, journeys, logger, {
      settleMs: 0,
      waitForUpstreamMs: 0,
      batchSize: 3,
    });
    const queries = new JourneyQueries(instances, spans, journeys, 1000);
    let received = 1;
    const send = (service: string, list: TestSpan[]) =>
      spans.write(
        normalizer.normalize(exportRequest(service, list)),
        received++,
      );
    const rollups = async () =>
      (await knex('journeys_rollups').where('count', '!=', 0)).map(r => ({
        outcome: r.outcome,
        le: Number(r.le_ms),
        count: Number(r.count),
      }));
    return { knex, instances, assembler, queries, send, rollups, logger };
  }

  /** An entry answering `status` that publishes one message; returns the ids to continue it. */
  const entry = (
    traceId: string,
    t0: number,
    status = 202,
    orderId = 'o-1',
  ) => {
    const server = hex(8);
    const publish = hex(8);
    return {
      server,
      publish,
      spans: [
        {
          traceId,
          spanId: server,
          name: 'POST /purchase',
          kind: 2,
          startMs: t0,
          durationMs: 20,
          attributes: {
            'http.route': '/purchase',
            'http.response.status_code': status,
            'app.order.id': orderId,
          },
        },
        {
          traceId,
          spanId: publish,
          parentSpanId: server,
          name: 'orders publish',
          kind: 4,
          startMs: t0 + 5,
          durationMs: 2,
          // amqplib still writes the older semantic-convention name.
          attributes: { 'messaging.message_id': `msg-${orderId}` },
        },
      ] as TestSpan[],
    };
  };

  const consume = (
    traceId: string,
    parent: string,
    t0: number,
    opts: { error?: string; replay?: string; durationMs?: number } = {},
  ): TestSpan => ({
    traceId,
    parentSpanId: parent,
    name: 'orders process',
    kind: 5,
    startMs: t0,
    durationMs: opts.durationMs ?? 30,
    error: opts.error,
    attributes: {
      'messaging.message_id': 'msg-o-1',
      ...(opts.replay && { 'switchboard.replay.id': opts.replay }),
    },
  });

  it.each(databases.eachSupportedId())(
    'moves an instance between rollup cells when a late span changes its verdict, never counting it twice, on %p',
    async id => {
      const { assembler, send, rollups, queries } = await setUp(id);
      const trace = hex(16);
      const t0 = Date.now() - 60_000;
      const e = entry(trace, t0);
      await send('web', e.spans);
      await send('worker', [consume(trace, e.publish, t0 + 30)]);
      await assembler.run();
      expect(await rollups()).toEqual([{ outcome: 'ok', le: 60, count: 1 }]);

      // A late error from the ledger below the consumer: the instance failed after all.
      const consumer = (await queries.instance(trace)).spans.find(
        s => s.name === 'orders process',
      )!;
      await send('ledger', [
        {
          traceId: trace,
          parentSpanId: consumer.spanId,
          name: 'POST /entries',
          kind: 2,
          startMs: t0 + 35,
          durationMs: 5,
          error: 'ledger unavailable',
          attributes: { 'http.status_code': 500 },
        },
      ]);
      await assembler.run();
      expect(await rollups()).toEqual([
        { outcome: 'failed', le: 60, count: 1 },
      ]);
      const [stats] = await queries.stats('1h');
      expect(stats).toMatchObject({ volume: 1, failed: 1, errorRate: 1 });
      const { instance } = await queries.instance(trace);
      expect(instance.failingStep).toMatchObject({
        service: 'ledger',
        name: 'POST /entries',
        httpStatus: 500,
        message: 'ledger unavailable',
      });

      // Assembling again changes nothing.
      await assembler.run();
      expect(await rollups()).toEqual([
        { outcome: 'failed', le: 60, count: 1 },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'finds an instance by a message id written under the older semantic-convention name, on %p',
    async id => {
      const { assembler, send, queries } = await setUp(id);
      const trace = hex(16);
      await send('web', entry(trace, Date.now() - 10_000, 202, 'o-9').spans);
      await assembler.run();
      const result = await queries.search('msg-o-9');
      expect(result.matches).toHaveLength(1);
      expect(result.matches[0]).toMatchObject({
        matchedBy: 'message-id',
        instance: { id: trace },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps replays out of the cycle time: recovered-by-replay, bucketed by recovery time, on %p',
    async id => {
      const { assembler, send, rollups, queries } = await setUp(id);
      const t0 = Date.now() - 50 * 60_000;
      const ok = hex(16);
      const okEntry = entry(ok, t0, 202, 'o-ok');
      await send('web', okEntry.spans);
      await send('worker', [consume(ok, okEntry.publish, t0 + 10)]);
      const replayed = hex(16);
      const r = entry(replayed, t0 + 1000, 202, 'o-r');
      await send('web', r.spans);
      await send('worker', [
        consume(replayed, r.publish, t0 + 1010, { error: 'nack' }),
        consume(replayed, r.publish, t0 + 31 * 60_000, { replay: 'job-1' }),
      ]);
      const rejected = hex(16);
      await send('web', entry(rejected, t0 + 2000, 422, 'o-x').spans);
      await assembler.run();

      const { instance } = await queries.instance(replayed);
      expect(instance).toMatchObject({
        status: 'recovered-by-replay',
        durationMs: 40,
        timeToFirstFailureMs: 40,
        recoveredSteps: [
          {
            service: 'worker',
            name: 'orders process',
            attempts: 2,
            byReplay: true,
          },
        ],
      });
      expect(instance.recoveryMs).toBe(31 * 60_000 + 30 - 1040);
      expect((await queries.instance(rejected)).instance.status).toBe(
        'rejected',
      );
      expect(await rollups()).toEqual(
        expect.arrayContaining([
          { outcome: 'ok', le: 40, count: 1 },
          { outcome: 'recovered-by-replay', le: 2_000_000, count: 1 },
          { outcome: 'rejected', le: 20, count: 1 },
        ]),
      );
      const [stats] = await queries.stats('1h');
      expect(stats).toMatchObject({
        volume: 3,
        failed: 0,
        rejected: 1,
        recoveredByReplay: 1,
      });
      expect(stats.series.reduce((n, p) => n + p.recovered, 0)).toBe(1);
      // A window that ended before they started has none of them; one ending later, all.
      const [before] = await queries.stats(
        '1h',
        undefined,
        Date.now() - 52 * 60_000,
      );
      expect(before.volume).toBe(0);
      const [after] = await queries.stats(
        '1h',
        undefined,
        Date.now() - 45 * 60_000,
      );
      expect(after).toMatchObject({ volume: 3, rejected: 1 });
      // Only the ok instance (40 ms) is in the cycle time; the replay's half hour is not.
      expect(stats.p99Ms).toBeLessThanOrEqual(40);
      expect(stats.recoveryP50Ms).toBeGreaterThan(1_500_000);
      const slowest = await queries.instancesOf(purchase.ref, {
        sort: 'duration',
        limit: 5,
      });
      expect(slowest[0].durationMs).toBeLessThanOrEqual(40);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps rollups when retention deletes the spans they were counted from, on %p',
    async id => {
      const { assembler, send, rollups, instances, logger } = await setUp(id);
      const trace = hex(16);
      const t0 = Date.now() - 3 * 3_600_000;
      await send('web', entry(trace, t0).spans);
      await assembler.run();
      const before = await rollups();
      expect(before).toHaveLength(1);
      const retention = new SpanRetention(
        instances,
        { maxAgeMs: 3_600_000, maxSpans: 1e9, rollupMaxAgeMs: 24 * 3_600_000 },
        logger,
      );
      expect((await retention.run()).traces).toBe(1);
      await assembler.run();
      expect(await rollups()).toEqual(before);
      // Past their own retention rollups go too.
      await new SpanRetention(
        instances,
        { maxAgeMs: 3_600_000, maxSpans: 1e9, rollupMaxAgeMs: 3_600_000 },
        logger,
      ).run();
      expect(await rollups()).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'assembles more traces than one batch holds in one run, in start order, on %p',
    async id => {
      const { assembler, send, rollups } = await setUp(id);
      const t0 = Date.now() - 30_000;
      for (let i = 0; i < 10; i++)
        await send('web', entry(hex(16), t0 + i, 202, `o-b${i}`).spans);
      expect(await assembler.run()).toBe(10);
      const total = (await rollups()).reduce((n, r) => n + r.count, 0);
      expect(total).toBe(10);
    },
  );

  it.each(databases.eachSupportedId())(
    'assembles the last hour again when a Journey is declared after its traces arrived, on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const spans = new DatabaseSpanStore(db);
      const instances = new DatabaseInstanceStore(db);
      const logger = mockServices.logger.mock();
      const entities: Entity[] = [];
      const catalog = {
        getEntities: async () => ({ items: entities }),
      } as unknown as CatalogService;
      const journeys = new JourneyCatalog(
        catalog,
        mockServices.auth(),
        logger,
        ['app.order.id'],
      );
      expect(await journeys.refresh()).toBe(false); // the first load
      const assembler = new JourneyAssembler(instances, journeys, logger, {
        settleMs: 0,
        waitForUpstreamMs: 0,
        batchSize: 100,
      });
      const trace = hex(16);
      await spans.write(
        new SpanNormalizer(() => journeys.businessKeys()).normalize(
          exportRequest('web', entry(trace, Date.now() - 60_000).spans),
        ),
        // Received a second ago: settled for the assembler's settleMs of 0 whatever the clock.
        (Date.now() - 1000) * 1000,
      );
      await assembler.run();
      expect((await instances.instance(trace))?.journey).toBeNull();

      entities.push({
        apiVersion: 'switchboard.dev/v1alpha1',
        kind: 'Journey',
        metadata: { name: 'purchase', namespace: 'default' },
        spec: {
          owner: 'group:default/shop',
          components: [],
          entry: purchase.entry,
          businessKeys: ['app.order.id'],
        },
      });
      expect(await journeys.refresh()).toBe(true);
      await instances.markDirtySince((Date.now() - 3_600_000) * 1000);
      await assembler.run();
      expect((await instances.instance(trace))?.journey).toBe(purchase.ref);
    },
  );
});
