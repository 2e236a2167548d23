import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ExportTraceServiceRequest } from './ingest/OtlpDecoder';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { hex, otlpSpan } from './__testUtils__/otlp';
import { journeysPlugin } from './plugin';
import { bothDatabases } from './__testUtils__/databases';

/*
 * Every HTTP route of journeys-backend against a generated set of hostile requests: each
 * answer must be a 4xx with Backstage's JSON error body (or a 2xx where the input is in
 * fact valid), never a 5xx, and the backend must still serve a valid request afterwards.
 */

jest.setTimeout(120_000);

const PORTAL = 'http://portal.test:3000';
const MAX_BODY = 64 * 1024;
const journeys = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../catalog-info/journeys.yaml'),
    'utf-8',
  ),
).map(d => d.toJSON());

/** What a request may get: a refusal (4xx) only, or also success where it is valid. */
type Expect = '4xx' | 'any';

interface HostileRequest {
  what: string;
  method: 'GET' | 'POST';
  /** Sent as it is (node:http does not normalise `..` the way fetch does). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  expect: Expect;
}

/** Strings that break parsers, databases and path handling, already percent-encoded. */
const HOSTILE_VALUES: Array<[string, Expect]> = [
  ['', '4xx'],
  ['%00', 'any'],
  ['a%00b', 'any'],
  ['%C0%AE%C0%AE', 'any'],
  ['%FF%FE', 'any'],
  ['%ED%A0%80', 'any'],
  ['%F0%9F%98%80', 'any'],
  ['%E2%80%AE', 'any'],
  ['.', 'any'],
  ['..', 'any'],
  ['%2e%2e', 'any'],
  ['%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', 'any'],
  ['..%2F..%2F..%2Fetc%2Fpasswd', 'any'],
  ['%2F', 'any'],
  ['%5C..%5C', 'any'],
  ['%zz', 'any'],
  ['%', 'any'],
  ["'%20OR%201%3D1%20--", 'any'],
  ['%3Cscript%3E', 'any'],
  ['%24%7Bjndi%3Aldap%3A%2F%2Fx%7D', 'any'],
  ['__proto__', 'any'],
  ['constructor', 'any'],
  ['NaN', 'any'],
  ['Infinity', 'any'],
  ['-1', 'any'],
  ['0', 'any'],
  ['1e309', 'any'],
  ['99999999999999999999999999', 'any'],
  ['0x10', 'any'],
  ['x'.repeat(3000), 'any'],
  ['A'.repeat(32), 'any'],
  ['0'.repeat(32), 'any'],
  ['%20'.repeat(40), 'any'],
];

const service = mockCredentials.service.header();
const user = mockCredentials.user.header();

function otlpJson(spans: unknown[], service_ = 'hostile') {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: service_ } },
          ],
        },
        scopeSpans: [{ scope: { name: 'h' }, spans }],
      },
    ],
  };
}

const goodSpan = () =>
  otlpSpan({ traceId: hex(16), name: 'ok', startMs: Date.now() });

/** Span fields replaced with hostile values of the wrong type or range. */
function hostileSpans(): Array<[string, unknown]> {
  const base = goodSpan() as Record<string, unknown>;
  const cases: Array<[string, unknown]> = [];
  const values: unknown[] = [
    null,
    1,
    -1,
    1e308,
    '1e309',
    'NaN',
    true,
    [],
    {},
    [1, 2],
    { $gt: '' },
    'a\u0000b',
    '\ud800',
    'é'.repeat(40),
    'f'.repeat(33),
    '../../etc/passwd',
    'x'.repeat(5000),
  ];
  for (const field of [
    'traceId',
    'spanId',
    'parentSpanId',
    'name',
    'kind',
    'startTimeUnixNano',
    'endTimeUnixNano',
    'attributes',
    'events',
    'links',
    'status',
  ]) {
    for (const v of values)
      cases.push([
        `span.${field}=${JSON.stringify(v)?.slice(0, 20)}`,
        { ...base, [field]: v },
      ]);
  }
  const deep = (n: number): unknown =>
    n === 0 ? { stringValue: 'x' } : { arrayValue: { values: [deep(n - 1)] } };
  const attr = (key: unknown, value: unknown) => ({
    ...base,
    attributes: [{ key, value }],
  });
  cases.push(
    ['attribute nested 50 deep', attr('deep', deep(50))],
    ['attribute key NUL', attr('k\u0000', { stringValue: 'v' })],
    [
      'attribute key __proto__ object',
      attr('__proto__', {
        kvlistValue: {
          values: [{ key: 'polluted', value: { boolValue: true } }],
        },
      }),
    ],
    ['attribute key number', attr(5, { stringValue: 'v' })],
    ['attribute key huge', attr('k'.repeat(10_000), { stringValue: 'v' })],
    ['attribute value string', attr('k', 'plain')],
    ['attribute value array', attr('k', [1])],
    ['intValue object', attr('k', { intValue: { low: 'x', high: [] } })],
    ['intValue huge', attr('k', { intValue: '9'.repeat(400) })],
    ['doubleValue 1e309 string', attr('k', { doubleValue: '1e309' })],
    ['bytesValue number', attr('k', { bytesValue: 5 })],
    ['kvlist values string', attr('k', { kvlistValue: { values: 'x' } })],
    [
      'kvlist NUL key',
      attr('k', {
        kvlistValue: {
          values: [{ key: '\u0000', value: { stringValue: '\u0000' } }],
        },
      }),
    ],
    ['array values object', attr('k', { arrayValue: { values: { 0: 1 } } })],
    [
      '10k attributes',
      {
        ...base,
        attributes: Array.from({ length: 3000 }, (_, i) => ({
          key: `k${i}`,
          value: { intValue: i },
        })),
      },
    ],
    [
      'event time NaN',
      { ...base, events: [{ name: 'e', timeUnixNano: 'NaN' }] },
    ],
    ['link ids wrong', { ...base, links: [{ traceId: 'x', spanId: 5 }] }],
    [
      'end before start',
      { ...base, endTimeUnixNano: '1000', startTimeUnixNano: '999999999999' },
    ],
    [
      'times 20 digits',
      {
        ...base,
        startTimeUnixNano: '99999999999999999999',
        endTimeUnixNano: '99999999999999999999',
      },
    ],
    ['status code 7', { ...base, status: { code: 7 } }],
    [
      'status message NUL',
      { ...base, status: { code: 2, message: 'x\u0000y' } },
    ],
  );
  return cases;
}

function generate(): HostileRequest[] {
  const out: HostileRequest[] = [];
  const json = { 'content-type': 'application/json', authorization: service };
  const proto = {
    'content-type': 'application/x-protobuf',
    authorization: service,
  };
  const post = (
    what: string,
    body: Buffer | string,
    headers: Record<string, string> = json,
    expect: Expect = '4xx',
  ) =>
    out.push({
      what: `otlp ${what}`,
      method: 'POST',
      path: '/v1/traces',
      headers,
      body,
      expect,
    });

  // POST /v1/traces, JSON.
  for (const [what, body] of [
    ['empty', ''],
    ['bad JSON', '{"resourceSpans": ['],
    ['bad JSON NUL', '{"resourceSpans":\u0000[]}'],
    ['JSON null', 'null'],
    ['JSON number', '1e309'],
    ['JSON string', '"x"'],
    ['JSON array', '[]'],
    ['deep nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    [
      'deep object nesting',
      `{"resourceSpans":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    ],
    ['resourceSpans string', '{"resourceSpans":"x"}'],
    ['resourceSpans object', '{"resourceSpans":{"0":{}}}'],
    ['resourceSpans numbers', '{"resourceSpans":[1,2]}'],
    ['scopeSpans string', '{"resourceSpans":[{"scopeSpans":"x"}]}'],
    ['spans object', '{"resourceSpans":[{"scopeSpans":[{"spans":{}}]}]}'],
    [
      'resource attributes string',
      '{"resourceSpans":[{"resource":{"attributes":"x"}}]}',
    ],
    [
      '__proto__ root',
      '{"__proto__":{"resourceSpans":[1]},"resourceSpans":[]}',
    ],
    ['duplicate keys', '{"resourceSpans":[],"resourceSpans":"x"}'],
    ['UTF-16 BOM', '\ufeff{"resourceSpans":[]}'],
  ] as const)
    post(what, body, json, 'any');
  post(
    'lone surrogate bytes',
    Buffer.concat([
      Buffer.from('{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"'),
      Buffer.from([0xed, 0xa0, 0x80, 0xff]),
      Buffer.from('"}]}]}]}'),
    ]),
  );
  post('huge body', 'x'.repeat(MAX_BODY + 1));
  post('huge body declared', '{}', {
    ...json,
    'content-length': String(10 * MAX_BODY),
  });
  post('gzip bomb', zlib.gzipSync(Buffer.alloc(MAX_BODY * 4, 32)), {
    ...json,
    'content-encoding': 'gzip',
  });
  post('gzip garbage', 'not gzip', { ...json, 'content-encoding': 'gzip' });
  post('deflate garbage', 'not deflate', {
    ...json,
    'content-encoding': 'deflate',
  });
  post('brotli', '{}', { ...json, 'content-encoding': 'br' });
  post('gzip, gzip', '{}', { ...json, 'content-encoding': 'gzip, gzip' });
  for (const type of [
    '',
    'text/plain',
    'application/json; charset=utf-16',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/json\u00ff',
    '*/*',
  ])
    post(
      `content type '${type}'`,
      JSON.stringify(otlpJson([goodSpan()])),
      {
        authorization: service,
        ...(type ? { 'content-type': type.replace(/[^\x20-\x7e]/g, '?') } : {}),
      },
      'any',
    );
  post('no content type', JSON.stringify(otlpJson([goodSpan()])), {
    authorization: service,
  });
  post('no token', JSON.stringify(otlpJson([goodSpan()])), {
    'content-type': 'application/json',
  });
  post('user token', JSON.stringify(otlpJson([goodSpan()])), {
    'content-type': 'application/json',
    authorization: user,
  });
  post('garbage token', JSON.stringify(otlpJson([goodSpan()])), {
    'content-type': 'application/json',
    authorization: 'Bearer \u00ff'.replace(/[^\x20-\x7e]/g, '?'),
  });
  for (const [what, span] of hostileSpans())
    post(what, JSON.stringify(otlpJson([span])), json, 'any');
  // The same, mixed with a good span: at most a partial success.
  for (const [what, span] of hostileSpans().slice(0, 40))
    post(
      `${what} + good`,
      JSON.stringify(otlpJson([span, goodSpan()])),
      json,
      'any',
    );

  // POST /v1/traces, protobuf.
  const valid = Buffer.from(
    ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: Buffer.from(hex(16), 'hex'),
                    spanId: Buffer.from(hex(8), 'hex'),
                    name: 'p',
                    startTimeUnixNano: '1700000000000000000',
                    endTimeUnixNano: '1700000000000000001',
                  },
                ],
              },
            ],
          },
        ],
      }),
    ).finish(),
  );
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  post('protobuf empty', Buffer.alloc(0), proto, 'any');
  for (let i = 0; i < 25; i++)
    post(
      `protobuf random ${i}`,
      Buffer.from(
        Array.from({ length: 1 + Math.floor(rnd() * 300) }, () =>
          Math.floor(rnd() * 256),
        ),
      ),
      proto,
      'any',
    );
  for (
    let i = 1;
    i < valid.length;
    i += Math.max(1, Math.floor(valid.length / 12))
  )
    post(`protobuf truncated at ${i}`, valid.subarray(0, i), proto, 'any');
  for (let i = 0; i < 20; i++) {
    const flipped = Buffer.from(valid);
    flipped[Math.floor(rnd() * flipped.length)] ^= 1 << Math.floor(rnd() * 8);
    post(`protobuf bit flip ${i}`, flipped, proto, 'any');
  }
  post(
    'protobuf with wrong ids',
    Buffer.from(
      ExportTraceServiceRequest.encode(
        ExportTraceServiceRequest.fromObject({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: Buffer.from('ab', 'hex'),
                      spanId: Buffer.alloc(0),
                      name: '',
                    },
                  ],
                },
              ],
            },
          ],
        }),
      ).finish(),
    ),
    proto,
  );
  post(
    'protobuf length overflow',
    Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]),
    proto,
  );
  post(
    'JSON sent as protobuf',
    JSON.stringify(otlpJson([goodSpan()])),
    proto,
    'any',
  );
  post('protobuf sent as JSON', valid, json);

  // POST /faro/collect.
  const faro = (
    what: string,
    body: string | Buffer,
    headers: Record<string, string> = {
      'content-type': 'application/json',
      origin: PORTAL,
    },
    expect: Expect = '4xx',
  ) =>
    out.push({
      what: `faro ${what}`,
      method: 'POST',
      path: '/faro/collect',
      headers,
      body,
      expect,
    });
  const meta = { app: { name: 'switchboard-portal' } };
  const faroTraces = (spans: unknown[]) =>
    JSON.stringify({ meta, traces: otlpJson(spans, 'switchboard-portal') });
  faro('valid', faroTraces([goodSpan()]), undefined, 'any');
  for (const [what, body] of [
    ['empty', ''],
    ['bad JSON', '{"meta":'],
    ['JSON null', 'null'],
    ['JSON array', '[]'],
    ['deep nesting', `{"meta":${'['.repeat(20_000)}${']'.repeat(20_000)}}`],
    ['meta number', '{"meta":1}'],
    ['meta missing', '{"traces":{"resourceSpans":[]}}'],
    ['traces array', '{"meta":{},"traces":[]}'],
    ['resourceSpans string', '{"meta":{},"traces":{"resourceSpans":"x"}}'],
    ['resourceSpans numbers', '{"meta":{},"traces":{"resourceSpans":[1]}}'],
    ['logs object', '{"meta":{},"logs":{}}'],
    ['app name number', '{"meta":{"app":{"name":5}}}'],
  ] as const)
    faro(what, body);
  // Valid envelopes: logs are accepted and dropped; an own `__proto__` is just a key.
  faro(
    'deep nesting in logs',
    `{"meta":{},"logs":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    undefined,
    'any',
  );
  faro(
    '__proto__ traces',
    '{"meta":{},"__proto__":{"traces":{"resourceSpans":[{}]}}}',
    undefined,
    'any',
  );
  faro('huge body', JSON.stringify({ meta, logs: ['x'.repeat(MAX_BODY)] }));
  faro(
    'service not the portal',
    JSON.stringify({ meta, traces: otlpJson([goodSpan()], 'payment-service') }),
  );
  faro(
    'service missing',
    JSON.stringify({ meta, traces: { resourceSpans: [{ scopeSpans: [] }] } }),
  );
  for (const [what, span] of hostileSpans().slice(0, 60))
    faro(`${what}`, faroTraces([span]), undefined, 'any');
  for (const origin of [
    '',
    'null',
    'https://attacker.example',
    `${PORTAL}.attacker.example`,
    'http://portal.test:3001',
    'data:text/html,x',
    'x'.repeat(2000),
  ])
    faro(`origin '${origin.slice(0, 30)}'`, faroTraces([goodSpan()]), {
      'content-type': 'text/plain',
      ...(origin ? { origin } : {}),
    });
  for (const type of [
    '',
    'application/x-www-form-urlencoded',
    'application/json; charset=utf-16',
    'application/json; charset=latin-9',
    'multipart/form-data',
  ])
    faro(`content type '${type}'`, faroTraces([goodSpan()]), {
      origin: PORTAL,
      ...(type ? { 'content-type': type } : {}),
    });
  faro('gzip garbage', 'not gzip', {
    'content-type': 'application/json',
    origin: PORTAL,
    'content-encoding': 'gzip',
  });
  faro('brotli', '{}', {
    'content-type': 'application/json',
    origin: PORTAL,
    'content-encoding': 'br',
  });
  faro('gzip bomb', zlib.gzipSync(Buffer.alloc(MAX_BODY * 8, 32)), {
    'content-type': 'application/json',
    origin: PORTAL,
    'content-encoding': 'gzip',
  });

  // GET routes: every path parameter and query parameter with every hostile value.
  const id = hex(16);
  const spanId = hex(8);
  const get = (
    what: string,
    p: string,
    expect: Expect,
    headers: Record<string, string> = { authorization: user },
  ) =>
    out.push({ what: `GET ${what}`, method: 'GET', path: p, headers, expect });
  for (const [v, expect] of HOSTILE_VALUES) {
    const s = v.slice(0, 40);
    get(
      `/journeys/:namespace (${s})`,
      `/journeys/${v}/checkout/instances`,
      v === 'default' ? 'any' : expect,
    );
    get(`/journeys/:name (${s})`, `/journeys/default/${v}/instances`, expect);
    get(`/instances/:id (${s})`, `/instances/${v}`, '4xx');
    get(`/spans/:traceId (${s})`, `/spans/${v}/${spanId}`, '4xx');
    get(`/spans/:spanId (${s})`, `/spans/${id}/${v}`, '4xx');
    get(`/journeys?window (${s})`, `/journeys?window=${v}`, '4xx');
    get(`/journeys?component (${s})`, `/journeys?component=${v}`, expect);
    get(`/journeys?end (${s})`, `/journeys?end=${v}`, '4xx');
    get(
      `instances?status (${s})`,
      `/journeys/default/checkout/instances?status=${v}`,
      '4xx',
    );
    get(
      `instances?sort (${s})`,
      `/journeys/default/checkout/instances?sort=${v}`,
      '4xx',
    );
    get(
      `instances?limit (${s})`,
      `/journeys/default/checkout/instances?limit=${v}`,
      expect,
    );
    get(
      `instances?window (${s})`,
      `/journeys/default/checkout/instances?window=${v}`,
      '4xx',
    );
    get(`/search?q (${s})`, `/search?q=${v}`, expect);
  }
  for (const [name, p] of [
    ['q twice', '/search?q=a&q=b'],
    ['q[]', '/search?q[]=a'],
    ['q[x]', '/search?q[x]=a&q[y]=b'],
    ['q[__proto__]', '/search?q[__proto__][x]=1'],
    ['q missing', '/search'],
    ['q=', '/search?q='],
    ['limit twice', '/journeys/default/checkout/instances?limit=1&limit=2'],
    ['limit[]', '/journeys/default/checkout/instances?limit[]=1'],
    ['limit 1.5', '/journeys/default/checkout/instances?limit=1.5'],
    ['limit 201', '/journeys/default/checkout/instances?limit=201'],
    ['limit 1e2', '/journeys/default/checkout/instances?limit=1e2'],
    ['window twice', '/journeys?window=1h&window=6h'],
    ['end in the future', '/journeys?end=2999-01-01T00:00:00Z'],
    ['end before the rollups', '/journeys?end=1970-01-01T00:00:00Z'],
    ['end without a time', '/journeys?end=2026-12-01'],
    ['component array', '/journeys?component=a&component=b'],
    ['component[x]', '/journeys?component[x]=abc'],
    ['deep query', `/search?${'q'}${'[a]'.repeat(30)}=1`],
    [
      '1000 params',
      `/search?${Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&')}`,
    ],
    ['encoded slash in name', '/journeys/default%2Fcheckout/x/instances'],
    ['double slash', '/instances//x'],
    ['trailing dots', `/instances/${id}/..`],
    ['traversal', `/spans/${id}/../../journeys`],
    ['uppercase id', `/instances/${id.toUpperCase()}`],
  ] as const)
    get(name, p, name === 'uppercase id' ? '4xx' : 'any');
  // The mock httpAuth takes a request without a Bearer token as the default user.
  get('no token', '/journeys', 'any', {});
  get('basic auth', '/search?q=x', 'any', { authorization: 'Basic YTpi' });
  get('garbage token', '/journeys', '4xx', { authorization: 'Bearer garbage' });
  return out;
}

interface Answer {
  status: number;
  type: string;
  text: string;
}

function send(port: number, r: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body =
      typeof r.body === 'string' ? Buffer.from(r.body, 'utf-8') : r.body;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        // A connection per request: one that declared more body than it sent is spent.
        agent: false,
        method: r.method,
        path: `/api/journeys${r.path}`,
        headers: {
          ...(body && !r.headers?.['content-length']
            ? { 'content-length': String(body.length) }
            : {}),
          ...r.headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf-8'),
          }),
        );
      },
    );
    req.on('error', e => {
      // A refusal that closes the connection before the whole body was sent still counts.
      if (
        (e as NodeJS.ErrnoException).code === 'EPIPE' ||
        (e as NodeJS.ErrnoException).code === 'ECONNRESET'
      )
        resolve({ status: -1, type: '', text: String(e) });
      else reject(e);
    });
    if (body && !r.headers?.['content-length']) req.end(body);
    else req.end();
  });
}

/** What is wrong with an answer, or undefined. */
function problem(r: HostileRequest, a: Answer): string | undefined {
  if (a.status >= 500 || a.status < 200)
    return `${a.status} ${a.text.slice(0, 300)}`;
  if (a.status < 300)
    return r.expect === '4xx'
      ? `${a.status} for input that is not valid`
      : undefined;
  if (a.status < 400) return `${a.status}`;
  if (!a.type.startsWith('application/json'))
    return `${a.status} not JSON: ${a.text.slice(0, 100)}`;
  let body: any;
  try {
    body = JSON.parse(a.text);
  } catch {
    return `${a.status} unparseable JSON`;
  }
  if (typeof body?.error?.message !== 'string')
    return `${a.status} without error.message`;
  if (body.response?.statusCode !== a.status)
    return `${a.status} with response.statusCode ${body.response?.statusCode}`;
  // Nothing of the server's insides in an answer.
  if (
    /\bat .+\.(ts|js):\d+|\/work\/|node_modules|SELECT |INSERT INTO|journeys_spans|sqlite|postgres/i.test(
      a.text,
    )
  )
    return `${a.status} leaks internals: ${a.text.slice(0, 200)}`;
  return undefined;
}

describe('journeys-backend under hostile input', () => {
  const databases = bothDatabases();

  it.each(databases.eachSupportedId())(
    'answers every hostile request to every route with a 4xx JSON error (or 2xx where valid), never a 5xx, on %p',
    async (id: TestDatabaseId) => {
      const knex = await databases.init(id);
      const backend = await startTestBackend({
        features: [
          journeysPlugin,
          mockServices.database.factory({ knex }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities: journeys }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: PORTAL },
              journeys: {
                ingest: { maxBodyBytes: MAX_BODY },
                faro: {
                  maxBodyBytes: MAX_BODY,
                  // The suite is one client; its rate limit is tested elsewhere.
                  rateLimit: { burst: 100_000, perSecond: 1000 },
                },
              },
            },
          }),
        ],
      });
      const port = (backend.server.address() as { port: number }).port;
      try {
        const requests = generate();
        const byStatus = new Map<number, number>();
        const problems: string[] = [];
        for (const r of requests) {
          const a = await send(port, r);
          byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
          const p = problem(r, a);
          if (p) problems.push(`${r.what}: ${p}`);
        }
        const counts = [...byStatus.entries()]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}: ${n}`)
          .join(', ');
        process.stdout.write(
          `hostile-input journeys-backend (${id}): ${requests.length} requests; ${counts}\n`,
        );
        expect(problems).toEqual([]);
        expect(requests.length).toBeGreaterThan(400);

        // Still serving: a valid span goes in and reads back.
        const span = otlpSpan({
          traceId: hex(16),
          name: 'after',
          startMs: Date.now(),
        });
        const stored = await send(port, {
          what: 'valid',
          method: 'POST',
          path: '/v1/traces',
          headers: {
            'content-type': 'application/json',
            authorization: service,
          },
          body: JSON.stringify(otlpJson([span])),
          expect: 'any',
        });
        expect(stored.status).toBe(200);
        const read = await send(port, {
          what: 'read',
          method: 'GET',
          path: `/spans/${span.traceId}/${span.spanId}`,
          headers: { authorization: user },
          expect: 'any',
        });
        expect(read.status).toBe(200);
        expect(JSON.parse(read.text).name).toBe('after');
      } finally {
        await backend.stop();
      }
    },
  );
});
