import { QueueSpec, RetryPolicy, Topology } from '../broker/types';

/** The demo landscape's services (OpenTelemetry service.name = catalog component name). */
export const SERVICES = [
  'storefront',
  'api-gateway',
  'order-service',
  'payment-service',
  'payment-provider',
  'inventory-service',
  'fulfillment-service',
  'notification-service',
  'erp-connector',
  'legacy-erp',
  'email-service',
] as const;

/** Logical queue ids; names get the runtime's namespace prefix (empty by default). */
export const QUEUES = {
  paymentOrderCreated: {
    exchange: 'orders',
    key: 'order.created',
    consumer: 'payment-service',
  },
  erpOrderCreated: {
    exchange: 'orders',
    key: 'order.created',
    consumer: 'erp-connector',
  },
  paymentRefundRequested: {
    exchange: 'orders',
    key: 'order.refund-requested',
    consumer: 'payment-service',
  },
  inventoryPaymentCaptured: {
    exchange: 'payments',
    key: 'payment.captured',
    consumer: 'inventory-service',
  },
  orderPaymentFailed: {
    exchange: 'payments',
    key: 'payment.failed',
    consumer: 'order-service',
  },
  erpPaymentRefunded: {
    exchange: 'payments',
    key: 'payment.refunded',
    consumer: 'erp-connector',
  },
  notificationPaymentRefunded: {
    exchange: 'payments',
    key: 'payment.refunded',
    consumer: 'notification-service',
  },
  fulfillmentInventoryReserved: {
    exchange: 'fulfillment',
    key: 'inventory.reserved',
    consumer: 'fulfillment-service',
  },
  notificationShipmentDispatched: {
    exchange: 'fulfillment',
    key: 'shipment.dispatched',
    consumer: 'notification-service',
  },
} as const;
export type QueueId = keyof typeof QUEUES;

export const EXCHANGES = ['orders', 'payments', 'fulfillment'] as const;

/** Names on the broker, e.g. `payment-service.order-created` (prefixed by the namespace). */
export class Names {
  constructor(private readonly namespace = '') {}
  private prefix(name: string) {
    return this.namespace ? `${this.namespace}.${name}` : name;
  }
  exchange(name: (typeof EXCHANGES)[number]) {
    return this.prefix(name);
  }
  queue(id: QueueId): QueueSpec {
    const q = QUEUES[id];
    return {
      name: this.prefix(`${q.consumer}.${q.key.replace(/\./g, '-')}`),
      exchange: this.exchange(q.exchange),
      bindingKeys: [q.key],
      consumer: q.consumer,
    };
  }
  topology(retry: RetryPolicy): Topology {
    return {
      exchanges: EXCHANGES.map(e => this.exchange(e)),
      deadLetterExchange: this.prefix('dead-letters'),
      retry,
      queues: (Object.keys(QUEUES) as QueueId[]).map(id => this.queue(id)),
    };
  }
}
