import { test, expect } from '@playwright/test';
import { sidebar, signInAsGuest } from './signIn';
import { keepScreenshot } from './screenshots';

const backendUrl = `http://localhost:${process.env.E2E_BACKEND_PORT ?? 7107}`;
const token =
  process.env.SWITCHBOARD_API_TOKEN ?? 'switchboard-local-dev-token';

test.describe('integration catalog', () => {
  test.beforeAll(async ({ request }) => {
    // A fresh catalog derives topic relations on its second processing pass: wait for it.
    test.setTimeout(120_000);
    await expect
      .poll(
        async () => {
          const res = await request.get(
            `${backendUrl}/api/catalog/entities/by-name/resource/default/order.created`,
            {
              headers: { Authorization: `Bearer ${token}` },
            },
          );
          const entity = res.ok() ? await res.json() : undefined;
          return (entity?.relations ?? []).filter(
            (r: { type: string }) => r.type === 'subscribedBy',
          ).length;
        },
        { timeout: 100_000, intervals: [2000] },
      )
      .toBeGreaterThan(0);
  });

  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('finds the owner and the consumers of order.created in three clicks', async ({
    page,
  }) => {
    // Click 1: the Integrations page lists APIs, topics and queues with owners.
    await sidebar(page)
      .getByRole('link', { name: 'Integrations', exact: true })
      .click();
    await expect(page.getByText('APIs, topics and queues')).toBeVisible();
    await expect(page.getByText('Ownership completeness')).toBeVisible();
    await keepScreenshot(page, 'integrations-explore');
    await page.getByPlaceholder('Filter').fill('order.created');
    const row = page.getByRole('row').filter({
      has: page.getByRole('link', { name: 'order.created', exact: true }),
    });
    await expect(row).toContainText('orders@acme.example');
    // Click 2: the topic itself, with its owner.
    await row.getByRole('link', { name: 'order.created', exact: true }).click();
    await expect(
      page.getByRole('heading', { name: 'order.created' }),
    ).toBeVisible();
    // Click 3: who is affected if it changes.
    await page.getByRole('link', { name: 'Impact', exact: true }).click();
    const impact = page.getByRole('table').last();
    await expect(impact).toContainText('Payment service');
    await expect(impact).toContainText('ERP connector');
    await expect(impact).toContainText('payments@acme.example');
    await keepScreenshot(page, 'topic-impact');
  });

  test('draws who publishes and who subscribes in the catalog graph', async ({
    page,
  }) => {
    await page.goto('/catalog/default/resource/order.created');
    // The relations card is an SVG graph: nodes and edge labels are text in it.
    const graph = page.locator('svg').filter({ hasText: 'order.created' });
    await expect(graph.getByText('Order service')).toBeVisible();
    await expect(graph.getByText('Payment service')).toBeVisible();
    await expect(graph.getByText('publishesTo').first()).toBeVisible();
    await expect(graph.getByText('subscribesTo').first()).toBeVisible();
    await keepScreenshot(page, 'topic-relations-graph');
  });

  test("a topic's overview: its broker, message schemas, producers and consumers with owners, the DLQ of its queues", async ({
    page,
  }) => {
    await page.goto('/catalog/default/resource/order.created');
    const card = page
      .locator('.MuiCard-root')
      .filter({ hasText: 'Overview of this topic' });
    // The card loads lazily and reads the catalog: slow on a busy machine.
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expect(card).toContainText('amqp://rabbitmq.internal.acme.example/');
    await expect(card).toContainText('Routing key');
    // described by the order events API, with a link to its definition tab
    await expect(
      card.getByRole('link', { name: 'definition' }),
    ).toHaveAttribute('href', '/catalog/default/api/order-events/definition');
    // producers and consumers, each with its owner
    const producers = card.locator('div').filter({
      has: page.getByRole('heading', { name: 'Producers' }),
    });
    await expect(
      producers.getByRole('link', { name: 'Order service' }),
    ).toBeVisible();
    await expect(producers.getByText('sends OrderCreated')).toBeVisible();
    const consumers = card.locator('div').filter({
      has: page.getByRole('heading', { name: 'Consumers' }),
    });
    await expect(
      consumers.getByRole('link', { name: 'Payment service' }),
    ).toBeVisible();
    await expect(
      consumers.getByRole('link', { name: 'payments' }).first(),
    ).toBeVisible();
    // the payload schema as a table, rendered from the AsyncAPI document
    const schema = card.getByRole('table', { name: 'payload schema' }).first();
    await expect(schema).toContainText('orderId');
    await expect(schema).toContainText('lines[].unitPrice');
    await expect(schema).toContainText('one of "standard", "gold", "platinum"');
    // the bound queues, broker discovery off said plainly, and their DLQs in the portal
    await expect(card).toContainText('broker discovery is off');
    const dlqLink = card
      .getByRole('link', { name: 'open in Dead letters' })
      .first();
    await expect(dlqLink).toHaveAttribute(
      'href',
      /^\/dead-letters\/integration-runtime\/[a-z-]+\.order-created$/,
    );
    await card
      .getByRole('heading', { name: 'Producers' })
      .scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'integrations-topic-overview');
    await schema.evaluate(el => el.scrollIntoView({ block: 'center' }));
    await keepScreenshot(page, 'integrations-topic-schema');
    await dlqLink.click();
    await expect(page).toHaveURL(/\/dead-letters\/integration-runtime\//);
  });

  test("a queue's overview: the topic it is bound to, its messages and its DLQ", async ({
    page,
  }) => {
    await page.goto('/catalog/default/resource/payment-service.order-created');
    const card = page
      .locator('.MuiCard-root')
      .filter({ hasText: 'Overview of this queue' });
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expect(
      card.getByRole('link', { name: 'order.created' }),
    ).toBeVisible();
    await expect(
      card.getByRole('link', { name: 'payment-service.order-created.dlq' }),
    ).toBeVisible();
    await expect(
      card.getByRole('link', { name: 'open in Dead letters' }),
    ).toHaveAttribute(
      'href',
      '/dead-letters/integration-runtime/payment-service.order-created',
    );
    await expect(card).toContainText('broker discovery is off');
    await expect(
      card.getByRole('table', { name: 'payload schema' }).first(),
    ).toContainText('customerId');
    await card.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'integrations-queue-overview');
  });
});
