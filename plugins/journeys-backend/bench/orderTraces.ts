import { randomBytes } from 'node:crypto';
import { TestSpan } from '../src/__testUtils__/otlp';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One order: an entry trace (10 spans, ending in a producer) and a linked consumer trace. */
export function order(n: number, nowMs: number): Array<[string, TestSpan[]]> {
  const entry = hex(16);
  const root = hex(8);
  const producer = hex(8);
  const orderId = `ord-${n}`;
  const fails = n % 50 === 0;
  const entrySpans: TestSpan[] = [
    {
      traceId: entry,
      spanId: root,
      name: 'POST /checkout',
      kind: 2,
      startMs: nowMs,
      durationMs: 40,
      attributes: {
        'http.route': '/checkout',
        'http.response.status_code': 202,
        'app.order.id': orderId,
      },
    },
    ...Array.from({ length: 8 }, (_, i) => ({
      traceId: entry,
      parentSpanId: root,
      name: `step ${i}`,
      kind: 1,
      startMs: nowMs + 1 + i,
      durationMs: 3,
    })),
    {
      traceId: entry,
      spanId: producer,
      parentSpanId: root,
      name: 'orders publish',
      kind: 4,
      startMs: nowMs + 30,
      durationMs: 2,
      attributes: { 'messaging.message.id': `m-${n}` },
    },
  ];
  const consumer = hex(16);
  const consumerRoot = hex(8);
  const consumerSpans: TestSpan[] = [
    {
      traceId: consumer,
      spanId: consumerRoot,
      name: 'process orders',
      kind: 5,
      startMs: nowMs + 50,
      durationMs: 60,
      links: [{ traceId: entry, spanId: producer }],
      attributes: { 'messaging.message.id': `m-${n}`, 'app.order.id': orderId },
      error: fails ? 'nack' : undefined,
    },
    ...Array.from({ length: 9 }, (_, i) => ({
      traceId: consumer,
      parentSpanId: consumerRoot,
      name: `call ${i}`,
      kind: 3,
      startMs: nowMs + 51 + i,
      durationMs: 4,
      error: fails && i === 8 ? 'ledger 500' : undefined,
      attributes: { 'http.response.status_code': fails && i === 8 ? 500 : 200 },
    })),
  ];
  return [
    ['storefront', entrySpans],
    ['order-worker', consumerSpans],
  ];
}
