/*
 * Hostile input against every operation of the runtime admin API, enumerated from
 * openapi.yaml: every answer must be a 4xx (or 2xx) JSON answer in the contract's error
 * shape, never a 5xx, SQL text or a stack trace, and the runtime must stay healthy.
 */
import Ajv2020 from 'ajv/dist/2020';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Runtime } from '../Runtime';
import { ADMIN_TOKEN, READ_TOKEN, testConfig } from '../testing/testRuntime';
import { loadOpenApiDocument } from './AdminServer';

jest.setTimeout(120_000);

type Schema = Record<string, any>;

interface HostileRequest {
  method: string;
  /** Sent as is: no URL normalisation, so `.`, `..` and `%2e%2e` reach the server. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The operation it targets (`GET /v1/dlqs/{dlq}`), for the report. */
  operation: string;
  /** The status this input must get, when it is certain. */
  expect?: number;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const doc = loadOpenApiDocument();
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const resolve = (s: Schema): Schema =>
  s?.$ref
    ? resolve(
        s.$ref
          .replace(/^#\//, '')
          .split('/')
          .reduce((o: Schema, k: string) => o[k], doc),
      )
    : s;

/** allOf merged into one object schema (all this contract uses allOf for). */
function flatten(schema: Schema): Schema {
  const s = resolve(schema);
  if (!s.allOf) return s;
  const parts = s.allOf.map(flatten);
  return {
    type: 'object',
    required: parts.flatMap((p: Schema) => p.required ?? []),
    properties: Object.assign({}, ...parts.map((p: Schema) => p.properties)),
  };
}

const hostileNumbers = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '0',
  '1e309',
  '-1e309',
  String(2 ** 53 + 1),
  '1.5',
  '0x10',
  '1e3',
  ' 1',
];
const hostileStrings = [
  '',
  '%00',
  'a%00b',
  encodeURIComponent('ünïcödé-队列-🚀'),
  '%E2%80%AE',
  '%',
  '%zz',
  '%E0%A4%A',
  '%20',
  'x'.repeat(8_000),
  encodeURIComponent("'; DROP TABLE failures; --"),
  '%27%22%3C%3E',
];
const hostilePathValues = [
  '.',
  '..',
  '...',
  '%2e',
  '%2e%2e',
  '.%2e',
  '%2E%2E',
  '%2F',
  'a%2Fb',
  '..%2F..%2Fetc',
  '%5C',
  '*',
  ...hostileNumbers.map(encodeURIComponent),
  ...hostileStrings.filter(s => s !== ''),
];
const hostileQueryValues = [
  ...hostileNumbers.map(encodeURIComponent),
  ...hostileStrings,
  '.',
  '..',
  '2026-13-45T25:61:61Z',
  encodeURIComponent('2026-01-01T00:00:00Z'),
];
/** JSON literals, spliced into a valid body as one property's value. */
const hostileJsonValues = [
  'null',
  'true',
  '0',
  '-1',
  '1e309',
  '-1e309',
  String(2 ** 53 + 1),
  '1.5',
  '"NaN"',
  '"Infinity"',
  '""',
  '"."',
  '".."',
  '"\\u0000"',
  JSON.stringify('ünïcödé-队列-🚀'),
  JSON.stringify('x'.repeat(300_000)),
  '[]',
  '[null]',
  '{}',
  '{"__proto__":{"polluted":true}}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
];
const hostileBodies = [
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '123',
  'true',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
];

/** What exists in the runtime under test, so that hostile values reach the code behind. */
const known = { dlq: '', messageId: '', replayId: '' };

/** A value the schema accepts, so that one hostile part at a time is what is tested. */
function sample(schema: Schema, name = ''): unknown {
  const s = flatten(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = Array.isArray(s.type)
    ? s.type.find((t: string) => t !== 'null')
    : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        (s.required ?? []).map((k: string) => [k, sample(s.properties[k], k)]),
      );
    case 'array':
      return [sample(s.items, name)];
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum ?? 0) + 1;
    case 'boolean':
      return false;
    default:
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time') return new Date().toISOString();
      if (name === 'dlq') return known.dlq;
      if (name === 'service') return 'erp-connector';
      if (s.pattern === '^[0-9a-f]{16}$') return '0123456789abcdef';
      return 'fuzz'.padEnd(s.minLength ?? 4, 'z');
  }
}

interface Operation {
  method: string;
  template: string;
  op: Schema;
  pathParams: Schema[];
  queryParams: Schema[];
  headerParams: Schema[];
  body?: Schema;
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [template, item] of Object.entries<Schema>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(
        resolve,
      );
      out.push({
        method: method.toUpperCase(),
        template,
        op,
        pathParams: params.filter(p => p.in === 'path'),
        queryParams: params.filter(p => p.in === 'query'),
        headerParams: params.filter(p => p.in === 'header'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

function hostileRequests(): HostileRequest[] {
  const requests: HostileRequest[] = [];
  const json = { 'content-type': 'application/json' };
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
  for (const o of operations()) {
    const operation = `${o.method} ${o.template}`;
    const existing = (p: string) => {
      if (p !== 'id') return undefined;
      return o.template.startsWith('/v1/replays')
        ? known.replayId
        : known.messageId;
    };
    const pathWith = (name?: string, raw?: string) =>
      o.template.replace(/\{([^}]+)\}/g, (_m, p: string) =>
        p === name
          ? raw!
          : encodeURIComponent(
              existing(p) ??
                String(sample(o.pathParams.find(x => x.name === p)!.schema, p)),
            ),
      );
    const validBody = o.body ? JSON.stringify(sample(o.body)) : undefined;
    const send = (r: Partial<HostileRequest>) =>
      requests.push({
        method: o.method,
        path: pathWith(),
        operation,
        headers: { ...admin, ...(validBody ? json : {}) },
        body: validBody,
        ...r,
      });

    // Authentication: none, malformed, wrong, and the read token where it may not write.
    const needsAuth = o.template.startsWith('/v1');
    for (const authorization of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      'Bearer wrong-token',
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${'t'.repeat(8_000)}`,
      `Bearer ${ADMIN_TOKEN.slice(0, -1)}é`,
      `bearer ${READ_TOKEN}`,
    ]) {
      if (!needsAuth) break;
      const headers: Record<string, string> = validBody ? { ...json } : {};
      if (authorization !== undefined) headers.authorization = authorization;
      send({ headers });
    }
    if (needsAuth) {
      send({
        headers: {
          authorization: `Bearer ${READ_TOKEN}`,
          ...(validBody ? json : {}),
        },
      });
    }

    for (const p of o.pathParams) {
      for (const raw of hostilePathValues) {
        const dots = /^(\.|%2e)+$/i.test(raw);
        send({
          path: pathWith(p.name, raw),
          expect: p.name === 'dlq' && dots ? 400 : undefined,
        });
      }
    }

    const base = pathWith();
    const queryNames = o.queryParams.map(p => p.name);
    for (const name of queryNames) {
      const integer =
        resolve(o.queryParams.find(p => p.name === name)!.schema).type ===
        'integer';
      for (const v of hostileQueryValues) {
        send({
          path: `${base}?${name}=${v}`,
          expect:
            integer && /^(-|%2D)?(NaN|Infinity|1e309)$/i.test(v)
              ? 400
              : undefined,
        });
      }
      send({ path: `${base}?${name}=1&${name}=2` });
      send({ path: `${base}?${name}[]=1` });
      send({ path: `${base}?${name}[a]=1` });
      send({ path: `${base}?${name}` });
    }
    send({ path: `${base}?unknown=1` });
    send({ path: `${base}?${'x'.repeat(1_000)}=1` });
    send({ path: `${base}?__proto__[polluted]=1` });

    for (const h of o.headerParams) {
      for (const v of ['', ' ', 'x'.repeat(8_000), 'é', '\t']) {
        send({ headers: { ...admin, ...json, [h.name]: v } });
      }
    }

    // An operation answers only its declared methods.
    for (const method of METHODS) {
      if (!o.op || doc.paths[o.template][method]) continue;
      requests.push({
        method: method.toUpperCase(),
        path: base,
        operation: `${method.toUpperCase()} ${o.template}`,
        headers: admin,
      });
    }

    if (!o.body) {
      // A body where none belongs.
      send({ headers: { ...admin, ...json }, body: '{"limit":"Infinity"}' });
      send({ headers: { ...admin, ...json }, body: '{' });
      continue;
    }
    for (const body of hostileBodies) send({ body });
    send({ headers: admin }); // no content type
    send({ headers: { ...admin, 'content-type': 'text/plain' } });
    send({
      headers: { ...admin, 'content-type': 'application/json; charset=utf-16' },
    });
    send({
      headers: { ...admin, ...json, 'content-encoding': 'gzip' },
      body: '{"not":"gzip"}',
    });
    send({
      headers: { ...admin, ...json, 'content-encoding': 'br' },
    });
    send({ body: JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }) });
    send({
      body: JSON.stringify({
        ...(sample(o.body) as object),
        ids: Array.from({ length: 20_000 }, () => randomUUID()),
      }),
    });
    // Each property in turn, at the top level and one level down (the replay filter).
    const schema = flatten(o.body);
    const valid = sample(o.body) as Record<string, unknown>;
    const properties: Array<[string[], Schema]> = [];
    for (const [k, v] of Object.entries<Schema>(schema.properties ?? {})) {
      properties.push([[k], v]);
      const nested = flatten(v);
      for (const n of Object.keys(nested.properties ?? {})) {
        properties.push([[k, n], nested.properties[n]]);
      }
    }
    for (const [keys] of properties) {
      for (const literal of hostileJsonValues) {
        const marker = `"__HOSTILE_${randomUUID()}__"`;
        const target = structuredClone(valid);
        let at: Record<string, unknown> = target;
        for (const k of keys.slice(0, -1)) {
          if (typeof at[k] !== 'object' || at[k] === null) at[k] = {};
          at = at[k] as Record<string, unknown>;
        }
        at[keys[keys.length - 1]] = JSON.parse(marker);
        send({ body: JSON.stringify(target).replace(marker, literal) });
      }
    }
  }
  // Paths the contract does not have.
  for (const path of [
    '/v1',
    '/v1/',
    '/v1/nope',
    '/v1/dlqs/a/b/c',
    '/v1/messages/archive/x',
    '/v1/%00',
    '/v1/..%2F..%2Fopenapi.json',
    '/v1/../openapi.json',
  ]) {
    requests.push({
      method: 'GET',
      path,
      operation: `GET ${path}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
  }
  return requests;
}

function deliver(
  baseUrl: string,
  agent: http.Agent,
  r: HostileRequest,
): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolvePromise, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        // An explicit length: without it Node's client sends a GET body unframed.
        headers:
          r.body === undefined
            ? r.headers
            : { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
        agent,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf-8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

const errorShape = new Ajv2020({ strict: false }).compile<{
  response?: { statusCode?: number };
}>(resolve({ $ref: '#/components/schemas/Error' }));

/** What is wrong with an answer to hostile input, or undefined. */
function problemOf(r: HostileRequest, answer: Answer): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}`;
  if (r.expect && answer.status !== r.expect)
    return `status ${answer.status}, not ${r.expect}`;
  const [method, template] = r.operation.split(' ');
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (op && !op.responses[String(answer.status)])
    return `status ${answer.status} is not declared for ${r.operation}`;
  if (!/^application\/json\b/.test(answer.contentType))
    return `content type '${answer.contentType}'`;
  let body: any;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return 'body is not JSON';
  }
  if (/sqlite|SQLITE_|\n\s+at \S+ \(/i.test(answer.text))
    return 'leaks SQL or a stack trace';
  if (answer.status >= 400) {
    if (!errorShape(body)) return 'not in the contract error shape';
    if (body.response?.statusCode !== answer.status)
      return `response.statusCode ${body.response?.statusCode}`;
  }
  return undefined;
}

describe('runtime admin API under hostile input', () => {
  let runtime: Runtime;
  const errors: string[] = [];

  beforeAll(async () => {
    runtime = await Runtime.start(testConfig('embedded'), {
      logger: (msg, meta) => {
        if (msg === 'admin API error') errors.push(JSON.stringify(meta));
      },
    });
    known.dlq = runtime.names.queue('erpOrderCreated').name;
    // Two dead letters: one replayed (a job with items), one left to read.
    const [replayed, kept] = [1, 2].map(n =>
      runtime.failures.insertDeadLetter(known.dlq, {
        queue: known.dlq,
        exchange: runtime.names.exchange('orders'),
        routingKey: 'order.created',
        messageId: randomUUID(),
        body: Buffer.from(JSON.stringify({ orderId: `ord_fuzz${n}` })),
        headers: { 'idempotency-key': `ord_fuzz${n}:order.created` },
        attempt: 1,
      }),
    );
    known.messageId = kept!.id;
    const res = await fetch(`${runtime.adminUrl}/v1/replays`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        dlq: known.dlq,
        ids: [replayed!.id],
        reason: 'fuzz seed',
        requester: 'user:default/fuzz',
      }),
    });
    if (res.status !== 201)
      throw new Error(`seeding a replay answered ${res.status}`);
    known.replayId = (await res.json()).id;
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('answers every operation in openapi.yaml with a 4xx JSON error, never a 5xx', async () => {
    const requests = hostileRequests();
    const covered = new Set(requests.map(r => r.operation));
    for (const o of operations())
      expect(covered).toContain(`${o.method} ${o.template}`);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const byStatus = new Map<number, number>();
    const problems: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++];
        const answer = await deliver(runtime.adminUrl, agent, r).catch(
          (e: Error) => ({ status: 0, contentType: '', text: e.message }),
        );
        byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
        const problem = problemOf(r, answer);
        if (problem) {
          problems.push(
            `${r.operation}: ${r.method} ${r.path.slice(0, 120)} ${
              r.body === undefined ? '' : String(r.body).slice(0, 80)
            } -> ${problem}: ${answer.text.slice(0, 200)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    agent.destroy();

    const counts = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    process.stdout.write(
      `hostile-input runtime admin API: ${requests.length} requests; ${counts}\n`,
    );
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();

    // Still healthy: a valid request works afterwards.
    const health = await fetch(`${runtime.adminUrl}/health`);
    expect(health.status).toBe(200);
    const auth = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
    const dlqs = await fetch(`${runtime.adminUrl}/v1/dlqs`, auth);
    expect(dlqs.status).toBe(200);
    expect((await dlqs.json()).items).toContainEqual(
      expect.objectContaining({ name: known.dlq }),
    );
    const job = await fetch(
      `${runtime.adminUrl}/v1/replays/${known.replayId}/items?limit=1`,
      auth,
    );
    expect(job.status).toBe(200);
    expect((await job.json()).items).toHaveLength(1);
  });
});
