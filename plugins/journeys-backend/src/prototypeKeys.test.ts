import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SearchResult, SpanDetail } from '@internal/plugin-journeys-common';
import { ExportTraceServiceRequest } from './ingest/OtlpDecoder';
import { hex } from './__testUtils__/otlp';
import { journeysPlugin } from './plugin';

jest.setTimeout(60_000);

/** Keys an object literal or a prototype lookup would get wrong. */
const NAMES = ['__proto__', 'constructor', 'prototype', 'toString'];

/** Sorted own entries: `toEqual` on objects could not tell an own `__proto__` apart. */
const entries = (o: object) =>
  Object.entries(o).sort(([a], [b]) => a.localeCompare(b));

describe('attribute keys named like Object.prototype members', () => {
  let base: string;
  let stop: () => Promise<void>;
  const scheduler = mockServices.scheduler();
  const schedulerFactory = (
    scheduler as unknown as {
      factory(): ReturnType<typeof mockServices.scheduler.factory>;
    }
  ).factory();

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        journeysPlugin,
        schedulerFactory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            journeys: {
              businessKeys: ['app.order.id', '__proto__', 'constructor'],
              assembly: { settleMs: 100 },
            },
          },
        }),
      ],
    });
    const address = backend.server.address() as { port: number };
    base = `http://localhost:${address.port}/api/journeys`;
    stop = () => backend.stop();
  });
  afterAll(() => stop(), 30_000);

  /** One span whose attributes, resource, event and nested kvlist use every name. */
  function request(
    traceId: string,
    spanId: string,
    tag: string,
    json: boolean,
  ) {
    const id = (h: string) => (json ? h : Buffer.from(h, 'hex'));
    const kv = (suffix: string) =>
      NAMES.map(key => ({
        key,
        value: { stringValue: `${tag}-${key}${suffix}` },
      }));
    const start = BigInt(Date.now() - 2_000) * 1_000_000n;
    return {
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'service.name', value: { stringValue: 'proto-test' } },
              ...kv('-resource'),
            ],
          },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: id(traceId),
                  spanId: id(spanId),
                  name: 'span',
                  kind: 1,
                  startTimeUnixNano: start.toString(),
                  endTimeUnixNano: (start + 1_000_000n).toString(),
                  attributes: [
                    ...kv(''),
                    {
                      key: 'nested',
                      value: { kvlistValue: { values: kv('-nested') } },
                    },
                  ],
                  events: [
                    {
                      name: 'event',
                      timeUnixNano: start.toString(),
                      attributes: kv('-event'),
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
  }

  const expected = (tag: string, suffix: string) =>
    NAMES.map(key => [key, `${tag}-${key}${suffix}`]);

  it.each([
    ['OTLP/JSON', true],
    ['OTLP protobuf', false],
  ])(
    'keeps __proto__, constructor, prototype and toString as keys like any other (%s)',
    async (_, json) => {
      const traceId = hex(16);
      const spanId = hex(8);
      const tag = `t${hex(4)}`;
      const body = request(traceId, spanId, tag, json);
      const res = await fetch(`${base}/v1/traces`, {
        method: 'POST',
        headers: {
          authorization: mockCredentials.service.header(),
          'content-type': json ? 'application/json' : 'application/x-protobuf',
        },
        body: json
          ? JSON.stringify(body)
          : ExportTraceServiceRequest.encode(
              ExportTraceServiceRequest.fromObject(body),
            ).finish(),
      });
      expect(res.status).toBe(200);

      const user = { authorization: mockCredentials.user.header() };
      const span = (await (
        await fetch(`${base}/spans/${traceId}/${spanId}`, { headers: user })
      ).json()) as SpanDetail;
      const { nested, ...flat } = span.attributes as Record<string, any>;
      expect(entries(flat)).toEqual(expected(tag, ''));
      expect(entries(nested)).toEqual(expected(tag, '-nested'));
      expect(entries(span.resource)).toEqual(
        [['service.name', 'proto-test'], ...expected(tag, '-resource')].sort(
          ([a], [b]) => a.localeCompare(b),
        ),
      );
      expect(entries(span.events[0].attributes)).toEqual(
        expected(tag, '-event'),
      );

      // As business keys: indexed, searchable, and on the instance.
      let found: SearchResult | undefined;
      const deadline = Date.now() + 20_000;
      while (!found?.matches.length) {
        if (Date.now() > deadline) throw new Error('never assembled');
        await new Promise(r => setTimeout(r, 200));
        await scheduler.triggerTask('journeys-assemble');
        found = (await (
          await fetch(`${base}/search?q=${tag}-__proto__`, { headers: user })
        ).json()) as SearchResult;
      }
      expect(found.matches).toHaveLength(1);
      expect(found.matches[0]).toMatchObject({
        matchedBy: 'business-key',
        key: '__proto__',
      });
      expect(entries(found.matches[0].instance.businessKeys)).toEqual([
        ['__proto__', `${tag}-__proto__`],
        ['constructor', `${tag}-constructor`],
      ]);
    },
  );
});
