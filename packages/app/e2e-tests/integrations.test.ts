import { test, expect } from '@playwright/test';
import { sidebar, signInAsGuest } from './signIn';
import { keepScreenshot } from './screenshots';

test.describe('integration catalog', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('finds the owner and the consumers of order.created in three clicks', async ({ page }) => {
    // Click 1: the Integrations page lists APIs, topics and queues with owners.
    await sidebar(page).getByRole('link', { name: 'Integrations', exact: true }).click();
    await expect(page.getByText(/APIs, topics and queues \(\d+\)/)).toBeVisible();
    await expect(page.getByText('Ownership completeness')).toBeVisible();
    await keepScreenshot(page, 'integrations-explore');
    await page.getByPlaceholder('Search').fill('order.created');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'order.created', exact: true }) });
    await expect(row).toContainText('orders@acme.example');
    // Click 2: the topic itself, with its owner.
    await row.getByRole('link', { name: 'order.created', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'order.created' })).toBeVisible();
    // Click 3: who is affected if it changes.
    await page.getByRole('link', { name: 'Impact', exact: true }).click();
    const impact = page.getByRole('table').last();
    await expect(impact).toContainText('payment-service');
    await expect(impact).toContainText('erp-connector');
    await expect(impact).toContainText('payments@acme.example');
    await keepScreenshot(page, 'topic-impact');
  });
});
