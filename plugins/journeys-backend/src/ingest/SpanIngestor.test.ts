import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { DatabaseInstanceStore } from '../database/DatabaseInstanceStore';
import { DatabaseSpanStore } from '../database/DatabaseSpanStore';
import { connect } from '../database/migrations';
import { exportRequest, hex, otlpSpan } from '../__testUtils__/otlp';
import { SpanIngestor } from './SpanIngestor';
import { NormalizedBatch } from '../types';
import { SpanNormalizer } from './SpanNormalizer';
import { bothDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const KEYS = new Set(['app.order.id']);
const options = { maxQueuedSpans: 10_000, maxBatchSpans: 5_000, gatherMs: 30 };

/** What a database never sees raw: NUL and unpaired surrogates, in every kind of field. */
function hostileRequest(traceId: string, spanId: string, orderId: string) {
  const request = exportRequest('svc\u0000nul', [
    {
      traceId,
      spanId,
      name: 'a\u0000b \ud800 c',
      startMs: Date.now(),
      error: 'bad \u0000 news \udc00',
      attributes: {
        'app.order.id': orderId,
        'k\u0000ey': 'v\u0000alue',
        'http.route': '/x\u0000y',
        pair: 'ok \ud83d\ude00',
      },
    },
  ]);
  (request.resourceSpans[0].scopeSpans[0] as any).scope = {
    name: 'scope\u0000',
    version: '1\ud800',
  };
  (request.resourceSpans[0].scopeSpans[0].spans[0] as any).events = [
    { name: 'ev\u0000', attributes: [] },
  ];
  return request;
}

describe('SpanIngestor', () => {
  const databases = bothDatabases();
  const logger = mockServices.logger.mock();

  async function stores(id: TestDatabaseId) {
    const knex = await databases.init(id);
    const db = await connect({ getClient: async () => knex });
    return {
      spans: new DatabaseSpanStore(db),
      instances: new DatabaseInstanceStore(db),
    };
  }

  it.each(databases.eachSupportedId())(
    'stores a request with U+0000 and lone surrogates (as U+FFFD) and the requests merged with it, on %p',
    async id => {
      const { spans, instances } = await stores(id);
      const ingestor = new SpanIngestor(
        new SpanNormalizer(() => KEYS),
        spans,
        options,
        logger,
      );
      const bad = { traceId: hex(16), spanId: hex(8) };
      const good = Array.from({ length: 4 }, () => ({
        traceId: hex(16),
        spanId: hex(8),
      }));
      // Sent at once: the ingestor merges them into one write.
      const results = await Promise.allSettled([
        ...good.map(g =>
          ingestor.ingest(
            exportRequest('good', [
              { ...g, name: 'fine', startMs: Date.now() },
            ]),
          ),
        ),
        ingestor.ingest(hostileRequest(bad.traceId, bad.spanId, 'ord\u00001')),
      ]);
      expect(results.map(r => r.status)).toEqual(Array(5).fill('fulfilled'));

      for (const g of good)
        expect((await spans.span(g.traceId, g.spanId))?.name).toBe('fine');
      const stored = await spans.span(bad.traceId, bad.spanId);
      expect(stored).toMatchObject({
        name: 'a\uFFFDb \uFFFD c',
        service: 'svc\uFFFDnul',
        statusMessage: 'bad \uFFFD news \uFFFD',
        scope: 'scope\uFFFD@1\uFFFD',
      });
      expect(stored?.attributes).toEqual({
        'app.order.id': 'ord\uFFFD1',
        'k\uFFFDey': 'v\uFFFDalue',
        'http.route': '/x\uFFFDy',
        pair: 'ok \ud83d\ude00',
      });
      expect(stored?.resource).toEqual({ 'service.name': 'svc\uFFFDnul' });
      expect(stored?.events.map(e => e.name)).toEqual(['ev\uFFFD']);
      // The business key is indexed as stored, so a search finds it.
      expect(await instances.tracesByValue('ord\uFFFD1', 10)).toEqual([
        { key: 'app.order.id', traceId: bad.traceId },
      ]);
      expect(
        (await instances.traces([bad.traceId]))[0].errorStep,
      ).toMatchObject({
        name: 'a\uFFFDb \uFFFD c',
        message: 'bad \uFFFD news \uFFFD',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'fails only the request the database refuses (400 without SQL) and stores the requests merged with it, on %p',
    async id => {
      const { spans } = await stores(id);
      const real = new SpanNormalizer(() => KEYS);
      // Hands over what it is given, as a normalizer that missed something would.
      const passThrough = {
        normalize: (request: unknown) =>
          request as NormalizedBatch & { rejected: 0; errors: [] },
      };
      const ingestor = new SpanIngestor(passThrough, spans, options, logger);
      const goodIds = Array.from({ length: 3 }, () => hex(16));
      const good = goodIds.map(traceId =>
        real.normalize(
          exportRequest('good', [
            { traceId, name: 'fine', startMs: Date.now() },
          ]),
        ),
      );
      const badTrace = hex(16);
      const bad = real.normalize(
        exportRequest('bad', [
          { traceId: badTrace, name: 'x', startMs: Date.now() },
          { traceId: badTrace, name: 'y', startMs: Date.now() },
        ]),
      );
      // NOT NULL refuses the first on both databases; PostgreSQL also refuses U+0000.
      (bad.spans[0] as any).name = null;
      bad.spans[1].name = 'raw \u0000 nul';

      const results = await Promise.allSettled([
        ingestor.ingest(good[0]),
        ingestor.ingest(bad),
        ingestor.ingest(good[1]),
        ingestor.ingest(good[2]),
      ]);
      expect(results.map(r => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      const error = (results[1] as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        'the database refused a value in this request; none of its spans were stored',
      );
      for (const traceId of goodIds)
        expect((await spans.waterfall([traceId], 10)).spans).toHaveLength(1);
      expect((await spans.waterfall([badTrace], 10)).spans).toEqual([]);
      expect(ingestor.queued).toBe(0);
    },
  );

  it('answers 503 without the store’s message when the store fails for another reason', async () => {
    const failing = {
      write: jest.fn(async () => {
        throw Object.assign(
          new Error('connect ECONNREFUSED; INSERT INTO journeys_spans ...'),
          { code: 'ECONNREFUSED' },
        );
      }),
    };
    const ingestor = new SpanIngestor(
      new SpanNormalizer(() => KEYS),
      failing,
      options,
      logger,
    );
    const request = () =>
      ingestor.ingest({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  otlpSpan({
                    traceId: hex(16),
                    name: 's',
                    startMs: Date.now(),
                  }),
                ],
              },
            ],
          },
        ],
      });
    const results = await Promise.allSettled([request(), request()]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const reason = (r as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(ServiceUnavailableError);
      expect(reason.message).toBe('the span store failed; retry later');
    }
    // Merged once, then each alone.
    expect(failing.write).toHaveBeenCalledTimes(3);
    expect(ingestor.queued).toBe(0);
  });
});
