import { randomBytes } from 'node:crypto';
import { ExportTraceServiceRequest } from '../../src/ingest/OtlpDecoder';

// ---------------------------------------------------------------------------------------
// A checkout order as the runtime emits it: three traces of 10 spans joined by span links
// (storefront → orders-api → RabbitMQ → payment-service → RabbitMQ → erp-connector →
// notification-service), app.order.id on the business spans, messaging.message.id on the
// producer/consumer pairs, ~2% of payments failing.
// ---------------------------------------------------------------------------------------

export type Attr = string | number | boolean;
export interface GenSpan {
  trace: number; // 0..2 within the order
  index: number; // 0..29 within the order
  parent: number; // index of the parent, -1 for a root
  service: string;
  name: string;
  kind: number;
  startUs: number;
  durationUs: number;
  error?: string;
  attributes: Array<[string, Attr]>;
  link?: number; // index of the linked span (another trace of the order)
}

export const SERVICES = [
  'storefront',
  'orders-api',
  'payment-service',
  'erp-connector',
  'notification-service',
];
const SCOPES: Record<string, string> = {
  storefront: '@opentelemetry/instrumentation-http',
  'orders-api': '@opentelemetry/instrumentation-express',
  'payment-service': '@opentelemetry/instrumentation-amqplib',
  'erp-connector': '@opentelemetry/instrumentation-amqplib',
  'notification-service': '@opentelemetry/instrumentation-http',
};

export const orderId = (n: number) => `ORD-2026-${String(n).padStart(9, '0')}`;

export function orderSpans(n: number, t0Us: number): GenSpan[] {
  const order = orderId(n);
  const failed = n % 50 === 7;
  const msgA = `msg-${n.toString(36)}-oc`;
  const msgB = `msg-${n.toString(36)}-pc`;
  const spans: GenSpan[] = [];
  const add = (
    trace: number,
    parent: number,
    service: string,
    name: string,
    kind: number,
    offsetMs: number,
    durMs: number,
    attributes: Array<[string, Attr]>,
    extra: Partial<GenSpan> = {},
  ) => {
    spans.push({
      trace,
      index: spans.length,
      parent,
      service,
      name,
      kind,
      startUs: t0Us + Math.round(offsetMs * 1000),
      durationUs: Math.round(durMs * 1000),
      attributes,
      ...extra,
    });
  };
  const httpServer = (
    method: string,
    route: string,
    status: number,
  ): Array<[string, Attr]> => [
    ['http.request.method', method],
    ['http.route', route],
    ['url.path', route],
    ['url.scheme', 'http'],
    ['http.response.status_code', status],
  ];
  const httpClient = (
    method: string,
    url: string,
    status: number,
  ): Array<[string, Attr]> => [
    ['http.request.method', method],
    ['url.full', url],
    ['server.address', new URL(url).hostname],
    ['http.response.status_code', status],
  ];
  const db = (op: string, table: string): Array<[string, Attr]> => [
    ['db.system.name', 'postgresql'],
    ['db.operation.name', op],
    ['db.collection.name', table],
    ['db.namespace', 'shop'],
  ];
  const messaging = (
    op: 'publish' | 'process',
    dest: string,
    routingKey: string,
    id: string,
  ): Array<[string, Attr]> => [
    ['messaging.system', 'rabbitmq'],
    ['messaging.operation.type', op],
    ['messaging.destination.name', dest],
    ['messaging.rabbitmq.destination.routing_key', routingKey],
    ['messaging.message.id', id],
    ['app.order.id', order],
  ];
  // Trace 0: checkout (entry), spans 0..9
  add(0, -1, 'storefront', 'POST /storefront/checkout', 2, 0, 180, [
    ...httpServer('POST', '/storefront/checkout', 201),
    ['app.order.id', order],
  ]);
  add(0, 0, 'storefront', 'cart.validate', 1, 2, 6, [
    ['app.cart.items', 1 + (n % 7)],
  ]);
  add(
    0,
    0,
    'storefront',
    'POST',
    3,
    10,
    160,
    httpClient('POST', 'http://orders-api:8080/orders', 201),
  );
  add(0, 2, 'orders-api', 'POST /orders', 2, 12, 150, [
    ...httpServer('POST', '/orders', 201),
    ['app.order.id', order],
  ]);
  add(0, 3, 'orders-api', 'order.create', 1, 14, 120, [
    ['app.order.id', order],
    ['app.order.total', 19.9 + (n % 100)],
  ]);
  add(0, 4, 'orders-api', 'INSERT orders', 3, 16, 8, db('INSERT', 'orders'));
  add(
    0,
    4,
    'orders-api',
    'SELECT inventory',
    3,
    26,
    5,
    db('SELECT', 'inventory'),
  );
  add(
    0,
    4,
    'orders-api',
    'GET',
    3,
    33,
    40,
    httpClient('GET', 'http://inventory-api:8080/stock', 200),
  );
  add(
    0,
    4,
    'orders-api',
    'orders publish',
    4,
    80,
    4,
    messaging('publish', 'orders', 'order.created', msgA),
  );
  add(0, 3, 'orders-api', 'outbox.flush', 1, 140, 6, []);
  // Trace 1: payment, consumer linked to span 8, spans 10..19
  add(
    1,
    -1,
    'payment-service',
    'orders process',
    5,
    200,
    400,
    messaging('process', 'orders', 'order.created', msgA),
    { link: 8, error: failed ? 'payment declined' : undefined },
  );
  add(
    1,
    10,
    'payment-service',
    'payment.authorize',
    1,
    202,
    300,
    [
      ['app.order.id', order],
      ['app.payment.method', n % 3 ? 'card' : 'paypal'],
    ],
    { error: failed ? 'payment declined' : undefined },
  );
  add(
    1,
    11,
    'payment-service',
    'POST',
    3,
    205,
    250,
    httpClient(
      'POST',
      'https://psp.example.com/v1/charges',
      failed ? 402 : 200,
    ),
    { error: failed ? 'HTTP 402 from PSP: card_declined' : undefined },
  );
  add(
    1,
    11,
    'payment-service',
    'INSERT payments',
    3,
    460,
    7,
    db('INSERT', 'payments'),
  );
  add(
    1,
    11,
    'payment-service',
    'UPDATE payments',
    3,
    470,
    6,
    db('UPDATE', 'payments'),
  );
  add(1, 10, 'payment-service', 'fraud.check', 1, 480, 30, [
    ['app.fraud.score', (n % 97) / 100],
  ]);
  add(
    1,
    10,
    'payment-service',
    'GET',
    3,
    512,
    25,
    httpClient('GET', 'http://customer-api:8080/customers/c-42', 200),
  );
  add(
    1,
    10,
    'payment-service',
    'payments publish',
    4,
    540,
    4,
    messaging(
      'publish',
      'payments',
      failed ? 'payment.failed' : 'payment.captured',
      msgB,
    ),
  );
  add(1, 10, 'payment-service', 'ledger.record', 1, 560, 20, [
    ['app.order.id', order],
  ]);
  add(1, 10, 'payment-service', 'amqp.ack', 1, 595, 1, []);
  // Trace 2: ERP sync and notification, consumer linked to span 17, spans 20..29
  add(
    2,
    -1,
    'erp-connector',
    'payments process',
    5,
    700,
    600,
    messaging(
      'process',
      'payments',
      failed ? 'payment.failed' : 'payment.captured',
      msgB,
    ),
    { link: 17 },
  );
  add(2, 20, 'erp-connector', 'erp.map', 1, 702, 5, [['app.order.id', order]]);
  add(
    2,
    20,
    'erp-connector',
    'POST',
    3,
    710,
    350,
    httpClient('POST', 'https://erp.example.com/api/salesorders', 201),
  );
  add(
    2,
    20,
    'erp-connector',
    'INSERT erp_sync',
    3,
    1062,
    6,
    db('INSERT', 'erp_sync'),
  );
  add(2, 20, 'erp-connector', 'erp.retry.policy', 1, 1070, 1, [
    ['app.erp.attempt', 1],
  ]);
  add(
    2,
    20,
    'erp-connector',
    'POST',
    3,
    1072,
    200,
    httpClient('POST', 'http://notification-service:8080/notifications', 202),
  );
  add(2, 25, 'notification-service', 'POST /notifications', 2, 1074, 195, [
    ...httpServer('POST', '/notifications', 202),
    ['app.order.id', order],
  ]);
  add(2, 26, 'notification-service', 'template.render', 1, 1076, 15, [
    ['app.template', failed ? 'payment-failed' : 'order-confirmed'],
  ]);
  add(
    2,
    26,
    'notification-service',
    'POST',
    3,
    1093,
    170,
    httpClient('POST', 'http://smtp-relay:8025/send', 202),
  );
  add(2, 20, 'erp-connector', 'amqp.ack', 1, 1298, 1, []);
  return spans;
}

/** Random ids for one order: 3 trace ids (32 hex) and 30 span ids (16 hex). */
export function orderIds(): { traces: string[]; spans: string[] } {
  const b = randomBytes(3 * 16 + 30 * 8).toString('hex');
  return {
    traces: [0, 1, 2].map(i => b.slice(i * 32, i * 32 + 32)),
    spans: Array.from({ length: 30 }, (_, i) =>
      b.slice(96 + i * 16, 96 + i * 16 + 16),
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Requests: 100 whole traces (1,000 spans) per request, one ResourceSpans per service, as a
// collector batching several services would forward them.
// ---------------------------------------------------------------------------------------

export interface OtlpTrace {
  traceId: string;
  spans: Array<{ g: GenSpan; ids: { traces: string[]; spans: string[] } }>;
}

export function* traceStream(
  firstOrder: number,
  t0Us: number,
): Generator<OtlpTrace> {
  for (let n = firstOrder; ; n++) {
    const ids = orderIds();
    const spans = orderSpans(n, t0Us + n * 50_000);
    for (let t = 0; t < 3; t++) {
      yield {
        traceId: ids.traces[t],
        spans: spans.filter(s => s.trace === t).map(g => ({ g, ids })),
      };
    }
  }
}

function anyValue(v: Attr, json: boolean) {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v)
    ? { intValue: json ? String(v) : v }
    : { doubleValue: v };
}

function resourceAttributes(service: string, json: boolean) {
  return Object.entries({
    'service.name': service,
    'service.namespace': 'shop',
    'service.version': '1.14.2',
    'deployment.environment.name': 'production',
    'host.name': `${service}-7d9f8c6b5-x2k4p`,
    'telemetry.sdk.language': 'nodejs',
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.version': '2.1.0',
  }).map(([key, value]) => ({ key, value: anyValue(value, json) }));
}

export function buildRequest(traces: OtlpTrace[], json: boolean): Buffer {
  const id = (hex: string) => (json ? hex : Buffer.from(hex, 'hex'));
  const noParent = json ? '' : Buffer.alloc(0);
  const byService = new Map<string, unknown[]>();
  for (const t of traces) {
    for (const { g, ids } of t.spans) {
      const start = BigInt(g.startUs) * 1000n;
      const span = {
        traceId: id(ids.traces[g.trace]),
        spanId: id(ids.spans[g.index]),
        parentSpanId: g.parent >= 0 ? id(ids.spans[g.parent]) : noParent,
        name: g.name,
        kind: g.kind,
        startTimeUnixNano: start.toString(),
        endTimeUnixNano: (start + BigInt(g.durationUs) * 1000n).toString(),
        attributes: g.attributes.map(([key, value]) => ({
          key,
          value: anyValue(value, json),
        })),
        events: g.error
          ? [
              {
                timeUnixNano: (start + 1000n).toString(),
                name: 'exception',
                attributes: [
                  { key: 'exception.message', value: { stringValue: g.error } },
                ],
              },
            ]
          : [],
        links:
          g.link !== undefined
            ? [
                {
                  traceId: id(ids.traces[Math.floor(g.link / 10)]),
                  spanId: id(ids.spans[g.link]),
                  attributes: [],
                },
              ]
            : [],
        status: g.error ? { code: 2, message: g.error } : { code: 0 },
      };
      if (!byService.has(g.service)) byService.set(g.service, []);
      byService.get(g.service)!.push(span);
    }
  }
  const request = {
    resourceSpans: [...byService.entries()].map(([service, spans]) => ({
      resource: { attributes: resourceAttributes(service, json) },
      scopeSpans: [
        { scope: { name: SCOPES[service], version: '0.201.0' }, spans },
      ],
    })),
  };
  if (json) return Buffer.from(JSON.stringify(request));
  return Buffer.from(
    ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject(request),
    ).finish(),
  );
}
