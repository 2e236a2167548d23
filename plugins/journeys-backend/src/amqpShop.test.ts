import { mockCredentials } from '@backstage/backend-test-utils';
import {
  InstanceDetail,
  InstanceStatus,
  InstanceSummary,
  SearchResult,
  SpanDetail,
  WaterfallSpan,
} from '@internal/plugin-journeys-common';
import amqplib from 'amqplib';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startJourneysBackend } from './__testUtils__/testBackend';

/*
 * A shop this project did not write — three Node services, each with its own official
 * OpenTelemetry NodeSDK (http, express and amqplib instrumentations) exporting OTLP/HTTP
 * protobuf — talking over the machine's RabbitMQ: shop-web takes POST /purchase and
 * publishes the order, shop-worker consumes it and books it in shop-ledger over HTTP. The
 * traces it exports are all the journeys backend gets; the verdict is read back over the
 * plugin's HTTP API. Both ways the amqplib instrumentation joins a consumer to its
 * producer are covered: as a child of the publish span (one trace) and as a new trace with
 * a span link to it (useLinksForConsume).
 */

const rabbitUrl =
  process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const fixtureDir = path.resolve(__dirname, '../fixtures/otel-amqp-shop');

jest.setTimeout(60_000);

/** Fails with a clear message when the machine's RabbitMQ does not answer. */
async function assertRabbitAnswers() {
  try {
    const connection = await amqplib.connect(rabbitUrl);
    await connection.close();
  } catch (e) {
    throw new Error(
      `RabbitMQ does not answer at ${rabbitUrl.replace(/\/\/[^@]*@/, '//')} (${
        (e as Error).message
      }). Start it with \`bash .toolchain/services.sh\` (or \`rabbitmq-server -detached\`), or set RABBITMQ_URL.`,
    );
  }
}

interface Service {
  name: string;
  child: ChildProcess;
  output: () => string;
}

/** Starts one service of the fixture; resolves with the first match of `ready` in its stdout. */
function startService(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ service: Service; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(fixtureDir, script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const service = { name: script, child, output: () => out };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within 15 s: ${out}`));
    }, 15_000);
    child.stdout!.on('data', d => {
      out += d;
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ service, match });
      }
    });
    child.stderr!.on('data', d => (out += d));
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${out}`));
    });
  });
}

/** SIGTERM (the SDK flushes, then the process exits), SIGKILL if it takes over 5 s. */
async function stopService(service: Service) {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

type Detail = InstanceDetail;

interface Purchase {
  orderId: string;
  status: number;
  traceId: string;
  messageId?: string;
}

const SPAN_KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;

const spansOf = (
  d: Detail,
  service: string,
  kind: (typeof SPAN_KIND)[keyof typeof SPAN_KIND],
) => d.spans.filter(s => s.service === service && s.kind === kind);

describe.each([
  { mode: 'parent', links: false },
  { mode: 'links', links: true },
])('a shop over RabbitMQ, consumer spans as $mode', ({ mode, links }) => {
  const queue = `journeys-shop-${mode}-${randomUUID().slice(0, 8)}`;
  const consumerSpan = `${queue} process`;
  const user = { authorization: mockCredentials.user.header() };
  let scheduler: Awaited<ReturnType<typeof startJourneysBackend>>['scheduler'];
  const services: Service[] = [];
  let stopBackend: (() => Promise<void>) | undefined;
  let base = '';
  let webUrl = '';

  beforeAll(async () => {
    await assertRabbitAnswers();
    // Entry: the web's server span for the route. Completion: the worker's consumer span
    // ending ok (acked). The entry answers 202 before any of the work happened, so "the
    // entry span ended ok" says nothing about the purchase; it is done once the worker
    // has booked it in the ledger and acked the message. The consumer span is named after
    // the queue, which is unique per run, so the Journey is too.
    const journey = {
      apiVersion: 'switchboard.dev/v1alpha1',
      kind: 'Journey',
      metadata: { name: 'shop-purchase', namespace: 'default' },
      spec: {
        owner: 'shop',
        components: ['shop-web', 'shop-worker', 'shop-ledger'],
        entry: { service: 'shop-web', route: '/purchase' },
        completion: { service: 'shop-worker', span: consumerSpan },
        businessKeys: ['app.order.id'],
      },
    };
    const started = await startJourneysBackend([journey]);
    const backend = started.backend;
    scheduler = started.scheduler;
    stopBackend = () => backend.stop();
    const address = backend.server.address();
    base = `http://localhost:${
      typeof address === 'object' && address ? address.port : 0
    }/api/journeys`;

    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: base,
      OTEL_EXPORTER_OTLP_HEADERS: `Authorization=${encodeURIComponent(
        mockCredentials.service.header(),
      )}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      RABBITMQ_URL: rabbitUrl,
      SHOP_QUEUE: queue,
      SHOP_AMQP_LINKS: String(links),
    };
    const ledger = await startService('ledger.js', otel, /listening (\d+)/);
    services.push(ledger.service);
    const worker = await startService(
      'worker.js',
      { ...otel, SHOP_LEDGER_URL: `http://127.0.0.1:${ledger.match[1]}` },
      /consuming /,
    );
    services.push(worker.service);
    const web = await startService('web.js', otel, /listening (\d+)/);
    services.push(web.service);
    webUrl = `http://127.0.0.1:${web.match[1]}`;
  });

  afterAll(async () => {
    await Promise.all(services.map(stopService));
    try {
      const connection = await amqplib.connect(rabbitUrl);
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue);
      await channel.deleteQueue(`${queue}.dead`);
      await connection.close();
    } catch {
      // RabbitMQ was not there to begin with: beforeAll said so.
    }
    await stopBackend?.();
  }, 30_000);

  async function purchase(body: unknown): Promise<Purchase> {
    const res = await fetch(`${webUrl}/purchase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await res.json();
    expect(answer.traceId).toMatch(/^[0-9a-f]{32}$/);
    return {
      orderId: (body as { orderId?: string }).orderId ?? '',
      status: res.status,
      traceId: answer.traceId,
      messageId: answer.messageId,
    };
  }

  const order = (scenario: string) =>
    `ord-${mode}-${scenario}-${randomUUID().slice(0, 8)}`;

  async function get<T>(p: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${base}${p}`, { headers: user });
    return { status: res.status, body: (await res.json()) as T };
  }

  const summarize = (d: Detail) =>
    `status ${d.instance.status}, spanCount ${
      d.instance.spanCount
    }, spans ${d.spans
      .map(s => `${s.service}:${s.kind}:${s.name}:${s.status}`)
      .join(', ')}`;

  /**
   * Assembles until every instance (by id: the entry trace id) is there, holds the spans
   * `ready` waits for, and its summary counts all of them (assembled after the last span
   * arrived); then the details. Fails at the deadline with what it saw.
   */
  async function assembled(
    ids: string[],
    ready: (d: Detail) => boolean,
    timeoutMs = 25_000,
  ): Promise<Detail[]> {
    const deadline = Date.now() + timeoutMs;
    const done = new Map<string, Detail>();
    const last = new Map<string, string>();
    for (;;) {
      await scheduler.triggerTask('journeys-assemble');
      for (const id of ids.filter(i => !done.has(i))) {
        const { status, body } = await get<Detail>(`/instances/${id}`);
        if (status !== 200) {
          last.set(id, `HTTP ${status}`);
          continue;
        }
        last.set(id, summarize(body));
        if (ready(body) && body.instance.spanCount === body.spans.length)
          done.set(id, body);
      }
      if (done.size === ids.length) return ids.map(id => done.get(id)!);
      if (Date.now() > deadline)
        throw new Error(
          `instances not assembled within ${timeoutMs} ms:\n${ids
            .filter(i => !done.has(i))
            .map(i => `${i}: ${last.get(i)}`)
            .join('\n')}`,
        );
      await new Promise(r => setTimeout(r, 150));
    }
  }

  /** The worker got `attempts` deliveries and the ledger answered each. */
  const worked = (attempts: number) => (d: Detail) =>
    spansOf(d, 'shop-worker', SPAN_KIND.consumer).length >= attempts &&
    spansOf(d, 'shop-ledger', SPAN_KIND.server).length >= attempts &&
    spansOf(d, 'shop-worker', SPAN_KIND.client).length >= attempts;

  const span = async (s: WaterfallSpan) =>
    (await get<SpanDetail>(`/spans/${s.traceId}/${s.spanId}`)).body;

  it('exports the spans the amqplib instrumentation promises in this mode', async () => {
    const p = await purchase({ orderId: order('shape'), scenario: 'ok' });
    expect(p.status).toBe(202);
    const [d] = await assembled([p.traceId], worked(1));

    const [server] = spansOf(d, 'shop-web', SPAN_KIND.server);
    expect(server).toMatchObject({
      traceId: p.traceId,
      parentSpanId: '',
      name: 'POST /purchase',
    });
    const [publish] = spansOf(d, 'shop-web', SPAN_KIND.producer);
    expect(publish).toMatchObject({
      traceId: p.traceId,
      name: 'publish <default>',
    });
    const [consumer] = spansOf(d, 'shop-worker', SPAN_KIND.consumer);
    expect(consumer.name).toBe(consumerSpan);
    // Links mode: a trace of its own, linked to the publish span. Otherwise: its child.
    expect(consumer).toMatchObject(
      links
        ? {
            parentSpanId: '',
            links: [{ traceId: publish.traceId, spanId: publish.spanId }],
          }
        : { traceId: p.traceId, parentSpanId: publish.spanId, links: [] },
    );
    expect(consumer.traceId === p.traceId).toBe(!links);
    const [client] = spansOf(d, 'shop-worker', SPAN_KIND.client);
    expect(client).toMatchObject({
      traceId: consumer.traceId,
      parentSpanId: consumer.spanId,
    });
    const [ledger] = spansOf(d, 'shop-ledger', SPAN_KIND.server);
    expect(ledger).toMatchObject({
      traceId: consumer.traceId,
      parentSpanId: client.spanId,
      name: 'POST /entries',
    });

    // The message id under the older semconv name, on both ends of the hop.
    for (const s of [publish, consumer]) {
      const attributes = (await span(s)).attributes;
      expect(attributes['messaging.message_id']).toBe(p.messageId);
      expect(attributes['messaging.message.id']).toBeUndefined();
    }
    expect((await span(consumer)).attributes['app.order.id']).toBe(p.orderId);
  });

  it('an ok purchase is ok, with no failing step', async () => {
    const p = await purchase({ orderId: order('ok'), scenario: 'ok' });
    expect(p.status).toBe(202);
    const [d] = await assembled([p.traceId], worked(1));
    expect(d.instance.journey).toBe('journey:default/shop-purchase');
    expect(d.instance.businessKeys).toEqual({ 'app.order.id': p.orderId });
    expect(d.instance.status).toBe('ok');
    expect(d.instance.failingStep).toBeUndefined();
  });

  it('a purchase the ledger refuses fails at the ledger, for 20 orders and after re-assembly', async () => {
    const purchases = await Promise.all(
      Array.from({ length: 20 }, () =>
        purchase({ orderId: order('fail'), scenario: 'fail' }),
      ),
    );
    expect(purchases.map(p => p.status)).toEqual(Array(20).fill(202));
    const details = await assembled(
      purchases.map(p => p.traceId),
      worked(1),
    );

    const verdicts = () =>
      Promise.all(
        details.map(async d => {
          const { body } = await get<Detail>(`/instances/${d.instance.id}`);
          const [ledger] = spansOf(d, 'shop-ledger', SPAN_KIND.server);
          return {
            status: body.instance.status,
            failingStep: body.instance.failingStep,
            ledger,
          };
        }),
      );
    const check = (
      seen: Array<{
        status: InstanceStatus;
        failingStep?: InstanceSummary['failingStep'];
        ledger: WaterfallSpan;
      }>,
    ) => {
      for (const v of seen) {
        expect(v.ledger).toMatchObject({ name: 'POST /entries', status: 2 });
        // The root cause: the ledger's server span, not the worker's nack.
        expect({ status: v.status, failingStep: v.failingStep }).toMatchObject({
          status: 'failed',
          failingStep: {
            service: 'shop-ledger',
            name: 'POST /entries',
            httpStatus: 500,
            traceId: v.ledger.traceId,
            spanId: v.ledger.spanId,
          },
        });
      }
    };
    check(await verdicts());

    await scheduler.triggerTask('journeys-assemble');
    check(await verdicts());

    // Nacked without requeue: RabbitMQ dead-lettered every one of them.
    const connection = await amqplib.connect(rabbitUrl);
    try {
      const channel = await connection.createChannel();
      const { messageCount } = await channel.checkQueue(`${queue}.dead`);
      expect(messageCount).toBeGreaterThanOrEqual(20);
    } finally {
      await connection.close();
    }
  });

  it('a purchase the ledger refuses once and the redelivery books is ok, with the recovered step', async () => {
    const p = await purchase({ orderId: order('retry'), scenario: 'retry' });
    expect(p.status).toBe(202);
    const [d] = await assembled([p.traceId], worked(2));
    const consumers = spansOf(d, 'shop-worker', SPAN_KIND.consumer);
    expect(consumers.map(s => s.status).sort()).toEqual([0, 2]);

    expect(d.instance.status).toBe('ok');
    expect(d.instance.failingStep).toBeUndefined();
    expect(d.instance.recoveredSteps).toEqual(
      expect.arrayContaining([
        {
          service: 'shop-worker',
          name: consumerSpan,
          attempts: 2,
          byReplay: false,
        },
      ]),
    );
  });

  it('a purchase the entry refuses (400) is rejected', async () => {
    const p = await purchase({ orderId: order('invalid'), scenario: 'bogus' });
    expect(p.status).toBe(400);
    const [d] = await assembled(
      [p.traceId],
      x => spansOf(x, 'shop-web', SPAN_KIND.server).length === 1,
    );
    expect(spansOf(d, 'shop-web', SPAN_KIND.producer)).toEqual([]);

    // Found by its order id, which the entry set before refusing the rest of the body.
    const { body } = await get<SearchResult>(`/search?q=${p.orderId}`);
    expect(body.matches.map(m => m.instance.id)).toEqual([p.traceId]);
    expect(body.matches[0]).toMatchObject({
      matchedBy: 'business-key',
      key: 'app.order.id',
    });
    expect(body.matches[0].instance.status).toBe('rejected');
  });

  it('finds a purchase by its RabbitMQ message id', async () => {
    const p = await purchase({ orderId: order('msgid'), scenario: 'ok' });
    expect(p.messageId).toMatch(/^[0-9a-f-]{36}$/);
    await assembled([p.traceId], worked(1));

    const byOrder = await get<SearchResult>(`/search?q=${p.orderId}`);
    expect(byOrder.body.matches.map(m => m.instance.id)).toEqual([p.traceId]);

    const { status, body } = await get<SearchResult>(
      `/search?q=${p.messageId}`,
    );
    expect(status).toBe(200);
    expect(
      body.matches.map(m => ({ id: m.instance.id, matchedBy: m.matchedBy })),
    ).toContainEqual({ id: p.traceId, matchedBy: 'message-id' });
  });
});
