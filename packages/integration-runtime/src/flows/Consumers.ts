import { context, trace } from '@opentelemetry/api';
import { createHash } from 'node:crypto';
import { PermanentError } from '../broker/failureOutcome';
import { Consumer, Delivery, QueueSpec } from '../broker/types';
import { actionKey } from '../store/Ledger';
import { FlowDeps } from './FlowDeps';
import { HttpCallError } from './TracedHttp';
import {
  describeIssues,
  OrderCreated,
  OrderRef,
  PaymentEvent,
  RefundRequested,
} from './schemas';
import { QueueId } from './topology';
import { z } from 'zod';

export class SchemaValidationError extends PermanentError {
  constructor(event: string, error: z.ZodError) {
    super(`${event} does not match its contract: ${describeIssues(error)}`);
    this.name = 'SchemaValidationError';
  }
}
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}
export class ErpRejectedError extends PermanentError {
  constructor(message: string) {
    super(message);
    this.name = 'ErpRejectedError';
  }
}

const paymentIdFor = (orderId: string) =>
  `pay_${createHash('sha256').update(orderId).digest('hex').slice(0, 12)}`;

function parse<T extends z.ZodTypeAny>(
  schema: T,
  event: string,
  payload: unknown,
): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new SchemaValidationError(event, parsed.error);
  return parsed.data;
}

/** Maps a provider's HTTP failure to what the broker should do with the message. */
function providerFailure(e: unknown, stage: string): Error {
  let err = e as Error;
  if (e instanceof HttpCallError && e.status >= 500) {
    err = new ProviderUnavailableError(
      `${e.message} (${JSON.stringify(e.body)})`,
    );
  } else if (e instanceof HttpCallError && e.status === 422) {
    err = new ErpRejectedError(`${e.message}: ${JSON.stringify(e.body)}`);
  }
  (err as Error & { stage?: string }).stage = stage;
  if (e instanceof HttpCallError) {
    (err as Error & { httpStatus?: number }).httpStatus = e.status;
  }
  return err;
}

/**
 * The asynchronous half of the demo flows (checkout, invoice-sync, refund). Each
 * consumer performs its side effect at most once (dedupe ledger) and always emits its
 * follow-up event, so a redelivery after a crash neither repeats nor stalls the flow.
 */
export async function startConsumers(deps: FlowDeps): Promise<Consumer[]> {
  const { messaging, ledger, http, names, telemetry, db } = deps;
  const url = (path: string) => `${deps.servicesUrl()}${path}`;

  /**
   * A call with a side effect outside the runtime, with an Idempotency-Key of business id +
   * step: a redelivery after a crash between the provider's answer and the ledger write
   * gets the first answer back instead of doing it twice.
   */
  async function callExternal<T>(
    service: string,
    step: string,
    businessId: string,
    path: string,
    body: object,
    timeoutMs: number,
  ): Promise<T> {
    let answer: T;
    try {
      answer = await http.call<T>(service, 'POST', url(path), {
        body,
        headers: { 'Idempotency-Key': `${businessId}:${step}` },
        timeoutMs,
      });
    } catch (e) {
      throw providerFailure(e, step);
    }
    deps.afterExternalCall?.(step);
    return answer;
  }

  /** Runs `effect` unless this message's action was done; records it in the ledger. */
  async function once(
    queue: QueueSpec,
    delivery: Delivery,
    action: string,
    businessId: string,
    effect: () => Promise<object | void>,
  ) {
    const key = actionKey(
      String(delivery.headers['idempotency-key'] ?? delivery.messageId),
      queue.name,
    );
    const span = trace.getActiveSpan();
    if (ledger.isProcessed(key)) {
      span?.addEvent('duplicate skipped', { 'app.idempotency_key': key });
      return;
    }
    const detail = (await effect()) ?? undefined;
    const recorded = ledger.record(key, {
      service: queue.consumer,
      action,
      businessId,
      detail,
    });
    if (!recorded)
      span?.addEvent('duplicate skipped', { 'app.idempotency_key': key });
  }

  const consumers: Consumer[] = [];
  const on = async (
    id: QueueId,
    handler: (
      payload: Record<string, unknown>,
      d: Delivery,
      q: QueueSpec,
    ) => Promise<void>,
  ) => {
    const q = names.queue(id);
    consumers.push(await messaging.consume(q, (p, d) => handler(p, d, q)));
  };
  const emit = (
    service: string,
    exchange: 'orders' | 'payments' | 'fulfillment',
    key: string,
    payload: object,
    idem: string,
  ) => messaging.enqueue(service, names.exchange(exchange), key, payload, idem);
  const withPayment = (orderId: string) =>
    telemetry.withBusinessIds({ paymentId: paymentIdFor(orderId) });

  // checkout: capture the payment at the provider.
  await on('paymentOrderCreated', async (payload, d, q) => {
    const order = parse(OrderCreated, 'order.created', payload);
    const paymentId = paymentIdFor(order.orderId);
    let result: { captureId: string; status: string } | undefined;
    await context.with(withPayment(order.orderId), async () => {
      await once(q, d, 'capture-payment', order.orderId, async () => {
        const answer = await callExternal<{
          captureId: string;
          status: string;
        }>(
          q.consumer,
          'capture-payment',
          order.orderId,
          '/payment-provider/captures',
          {
            reference: order.orderId,
            amount: order.total,
            currency: order.currency,
          },
          2000,
        );
        result = answer;
        return { paymentId, ...answer };
      });
      if (result?.status === 'declined') {
        await emit(
          q.consumer,
          'payments',
          'payment.failed',
          { orderId: order.orderId, reason: 'declined' },
          `${order.orderId}:payment.failed`,
        );
        return;
      }
      await emit(
        q.consumer,
        'payments',
        'payment.captured',
        {
          paymentId,
          orderId: order.orderId,
          amount: order.total,
          currency: order.currency,
          capturedAt: new Date().toISOString(),
        },
        `${order.orderId}:payment.captured`,
      );
    });
  });

  // invoice-sync: map the order to the ERP's format and book it.
  await on('erpOrderCreated', async (payload, d, q) => {
    const order = parse(OrderCreated, 'order.created', payload);
    await once(q, d, 'book-invoice', order.orderId, async () => {
      const doc = {
        BELNR: order.orderId,
        KUNNR: order.customerId,
        WAERS: order.currency,
        POSITIONS: order.lines.map(l => ({
          MATNR: l.sku,
          MENGE: l.quantity,
          NETPR: l.unitPrice,
        })),
      };
      return callExternal<object>(
        q.consumer,
        'book-invoice',
        order.orderId,
        '/legacy-erp/invoices',
        doc,
        3000,
      );
    });
  });

  await on('inventoryPaymentCaptured', async (payload, d, q) => {
    const payment = parse(PaymentEvent, 'payment.captured', payload);
    const reservationId = `res_${payment.orderId.slice(4)}`;
    await once(q, d, 'reserve-stock', payment.orderId, async () => ({
      reservationId,
    }));
    const order = db
      .prepare('SELECT payload FROM orders WHERE order_id = ?')
      .get(payment.orderId) as { payload: string } | undefined;
    const lines = order ? (JSON.parse(order.payload).lines as unknown[]) : [];
    await emit(
      q.consumer,
      'fulfillment',
      'inventory.reserved',
      { orderId: payment.orderId, reservationId, lines },
      `${payment.orderId}:inventory.reserved`,
    );
  });

  await on('fulfillmentInventoryReserved', async (payload, d, q) => {
    const { orderId } = parse(OrderRef, 'inventory.reserved', payload);
    const shipmentId = `shp_${orderId.slice(4)}`;
    await once(q, d, 'dispatch-shipment', orderId, async () => ({
      shipmentId,
      carrier: 'DHL',
    }));
    db.prepare(
      `UPDATE orders SET status = 'shipped' WHERE order_id = ? AND status = 'placed'`,
    ).run(orderId);
    await emit(
      q.consumer,
      'fulfillment',
      'shipment.dispatched',
      {
        orderId,
        shipmentId,
        carrier: 'DHL',
        trackingUrl: `https://track.example.net/${shipmentId}`,
      },
      `${orderId}:shipment.dispatched`,
    );
  });

  await on('notificationShipmentDispatched', async (payload, d, q) => {
    const { orderId } = parse(OrderRef, 'shipment.dispatched', payload);
    await once(q, d, 'email-shipped', orderId, () =>
      callExternal<object>(
        q.consumer,
        'email-shipped',
        orderId,
        '/email-service/messages',
        { reference: orderId, template: 'order-shipped' },
        2000,
      ),
    );
  });

  await on('orderPaymentFailed', async (payload, d, q) => {
    const { orderId } = parse(OrderRef, 'payment.failed', payload);
    await once(q, d, 'mark-payment-failed', orderId, async () => {
      db.prepare(`UPDATE orders SET status = 'failed' WHERE order_id = ?`).run(
        orderId,
      );
    });
  });

  // refund: compensate at the provider, then in the ERP, then tell the customer.
  await on('paymentRefundRequested', async (payload, d, q) => {
    const refund = parse(RefundRequested, 'order.refund-requested', payload);
    const paymentId = paymentIdFor(refund.orderId);
    await context.with(withPayment(refund.orderId), async () => {
      await once(q, d, 'refund-payment', refund.orderId, () =>
        callExternal<object>(
          q.consumer,
          'refund-payment',
          refund.orderId,
          '/payment-provider/refunds',
          {
            reference: refund.orderId,
            captureId: paymentId,
            amount: refund.amount,
          },
          2000,
        ),
      );
      db.prepare(
        `UPDATE orders SET status = 'refunded' WHERE order_id = ?`,
      ).run(refund.orderId);
      await emit(
        q.consumer,
        'payments',
        'payment.refunded',
        {
          paymentId,
          orderId: refund.orderId,
          amount: refund.amount,
          currency: 'EUR',
        },
        `${refund.orderId}:payment.refunded`,
      );
    });
  });

  await on('erpPaymentRefunded', async (payload, d, q) => {
    const payment = parse(PaymentEvent, 'payment.refunded', payload);
    await once(q, d, 'book-credit-note', payment.orderId, () =>
      callExternal<object>(
        q.consumer,
        'book-credit-note',
        payment.orderId,
        '/legacy-erp/credit-notes',
        {
          BELNR: payment.orderId,
          KUNNR: 'refund',
          WAERS: payment.currency,
          POSITIONS: [{ MATNR: 'REFUND', MENGE: 1, NETPR: payment.amount }],
        },
        3000,
      ),
    );
  });

  await on('notificationPaymentRefunded', async (payload, d, q) => {
    const payment = parse(PaymentEvent, 'payment.refunded', payload);
    await once(q, d, 'email-refunded', payment.orderId, () =>
      callExternal<object>(
        q.consumer,
        'email-refunded',
        payment.orderId,
        '/email-service/messages',
        { reference: payment.orderId, template: 'refund-confirmed' },
        2000,
      ),
    );
  });

  return consumers;
}
