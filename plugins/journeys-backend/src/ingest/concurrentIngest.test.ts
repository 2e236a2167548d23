import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SpanDetail } from '@internal/plugin-journeys-common';
import { ExportTraceServiceRequest } from './OtlpDecoder';
import { exportRequest, hex } from '../__testUtils__/otlp';
import { journeysPlugin } from '../plugin';
import { bothDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

/**
 * Documented choice: U+0000 and lone surrogates are not refused but stored as U+FFFD (as a
 * UTF-8 decoder does), so an SDK that sends one such value loses no span.
 */
describe('concurrent OTLP requests with U+0000', () => {
  const databases = bothDatabases();

  it.each(databases.eachSupportedId())(
    'stores the request with U+0000 (as U+FFFD) and the good requests sent with it, on %p',
    async id => {
      const knex = await databases.init(id);
      const backend = await startTestBackend({
        features: [
          journeysPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities: [] }),
        ],
      });
      try {
        const address = backend.server.address() as { port: number };
        const base = `http://localhost:${address.port}/api/journeys`;
        const post = (body: BodyInit, type: string) =>
          fetch(`${base}/v1/traces`, {
            method: 'POST',
            headers: {
              authorization: mockCredentials.service.header(),
              'content-type': type,
            },
            body,
          });
        const span = (name: string, value = 'v') => ({
          traceId: hex(16),
          spanId: hex(8),
          name,
          startMs: Date.now(),
          attributes: { 'app.order.id': value, [`key ${name}`]: value },
        });
        const good = Array.from({ length: 4 }, (_, i) => span(`good ${i}`));
        const nulJson = span('nul\u0000json', 'ord\u0000json');
        // (A lone surrogate cannot travel in protobuf: its strings are UTF-8.)
        const nulProto = span('nul\u0000proto', 'ord\u0000proto');
        const protoBody = exportRequest('svc', [nulProto]) as any;
        for (const s of protoBody.resourceSpans[0].scopeSpans[0].spans) {
          s.traceId = Buffer.from(s.traceId, 'hex');
          s.spanId = Buffer.from(s.spanId, 'hex');
          s.parentSpanId = Buffer.alloc(0);
        }

        // At once, so the ingestor merges them into one write.
        const answers = await Promise.all([
          ...good.map(g =>
            post(JSON.stringify(exportRequest('svc', [g])), 'application/json'),
          ),
          post(
            JSON.stringify(exportRequest('svc', [nulJson])),
            'application/json',
          ),
          post(
            ExportTraceServiceRequest.encode(
              ExportTraceServiceRequest.fromObject(protoBody),
            ).finish(),
            'application/x-protobuf',
          ),
        ]);
        expect(answers.map(a => a.status)).toEqual(Array(6).fill(200));

        const read = async (s: { traceId: string; spanId: string }) => {
          const res = await fetch(`${base}/spans/${s.traceId}/${s.spanId}`, {
            headers: { authorization: mockCredentials.user.header() },
          });
          expect(res.status).toBe(200);
          return (await res.json()) as SpanDetail;
        };
        for (const g of good) expect((await read(g)).name).toBe(g.name);
        expect(await read(nulJson)).toMatchObject({
          name: 'nul\uFFFDjson',
          attributes: {
            'app.order.id': 'ord\uFFFDjson',
            'key nul\uFFFDjson': 'ord\uFFFDjson',
          },
        });
        expect((await read(nulProto)).name).toBe('nul\uFFFDproto');

        // A query with U+0000 is read as the stored values are: an answer, not a failure.
        const search = await fetch(`${base}/search?q=ord%00json`, {
          headers: { authorization: mockCredentials.user.header() },
        });
        expect(search.status).toBe(200);
        expect((await search.json()).query).toBe('ord\uFFFDjson');
      } finally {
        await backend.stop();
      }
    },
  );
});
