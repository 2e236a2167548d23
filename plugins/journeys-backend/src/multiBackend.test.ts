/*
 * Two real journeys backends (child processes) on one PostgreSQL database set, fed the same
 * checkout traffic split between them, must store and assemble it as one backend would:
 * every span once, every instance once with the right status, the same per-minute rollups
 * as a single backend given the same traces. PostgreSQL comes from POSTGRES_* (defaults for
 * the machine's trust-auth server); each run creates its own databases and drops them.
 */
import { SearchResult } from '@internal/plugin-journeys-common';
import knexFactory, { Knex } from 'knex';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportRequest, hex, TestSpan } from './__testUtils__/otlp';

jest.setTimeout(90_000);

const pg = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? '',
};
const runId = `${process.pid.toString(36)}_${randomBytes(3).toString('hex')}`;
/** One database set for the two backends, another for the single-backend reference run. */
const PREFIX = {
  shared: `journeys_multi_${runId}_shared_`,
  single: `journeys_multi_${runId}_single_`,
};
const TOKEN = `multi-backend-${randomBytes(16).toString('hex')}`;
const SCRIPT = path.resolve(
  __dirname,
  '__testUtils__/journeysBackendProcess.ts',
);
const PLUGIN_DIR = path.resolve(__dirname, '..');

// ---------------------------------------------------------------------------------------
// The traffic: ORDERS orders, generated once and sent to both database sets unchanged.
// Checkout (4 of 5 orders): an entry trace storefront → order-service ending in a producer
// span, and a fulfilment trace linked to that producer span whose consumer span completes
// the journey. Refund (1 of 5): one trace, no completion step. Some orders fail: the entry
// span errors (no fulfilment follows), or the fulfilment consumer errors.
// ---------------------------------------------------------------------------------------

const ORDERS = 400;
const WAVES = 6;
const entities = [
  {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: {
      owner: 'orders',
      components: ['storefront', 'order-service', 'fulfilment-service'],
      entry: { service: 'storefront', route: '/shop/checkout' },
      completion: {
        service: 'fulfilment-service',
        span: 'process fulfilment.order-placed',
      },
      businessKeys: ['app.order.id'],
      stuckAfter: '10m',
    },
  },
  {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: { name: 'refund', namespace: 'default' },
    spec: {
      owner: 'payments',
      components: ['storefront'],
      entry: { service: 'storefront', route: '/shop/refund' },
      businessKeys: ['app.order.id'],
    },
  },
];

type Target = 'A' | 'B';
/** Spans of one service of one trace, sent to one backend. */
interface Part {
  target: Target;
  service: string;
  spans: TestSpan[];
}
interface Order {
  orderId: string;
  journey: string;
  /** The entry trace: the instance's id. */
  entry: string;
  traces: string[];
  status: 'ok' | 'failed';
  mode: 'A' | 'B' | 'split';
}

function generate() {
  // Whole minutes back so instances fall into several minute buckets, all well inside
  // stuckAfter (10 minutes) while the test runs.
  const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
  const orders: Order[] = [];
  const parts: Part[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const orderId = `ORD-MB-${runId}-${String(i).padStart(4, '0')}`;
    const keys = { 'app.order.id': orderId };
    const start = t0 + i * 700;
    const mode = (['A', 'B', 'split'] as const)[Math.floor(i / 5) % 3];
    // Split orders: the storefront's spans to one backend, the order-service's (with the
    // producer span) to the other, the linked fulfilment trace to the first again.
    const other = (t: Target): Target => (t === 'A' ? 'B' : 'A');
    let x: Target = mode === 'split' ? 'A' : mode;
    if (mode === 'split' && i % 2) x = 'B';
    const y: Target = mode === 'split' ? other(x) : x;
    const entry = hex(16);
    const root = hex(8);
    const rootMs = 30 + ((i * 37) % 400);

    if (i % 5 === 4) {
      const failed = i % 20 === 9;
      parts.push(
        {
          target: x,
          service: 'storefront',
          spans: [
            {
              traceId: entry,
              spanId: root,
              name: 'POST /shop/refund',
              kind: 2,
              startMs: start,
              durationMs: rootMs,
              attributes: { 'http.route': '/shop/refund', ...keys },
              error: failed ? 'refund refused' : undefined,
            },
          ],
        },
        {
          target: y,
          service: 'storefront',
          spans: [
            {
              traceId: entry,
              parentSpanId: root,
              name: 'load order',
              startMs: start + 2,
              durationMs: 5,
            },
            {
              traceId: entry,
              parentSpanId: root,
              name: 'POST /refunds',
              kind: 3,
              startMs: start + 10,
              durationMs: rootMs - 15,
              attributes: keys,
            },
          ],
        },
      );
      orders.push({
        orderId,
        journey: 'journey:default/refund',
        entry,
        traces: [entry],
        status: failed ? 'failed' : 'ok',
        mode,
      });
      continue;
    }

    const entryFails = i % 10 === 3;
    const fulfilmentFails = i % 10 === 7;
    const [validate, client, server, producer] = [
      hex(8),
      hex(8),
      hex(8),
      hex(8),
    ];
    parts.push(
      {
        target: x,
        service: 'storefront',
        spans: [
          {
            traceId: entry,
            spanId: root,
            name: 'POST /shop/checkout',
            kind: 2,
            startMs: start,
            durationMs: rootMs,
            attributes: { 'http.route': '/shop/checkout', ...keys },
            error: entryFails ? 'cart rejected' : undefined,
          },
          {
            traceId: entry,
            spanId: validate,
            parentSpanId: root,
            name: 'validate cart',
            startMs: start + 1,
            durationMs: 3,
          },
          {
            traceId: entry,
            spanId: client,
            parentSpanId: root,
            name: 'POST /orders',
            kind: 3,
            startMs: start + 5,
            durationMs: rootMs - 10,
          },
        ],
      },
      {
        target: y,
        service: 'order-service',
        spans: [
          {
            traceId: entry,
            spanId: server,
            parentSpanId: client,
            name: 'POST /orders',
            kind: 2,
            startMs: start + 6,
            durationMs: rootMs - 12,
            attributes: { 'http.route': '/orders', ...keys },
          },
          {
            traceId: entry,
            spanId: producer,
            parentSpanId: server,
            name: 'publish orders',
            kind: 4,
            startMs: start + rootMs - 9,
            durationMs: 2,
            attributes: { ...keys, 'messaging.message.id': `msg-${orderId}` },
          },
        ],
      },
    );
    const traces = [entry];
    if (!entryFails) {
      const downstream = hex(16);
      const consumer = hex(8);
      const consumerStart = start + rootMs + 20 + ((i * 53) % 1500);
      traces.push(downstream);
      parts.push({
        target: x,
        service: 'fulfilment-service',
        spans: [
          {
            traceId: downstream,
            spanId: consumer,
            name: 'process fulfilment.order-placed',
            kind: 5,
            startMs: consumerStart,
            durationMs: 20 + ((i * 11) % 300),
            links: [{ traceId: entry, spanId: producer }],
            attributes: { ...keys, 'messaging.message.id': `msg-${orderId}` },
            error: fulfilmentFails ? 'out of stock' : undefined,
          },
          {
            traceId: downstream,
            parentSpanId: consumer,
            name: 'reserve stock',
            startMs: consumerStart + 2,
            durationMs: 10,
            attributes: keys,
          },
        ],
      });
    }
    orders.push({
      orderId,
      journey: 'journey:default/checkout',
      entry,
      traces,
      status: entryFails || fulfilmentFails ? 'failed' : 'ok',
      mode,
    });
  }
  return { orders, parts };
}

const { orders, parts } = generate();
const spansSent = parts.reduce((n, p) => n + p.spans.length, 0);
const tracesSent = orders.reduce((n, o) => n + o.traces.length, 0);

/** Requests as exporters batch them: per backend and service, parts of many traces. */
function requests(route: (p: Part) => Target) {
  const groups = new Map<string, Part[]>();
  for (const p of parts) {
    const k = `${route(p)} ${p.service}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const out: Array<{ target: Target; body: unknown }> = [];
  for (const [k, ps] of groups) {
    const [target, service] = k.split(' ') as [Target, string];
    for (let i = 0; i < ps.length; i += 25) {
      out.push({
        target,
        body: exportRequest(
          service,
          ps.slice(i, i + 25).flatMap(p => p.spans),
        ),
      });
    }
  }
  // Shuffled: fulfilment traces often arrive before the traces they link to.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Processes and databases
// ---------------------------------------------------------------------------------------

interface Backend {
  name: string;
  base: string;
  child: ChildProcess;
  output: () => string;
  /** Traces the process assembled, from its debug log. */
  assembled: () => { runs: number; traces: number };
}

const auth = { authorization: `Bearer ${TOKEN}` };
const backends: Backend[] = [];
const knexes: Knex[] = [];
let tmpDir: string | undefined;

function connect(database: string): Knex {
  const db = knexFactory({
    client: 'pg',
    connection: { ...pg, database },
    pool: { min: 0, max: 2 },
    acquireConnectionTimeout: 5_000,
  });
  knexes.push(db);
  return db;
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.on('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map(s => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map(s => new Promise(r => s.close(r))));
  return ports;
}

function startBackend(name: string, prefix: string, port: number): Backend {
  const config = {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database: { client: 'pg', connection: pg, prefix },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: TOKEN, subject: 'multi-backend-test' },
            accessRestrictions: [{ plugin: 'journeys' }],
          },
        ],
      },
    },
    journeys: { assembly: { intervalSeconds: 1, settleMs: 200 } },
  };
  const file = path.join(tmpDir!, `${name}.yaml`);
  // JSON is YAML: the backend's own config loader reads it.
  fs.writeFileSync(file, JSON.stringify(config));
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      SCRIPT,
      '--config',
      file,
    ],
    {
      cwd: PLUGIN_DIR,
      env: {
        ...process.env,
        LOG_LEVEL: 'debug',
        JOURNEYS_TEST_ENTITIES: JSON.stringify(entities),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const assembled = { runs: 0, traces: 0 };
  const keep = (b: Buffer) => {
    const text = b.toString();
    for (const m of text.matchAll(/assembled (\d+) traces into/g)) {
      assembled.runs++;
      assembled.traces += Number(m[1]);
    }
    output = (output + text).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const backend: Backend = {
    name,
    base: `http://127.0.0.1:${port}/api/journeys`,
    child,
    output: () => output,
    assembled: () => ({ ...assembled }),
  };
  backends.push(backend);
  return backend;
}

async function until<T>(
  what: string,
  deadlineMs: number,
  fn: () => Promise<T | undefined>,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

async function ready(b: Backend) {
  await until(`${b.name} to answer`, 45_000, async () => {
    if (b.child.exitCode !== null || b.child.signalCode !== null)
      throw new Error(
        `backend ${b.name} exited (${
          b.child.exitCode ?? b.child.signalCode
        }):\n${b.output()}`,
      );
    try {
      const res = await fetch(`${b.base}/journeys?window=1h`, {
        headers: auth,
      });
      return res.status === 200 ? true : undefined;
    } catch {
      return undefined; // not listening yet
    }
  });
}

let retried = 0;

/** Posts like an OTLP exporter: retries 429 and 503 (retryable per the OTLP spec). */
async function post(b: Backend, body: unknown) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${b.base}/v1/traces`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 200) {
      const answer = text ? JSON.parse(text) : {};
      if (answer.partialSuccess?.rejectedSpans)
        throw new Error(`${b.name} rejected spans: ${text}`);
      return;
    }
    if ((res.status === 429 || res.status === 503) && attempt < 5) {
      retried++;
      await new Promise(r => setTimeout(r, 200 * attempt));
      continue;
    }
    throw new Error(`${b.name} answered ${res.status}: ${text}`);
  }
}

/** When the assembler last finished a run against this database set (any process). */
async function lastAssemblyEnd(db: Knex): Promise<number> {
  const row = await db('backstage_backend_tasks__tasks')
    .where('id', 'journeys-assemble')
    .first('last_run_ended_at');
  return row?.last_run_ended_at ? new Date(row.last_run_ended_at).getTime() : 0;
}

/**
 * Sends the traffic in WAVES waves, each one once an assembly run has finished after the
 * previous wave was stored, so assembly runs while traces are still arriving: traces are
 * assembled with some of their spans, fulfilment traces before the traces they link to.
 */
async function send(
  route: (p: Part) => Target,
  to: Record<Target, Backend>,
  db: Knex,
) {
  const all = requests(route);
  const size = Math.ceil(all.length / WAVES);
  for (let w = 0; w < all.length; w += size) {
    const queue = all.slice(w, w + size);
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let r = queue.shift(); r; r = queue.shift())
          await post(to[r.target], r.body);
      }),
    );
    const stored = Date.now();
    if (w + size < all.length)
      await until(
        `an assembly run after wave ${w / size + 1}`,
        15_000,
        async () => ((await lastAssemblyEnd(db)) > stored ? true : undefined),
        100,
      );
  }
}

const expectedStatus = Object.fromEntries(orders.map(o => [o.entry, o.status]));

/** Waits until the spans are in, no trace is dirty and every instance has its status. */
async function settled(db: Knex): Promise<boolean> {
  try {
    await until(
      'assembly to settle',
      40_000,
      async () => {
        const [{ n: spans }] = await db('journeys_spans').count({ n: '*' });
        const [{ n: dirty }] = await db('journeys_traces')
          .where('dirty', true)
          .count({ n: '*' });
        if (Number(spans) !== spansSent || Number(dirty) !== 0)
          return undefined;
        const rows: Array<{ id: string; status: string }> = await db(
          'journeys_instances',
        ).select('id', 'status');
        if (rows.length !== orders.length) return undefined;
        return rows.every(r => expectedStatus[r.id] === r.status)
          ? true
          : undefined;
      },
      300,
    );
    return true;
  } catch {
    return false; // the assertions below say what is off
  }
}

async function killAll() {
  await Promise.all(
    backends.map(async b => {
      if (b.child.exitCode !== null || b.child.signalCode !== null) return;
      const exited = new Promise(r => b.child.once('exit', r));
      b.child.kill('SIGTERM');
      const timer = setTimeout(() => b.child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
// If jest itself goes down, the backends go with it.
const killOnExit = () => backends.forEach(b => b.child.kill('SIGKILL'));

// ---------------------------------------------------------------------------------------

describe('several journeys backends on one PostgreSQL', () => {
  let shared: Knex;
  let single: Knex;
  let a: Backend;
  let b: Backend;
  let settledShared = false;
  let settledSingle = false;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const begin = Date.now();
    const admin = connect('postgres');
    try {
      await admin.raw('select 1');
    } catch (e) {
      throw new Error(
        `PostgreSQL does not answer at ${pg.host}:${pg.port} as ${pg.user} (${
          (e as Error).message
        }). Start it with \`bash .toolchain/services.sh\` or set POSTGRES_HOST/PORT/USER/PASSWORD.`,
      );
    }
    process.once('exit', killOnExit);
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'journeys-multi-'));
    const [pa, pb, pc] = await freePorts(3);
    a = startBackend('A', PREFIX.shared, pa);
    const c = startBackend('single', PREFIX.single, pc);
    // B starts once A has migrated the fresh databases: two processes migrating the same
    // empty database at once race in knex's migration lock table (CREATE TABLE of
    // *_knex_migrations_lock fails with 23505 on pg_type in the loser, whose plugin startup
    // then fails), a limitation of knex migrations on PostgreSQL, not of this plugin.
    await ready(a);
    b = startBackend('B', PREFIX.shared, pb);
    await Promise.all([ready(b), ready(c)]);
    timings.startMs = Date.now() - begin;
    shared = connect(`${PREFIX.shared}journeys`);
    single = connect(`${PREFIX.single}journeys`);

    const sent = Date.now();
    await Promise.all([
      send(p => p.target, { A: a, B: b }, shared),
      send(() => 'A', { A: c, B: c }, single),
    ]);
    timings.sendMs = Date.now() - sent;
    [settledShared, settledSingle] = await Promise.all([
      settled(shared),
      settled(single),
    ]);
    timings.settleMs = Date.now() - sent - timings.sendMs;
  }, 85_000);

  afterAll(async () => {
    const summary = backends.map(x => ({
      backend: x.name,
      ...x.assembled(),
    }));
    await killAll();
    process.removeListener('exit', killOnExit);
    // eslint-disable-next-line no-console
    console.log(
      `multi-backend: ${orders.length} orders, ${tracesSent} traces, ${spansSent} spans; ` +
        `settled shared=${settledShared} single=${settledSingle}; retried posts ${retried}; ` +
        `timings ${JSON.stringify(
          timings,
        )}; assembly per process ${JSON.stringify(summary)}`,
    );
    try {
      const admin = knexes[0];
      if (admin) {
        const { rows } = await admin.raw(
          'select datname from pg_database where datname like ?',
          [`journeys_multi_${runId}_%`],
        );
        for (const { datname } of rows as Array<{ datname: string }>)
          await admin.raw(`drop database if exists ?? with (force)`, [datname]);
      }
    } finally {
      await Promise.all(knexes.map(k => k.destroy()));
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  }, 30_000);

  it.each([
    ['two backends', () => shared],
    ['one backend (the reference run)', () => single],
  ])(
    '%s: every span stored once, every instance assembled once with its status',
    async (_label, dbOf) => {
      const db = dbOf();
      const [spans] = await db('journeys_spans').select(
        db.raw('count(*)::int as rows'),
        db.raw('count(distinct (trace_id, span_id))::int as ids'),
      );
      expect(spans).toEqual({ rows: spansSent, ids: spansSent });

      const [{ n: traces }] = await db('journeys_traces').count({ n: '*' });
      expect(Number(traces)).toBe(tracesSent);

      const instances: Array<{ id: string; journey: string; status: string }> =
        await db('journeys_instances')
          .select('id', 'journey', 'status')
          .orderBy('id');
      const byId = new Map(instances.map(i => [i.id, i]));
      expect({
        rows: instances.length,
        distinct: byId.size,
        missing: orders.filter(o => !byId.has(o.entry)).length,
        extra: instances.filter(i => !(i.id in expectedStatus)).length,
      }).toEqual({
        rows: orders.length,
        distinct: orders.length,
        missing: 0,
        extra: 0,
      });
      const wrong = orders
        .map(o => ({
          order: o.orderId,
          mode: o.mode,
          expected: `${o.journey} ${o.status}`,
          got: byId.get(o.entry)
            ? `${byId.get(o.entry)!.journey} ${byId.get(o.entry)!.status}`
            : 'missing',
        }))
        .filter(w => w.expected !== w.got);
      expect(wrong).toEqual([]);

      const duplicates = await db('journeys_instance_traces')
        .select('instance_id', 'trace_id')
        .count({ n: '*' })
        .groupBy('instance_id', 'trace_id')
        .havingRaw('count(*) > 1');
      expect(duplicates).toEqual([]);
      const memberships: Array<{ instance_id: string; trace_id: string }> =
        await db('journeys_instance_traces').select('instance_id', 'trace_id');
      expect(
        memberships.map(m => `${m.instance_id} ${m.trace_id}`).sort(),
      ).toEqual(
        orders.flatMap(o => o.traces.map(t => `${o.entry} ${t}`)).sort(),
      );
    },
  );

  it('finds each order by id through either backend, as exactly one instance', async () => {
    const sample = orders.filter((_, i) => i % 7 === 0);
    const found = await Promise.all(
      sample.map(async (o, i) => {
        const via = i % 2 ? b : a;
        const res = await fetch(
          `${via.base}/search?q=${encodeURIComponent(o.orderId)}`,
          { headers: auth },
        );
        const body = (await res.json()) as SearchResult;
        return {
          order: o.orderId,
          status: res.status,
          ids: body.matches?.map(m => m.instance.id),
        };
      }),
    );
    expect(found).toEqual(
      sample.map(o => ({ order: o.orderId, status: 200, ids: [o.entry] })),
    );
  });

  it('writes the same per-minute rollups as a single backend given the same traffic', async () => {
    const rollups = async (db: Knex) =>
      (
        await db('journeys_rollups')
          .select('journey', 'bucket_start_us', 'outcome', 'le_ms', 'count')
          .orderBy(['journey', 'bucket_start_us', 'outcome', 'le_ms'])
      ).map(r => ({
        ...r,
        bucket_start_us: String(r.bucket_start_us),
        count: Number(r.count),
      }));
    const reference = await rollups(single);
    const got = await rollups(shared);
    expect(reference.length).toBeGreaterThan(0);
    // First what the counts say (cells with a count), then row for row, empty cells too.
    const counted = (rows: typeof got) => rows.filter(r => r.count !== 0);
    expect(counted(got)).toEqual(counted(reference));
    expect(got).toEqual(reference);
  });
});
