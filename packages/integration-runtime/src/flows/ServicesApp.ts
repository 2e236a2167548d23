import { context } from '@opentelemetry/api';
import express, { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { BrokerUnavailableError } from '../broker/types';
import { ExternalAnswer } from '../external/ExternalSystemsStore';
import { FlowDeps } from './FlowDeps';
import { HttpCallError } from './TracedHttp';
import { describeIssues, NewOrder } from './schemas';

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

function sendError(res: Response, status: number, message: string) {
  res
    .status(status)
    .json({ error: { name: status >= 500 ? 'Error' : 'InputError', message } });
}

/** Seconds a caller is told to wait while the broker is down (it reconnects by itself). */
const BROKER_RETRY_AFTER_SECONDS = 5;

function sendUnavailable(res: Response, retryAfterSeconds: number) {
  res
    .status(503)
    .set('Retry-After', String(retryAfterSeconds))
    .json({
      error: {
        name: 'ServiceUnavailableError',
        message: `the message broker is unavailable; retry in ${retryAfterSeconds} s`,
      },
    });
}

/** Relays a downstream answer (error or not) to the caller. */
async function relay(
  res: Response,
  call: () => Promise<unknown>,
  status: number,
) {
  try {
    res.status(status).json(await call());
  } catch (e) {
    if (e instanceof HttpCallError && e.status === 503) {
      sendUnavailable(res, BROKER_RETRY_AFTER_SECONDS);
    } else if (e instanceof HttpCallError) {
      res
        .status(e.status)
        .json(e.body ?? { error: { name: 'Error', message: e.message } });
    } else {
      sendError(res, 502, (e as Error).message);
    }
  }
}

/**
 * The synchronous half of the demo: storefront → api-gateway → order-service over real
 * HTTP, plus the simulated external payment provider and legacy ERP.
 */
export function createServicesApp(deps: FlowDeps): express.Express {
  const { http, faults, messaging, telemetry, names, db, external } = deps;
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  const url = (path: string) => `${deps.servicesUrl()}${path}`;

  // Orders and refunds are only taken while the broker is up: an order accepted now would
  // wait in the outbox for an unknown time. Callers get 503 + Retry-After, not a 500.
  app.use(
    ['/storefront', '/api-gateway', '/order-service'],
    (req, res, next) => {
      if (req.method === 'POST' && deps.brokerState() === 'down') {
        sendUnavailable(res, BROKER_RETRY_AFTER_SECONDS);
        return;
      }
      next();
    },
  );

  /** A simulated external system's endpoint honouring Idempotency-Key durably. */
  const external_ =
    (
      system: string,
      step: string,
      businessId: (req: Request) => string,
      perform: (req: Request) => ExternalAnswer,
    ) =>
    async (req: Request, res: Response) => {
      if (await faults.providerDown(system)) {
        sendError(res, 503, `${system} unavailable: try again later`);
        return;
      }
      const key = String(req.header('idempotency-key') ?? '');
      if (!key) {
        sendError(res, 400, 'Idempotency-Key header is required');
        return;
      }
      const answer = external.once(
        system,
        key,
        { step, businessId: businessId(req) },
        () => perform(req),
      );
      if (answer.repeated) res.set('Idempotent-Replayed', 'true');
      res.status(answer.status).json(answer.body);
    };

  // storefront: the web shop's backend-for-frontend.
  app.post(
    '/storefront/checkout',
    http.route('storefront', '/storefront/checkout', async (req, res) => {
      await faults.apply('storefront');
      await relay(
        res,
        () =>
          http.call('storefront', 'POST', url('/api-gateway/orders'), {
            body: req.body,
          }),
        201,
      );
    }),
  );
  app.post(
    '/storefront/orders/:orderId/refund',
    http.route(
      'storefront',
      '/storefront/orders/{orderId}/refund',
      async (req, res) => {
        await faults.apply('storefront');
        await relay(
          res,
          () =>
            http.call(
              'storefront',
              'POST',
              url(
                `/api-gateway/orders/${encodeURIComponent(
                  req.params.orderId,
                )}/refund`,
              ),
              {
                body: req.body,
              },
            ),
          202,
        );
      },
    ),
  );

  // api-gateway: authenticates (not simulated) and routes.
  app.post(
    '/api-gateway/orders',
    http.route('api-gateway', '/api-gateway/orders', async (req, res) => {
      await faults.apply('api-gateway');
      await relay(
        res,
        () =>
          http.call('api-gateway', 'POST', url('/order-service/orders'), {
            body: req.body,
          }),
        201,
      );
    }),
  );
  app.post(
    '/api-gateway/orders/:orderId/refund',
    http.route(
      'api-gateway',
      '/api-gateway/orders/{orderId}/refund',
      async (req, res) => {
        await faults.apply('api-gateway');
        await relay(
          res,
          () =>
            http.call(
              'api-gateway',
              'POST',
              url(
                `/order-service/orders/${encodeURIComponent(
                  req.params.orderId,
                )}/refund`,
              ),
              {
                body: req.body,
              },
            ),
          202,
        );
      },
    ),
  );

  // order-service: owns orders, publishes order events.
  app.post(
    '/order-service/orders',
    http.route(
      'order-service',
      '/orders',
      async (req: Request, res: Response) => {
        await faults.apply('order-service');
        const parsed = NewOrder.safeParse(req.body);
        if (!parsed.success) {
          sendError(res, 400, describeIssues(parsed.error));
          return;
        }
        const order = parsed.data;
        const orderId = newId('ord');
        const cents = order.lines.reduce(
          (sum, l) => sum + l.quantity * Math.round(Number(l.unitPrice) * 100),
          0,
        );
        const event = {
          orderId,
          customerId: order.customerId,
          customerTier: order.customerTier,
          total: (cents / 100).toFixed(2),
          currency: order.currency,
          lines: order.lines,
          createdAt: new Date().toISOString(),
        };
        const ctx = telemetry.withBusinessIds({
          orderId,
          customerTier: order.customerTier,
        });
        // The order and its order.created commit together (outbox): no order without
        // its event, however the broker or the process fares afterwards.
        context.with(ctx, () =>
          db.transaction(() => {
            db.prepare(
              `INSERT INTO orders (order_id, customer_id, customer_tier, total, currency, status, payload, created_at)
               VALUES (?, ?, ?, ?, ?, 'placed', ?, ?)`,
            ).run(
              orderId,
              event.customerId,
              event.customerTier,
              event.total,
              event.currency,
              JSON.stringify(event),
              event.createdAt,
            );
            messaging.enqueue(
              'order-service',
              names.exchange('orders'),
              'order.created',
              event,
              `${orderId}:order.created`,
            );
          })(),
        );
        res.status(201).json({ ...event, status: 'placed' });
      },
    ),
  );
  app.get(
    '/order-service/orders/:orderId',
    http.route('order-service', '/orders/{orderId}', async (req, res) => {
      const row = db
        .prepare('SELECT * FROM orders WHERE order_id = ?')
        .get(req.params.orderId) as Record<string, string> | undefined;
      if (!row) {
        sendError(res, 404, `no order '${req.params.orderId}'`);
        return;
      }
      res.json({ ...JSON.parse(row.payload), status: row.status });
    }),
  );
  app.post(
    '/order-service/orders/:orderId/refund',
    http.route(
      'order-service',
      '/orders/{orderId}/refund',
      async (req, res) => {
        await faults.apply('order-service');
        const { orderId } = req.params;
        const row = db
          .prepare('SELECT * FROM orders WHERE order_id = ?')
          .get(orderId) as Record<string, string> | undefined;
        if (!row) {
          sendError(res, 404, `no order '${orderId}'`);
          return;
        }
        if (row.status.startsWith('refund')) {
          sendError(res, 409, `order ${orderId} is already ${row.status}`);
          return;
        }
        const event = {
          orderId,
          reason: String(req.body?.reason ?? 'customer request').slice(0, 500),
          amount: row.total,
          requestedAt: new Date().toISOString(),
        };
        const ctx = telemetry.withBusinessIds({
          orderId,
          customerTier: row.customer_tier,
        });
        context.with(ctx, () =>
          db.transaction(() => {
            db.prepare(
              `UPDATE orders SET status = 'refund_requested' WHERE order_id = ?`,
            ).run(orderId);
            messaging.enqueue(
              'order-service',
              names.exchange('orders'),
              'order.refund-requested',
              event,
              `${orderId}:order.refund-requested`,
            );
          })(),
        );
        res
          .status(202)
          .json({ ...JSON.parse(row.payload), status: 'refund_requested' });
      },
    ),
  );

  // payment-provider (external, simulated): honours Idempotency-Key like a real PSP,
  // durably (its own store survives its restart).
  const reference = (req: Request) =>
    String(req.body?.reference ?? req.body?.captureId ?? 'unknown');
  app.post(
    '/payment-provider/captures',
    http.route(
      'payment-provider',
      '/captures',
      external_('payment-provider', 'capture', reference, () => ({
        status: 201,
        body: {
          captureId: newId('cap'),
          status: faults.chance(faults.get('payment-provider').rejectRate)
            ? 'declined'
            : 'captured',
        },
      })),
    ),
  );
  app.post(
    '/payment-provider/refunds',
    http.route(
      'payment-provider',
      '/refunds',
      external_('payment-provider', 'refund', reference, () => ({
        status: 201,
        body: { refundId: newId('ref'), status: 'refunded' },
      })),
    ),
  );

  // legacy-erp (external, simulated): rejects some documents for good, has outages; a
  // repeated Idempotency-Key gets the first booking's document number back.
  const erpBooking = (kind: string) =>
    http.route(
      'legacy-erp',
      `/${kind}`,
      external_(
        'legacy-erp',
        kind,
        req => String(req.body?.BELNR ?? 'unknown'),
        req =>
          faults.chance(faults.get('legacy-erp').rejectRate)
            ? {
                status: 422,
                body: {
                  code: 'KUNNR_UNKNOWN',
                  message: `customer ${req.body?.KUNNR} is not maintained in company code 1000`,
                },
              }
            : {
                status: 201,
                body: {
                  documentNumber: `49${
                    randomBytes(4).readUInt32BE() % 100000000
                  }`,
                },
              },
      ),
    );
  app.post('/legacy-erp/invoices', erpBooking('invoices'));
  app.post('/legacy-erp/credit-notes', erpBooking('credit-notes'));

  // email-service (external, simulated): sends each message once per Idempotency-Key.
  app.post(
    '/email-service/messages',
    http.route(
      'email-service',
      '/messages',
      external_(
        'email-service',
        'email',
        req => String(req.body?.reference ?? 'unknown'),
        req => ({
          status: 202,
          body: {
            messageId: newId('msg'),
            template: String(req.body?.template ?? ''),
          },
        }),
      ),
    ),
  );

  app.use(
    (err: Error, _req: Request, res: Response, _next: express.NextFunction) => {
      if (err instanceof BrokerUnavailableError) {
        if (!res.headersSent) sendUnavailable(res, err.retryAfterSeconds);
        return;
      }
      const status = (err as { status?: number }).status ?? 500;
      if (!res.headersSent)
        sendError(
          res,
          status >= 400 && status < 600 ? status : 500,
          err.message,
        );
    },
  );
  return app;
}
