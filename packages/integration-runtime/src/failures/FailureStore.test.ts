import { openRuntimeDatabase } from '../store/RuntimeDatabase';
import { FailureHeader } from '../broker/failureOutcome';
import { FailureStore } from './FailureStore';

const deadLetter = (messageId: string, orderId: string) => ({
  queue: 'erp.order-created.dlq',
  exchange: 'orders',
  routingKey: 'order.created',
  messageId,
  attempt: 2,
  body: Buffer.from(JSON.stringify({ orderId })),
  headers: {
    baggage: `app.order.id=${orderId},app.customer.tier=gold`,
    'idempotency-key': `${orderId}:order.created`,
    [FailureHeader.attempts]: 2,
    [FailureHeader.errorClass]: 'ErpUnavailableError',
    [FailureHeader.errorMessage]: `ERP answered 503 for ${orderId}`,
    [FailureHeader.stage]: 'book-invoice',
    [FailureHeader.firstAt]: '2026-11-23T10:00:00.000Z',
    [FailureHeader.lastAt]: '2026-11-23T10:00:01.000Z',
    [FailureHeader.consumer]: 'erp-connector',
  },
});

describe('FailureStore', () => {
  const db = openRuntimeDatabase(':memory:');
  const store = new FailureStore(db, { maxReplays: 3 });

  it('stores a dead letter once, and never again after it was replayed', () => {
    const first = store.insertDeadLetter(
      'erp.order-created',
      deadLetter('m1', 'ord_aaaaaa11'),
    );
    expect(first).toMatchObject({
      orderId: 'ord_aaaaaa11',
      customerTier: 'gold',
      attempts: 2,
      status: 'failed',
    });
    // The same delivery again (a drain that crashed before its ack): ignored.
    expect(
      store.insertDeadLetter(
        'erp.order-created',
        deadLetter('m1', 'ord_aaaaaa11'),
      ),
    ).toBeUndefined();
    // Replayed (record deleted), then redelivered by the broker: still ignored.
    db.prepare('DELETE FROM failures WHERE id = ?').run(first!.id);
    expect(
      store.insertDeadLetter(
        'erp.order-created',
        deadLetter('m1', 'ord_aaaaaa11'),
      ),
    ).toBeUndefined();
    expect(store.counts('erp.order-created').failed).toBe(0);
    // The same message id dead-lettered by another queue is its own failure.
    expect(
      store.insertDeadLetter(
        'payments.order-created',
        deadLetter('m1', 'ord_aaaaaa11'),
      ),
    ).toBeDefined();
  });

  it('groups failures that differ only by ids under one fingerprint', () => {
    store.insertDeadLetter(
      'erp.order-created',
      deadLetter('m2', 'ord_bbbbbb22'),
    );
    store.insertDeadLetter(
      'erp.order-created',
      deadLetter('m3', 'ord_cccccc33'),
    );
    const groups = store.groups('erp.order-created');
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      count: 2,
      errorClass: 'ErpUnavailableError',
      stage: 'book-invoice',
    });
  });

  it('counts inflow per bucket, including dead letters since replayed, and not other queues', () => {
    const now = Date.now();
    const { bucketSeconds, buckets } = store.inflow(
      'erp.order-created',
      2,
      30,
      now,
    );
    expect(bucketSeconds).toBe(1800);
    expect(buckets).toHaveLength(4);
    // m1 (replayed, record gone), m2, m3 were drained just now: all in the last bucket.
    expect(buckets.map(b => b.count)).toEqual([0, 0, 0, 3]);
    expect(Date.parse(buckets[3].start)).toBeLessThanOrEqual(now);
    expect(
      store.inflow('payments.order-created', 2, 30, now).buckets.at(-1)!.count,
    ).toBe(1);
    // Two hours later nothing is in the window.
    const later = store.inflow('erp.order-created', 1, 30, now + 3 * 3_600_000);
    expect(later.buckets.every(b => b.count === 0)).toBe(true);
  });
});
