import { SpanNormalizer } from '../ingest/SpanNormalizer';
import { exportRequest, hex } from '../__testUtils__/otlp';
import { DatabaseInstanceStore } from './DatabaseInstanceStore';
import { DatabaseSpanStore } from './DatabaseSpanStore';
import { connect } from './migrations';
import { bothDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

describe('DatabaseSpanStore', () => {
  const databases = bothDatabases();
  const normalizer = new SpanNormalizer(() => new Set(['app.order.id']));

  it.each(databases.eachSupportedId())(
    'merges a trace written in several batches and indexes its keys and links, on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const spans = new DatabaseSpanStore(db);
      const instances = new DatabaseInstanceStore(db);
      const trace = hex(16);
      const upstream = hex(16);
      const root = hex(8);
      const t0 = Date.now();

      await spans.write(
        normalizer.normalize(
          exportRequest('storefront', [
            {
              traceId: trace,
              spanId: root,
              name: 'POST /checkout',
              kind: 2,
              startMs: t0,
              durationMs: 50,
              attributes: { 'app.order.id': 'ord-1' },
            },
          ]),
        ),
      );
      await spans.write(
        normalizer.normalize(
          exportRequest('order-service', [
            {
              traceId: trace,
              parentSpanId: root,
              name: 'db',
              startMs: t0 - 5,
              durationMs: 80,
              error: 'deadlock',
              links: [{ traceId: upstream, spanId: hex(8) }],
              attributes: { 'app.order.id': 'ord-1' },
            },
          ]),
        ),
      );

      const [row] = await instances.traces([trace]);
      expect(row).toMatchObject({
        traceId: trace,
        spanCount: 2,
        errorCount: 1,
        rootService: 'storefront',
        rootName: 'POST /checkout',
        rootStatus: 0,
      });
      expect(row.startUs).toBe((t0 - 5) * 1000);
      expect(row.endUs).toBe((t0 + 75) * 1000);
      expect(row.errorStep).toMatchObject({
        service: 'order-service',
        name: 'db',
        message: 'deadlock',
      });
      expect((await instances.linksOf([trace])).get(trace)).toEqual([upstream]);
      expect(await instances.tracesByValue('ord-1', 10)).toEqual([
        { key: 'app.order.id', traceId: trace },
      ]);
      expect(
        (await instances.dirtyTraces(Number.MAX_SAFE_INTEGER, 10)).map(
          t => t.traceId,
        ),
      ).toEqual([trace]);

      const { spans: waterfall, truncated } = await spans.waterfall(
        [trace],
        10,
      );
      expect(truncated).toBe(false);
      expect(waterfall.map(s => [s.service, s.status, s.links.length])).toEqual(
        [
          ['order-service', 2, 1],
          ['storefront', 0, 0],
        ],
      );
      const detail = await spans.span(trace, root);
      expect(detail?.attributes['app.order.id']).toBe('ord-1');

      await instances.deleteTraces([trace]);
      expect(await instances.traces([trace])).toEqual([]);
      expect((await spans.waterfall([trace], 10)).spans).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps browser spans out of a trace summary (root, errors, times, entry spans), on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const spans = new DatabaseSpanStore(db);
      const instances = new DatabaseInstanceStore(db);
      const trace = hex(16);
      const t0 = Date.now();
      const browser = (startMs: number, durationMs: number, name: string) =>
        normalizer.normalize(
          exportRequest('switchboard-portal', [
            {
              traceId: trace,
              name,
              startMs,
              durationMs,
              error: `browser ${name}`,
              attributes: { 'app.order.id': 'ord-browser' },
              links: [{ traceId: hex(16), spanId: hex(8) }],
            },
          ]),
          'browser',
        );

      // The browser's spans first: the trace has a row (for retention), nothing else.
      const first = browser(t0 - 60_000, 10, 'early');
      expect(first.keys).toEqual([]);
      expect(first.links).toEqual([]);
      await spans.write(first, 1_000);
      let [row] = await instances.traces([trace]);
      expect(row).toMatchObject({
        spanCount: 1,
        browserSpans: 1,
        errorCount: 0,
        rootService: null,
        rootStatus: null,
        errorStep: null,
        startUs: (t0 - 60_000) * 1000,
        receivedUs: 1_000,
      });

      // Backend spans replace the browser's time range; a browser span in the same batch
      // changes nothing but the counts.
      const backend = normalizer.normalize(
        exportRequest('storefront', [
          {
            traceId: trace,
            name: 'POST /checkout',
            startMs: t0,
            durationMs: 50,
          },
        ]),
      );
      const mixed = browser(t0 - 30_000, 3_600_000, 'mixed');
      await spans.write(
        {
          spans: [...mixed.spans, ...backend.spans],
          keys: backend.keys,
          links: backend.links,
        },
        2_000,
      );
      [row] = await instances.traces([trace]);
      expect(row).toMatchObject({
        spanCount: 3,
        browserSpans: 2,
        errorCount: 0,
        rootService: 'storefront',
        rootName: 'POST /checkout',
        rootStatus: 0,
        errorStep: null,
        startUs: t0 * 1000,
        endUs: (t0 + 50) * 1000,
        receivedUs: 2_000,
      });

      // Later browser spans neither stretch the trace nor postpone its assembly.
      await spans.write(browser(t0 - 90_000, 7_200_000, 'late'), 3_000);
      [row] = await instances.traces([trace]);
      expect(row).toMatchObject({
        spanCount: 4,
        browserSpans: 3,
        errorCount: 0,
        errorStep: null,
        startUs: t0 * 1000,
        endUs: (t0 + 50) * 1000,
        receivedUs: 2_000,
      });
      expect(await instances.tracesByValue('ord-browser', 10)).toEqual([]);
      expect((await instances.linksOf([trace])).get(trace)).toBeUndefined();
      expect(
        (await instances.verdictSpans([trace]))
          .get(trace)
          ?.spans.map(s => s.service),
      ).toEqual(['storefront']);
      const { spans: waterfall } = await spans.waterfall([trace], 10);
      expect(
        waterfall
          .filter(s => s.browser)
          .map(s => s.name)
          .sort(),
      ).toEqual(['early', 'late', 'mixed']);
      expect(waterfall.find(s => !s.browser)).not.toHaveProperty('browser');
    },
  );
});
