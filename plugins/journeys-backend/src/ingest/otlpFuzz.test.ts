import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ExportTraceServiceRequest } from './OtlpDecoder';
import zlib from 'node:zlib';
import { exportRequest, otlpSpan } from '../__testUtils__/otlp';
import { journeysPlugin } from '../plugin';

/** Seeded PRNG (mulberry32), so a failing case can be reproduced from the printed seed. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Payload {
  kind: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const MAX_BODY = 256 * 1024;
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

function hostilePayloads(count: number): Payload[] {
  const rnd = prng(SEED);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const hexOf = (n: number) =>
    Array.from(
      { length: n },
      () => '0123456789abcdef'[Math.floor(rnd() * 16)],
    ).join('');
  const now = Date.now();
  const span = (over: Record<string, unknown> = {}) => ({
    ...otlpSpan({
      traceId: hexOf(32),
      spanId: hexOf(16),
      name: 'op',
      startMs: now,
    }),
    ...over,
  });
  const req = (spans: unknown[], service: unknown = 'fuzz') => ({
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: service } },
          ],
        },
        scopeSpans: [{ spans }],
      },
    ],
  });
  const json = (kind: string, v: unknown): Payload => ({
    kind,
    body: JSON.stringify(v),
  });
  const nest = (depth: number, leaf: unknown): unknown => {
    let v = leaf;
    for (let i = 0; i < depth; i++)
      v =
        rnd() < 0.5
          ? { arrayValue: { values: [v] } }
          : { kvlistValue: { values: [{ key: 'k', value: v }] } };
    return v;
  };
  const validProto = () =>
    Buffer.from(
      ExportTraceServiceRequest.encode(
        ExportTraceServiceRequest.fromObject({
          resourceSpans: [
            {
              resource: {
                attributes: [
                  { key: 'service.name', value: { stringValue: 'fuzz' } },
                ],
              },
              scopeSpans: [
                {
                  spans: Array.from(
                    { length: 1 + Math.floor(rnd() * 5) },
                    () => ({
                      traceId: Buffer.from(hexOf(32), 'hex'),
                      spanId: Buffer.from(hexOf(16), 'hex'),
                      name: 'op',
                      kind: 2,
                      startTimeUnixNano: String(now * 1e6),
                      endTimeUnixNano: String(now * 1e6 + 1e6),
                    }),
                  ),
                },
              ],
            },
          ],
        }),
      ).finish(),
    );

  const makers: Array<() => Payload> = [
    // bad ids
    () =>
      json(
        'short trace id',
        req([span({ traceId: hexOf(1 + Math.floor(rnd() * 31)) })]),
      ),
    () => json('non-hex trace id', req([span({ traceId: `${hexOf(31)}z` })])),
    () => json('zero trace id', req([span({ traceId: '0'.repeat(32) })])),
    () =>
      json(
        'long span id',
        req([span({ spanId: hexOf(17 + Math.floor(rnd() * 40)) })]),
      ),
    () => json('zero span id', req([span({ spanId: '0'.repeat(16) })])),
    () => json('bad parent id', req([span({ parentSpanId: 'xyz' })])),
    () =>
      json(
        'bad link id',
        req([span({ links: [{ traceId: 'nope', spanId: hexOf(16) }] })]),
      ),
    () => json('id as number', req([span({ traceId: 12345 })])),
    // huge attributes: over the body limit
    () =>
      json(
        'huge attribute',
        req([
          span({
            attributes: [
              {
                key: 'big',
                value: {
                  stringValue: 'x'.repeat(MAX_BODY + Math.floor(rnd() * 1000)),
                },
              },
            ],
          }),
        ]),
      ),
    () =>
      json(
        'very many attributes',
        req([
          span({
            attributes: Array.from({ length: 20_000 }, (_, i) => ({
              key: `a${i}`,
              value: { intValue: i },
            })),
          }),
        ]),
      ),
    () =>
      json(
        'huge attribute key',
        req([
          span({
            attributes: [
              {
                key: 'k'.repeat(300 + Math.floor(rnd() * 1000)),
                value: { stringValue: 'v' },
              },
            ],
          }),
        ]),
      ),
    // deep nesting
    () =>
      json(
        'deep nesting',
        req([
          span({
            attributes: [
              {
                key: 'deep',
                value: nest(9 + Math.floor(rnd() * 200), { stringValue: 'x' }),
              },
            ],
          }),
        ]),
      ),
    () => ({
      kind: 'deep raw JSON',
      body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    }),
    // wrong types
    () =>
      json('resourceSpans not an array', {
        resourceSpans: pick(['x', 1, true, { a: 1 }]),
      }),
    () =>
      json('spans not an array', {
        resourceSpans: [{ scopeSpans: [{ spans: pick(['x', 1, { a: 1 }]) }] }],
      }),
    () => json('span not an object', req([pick([1, 'span', null, true, []])])),
    () =>
      json(
        'name wrong type',
        req([span({ name: pick([1, null, {}, [], '']) })]),
      ),
    () =>
      json(
        'time wrong type',
        req([
          span({ startTimeUnixNano: pick([{}, [], 'soon', -5, 1.5, true]) }),
        ]),
      ),
    () =>
      json(
        'end before start',
        req([
          span({
            startTimeUnixNano: String(now * 1e6 + 5e9),
            endTimeUnixNano: String(now * 1e6),
          }),
        ]),
      ),
    () =>
      json(
        'kind out of range',
        req([span({ kind: pick([6, -1, 99, 'SERVER', 2.5]) })]),
      ),
    () =>
      json(
        'status wrong',
        req([span({ status: { code: pick([3, 'bad', -1, {}]) } })]),
      ),
    () =>
      json(
        'attribute value wrong',
        req([
          span({
            attributes: [
              {
                key: 'a',
                value: pick([
                  { stringValue: 5 },
                  { intValue: 'x' },
                  { boolValue: 'yes' },
                  'plain',
                  [1],
                ]),
              },
            ],
          }),
        ]),
      ),
    () =>
      json(
        'attributes not a list',
        req([span({ attributes: pick(['a=b', { a: 'b' }, 5]) })]),
      ),
    () => json('request is an array', [req([span()])]),
    () => json('request is null', null),
    () =>
      json('resource attributes wrong', {
        resourceSpans: [
          { resource: { attributes: 'x' }, scopeSpans: [{ spans: [span()] }] },
        ],
      }),
    // broken encodings
    () => ({
      kind: 'truncated JSON',
      body: JSON.stringify(req([span()])).slice(0, 10 + Math.floor(rnd() * 50)),
    }),
    () => {
      const full = validProto();
      return {
        kind: 'truncated protobuf',
        body: full.subarray(0, 1 + Math.floor(rnd() * (full.length - 2))),
        headers: { 'content-type': 'application/x-protobuf' },
      };
    },
    () => ({
      kind: 'JSON sent as protobuf',
      body: JSON.stringify(req([span()])),
      headers: { 'content-type': 'application/x-protobuf' },
    }),
    () => ({ kind: 'protobuf sent as JSON', body: validProto() }),
    () => ({
      kind: 'wrong content type',
      body: JSON.stringify(req([span()])),
      headers: {
        'content-type': pick([
          'text/plain',
          'application/xml',
          'multipart/form-data',
          'application/grpc',
        ]),
      },
    }),
    () => ({
      kind: 'gzip that is not gzip',
      body: JSON.stringify(req([span()])),
      headers: { 'content-encoding': 'gzip' },
    }),
    () => ({
      kind: 'unknown encoding',
      body: JSON.stringify(req([span()])),
      headers: { 'content-encoding': pick(['br', 'zstd', 'compress']) },
    }),
    () => ({
      kind: 'gzip bomb',
      body: zlib.gzipSync(Buffer.alloc(MAX_BODY * 8, 48)),
      headers: { 'content-encoding': 'gzip' },
    }),
    () => ({
      kind: 'binary garbage as JSON',
      body: Buffer.from(
        Array.from({ length: 64 }, () => Math.floor(rnd() * 256)),
      ),
    }),
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]());
}

jest.setTimeout(240_000);

describe('OTLP receiver under hostile input', () => {
  it(`answers 4xx to every one of 1,200 malformed or hostile payloads, keeps running and stores every valid span sent alongside (seed ${SEED})`, async () => {
    const backend = await startTestBackend({
      features: [
        journeysPlugin,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { journeys: { ingest: { maxBodyBytes: MAX_BODY } } },
        }),
      ],
    });
    try {
      const address = backend.server.address();
      const base = `http://localhost:${
        typeof address === 'object' && address ? address.port : 0
      }/api/journeys`;
      const auth = mockCredentials.service.header();
      const send = (p: Payload) =>
        fetch(`${base}/v1/traces`, {
          method: 'POST',
          headers: {
            authorization: auth,
            'content-type': 'application/json',
            ...p.headers,
          },
          body: p.body,
        });

      const hostile = hostilePayloads(1200);
      const unexpected: string[] = [];
      const valid: Array<{ traceId: string; spanId: string }> = [];
      for (let i = 0; i < hostile.length; i++) {
        const res = await send(hostile[i]);
        if (res.status < 400 || res.status >= 500)
          unexpected.push(
            `#${i} ${hostile[i].kind}: ${res.status} ${await res.text()}`,
          );
        else {
          const body = await res.json();
          if (typeof body?.error?.message !== 'string')
            unexpected.push(`#${i} ${hostile[i].kind}: no JSON error message`);
        }
        if (i % 8 === 0) {
          const spans = Array.from({ length: 3 }, (_, k) =>
            otlpSpan({
              traceId: `${(i + 1).toString(16).padStart(28, '0')}aaa${k}`,
              name: `valid ${i}`,
              startMs: Date.now(),
            }),
          );
          const ok = await send({
            kind: 'valid',
            body: JSON.stringify({
              resourceSpans: [
                {
                  ...exportRequest('fuzz-valid', []).resourceSpans[0],
                  scopeSpans: [{ spans }],
                },
              ],
            }),
          });
          if (ok.status !== 200)
            unexpected.push(`valid request after #${i}: ${ok.status}`);
          spans.forEach(s =>
            valid.push({ traceId: s.traceId, spanId: s.spanId }),
          );
        }
      }
      expect(unexpected).toEqual([]);
      expect(new Set(hostile.map(h => h.kind)).size).toBeGreaterThanOrEqual(30);

      // Every valid span is stored and readable.
      const user = mockCredentials.user.header();
      const missing: string[] = [];
      for (const s of valid) {
        const res = await fetch(`${base}/spans/${s.traceId}/${s.spanId}`, {
          headers: { authorization: user },
        });
        if (res.status !== 200)
          missing.push(`${s.traceId}/${s.spanId}: ${res.status}`);
      }
      expect(valid.length).toBeGreaterThanOrEqual(450);
      expect(missing).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
