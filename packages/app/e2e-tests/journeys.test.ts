import { expect, test } from '@playwright/test';
import { e2eBackend } from './e2eEnvironment';
import { placeOrder } from './runtimeDriver';
import { keepScreenshot } from './screenshots';
import { sidebar, signInAsGuest } from './signIn';

/*
 * On call, "what happened to order X?": a real checkout through the runtime on RabbitMQ
 * exports its spans (one trace per hop: HTTP entry, then a new trace per consumed message,
 * joined by span links) to journeys-backend; one search for the order id lands on one
 * instance whose waterfall spans the HTTP entry, the queue hops, payment, fulfillment and
 * the ERP sync.
 */
test('an order id typed into the search lands on one instance spanning HTTP calls, queue hops and the ERP sync', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const orderId = await placeOrder(request, {
    customerId: 'C-E2E-J',
    quantity: 2,
  });

  // The runtime's exporters batch per second; assembly runs every two seconds.
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${e2eBackend.url}/api/journeys/search?q=${orderId}`,
          {
            headers: { authorization: `Bearer ${e2eBackend.token}` },
          },
        );
        const body = await res.json();
        return body.matches?.length === 1
          ? body.matches[0].instance.status
          : body.matches?.length;
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe('ok');

  // On a fresh portal the Journey entities reach the plugin with its next catalog read
  // (every 30 s); the traces that came before are then assembled again under them.
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${e2eBackend.url}/api/journeys/journeys?window=24h`,
          { headers: { authorization: `Bearer ${e2eBackend.token}` } },
        );
        const body = await res.json();
        return body.items?.some(
          (j: { ref: string }) => j.ref === 'journey:default/checkout',
        );
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(true);
  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Journeys', exact: true })
    .click();
  await expect(
    page.getByRole('link', { name: 'Checkout', exact: true }).first(),
  ).toBeVisible();
  await keepScreenshot(page, 'journeys-overview');

  const search = page.getByTestId('journey-search');
  await search.fill(orderId);
  await search.press('Enter');
  await expect(page).toHaveURL(/\/journeys\/instances\/[0-9a-f]{32}$/);

  const rows = page.getByTestId('waterfall-row');
  for (const service of [
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
  ]) {
    await expect(
      rows.filter({ hasText: service }).first(),
      `a span of ${service}`,
    ).toBeVisible();
  }
  await expect(page.getByText(orderId).first()).toBeVisible();
  await keepScreenshot(page, 'journey-instance');

  // Span details on click: the consumer span of the payment hop carries the order id.
  await rows
    .filter({ hasText: 'process payment-service.order-created' })
    .first()
    .click();
  await expect(
    page.getByRole('presentation').getByText('app.order.id').first(),
  ).toBeVisible();
  await keepScreenshot(page, 'journey-span-details');
  await page.keyboard.press('Escape');

  // The journey's own page: its stats and its failed, stuck and slowest instances.
  await page
    .getByRole('link', { name: 'checkout', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/journeys\/default\/checkout/);
  await expect(page.getByText('Slowest').first()).toBeVisible();
  await keepScreenshot(page, 'journey-checkout');
  // The same page over three windows: cycle-time percentiles, replays apart, slowest runs.
  for (const window of ['1h', '24h', '7d']) {
    await page.goto(`/journeys/default/checkout?window=${window}`);
    await expect(page.getByTestId('journey-facts')).toContainText(
      `Instances (${window})`,
    );
    await expect(page.getByText('Slowest').first()).toBeVisible();
    await keepScreenshot(page, `journey-checkout-${window}`);
  }
  await page.getByText('Slowest').first().scrollIntoViewIfNeeded();
  await keepScreenshot(page, 'journey-checkout-slowest');

  // A component's Journeys tab lists the journeys it takes part in.
  await page.goto('/catalog/default/component/payment-service/journeys');
  await expect(
    page.getByRole('link', { name: 'Checkout', exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Refund', exact: true }).first(),
  ).toBeVisible();
  await keepScreenshot(page, 'component-journeys-tab');
});

/*
 * The portal observes itself: the browser's Faro SDK traces the page's fetches and sends
 * W3C traceparent to the backend; the backend's OpenTelemetry SDK continues that trace; both
 * export to journeys-backend, where one trace holds the browser span and the backend's.
 */
test('a UI action is one trace from the browser (Faro) through the backend (OpenTelemetry SDK)', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signInAsGuest(page);
  const call = page.waitForRequest(
    r =>
      r.url().includes('/api/journeys/journeys') && !!r.headers().traceparent,
  );
  await sidebar(page)
    .getByRole('link', { name: 'Journeys', exact: true })
    .click();
  const traceparent = (await call).headers().traceparent;
  const traceId = traceparent.split('-')[1];
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);

  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${e2eBackend.url}/api/journeys/search?q=${traceId}`,
          {
            headers: { authorization: `Bearer ${e2eBackend.token}` },
          },
        );
        const services: string[] =
          (await res.json()).matches?.[0]?.instance.services ?? [];
        return (
          services.includes('switchboard-portal') &&
          services.includes('switchboard-backend')
        );
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(true);

  // Opened in the portal itself: the browser's fetch span and the backend's server span.
  await page.goto(`/journeys?q=${traceId}`);
  await expect(page).toHaveURL(/\/journeys\/instances\/[0-9a-f]{32}$/);
  const rows = page.getByTestId('waterfall-row');
  await expect(
    rows.filter({ hasText: 'switchboard-portal' }).first(),
  ).toBeVisible();
  await expect(
    rows.filter({ hasText: 'switchboard-backend' }).first(),
  ).toBeVisible();
  await keepScreenshot(page, 'journey-portal-trace');
});
