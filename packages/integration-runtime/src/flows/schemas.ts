import { z } from 'zod';

const money = z.string().regex(/^\d+\.\d{2}$/, 'an amount like 49.90');

/** What the storefront sends (checked at the HTTP edge). */
export const NewOrder = z.object({
  customerId: z.string().min(1).max(100),
  customerTier: z.enum(['standard', 'gold', 'platinum']).default('standard'),
  // The currency is passed through unchecked here: the payment service's contract check
  // is where a bad one turns the order.created event into a poison message.
  currency: z.string().min(1).max(10).default('EUR'),
  lines: z
    .array(
      z.object({
        sku: z.string().min(1).max(64),
        quantity: z.number().int().min(1).max(1000),
        unitPrice: money,
      }),
    )
    .min(1)
    .max(100),
});
// eslint-disable-next-line @typescript-eslint/no-redeclare -- zod idiom: a schema and its inferred type share one name
export type NewOrder = z.infer<typeof NewOrder>;

/** The order.created event (catalog-info/apis/order-events.asyncapi.yaml). */
export const OrderCreated = z.object({
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  customerTier: z.enum(['standard', 'gold', 'platinum']),
  total: money,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  lines: NewOrder.shape.lines,
  createdAt: z.string(),
});
// eslint-disable-next-line @typescript-eslint/no-redeclare -- zod idiom: a schema and its inferred type share one name
export type OrderCreated = z.infer<typeof OrderCreated>;

export const RefundRequested = z.object({
  orderId: z.string().min(1),
  reason: z.string(),
  amount: money,
  requestedAt: z.string(),
});

export const PaymentEvent = z.object({
  paymentId: z.string().min(1),
  orderId: z.string().min(1),
  amount: money,
  currency: z.string(),
});

export const OrderRef = z.object({ orderId: z.string().min(1) }).passthrough();

/** Zod issues as one line: `currency: an ISO 4217 code such as EUR`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(i => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
