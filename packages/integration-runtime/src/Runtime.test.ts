/*
 * The runtime end to end, on the machine's RabbitMQ and on the embedded SQLite broker:
 * dead letters with full context, inspection that consumes nothing, exactly-once replay,
 * cancel, rate limit, parking, and clear errors. Every admin API answer is checked
 * against openapi.yaml (AdminClient).
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { deadLetterQueueName } from './broker/types';
import { Runtime } from './Runtime';
import { AdminClient, waitFor } from './testing/AdminClient';
import {
  ADMIN_TOKEN,
  assertRabbitAnswers,
  BrokerKind,
  publishOrders,
  READ_TOKEN,
  testConfig,
} from './testing/testRuntime';

jest.setTimeout(60_000);

describe.each<BrokerKind>(['rabbitmq', 'embedded'])(
  'integration runtime on %s',
  kind => {
    let runtime: Runtime;
    let api: AdminClient;
    const spans = new InMemorySpanExporter();
    const silent = () => {};

    const dlqOf = (consumerQueue: 'erpOrderCreated' | 'paymentOrderCreated') =>
      runtime.names.queue(consumerQueue).name;
    const failedCount = async (dlq: string) =>
      (await api.get(`/v1/dlqs/${dlq}`)).body.failed as number;
    const sideEffects = async (businessId?: string) =>
      (
        await api.get(
          `/v1/side-effects?limit=1${
            businessId ? `&businessId=${businessId}` : ''
          }`,
        )
      ).body;

    /** Puts `count` orders into the ERP connector's DLQ (and the payment service's). */
    async function failOrders(count: number) {
      await api.put('/v1/faults/erp-connector', { errorRate: 1 });
      await api.put('/v1/faults/payment-service', { errorRate: 1 });
      const ids = await publishOrders(runtime.broker, runtime.names, count);
      const dlq = dlqOf('erpOrderCreated');
      await waitFor(
        () => failedCount(dlq),
        n => n >= count,
        { what: `${count} dead letters`, timeoutMs: 45_000 },
      );
      return { dlq, ids };
    }

    beforeAll(async () => {
      if (kind === 'rabbitmq') await assertRabbitAnswers();
    });

    beforeEach(async () => {
      spans.reset();
      runtime = await Runtime.start(testConfig(kind), {
        logger: silent,
        exporterFactory: () => spans,
      });
      api = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
    });

    afterEach(async () => {
      // Leave the shared RabbitMQ as we found it.
      await runtime.stop({ removeTopology: true });
    });

    it('dead-letters a poison order with its full context and trace', async () => {
      const res = await fetch(`${runtime.servicesUrl}/storefront/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: 'C4711',
          customerTier: 'platinum',
          currency: 'EURO',
          lines: [{ sku: 'SKU-KETTLE', quantity: 1, unitPrice: '49.90' }],
        }),
      });
      expect(res.status).toBe(201);
      const { orderId } = await res.json();
      const dlq = dlqOf('paymentOrderCreated');
      const page = await waitFor(
        () => api.get(`/v1/dlqs/${dlq}/messages?businessId=${orderId}`),
        r => r.body.items.length === 1,
        { what: 'the poison order in the DLQ' },
      );
      const { body: msg } = await api.get(
        `/v1/messages/${page.body.items[0].id}`,
      );
      expect(msg).toMatchObject({
        status: 'failed',
        errorClass: 'SchemaValidationError',
        attempts: 1, // permanent: no retries
        exchange: runtime.names.exchange('orders'),
        routingKey: 'order.created',
        queue: dlq,
        consumer: 'payment-service',
        orderId,
        customerTier: 'platinum',
        idempotencyKey: `${orderId}:order.created`,
      });
      expect(msg.errorMessage).toContain('currency');
      expect(msg.stack).toContain('SchemaValidationError');
      expect(msg.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(msg.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(msg.headers.traceparent).toMatch(
        /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/,
      );
      expect(msg.headers.baggage).toContain(`app.order.id=${orderId}`);
      expect(Date.parse(msg.lastFailureAt)).toBeGreaterThanOrEqual(
        Date.parse(msg.firstFailureAt),
      );
      expect(JSON.parse(msg.body).currency).toBe('EURO');

      // The failing consumer span is in the trace the record names, linked to its producer.
      await runtime.telemetry.flush();
      const all = spans.getFinishedSpans();
      const failing = all.find(s => s.spanContext().spanId === msg.spanId)!;
      expect(failing.kind).toBe(SpanKind.CONSUMER);
      expect(failing.resource.attributes['service.name']).toBe(
        'payment-service',
      );
      expect(failing.attributes['app.order.id']).toBe(orderId);
      expect(failing.links[0].context.traceId).not.toBe(
        failing.spanContext().traceId,
      );
      const producer = all.find(
        s => s.spanContext().spanId === failing.links[0].context.spanId,
      )!;
      expect(producer.kind).toBe(SpanKind.PRODUCER);
      expect(producer.resource.attributes['service.name']).toBe(
        'order-service',
      );
      // Every span of the order's flow carries the order id; each service is its own resource.
      const flow = all.filter(s => s.attributes['app.order.id'] === orderId);
      expect(
        new Set(flow.map(s => s.resource.attributes['service.name'])),
      ).toEqual(new Set(['order-service', 'payment-service', 'erp-connector']));
      const entry = all.filter(
        s => s.spanContext().traceId === producer.spanContext().traceId,
      );
      expect(entry.map(s => s.resource.attributes['service.name'])).toEqual(
        expect.arrayContaining(['storefront', 'api-gateway', 'order-service']),
      );
    });

    it('pages through 1,000 failures without consuming or reordering anything', async () => {
      const { dlq } = await failOrders(1000);
      const brokerDepth = await runtime.broker.queueDepth(
        deadLetterQueueName(dlq),
      );
      const before = (await api.get(`/v1/dlqs/${dlq}`)).body;
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const { body }: { body: any } = await api.get(
          `/v1/dlqs/${dlq}/messages?limit=100${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        );
        seen.push(...body.items.map((i: { id: string }) => i.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(10);
      expect(new Set(seen).size).toBe(1000);
      const after = (await api.get(`/v1/dlqs/${dlq}`)).body;
      expect(after.failed).toBe(before.failed);
      expect(after.brokerDepth).toBe(brokerDepth);
      // Filtering by the grouping fingerprint finds them all too.
      const { body: groups } = await api.get(`/v1/dlqs/${dlq}/groups`);
      expect(groups.items).toHaveLength(1);
      expect(groups.items[0]).toMatchObject({
        errorClass: 'InjectedFaultError',
        count: 1000,
      });
    });

    it('replays 1,000 messages with exactly 1,000 side effects, also when submitted twice', async () => {
      const { dlq } = await failOrders(1000);
      expect((await sideEffects()).total).toBe(0);
      await api.put('/v1/faults/erp-connector', {});
      const request = {
        dlq,
        filter: {},
        ratePerSecond: 5000,
        reason: 'ERP fixed',
        requester: 'user:default/kofi.mensah',
      };
      const plan = await api.post('/v1/replays/plan', request);
      expect(plan.status).toBe(200);
      expect(plan.body.count).toBe(1000);
      expect(plan.body.targets).toEqual([
        {
          exchange: runtime.names.exchange('orders'),
          routingKey: 'order.created',
          queue: dlq,
          count: 1000,
        },
      ]);
      const first = await api.post('/v1/replays', request, {
        'Idempotency-Key': 'erp-fix-1',
      });
      expect(first.status).toBe(201);
      // The same submission again: the same job, not a second one.
      const again = await api.post('/v1/replays', request, {
        'Idempotency-Key': 'erp-fix-1',
      });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      // Without the key, nothing is left to select while the first job holds the messages.
      const twice = await api.post('/v1/replays', request);
      expect([409, 201]).toContain(twice.status);

      await waitFor(
        () => api.get(`/v1/replays/${first.body.id}`),
        r => r.body.status === 'completed',
        {
          what: 'replay to complete',
        },
      );
      const effects = await waitFor(
        () => sideEffects(),
        s => s.total >= 1000,
        { what: '1,000 side effects', timeoutMs: 30_000 },
      );
      // A moment for stragglers: nothing more may arrive.
      await new Promise(r => setTimeout(r, 500));
      const final = await sideEffects();
      expect(final.total).toBe(1000);
      expect(final.duplicates).toBe(0);
      expect(effects.items[0]).toMatchObject({
        service: 'erp-connector',
        action: 'book-invoice',
      });
      expect(await failedCount(dlq)).toBe(0);
      const { body: job } = await api.get(`/v1/replays/${first.body.id}`);
      expect(job.counts.replayed + job.counts['skipped-duplicate']).toBe(1000);

      // Replaying an already processed message again is a no-op: nothing new to side-effect.
      const rerun = await api.post('/v1/replays', request);
      expect(rerun.status).toBe(409);
    });

    it('cancels a replay within one second and releases what it did not send', async () => {
      const { dlq } = await failOrders(300);
      await api.put('/v1/faults/erp-connector', {});
      const { body: job } = await api.post('/v1/replays', {
        dlq,
        filter: {},
        ratePerSecond: 100,
        reason: 'slow re-drive',
        requester: 'user:default/kofi.mensah',
      });
      await waitFor(
        () => api.get(`/v1/replays/${job.id}`),
        r => r.body.counts.replayed >= 50,
        { what: '50 replayed' },
      );
      const cancelled = await api.post(`/v1/replays/${job.id}/cancel`, {
        requester: 'user:default/lena.schmidt',
        reason: 'wrong fix',
      });
      const cancelAt = Date.now();
      expect(cancelled.status).toBe(200);
      const stopped = await waitFor(
        () => api.get(`/v1/replays/${job.id}`),
        r => r.body.status === 'cancelled',
        {
          what: 'cancelled',
          timeoutMs: 1000,
        },
      );
      expect(Date.now() - cancelAt).toBeLessThan(1000);
      const replayedAtStop = stopped.body.counts.replayed;
      await new Promise(r => setTimeout(r, 700));
      const later = (await api.get(`/v1/replays/${job.id}`)).body;
      expect(later.counts.replayed).toBe(replayedAtStop);
      expect(later.cancelledBy).toBe('user:default/lena.schmidt');
      // Nothing lost: what was not replayed is still there and free for another replay.
      expect(await failedCount(dlq)).toBe(300 - replayedAtStop);
      const { body: page } = await api.get(
        `/v1/dlqs/${dlq}/messages?limit=500`,
      );
      expect(
        page.items.every(
          (i: { replayJobId: string | null }) => i.replayJobId === null,
        ),
      ).toBe(true);
      const cancelAgain = await api.post(`/v1/replays/${job.id}/cancel`, {
        requester: 'user:default/lena.schmidt',
      });
      expect(cancelAgain.status).toBe(409);
    });

    it('holds the replay rate limit within ±10%', async () => {
      const { dlq } = await failOrders(150);
      await api.put('/v1/faults/erp-connector', {});
      const rate = 50;
      const { body: job } = await api.post('/v1/replays', {
        dlq,
        filter: {},
        ratePerSecond: rate,
        reason: 'rate check',
        requester: 'user:default/kofi.mensah',
      });
      await waitFor(
        () => api.get(`/v1/replays/${job.id}`),
        r => r.body.status === 'completed',
        {
          what: 'replay to complete',
          timeoutMs: 20_000,
        },
      );
      const items: Array<{ updatedAt: string }> = [];
      let after: number | null = -1;
      while (after !== null) {
        const { body }: { body: any } = await api.get(
          `/v1/replays/${job.id}/items?limit=500&after=${after}`,
        );
        items.push(...body.items);
        after = body.nextAfter;
      }
      const times = items
        .map(i => Date.parse(i.updatedAt))
        .sort((a, b) => a - b);
      const seconds = (times[times.length - 1] - times[0]) / 1000;
      const achieved = (times.length - 1) / seconds;
      expect(achieved).toBeGreaterThan(rate * 0.9);
      expect(achieved).toBeLessThan(rate * 1.1);
    });

    it('parks a message that fails again after the replay limit instead of looping', async () => {
      const { dlq } = await failOrders(1);
      const firstItem = (job: string) => api.get(`/v1/replays/${job}/items`);
      // The fault stays: every replay fails again. Limit is 2 replays in the test config.
      for (let round = 1; round <= 2; round++) {
        const { body: job } = await api.post('/v1/replays', {
          dlq,
          filter: {},
          ratePerSecond: 100,
          reason: `round ${round}`,
          requester: 'user:default/kofi.mensah',
        });
        const outcome = round === 1 ? 'failed-again' : 'parked';
        await waitFor(
          () => firstItem(job.id),
          r => r.body.items[0]?.outcome === outcome,
          { what: `outcome ${outcome}` },
        );
      }
      const { body: parked } = await api.get(
        `/v1/dlqs/${dlq}/messages?status=parked`,
      );
      expect(parked.items).toHaveLength(1);
      expect(parked.items[0].replayCount).toBe(2);
      expect(await failedCount(dlq)).toBe(0);
      const retry = await api.post('/v1/replays', {
        dlq,
        ids: [parked.items[0].id],
        reason: 'once more',
        requester: 'user:default/kofi.mensah',
      });
      expect(retry.status).toBe(409);
      expect(retry.body.error.message).toContain('parked');
    });

    it('answers bad input with clear 4xx errors and loses nothing', async () => {
      const { dlq, ids } = await failOrders(3);
      const { body: page } = await api.get(`/v1/dlqs/${dlq}/messages`);
      const [one, two] = page.items.map((i: { id: string }) => i.id);
      const countBefore = await failedCount(dlq);

      const noToken = await api.withToken(undefined).get('/v1/dlqs');
      expect(noToken.status).toBe(401);
      expect(noToken.body.error.message).toBe('missing bearer token');
      expect(
        (await api.withToken('not-the-token-at-all').get('/v1/dlqs')).status,
      ).toBe(401);
      const readOnly = api.withToken(READ_TOKEN);
      expect((await readOnly.get('/v1/dlqs')).status).toBe(200);
      const forbidden = await readOnly.post('/v1/replays', {
        dlq,
        ids: [one],
        reason: 'try',
        requester: 'x',
      });
      expect(forbidden.status).toBe(403);

      const malformed = await api.post('/v1/replays', '{"dlq": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('not valid JSON');

      const unknown = await api.get('/v1/dlqs/no-such-queue/messages');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain(
        "no dead-letter queue 'no-such-queue'",
      );
      expect(
        (
          await api.post('/v1/replays', {
            dlq: 'no-such-queue',
            filter: {},
            reason: 'x y z',
            requester: 'x',
          })
        ).status,
      ).toBe(404);

      const badFilter = await api.get(
        `/v1/dlqs/${dlq}/messages?from=yesterday`,
      );
      expect(badFilter.status).toBe(400);
      expect(badFilter.body.error.message).toContain('from');
      expect(
        (await api.get(`/v1/dlqs/${dlq}/messages?fingerprint=XYZ`)).status,
      ).toBe(400);
      expect(
        (await api.get(`/v1/dlqs/${dlq}/messages?limit=100000`)).status,
      ).toBe(400);
      expect(
        (await api.get(`/v1/dlqs/${dlq}/messages?cursor=garbage`)).status,
      ).toBe(400);
      const inverted = await api.get(
        `/v1/dlqs/${dlq}/messages?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      );
      expect(inverted.status).toBe(400);
      expect((await api.get('/v1/messages/not-a-uuid')).status).toBe(400);
      expect(
        (await api.get('/v1/messages/3f2b8a3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c'))
          .status,
      ).toBe(404);
      const both = await api.post('/v1/replays', {
        dlq,
        ids: [one],
        filter: {},
        reason: 'both',
        requester: 'x',
      });
      expect(both.status).toBe(400);
      const noReason = await api.post('/v1/replays', {
        dlq,
        ids: [one],
        requester: 'x',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain('reason');
      const huge = await api.post('/v1/messages/archive', {
        ids: [one],
        reason: 'x'.repeat(3_000_000),
        requester: 'x',
      });
      expect(huge.status).toBe(413);

      // Replaying an archived message is refused.
      const archived = await api.post('/v1/messages/archive', {
        ids: [two],
        reason: 'known duplicate',
        requester: 'user:default/ines.silva',
      });
      expect(archived.body).toEqual({ archived: [two] });
      const replayArchived = await api.post('/v1/replays', {
        dlq,
        ids: [two],
        reason: 'try it',
        requester: 'x',
      });
      expect(replayArchived.status).toBe(409);
      expect(replayArchived.body.error.message).toContain('archived');

      // Nothing was lost or moved by all of the above.
      expect(await failedCount(dlq)).toBe(countBefore - 1);
      const { body: all } = await api.get(`/v1/dlqs/${dlq}/messages?limit=500`);
      const { body: arch } = await api.get(
        `/v1/dlqs/${dlq}/messages?status=archived`,
      );
      expect(all.items.length + arch.items.length).toBe(ids.length);
      expect((await sideEffects()).total).toBe(0);
    });
  },
);
