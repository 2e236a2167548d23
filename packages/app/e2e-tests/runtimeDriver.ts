import { APIRequestContext, expect } from '@playwright/test';
import { e2eRuntime } from './e2eEnvironment';

/*
 * What the tests do to the suite's integration runtime through its own APIs: place
 * orders, inject and clear faults in the simulated external systems, wait for a dead
 * letter and read the side effects those systems saw.
 */

const admin = {
  authorization: `Bearer ${e2eRuntime.token}`,
  'content-type': 'application/json',
};

export interface Order {
  customerId: string;
  customerTier?: string;
  currency?: string;
  quantity?: number;
}

/** One checkout through the runtime's storefront; the new order's id. */
export async function placeOrder(
  request: APIRequestContext,
  { customerId, customerTier = 'gold', currency, quantity = 1 }: Order,
): Promise<string> {
  const res = await request.post(
    `${e2eRuntime.servicesUrl}/storefront/checkout`,
    {
      data: {
        customerId,
        customerTier,
        ...(currency ? { currency } : {}),
        lines: [{ sku: 'SKU-MUG', quantity, unitPrice: '12.50' }],
      },
    },
  );
  expect(res.status()).toBe(201);
  return (await res.json()).orderId;
}

/** Sets a simulated system's injected faults, e.g. `{ rejectRate: 1 }` or `{ outage: false }`. */
export async function setFaults(
  request: APIRequestContext,
  system: 'legacy-erp' | 'payment-provider',
  faults: Record<string, unknown>,
) {
  const res = await request.put(`${e2eRuntime.adminUrl}/v1/faults/${system}`, {
    headers: admin,
    data: faults,
  });
  expect(res.ok()).toBe(true);
}

/** Waits until the order's message is in the dead-letter queue `dlq`. */
export async function waitForDeadLetter(
  request: APIRequestContext,
  dlq: string,
  orderId: string,
) {
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(
              `${e2eRuntime.adminUrl}/v1/dlqs/${dlq}/messages?businessId=${orderId}`,
              { headers: admin },
            )
          ).json()
        ).items.length,
      { timeout: 60_000 },
    )
    .toBe(1);
}

export interface SideEffects {
  items: Array<{ service: string; action: string }>;
  duplicates: number;
}

/** What the simulated external systems saw: for one business id, or the totals. */
export async function sideEffects(
  request: APIRequestContext,
  businessId?: string,
): Promise<SideEffects> {
  const query = businessId
    ? `businessId=${encodeURIComponent(businessId)}&limit=100`
    : 'limit=1';
  return (
    await request.get(`${e2eRuntime.adminUrl}/v1/side-effects?${query}`, {
      headers: admin,
    })
  ).json();
}
