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
    const first = store.insertDeadLetter('erp.order-created', deadLetter('m1', 'ord_aaaaaa11'));
    expect(first).toMatchObject({ orderId: 'ord_aaaaaa11', customerTier: 'gold', attempts: 2, status: 'failed' });
    // The same delivery again (a drain that crashed before its ack): ignored.
    expect(store.insertDeadLetter('erp.order-created', deadLetter('m1', 'ord_aaaaaa11'))).toBeUndefined();
    // Replayed (record deleted), then redelivered by the broker: still ignored.
    db.prepare('DELETE FROM failures WHERE id = ?').run(first!.id);
    expect(store.insertDeadLetter('erp.order-created', deadLetter('m1', 'ord_aaaaaa11'))).toBeUndefined();
    expect(store.counts('erp.order-created').failed).toBe(0);
    // The same message id dead-lettered by another queue is its own failure.
    expect(store.insertDeadLetter('payments.order-created', deadLetter('m1', 'ord_aaaaaa11'))).toBeDefined();
  });

  it('groups failures that differ only by ids under one fingerprint', () => {
    store.insertDeadLetter('erp.order-created', deadLetter('m2', 'ord_bbbbbb22'));
    store.insertDeadLetter('erp.order-created', deadLetter('m3', 'ord_cccccc33'));
    const groups = store.groups('erp.order-created');
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 2, errorClass: 'ErpUnavailableError', stage: 'book-invoice' });
  });
});
