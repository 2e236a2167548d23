import { context } from '@opentelemetry/api';
import express, { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { FlowDeps } from './FlowDeps';
import { HttpCallError } from './TracedHttp';
import { describeIssues, NewOrder } from './schemas';

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

function sendError(res: Response, status: number, message: string) {
  res
    .status(status)
    .json({ error: { name: status >= 500 ? 'Error' : 'InputError', message } });
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
    if (e instanceof HttpCallError) {
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
  const { http, faults, messaging, telemetry, names, db } = deps;
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  const url = (path: string) => `${deps.servicesUrl()}${path}`;

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
        const ctx = telemetry.withBusinessIds({
          orderId,
          customerTier: order.customerTier,
        });
        await context.with(ctx, () =>
          messaging.publish(
            'order-service',
            names.exchange('orders'),
            'order.created',
            event,
            `${orderId}:order.created`,
          ),
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
        db.prepare(
          `UPDATE orders SET status = 'refund_requested' WHERE order_id = ?`,
        ).run(orderId);
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
        await context.with(ctx, () =>
          messaging.publish(
            'order-service',
            names.exchange('orders'),
            'order.refund-requested',
            event,
            `${orderId}:order.refund-requested`,
          ),
        );
        res
          .status(202)
          .json({ ...JSON.parse(row.payload), status: 'refund_requested' });
      },
    ),
  );

  // payment-provider (external, simulated): honours Idempotency-Key like a real PSP.
  const captures = new Map<string, { captureId: string; status: string }>();
  app.post(
    '/payment-provider/captures',
    http.route('payment-provider', '/captures', async (req, res) => {
      if (await faults.providerDown('payment-provider')) {
        sendError(res, 503, 'payment provider unavailable');
        return;
      }
      const key = String(req.header('idempotency-key') ?? '');
      if (!key) {
        sendError(res, 400, 'Idempotency-Key header is required');
        return;
      }
      const known = captures.get(key);
      if (known) {
        res.status(201).json(known);
        return;
      }
      const result = {
        captureId: newId('cap'),
        status: faults.chance(faults.get('payment-provider').rejectRate)
          ? 'declined'
          : 'captured',
      };
      captures.set(key, result);
      res.status(201).json(result);
    }),
  );
  app.post(
    '/payment-provider/refunds',
    http.route('payment-provider', '/refunds', async (_req, res) => {
      if (await faults.providerDown('payment-provider')) {
        sendError(res, 503, 'payment provider unavailable');
        return;
      }
      res.status(201).json({ refundId: newId('ref'), status: 'refunded' });
    }),
  );

  // legacy-erp (external, simulated): rejects some documents for good, has outages.
  const erpBooking = (kind: string) =>
    http.route('legacy-erp', `/${kind}`, async (req, res) => {
      if (await faults.providerDown('legacy-erp')) {
        sendError(res, 503, 'ERP batch window: try again later');
        return;
      }
      if (faults.chance(faults.get('legacy-erp').rejectRate)) {
        res.status(422).json({
          code: 'KUNNR_UNKNOWN',
          message: `customer ${req.body?.KUNNR} is not maintained in company code 1000`,
        });
        return;
      }
      res.status(201).json({
        documentNumber: `49${randomBytes(4).readUInt32BE() % 100000000}`,
      });
    });
  app.post('/legacy-erp/invoices', erpBooking('invoices'));
  app.post('/legacy-erp/credit-notes', erpBooking('credit-notes'));

  app.use(
    (err: Error, _req: Request, res: Response, _next: express.NextFunction) => {
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
