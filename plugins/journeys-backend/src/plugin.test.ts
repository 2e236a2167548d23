import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  InstanceDetail,
  JourneyStatsList,
  SearchResult,
} from '@internal/plugin-journeys-common';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { exportRequest, hex } from './__testUtils__/otlp';
import { journeysPlugin } from './plugin';

const journeys = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../catalog-info/journeys.yaml'),
    'utf-8',
  ),
).map(d => d.toJSON());

jest.setTimeout(60_000);

const PORTAL = 'http://portal.test:3000';

describe('journeys-backend', () => {
  let base: string;
  let stop: () => Promise<void>;
  const service = mockCredentials.service.header();
  const user = mockCredentials.user.header();
  // The mock scheduler runs tasks only when triggered, so each assembly pass is explicit.
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
        catalogServiceMock.factory({ entities: journeys }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: PORTAL },
            journeys: {
              ingest: { maxBodyBytes: 1_000_000, maxQueuedSpans: 2_000 },
              assembly: { intervalSeconds: 1, settleMs: 200 },
            },
          },
        }),
      ],
    });
    const address = backend.server.address();
    base = `http://localhost:${
      typeof address === 'object' && address ? address.port : 0
    }/api/journeys`;
    stop = () => backend.stop();
  });
  afterAll(() => stop(), 30_000);

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/v1/traces`, {
      method: 'POST',
      headers: {
        authorization: service,
        'content-type': 'application/json',
        ...headers,
      },
      body:
        typeof body === 'string' || body instanceof Uint8Array
          ? (body as BodyInit)
          : JSON.stringify(body),
    });
  /** What the portal's Faro SDK posts: OTLP traces of its own service. */
  const postFaro = (traces: unknown, origin = PORTAL) =>
    fetch(`${base}/faro/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin },
      body: JSON.stringify({
        meta: { app: { name: 'switchboard-portal' } },
        traces,
      }),
    });
  const get = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${base}${p}`, {
      headers: { authorization: user },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  async function eventually<T>(fn: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      await scheduler.triggerTask('journeys-assemble');
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise(r => setTimeout(r, 250));
    }
  }

  /** A checkout across three traces joined by span links, as the runtime emits it. */
  async function sendCheckout(
    orderId: string,
    opts: { failPayment?: boolean } = {},
  ) {
    const t0 = Date.now() - 5_000;
    const entry = hex(16);
    const [server, producer] = [hex(8), hex(8)];
    const payment = hex(16);
    const paymentSpan = hex(8);
    const paymentProducer = hex(8);
    const notify = hex(16);
    const keys = { 'app.order.id': orderId };
    expect(
      (
        await post(
          exportRequest('storefront', [
            {
              traceId: entry,
              spanId: server,
              name: 'POST /storefront/checkout',
              kind: 2,
              startMs: t0,
              durationMs: 50,
              attributes: { 'http.route': '/storefront/checkout', ...keys },
            },
          ]),
        )
      ).status,
    ).toBe(200);
    await post(
      exportRequest('order-service', [
        {
          traceId: entry,
          spanId: producer,
          parentSpanId: server,
          name: 'publish orders',
          kind: 4,
          startMs: t0 + 20,
          durationMs: 5,
          attributes: { ...keys, 'messaging.message.id': `msg-${orderId}` },
        },
      ]),
    );
    await post(
      exportRequest('payment-service', [
        {
          traceId: payment,
          spanId: paymentSpan,
          name: 'process payment-service.order-created',
          kind: 5,
          startMs: t0 + 100,
          durationMs: 300,
          links: [{ traceId: entry, spanId: producer }],
          attributes: keys,
          error: opts.failPayment ? 'card declined' : undefined,
        },
        ...(opts.failPayment
          ? []
          : [
              {
                traceId: payment,
                spanId: paymentProducer,
                parentSpanId: paymentSpan,
                name: 'publish payments',
                kind: 4,
                startMs: t0 + 350,
                durationMs: 5,
                attributes: keys,
              },
            ]),
      ]),
    );
    if (!opts.failPayment) {
      await post(
        exportRequest('notification-service', [
          {
            traceId: notify,
            name: 'process notification-service.shipment-dispatched',
            kind: 5,
            startMs: t0 + 900,
            durationMs: 40,
            links: [{ traceId: payment, spanId: paymentProducer }],
            attributes: keys,
          },
        ]),
      );
    }
    return { entry, payment, notify, paymentSpan };
  }

  it('stitches traces joined by span links into one instance found by order id, trace id or message id', async () => {
    const orderId = `ord-${hex(4)}`;
    const { entry, payment, notify, paymentSpan } = await sendCheckout(orderId);

    const found = await eventually(async () => {
      const r = await get<SearchResult>(`/search?q=${orderId}`);
      return r.matches[0]?.instance.status === 'ok' ? r : undefined;
    });
    expect(found.matches).toHaveLength(1);
    expect(found.matches[0]).toMatchObject({
      matchedBy: 'business-key',
      key: 'app.order.id',
    });
    const instance = found.matches[0].instance;
    expect(instance).toMatchObject({
      id: entry,
      journey: 'journey:default/checkout',
      traceCount: 3,
      spanCount: 5,
      businessKeys: { 'app.order.id': orderId },
    });
    expect(instance.services).toEqual([
      'notification-service',
      'order-service',
      'payment-service',
      'storefront',
    ]);

    expect(
      (await get<SearchResult>(`/search?q=${payment}`)).matches.map(m => [
        m.instance.id,
        m.matchedBy,
      ]),
    ).toEqual([[entry, 'trace-id']]);
    expect(
      (await get<SearchResult>(`/search?q=msg-${orderId}`)).matches.map(m => [
        m.instance.id,
        m.matchedBy,
      ]),
    ).toEqual([[entry, 'message-id']]);

    const detail = await get<InstanceDetail>(`/instances/${entry}`);
    expect(detail.spans.map(s => s.traceId)).toEqual([
      entry,
      entry,
      payment,
      payment,
      notify,
    ]);
    // Ends at the notification, hops back through the links to the entry.
    expect(detail.criticalPath[0]).toBe(`${entry}:${detail.spans[0].spanId}`);
    expect(detail.criticalPath.at(-1)).toBe(
      `${notify}:${detail.spans[4].spanId}`,
    );
    expect(detail.criticalPath).toContain(`${payment}:${paymentSpan}`);

    const span = await get<{
      attributes: Record<string, unknown>;
      resource: Record<string, unknown>;
    }>(`/spans/${payment}/${paymentSpan}`);
    expect(span.attributes['app.order.id']).toBe(orderId);
    expect(span.resource['service.name']).toBe('payment-service');
  });

  it('counts a retried entry step (a redelivered message starts a new trace) as one instance of its journey', async () => {
    const orderId = `ord-${hex(4)}`;
    const upstream = hex(16);
    const producer = hex(8);
    const t0 = Date.now() - 3_000;
    await post(
      exportRequest('order-service', [
        {
          traceId: upstream,
          spanId: producer,
          name: 'publish orders',
          kind: 4,
          startMs: t0,
          attributes: { 'app.order.id': orderId },
        },
      ]),
    );
    const attempt = (startMs: number, error?: string) =>
      post(
        exportRequest('erp-connector', [
          {
            traceId: hex(16),
            name: 'process erp-connector.order-created',
            kind: 5,
            startMs,
            links: [{ traceId: upstream, spanId: producer }],
            attributes: { 'app.order.id': orderId },
            error,
          },
        ]),
      );
    await attempt(t0 + 100, 'ERP unavailable');
    await attempt(t0 + 600);
    const items = await eventually(async () => {
      const r = await get<{
        items: Array<{
          businessKeys: Record<string, string>;
          traceCount: number;
          status: string;
        }>;
      }>('/journeys/default/invoice-sync/instances?limit=200');
      const mine = r.items.filter(
        i => i.businessKeys['app.order.id'] === orderId,
      );
      return mine.length && mine[0].traceCount === 2 ? mine : undefined;
    });
    expect(items).toHaveLength(1);
    expect(items[0].status).toBe('ok');
  });

  it('marks an instance whose last step failed, names the failing step and counts it in the journey stats', async () => {
    const orderId = `ord-${hex(4)}`;
    const { entry } = await sendCheckout(orderId, { failPayment: true });
    const instance = await eventually(async () => {
      const r = await get<SearchResult>(`/search?q=${orderId}`);
      return r.matches[0]?.instance.status === 'failed'
        ? r.matches[0].instance
        : undefined;
    });
    expect(instance.id).toBe(entry);
    expect(instance.failingStep).toMatchObject({
      service: 'payment-service',
      name: 'process payment-service.order-created',
      message: 'card declined',
    });

    const stats = await get<JourneyStatsList>('/journeys?window=1h');
    const checkout = stats.items.find(
      j => j.ref === 'journey:default/checkout',
    )!;
    expect(checkout.failed).toBeGreaterThanOrEqual(1);
    expect(checkout.volume).toBeGreaterThanOrEqual(2);
    expect(checkout.p95Ms).not.toBeNull();
    const failed = await get<{ items: Array<{ id: string }> }>(
      '/journeys/default/checkout/instances?status=failed',
    );
    expect(failed.items.map(i => i.id)).toContain(entry);
    expect(stats.items.map(j => j.ref)).toEqual([
      'journey:default/checkout',
      'journey:default/invoice-sync',
      'journey:default/refund',
    ]);
  });

  it('accepts gzip, answers partial success for bad spans and 400 when nothing is usable', async () => {
    const traceId = hex(16);
    const good = exportRequest('gzip-test', [
      { traceId, name: 'ok span', startMs: Date.now() },
    ]);
    const gz = await post(zlib.gzipSync(JSON.stringify(good)), {
      'content-encoding': 'gzip',
    });
    expect(gz.status).toBe(200);
    expect(await gz.json()).toEqual({});

    const mixed = exportRequest('mixed', [
      { traceId: hex(16), name: 'fine', startMs: Date.now() },
      { traceId: 'xyz', name: 'bad id', startMs: Date.now() },
    ]);
    const partial = await post(mixed);
    expect(partial.status).toBe(200);
    const body = await partial.json();
    expect(body.partialSuccess.rejectedSpans).toBe(1);
    expect(body.partialSuccess.errorMessage).toMatch(
      /spans\.1: traceId must be 32 hex digits/,
    );

    const bad = await post(
      exportRequest('bad', [
        { traceId: '0'.repeat(32), name: 'zero', startMs: Date.now() },
      ]),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(
      /no span accepted.*traceId must not be all zeros/,
    );
  });

  it('answers 400, 401, 413, 415 and 429 with a JSON error', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ resourceSpans: 'x' })).status).toBe(400);
    expect(
      (await post({}, { authorization: 'Bearer not-a-token' })).status,
    ).toBe(401);
    expect((await post('x'.repeat(1_100_000))).status).toBe(413);
    const bomb = zlib.gzipSync(Buffer.alloc(5_000_000, 32));
    const inflated = await post(bomb, { 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
    expect((await inflated.json()).error.message).toMatch(
      /inflates to more than/,
    );
    const type = await post('{}', { 'content-type': 'text/plain' });
    expect(type.status).toBe(415);
    expect((await type.json()).error.message).toMatch(
      /application\/x-protobuf/,
    );

    // More spans at once than the queue may hold.
    const many = exportRequest(
      'flood',
      Array.from({ length: 2_500 }, () => ({
        traceId: hex(16),
        name: 's',
        startMs: Date.now(),
      })),
    );
    const flood = await post(many);
    expect(flood.status).toBe(429);
    expect(Number(flood.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('keeps browser spans from changing the verdict, failing step or membership of an instance built from backend traces', async () => {
    const orderId = `ord-${hex(4)}`;
    const { entry, payment, paymentSpan } = await sendCheckout(orderId);
    const before = await eventually(async () => {
      const r = await get<SearchResult>(`/search?q=${orderId}`);
      return r.matches[0]?.instance.status === 'ok'
        ? r.matches[0].instance
        : undefined;
    });

    const t = Date.now() - 2_000;
    const alone = hex(16);
    const linking = hex(16);
    const attack = await postFaro(
      exportRequest('switchboard-portal', [
        // A trace of its own carrying the order id, failing.
        {
          traceId: alone,
          name: 'POST /storefront/checkout',
          startMs: t + 2_000,
          durationMs: 60_000,
          error: 'attacker says declined',
          attributes: { 'app.order.id': orderId },
        },
        // A "root" and a child in the instance's entry trace, both failing.
        {
          traceId: entry,
          name: 'POST /storefront/checkout',
          kind: 2,
          startMs: t,
          durationMs: 3_600_000,
          error: 'attacker root',
          attributes: { 'http.route': '/storefront/checkout' },
        },
        {
          traceId: entry,
          parentSpanId: hex(8),
          name: 'fetch',
          kind: 3,
          startMs: t,
          error: 'attacker child',
          attributes: { 'app.order.id': `ord-${hex(4)}` },
        },
        // A trace linking to the payment trace, failing.
        {
          traceId: linking,
          name: 'process payment-service.order-created',
          startMs: t,
          error: 'attacker link',
          links: [{ traceId: payment, spanId: paymentSpan }],
        },
      ]),
    );
    expect(attack.status).toBe(202);

    // The entry trace's two browser spans show in the instance once it is assembled again.
    const after = await eventually(async () => {
      const r = await get<SearchResult>(`/search?q=${orderId}`);
      const i = r.matches[0]?.instance;
      return i && i.spanCount === before.spanCount + 2 ? r : undefined;
    });
    expect(after.matches).toHaveLength(1);
    const instance = after.matches[0].instance;
    expect(instance).toMatchObject({
      id: entry,
      status: 'ok',
      traceCount: 3,
      errorCount: 0,
      startedAt: before.startedAt,
      endedAt: before.endedAt,
      durationMs: before.durationMs,
    });
    expect(instance.failingStep).toBeUndefined();
    // The browser-only traces joined nothing and started nothing.
    for (const traceId of [alone, linking])
      expect((await get<SearchResult>(`/search?q=${traceId}`)).matches).toEqual(
        [],
      );
    // Shown in the entry trace, marked as the browser's.
    const detail = await get<InstanceDetail>(`/instances/${entry}`);
    expect(
      detail.spans
        .filter(s => s.browser)
        .map(s => s.name)
        .sort(),
    ).toEqual(['POST /storefront/checkout', 'fetch']);
    expect(detail.spans.filter(s => !s.browser)).toHaveLength(before.spanCount);
  });

  it('refuses Faro payloads from another Origin (403) or another service (400)', async () => {
    const traces = exportRequest('switchboard-portal', [
      { traceId: hex(16), name: 'x', startMs: Date.now() },
    ]);
    const foreign = await postFaro(traces, 'https://attacker.example');
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).error.name).toBe('NotAllowedError');
    const backendService = await postFaro(
      exportRequest('payment-service', [
        { traceId: hex(16), name: 'x', startMs: Date.now() },
      ]),
    );
    expect(backendService.status).toBe(400);
    expect((await backendService.json()).error.message).toMatch(
      /service\.name must be 'switchboard-portal'/,
    );
  });
});
