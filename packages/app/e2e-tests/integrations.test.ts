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
});
