/*
 * One behavioural suite both broker adapters must pass (RabbitMQ and embedded), so the
 * flows, the DLQ drain and replay behave the same on either.
 */
import { randomUUID } from 'node:crypto';
import {
  FailureHeader,
  PermanentError,
  REPLAY_TARGET_QUEUE,
} from '../failureOutcome';
import {
  Broker,
  deadLetterQueueName,
  Delivery,
  OutgoingMessage,
  Topology,
} from '../types';

export interface ConformanceContext {
  /** A connected broker; several may be open at once (restart checks). */
  open(): Promise<Broker>;
}

const waitFor = async (
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
};

export function topologyFor(ns: string): Topology {
  return {
    exchanges: [`${ns}.orders`],
    deadLetterExchange: `${ns}.dlx`,
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.2 },
    queues: [
      {
        name: `${ns}.payments.order-created`,
        exchange: `${ns}.orders`,
        bindingKeys: ['order.created'],
        consumer: 'payment-service',
      },
      {
        name: `${ns}.erp.order-any`,
        exchange: `${ns}.orders`,
        bindingKeys: ['order.*'],
        consumer: 'erp-connector',
      },
    ],
  };
}

export function describeBrokerConformance(
  name: string,
  context: () => ConformanceContext,
) {
  describe(`${name} broker conformance`, () => {
    let ns: string;
    let topology: Topology;
    let broker: Broker;
    const opened: Broker[] = [];
    const open = async () => {
      const b = await context().open();
      opened.push(b);
      return b;
    };
    const message = (
      routingKey: string,
      headers: OutgoingMessage['headers'] = {},
    ): OutgoingMessage => ({
      exchange: `${ns}.orders`,
      routingKey,
      messageId: randomUUID(),
      body: Buffer.from(JSON.stringify({ orderId: `ord_${randomUUID()}` })),
      headers: {
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        ...headers,
      },
    });
    const payQ = () => topology.queues[0].name;
    const erpQ = () => topology.queues[1].name;

    beforeEach(async () => {
      ns = `conf${randomUUID().slice(0, 8)}`;
      topology = topologyFor(ns);
      broker = await open();
      await broker.setup(topology);
    });

    afterEach(async () => {
      await broker.teardown(topology).catch(() => {});
      for (const b of opened.splice(0)) await b.close().catch(() => {});
    });

    it('routes by topic binding and delivers body, headers and origin', async () => {
      const got: Delivery[] = [];
      await broker.consume(payQ(), async d => {
        got.push(d);
      });
      const msg = message('order.created', { 'idempotency-key': 'k1' });
      await broker.publish(msg);
      await broker.publish(message('payment.captured')); // bound nowhere here
      await waitFor(() => got.length === 1, 5000, 'delivery');
      const [d] = got;
      expect(d.queue).toBe(payQ());
      expect(d.exchange).toBe(`${ns}.orders`);
      expect(d.routingKey).toBe('order.created');
      expect(d.messageId).toBe(msg.messageId);
      expect(d.body.equals(msg.body)).toBe(true);
      expect(d.headers['idempotency-key']).toBe('k1');
      expect(d.headers.traceparent).toBe(msg.headers.traceparent);
      expect(d.attempt).toBe(1);
      // order.* also matched for the ERP queue, which nobody consumes yet.
      await waitFor(async () => (await broker.queueDepth(erpQ())) === 1);
      await new Promise(r => setTimeout(r, 200));
      expect(got).toHaveLength(1);
    });

    it('retries with growing delays, then dead-letters with full context', async () => {
      const attempts: Array<{ attempt: number; at: number }> = [];
      await broker.consume(payQ(), async d => {
        attempts.push({ attempt: d.attempt, at: Date.now() });
        const err = new TypeError(`provider said no for ${d.messageId}`);
        throw err;
      });
      const msg = message('order.created');
      const before = new Date();
      await broker.publish(msg);
      const dlq = deadLetterQueueName(payQ());
      await waitFor(async () => (await broker.queueDepth(dlq)) === 1, 10_000);
      expect(attempts.map(a => a.attempt)).toEqual([1, 2, 3]);
      // base 100ms, jitter 20%: >= 80ms before the 2nd, >= 160ms before the 3rd.
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(75);
      expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(150);
      expect(await broker.queueDepth(payQ())).toBe(0);

      const dead: Delivery[] = [];
      await broker.consumeDeadLetters(payQ(), async d => {
        dead.push(d);
      });
      await waitFor(() => dead.length === 1);
      const h = dead[0].headers;
      expect(dead[0].messageId).toBe(msg.messageId);
      expect(dead[0].body.equals(msg.body)).toBe(true);
      expect(Number(h[FailureHeader.attempts])).toBe(3);
      expect(h[FailureHeader.errorClass]).toBe('TypeError');
      expect(h[FailureHeader.errorMessage]).toContain('provider said no');
      expect(String(h[FailureHeader.stack])).toContain('TypeError');
      expect(h[FailureHeader.queue]).toBe(payQ());
      expect(h[FailureHeader.exchange]).toBe(`${ns}.orders`);
      expect(h[FailureHeader.routingKey]).toBe('order.created');
      expect(h[FailureHeader.consumer]).toBe('payment-service');
      expect(h[FailureHeader.traceId]).toBe('0af7651916cd43dd8448eb211c80319c');
      const first = new Date(String(h[FailureHeader.firstAt]));
      const last = new Date(String(h[FailureHeader.lastAt]));
      expect(first.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
      expect(last.getTime()).toBeGreaterThan(first.getTime());
      await waitFor(async () => (await broker.queueDepth(dlq)) === 0);
    });

    it('dead-letters a permanent error on the first attempt', async () => {
      let calls = 0;
      await broker.consume(payQ(), async () => {
        calls++;
        throw new PermanentError('order lines missing');
      });
      await broker.publish(message('order.created'));
      const dlq = deadLetterQueueName(payQ());
      await waitFor(async () => (await broker.queueDepth(dlq)) === 1);
      await new Promise(r => setTimeout(r, 300));
      expect(calls).toBe(1);
    });

    it('keeps a dead letter whose drain handler fails', async () => {
      await broker.consume(payQ(), async () => {
        throw new PermanentError('poison');
      });
      await broker.publish(message('order.created'));
      const dlq = deadLetterQueueName(payQ());
      await waitFor(async () => (await broker.queueDepth(dlq)) === 1);
      let tries = 0;
      const drain = await broker.consumeDeadLetters(payQ(), async () => {
        tries++;
        throw new Error('store unavailable');
      });
      await waitFor(() => tries >= 1);
      await drain.cancel();
      await waitFor(async () => (await broker.queueDepth(dlq)) === 1, 5000);
      expect(tries).toBeGreaterThanOrEqual(1);
      expect(await broker.queueDepth(dlq)).toBe(1);
    });

    it('confirms only what survives a new connection', async () => {
      await broker.publish(message('order.created'));
      await broker.close();
      const again = await open();
      expect(await again.queueDepth(payQ())).toBe(1);
      broker = again;
    });

    it('hands a replayed message only to its target queue', async () => {
      const pay: Delivery[] = [];
      const erp: Delivery[] = [];
      await broker.consume(payQ(), async d => {
        pay.push(d);
      });
      await broker.consume(erpQ(), async d => {
        erp.push(d);
      });
      await broker.publish(
        message('order.created', { [REPLAY_TARGET_QUEUE]: erpQ() }),
      );
      await waitFor(() => erp.length === 1);
      await waitFor(async () => (await broker.queueDepth(payQ())) === 0);
      await new Promise(r => setTimeout(r, 200));
      expect(pay).toHaveLength(0);
    });

    it('limits deliveries in flight to the prefetch', async () => {
      let inFlight = 0;
      let peak = 0;
      let done = 0;
      await broker.consume(
        payQ(),
        async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise(r => setTimeout(r, 30));
          inFlight--;
          done++;
        },
        { prefetch: 4 },
      );
      for (let i = 0; i < 20; i++)
        await broker.publish(message('order.created'));
      await waitFor(() => done === 20);
      expect(peak).toBeLessThanOrEqual(4);
      expect(peak).toBeGreaterThan(1);
    });

    it('redelivers what a cancelled consumer did not acknowledge', async () => {
      let release!: () => void;
      const blocked = new Promise<void>(r => (release = r));
      let started = 0;
      const first = await open();
      const c1 = await first.consume(payQ(), async () => {
        started++;
        await blocked;
        throw new Error('consumer went away');
      });
      const msg = message('order.created');
      await broker.publish(msg);
      await waitFor(() => started === 1);
      // The first consumer's connection dies with the delivery unacknowledged.
      await first.close();
      release();
      await c1.cancel().catch(() => {});
      const got: Delivery[] = [];
      await broker.consume(payQ(), async d => {
        got.push(d);
      });
      await waitFor(() => got.length === 1, 15_000, 'redelivery');
      expect(got[0].messageId).toBe(msg.messageId);
    });
  });
}
