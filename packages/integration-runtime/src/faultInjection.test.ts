/*
 * Fault injection: RabbitMQ's app stopped during traffic and during a replay (on a node
 * of the suite's own, so the machine's shared RabbitMQ is never touched), and SIGKILL of
 * the runtime at a random moment and right after an ERP booking, on both brokers. Every
 * acknowledged order must have each side effect exactly once at the simulated external
 * systems (their own store, not the runtime's ledger), no order may be left without its
 * events, and the runtime serves again within 10 s of the broker's return, unrestarted.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Names } from './flows/topology';
import { AdminClient, waitFor } from './testing/AdminClient';
import { PrivateRabbit, startPrivateRabbit } from './testing/privateRabbit';
import {
  freePort,
  RuntimeProcess,
  startRuntimeProcess,
} from './testing/runtimeProcess';
import { ADMIN_TOKEN, BrokerKind, READ_TOKEN } from './testing/testRuntime';

jest.setTimeout(120_000);

/** The external side effects of one checkout: system + step, each exactly once. */
const EXTERNAL_STEPS = [
  'payment-provider|capture',
  'legacy-erp|invoices',
  'email-service|email',
];
const ORDERS_PER_SECOND = 25;
const SERVE_AGAIN_LIMIT_MS = 10_000;

interface Tally {
  scenario: string;
  broker: BrokerKind;
  acknowledged: number;
  expected: number;
  found: number;
  doubled: number;
  lost: number;
  ghosts: number;
  servedAgainMs?: number;
  answers: Record<number, number>;
}
const tallies: Tally[] = [];

afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(
    `fault injection (orders acknowledged, external side effects expected/found, doubled, lost, ghost orders, time to serve again):\n${tallies
      .map(t => {
        const back =
          t.servedAgainMs === undefined
            ? ''
            : `, served again ${(t.servedAgainMs / 1000).toFixed(
                1,
              )} s after the broker returned`;
        return `  ${t.broker} / ${t.scenario}: acknowledged ${
          t.acknowledged
        }, side effects ${t.expected}/${t.found}, doubled ${t.doubled}, lost ${
          t.lost
        }, ghosts ${t.ghosts}${back}; answers ${JSON.stringify(t.answers)}`;
      })
      .join('\n')}`,
  );
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

class Harness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-faults-'));
  readonly namespace = `t${randomBytes(4).toString('hex')}`;
  readonly names = new Names(this.namespace);
  process?: RuntimeProcess;
  api!: AdminClient;
  servicesUrl = '';
  /** 503 answers without Retry-After or without the broker message. */
  unclear503 = 0;
  private adminPort = 0;
  private servicesPort = 0;

  constructor(readonly kind: BrokerKind, private readonly rabbitUrl?: string) {}

  async start(extraEnv: Record<string, string> = {}) {
    this.adminPort ||= await freePort();
    this.servicesPort ||= await freePort();
    this.process = await startRuntimeProcess({
      RUNTIME_BROKER: this.kind,
      ...(this.rabbitUrl && { RABBITMQ_URL: this.rabbitUrl }),
      RUNTIME_DATA_DIR: this.dir,
      RUNTIME_NAMESPACE: this.namespace,
      RUNTIME_ADMIN_PORT: String(this.adminPort),
      RUNTIME_SERVICES_PORT: String(this.servicesPort),
      RUNTIME_ADMIN_TOKEN: ADMIN_TOKEN,
      RUNTIME_READ_TOKEN: READ_TOKEN,
      RUNTIME_MAX_ATTEMPTS: '5',
      RUNTIME_RETRY_BASE_MS: '50',
      RUNTIME_RETRY_MAX_MS: '400',
      RUNTIME_EMBEDDED_VISIBILITY_TIMEOUT_MS: '2000',
      RUNTIME_TEST_CRASH_AFTER_CALL: '',
      ...extraEnv,
    });
    this.api = new AdminClient(
      `http://127.0.0.1:${this.adminPort}`,
      ADMIN_TOKEN,
    );
    this.servicesUrl = `http://127.0.0.1:${this.servicesPort}`;
  }

  /** SIGKILL; resolves when the process is gone (it may have killed itself). */
  async kill() {
    const p = this.process;
    if (!p) return;
    if (p.child.exitCode === null && p.child.signalCode === null) {
      await p.kill();
    }
  }

  async exited(timeoutMs: number) {
    const child = this.process!.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise(r => child.once('exit', r)),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('the runtime did not die')),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async checkout(): Promise<{ status: number; orderId?: string }> {
    try {
      const res = await fetch(`${this.servicesUrl}/storefront/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: 'C-FAULT',
          customerTier: 'gold',
          lines: [{ sku: 'SKU-MUG', quantity: 1, unitPrice: '9.95' }],
        }),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await res.json().catch(() => ({}))) as {
        orderId?: string;
        error?: { message?: string };
      };
      // A 503 must say why and when to come back, never an internal error text.
      if (
        res.status === 503 &&
        !(
          /^\d+$/.test(res.headers.get('retry-after') ?? '') &&
          /broker is unavailable/.test(body.error?.message ?? '')
        )
      ) {
        this.unclear503++;
      }
      return { status: res.status, orderId: body.orderId };
    } catch {
      return { status: 0 }; // connection refused or reset: the process is gone
    }
  }

  /** Checkouts at 25/s for `ms`, each fired without waiting for the previous one. */
  async traffic(
    ms: number,
    into: Set<string>,
    answers: Record<number, number>,
  ) {
    const calls: Promise<void>[] = [];
    const end = Date.now() + ms;
    while (Date.now() < end) {
      calls.push(
        this.checkout().then(r => {
          answers[r.status] = (answers[r.status] ?? 0) + 1;
          if (r.status === 201 && r.orderId) into.add(r.orderId);
        }),
      );
      await sleep(1000 / ORDERS_PER_SECOND);
    }
    await Promise.all(calls);
  }

  private read<T>(file: string, fn: (db: Database.Database) => T): T {
    const db = new Database(path.join(this.dir, file), { readonly: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  /** Performed external effects per order: `system|step` -> count. */
  externalEffects(orderIds: Iterable<string>) {
    return this.read('external.sqlite', db => {
      const stmt = db.prepare(
        'SELECT system, step, count(*) AS n FROM external_requests WHERE business_id = ? GROUP BY system, step',
      );
      const result = new Map<string, Map<string, number>>();
      for (const id of orderIds) {
        const rows = stmt.all(id) as Array<{
          system: string;
          step: string;
          n: number;
        }>;
        result.set(id, new Map(rows.map(r => [`${r.system}|${r.step}`, r.n])));
      }
      return result;
    });
  }

  orderIds(): string[] {
    return this.read('runtime.sqlite', db =>
      (db.prepare('SELECT order_id FROM orders').all() as any[]).map(
        r => r.order_id,
      ),
    );
  }

  /** Waits until every order in the runtime's store has all its external effects. */
  async settle(what: string) {
    await waitFor(
      async () => {
        const effects = this.externalEffects(this.orderIds());
        return [...effects.values()].every(m =>
          EXTERNAL_STEPS.every(s => (m.get(s) ?? 0) >= 1),
        );
      },
      done => done,
      { what, timeoutMs: 45_000, intervalMs: 250 },
    );
    await sleep(500); // a late duplicate would show now
  }

  tally(
    scenario: string,
    acknowledged: Set<string>,
    answers: Record<number, number>,
    servedAgainMs?: number,
  ): Tally {
    const all = this.orderIds();
    const effects = this.externalEffects(new Set([...all, ...acknowledged]));
    let found = 0;
    let doubled = 0;
    let lost = 0;
    for (const id of acknowledged) {
      const m = effects.get(id)!;
      for (const step of EXTERNAL_STEPS) {
        const n = m.get(step) ?? 0;
        found += n;
        if (n > 1) doubled += n - 1;
        if (n === 0) lost++;
      }
    }
    // An order the runtime stored (acknowledged or not: it may have died before answering)
    // that never got its effects is a ghost.
    const ghosts = all.filter(id =>
      EXTERNAL_STEPS.some(s => !effects.get(id)?.get(s)),
    ).length;
    const tally: Tally = {
      scenario,
      broker: this.kind,
      acknowledged: acknowledged.size,
      expected: acknowledged.size * EXTERNAL_STEPS.length,
      found,
      doubled,
      lost,
      ghosts,
      servedAgainMs,
      answers,
    };
    tallies.push(tally);
    return tally;
  }

  async ledgerDuplicates() {
    const { body } = await this.api.get('/v1/side-effects?limit=1');
    return body as { duplicates: number; external: { doubled: number } };
  }

  cleanup() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function expectExactlyOnce(t: Tally) {
  expect(t.acknowledged).toBeGreaterThan(0);
  expect({
    found: t.found,
    doubled: t.doubled,
    lost: t.lost,
    ghosts: t.ghosts,
  }).toEqual({
    found: t.expected,
    doubled: 0,
    lost: 0,
    ghosts: 0,
  });
}

describe.each<BrokerKind>(['embedded', 'rabbitmq'])('faults on %s', kind => {
  let rabbit: PrivateRabbit | undefined;
  let h: Harness;

  beforeAll(async () => {
    if (kind === 'rabbitmq') rabbit = await startPrivateRabbit();
    h = new Harness(kind, rabbit?.url);
  });

  afterAll(async () => {
    await h?.kill();
    // The node is the suite's own: it is halted, whatever state a test left it in.
    await rabbit?.shutdown();
    h?.cleanup();
  });

  it('SIGKILL right after an ERP booking: the redelivery gets the first booking back', async () => {
    const acknowledged = new Set<string>();
    const answers: Record<number, number> = {};
    await h.start({ RUNTIME_TEST_CRASH_AFTER_CALL: 'book-invoice:5' });
    await h.traffic(1000, acknowledged, answers);
    await h.exited(15_000);
    await h.start();
    await h.settle('every order booked after the crash');
    const t = h.tally('SIGKILL after an ERP booking', acknowledged, answers);
    expectExactlyOnce(t);
    // The killed booking was asked for again and answered from the ERP's memory.
    const { body } = await h.api.get('/v1/side-effects?limit=1');
    expect(body.external.repeatedKeys).toBeGreaterThanOrEqual(1);
    expect(body.external.doubled).toBe(0);
    expect(body.duplicates).toBe(0);
  });

  it('SIGKILL at a random moment during traffic', async () => {
    const acknowledged = new Set<string>();
    const answers: Record<number, number> = {};
    const traffic = h.traffic(2500, acknowledged, answers);
    await sleep(400 + Math.random() * 1600);
    await h.kill();
    await traffic;
    await h.start();
    await h.traffic(800, acknowledged, answers);
    await h.settle('every order complete after the kill');
    const t = h.tally('SIGKILL at random', acknowledged, answers);
    expectExactlyOnce(t);
    expect((await h.ledgerDuplicates()).duplicates).toBe(0);
  });

  if (kind === 'rabbitmq') {
    it('RabbitMQ stopped during traffic: 503 + Retry-After, then serves again by itself', async () => {
      const acknowledged = new Set<string>();
      const answers: Record<number, number> = {};
      const traffic = h.traffic(6000, acknowledged, answers);
      await sleep(1500);
      await rabbit!.stopApp();
      await waitFor(
        () => h.api.get('/health/ready').then(r => r.status),
        s => s === 503,
        { what: 'readiness to say the broker is down', timeoutMs: 10_000 },
      );
      expect((await h.api.get('/health')).body).toMatchObject({
        status: 'ok',
        brokerState: 'down',
      });
      expect((await h.api.get('/health/live')).status).toBe(200);
      // Broker-bound admin routes say the same, in the contract's error shape.
      const dlqDown = await h.api.get(
        `/v1/dlqs/${h.names.queue('erpOrderCreated').name}`,
      );
      expect(dlqDown.status).toBe(503);
      await sleep(2000);
      await rabbit!.startApp();
      const back = Date.now();
      await waitFor(
        () => h.checkout(),
        r => r.status === 201,
        {
          what: 'a checkout to succeed again',
          timeoutMs: 15_000,
          intervalMs: 100,
        },
      ).then(r => acknowledged.add(r.orderId!));
      const servedAgainMs = Date.now() - back;
      await traffic;
      await h.settle('every order complete after the outage');
      const t = h.tally(
        'RabbitMQ stop_app during traffic',
        acknowledged,
        answers,
        servedAgainMs,
      );
      expectExactlyOnce(t);
      expect(servedAgainMs).toBeLessThan(SERVE_AGAIN_LIMIT_MS);
      expect(answers[500] ?? 0).toBe(0);
      expect(answers[503] ?? 0).toBeGreaterThan(0);
      expect(h.unclear503).toBe(0);
      // Consumers and the dead-letter drain came back: the admin API answers again.
      const dlq = h.names.queue('erpOrderCreated').name;
      expect((await h.api.get(`/v1/dlqs/${dlq}`)).status).toBe(200);
    });

    it('RabbitMQ stopped during a replay: the job pauses and completes, each booking once', async () => {
      const acknowledged = new Set<string>();
      const answers: Record<number, number> = {};
      const dlq = h.names.queue('erpOrderCreated').name;
      await h.api.put('/v1/faults/erp-connector', { errorRate: 1 });
      await h.traffic(2000, acknowledged, answers);
      await waitFor(
        () => h.api.get(`/v1/dlqs/${dlq}`),
        r => r.body.failed === acknowledged.size,
        { what: 'every order in the ERP DLQ', timeoutMs: 30_000 },
      );
      await h.api.put('/v1/faults/erp-connector', {});
      const { body: job } = await h.api.post('/v1/replays', {
        dlq,
        filter: {},
        // Slow enough that the broker stops mid-way whatever the machine's load: with the
        // first message replayed, the rest take seconds more than stop_app.
        ratePerSecond: 3,
        reason: 'ERP connector fixed',
        requester: 'user:default/kofi.mensah',
      });
      expect(acknowledged.size).toBeGreaterThanOrEqual(10);
      await waitFor(
        () => h.api.get(`/v1/replays/${job.id}`),
        r => r.body.counts.replayed >= 1,
        { what: 'the replay under way', timeoutMs: 15_000, intervalMs: 100 },
      );
      await rabbit!.stopApp();
      await sleep(2000);
      const paused = (await h.api.get(`/v1/replays/${job.id}`)).body;
      expect(paused.status).toBe('running');
      await rabbit!.startApp();
      const back = Date.now();
      await waitFor(
        () => h.api.get('/health/ready'),
        r => r.status === 200,
        {
          what: 'readiness after the outage',
          timeoutMs: 15_000,
          intervalMs: 100,
        },
      );
      const servedAgainMs = Date.now() - back;
      expect(servedAgainMs).toBeLessThan(SERVE_AGAIN_LIMIT_MS);
      const done = await waitFor(
        () => h.api.get(`/v1/replays/${job.id}`),
        r => r.body.status !== 'running' && r.body.status !== 'pending',
        { what: 'the replay to finish', timeoutMs: 60_000 },
      );
      expect(done.body.status).toBe('completed');
      expect(done.body.counts.pending).toBe(0);
      expect(
        done.body.counts.replayed + done.body.counts['skipped-duplicate'],
      ).toBe(acknowledged.size);
      await h.settle('every replayed order booked');
      const t = h.tally(
        'RabbitMQ stop_app during a replay',
        acknowledged,
        answers,
        servedAgainMs,
      );
      expectExactlyOnce(t);
    });
  }
});
