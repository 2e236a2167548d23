import { test, expect } from '@playwright/test';
import { sidebar, signInAsGuest } from './signIn';
import { keepScreenshot } from './screenshots';

test.describe('catalog and API docs', () => {
  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test('presents itself as Switchboard with the demo catalog', async ({
    page,
  }) => {
    await expect(
      sidebar(page).getByText('Switchboard', { exact: true }),
    ).toBeVisible();
    await expect(page).toHaveTitle(/Switchboard/);
    await expect(
      sidebar(page).getByRole('link', { name: 'APIs', exact: true }),
    ).toBeVisible();
    // The landing page is the home page with the guest's teams' scorecards; the catalog
    // is a click away. The guest owns some components (it is on call for three teams),
    // so the catalog opens on "Owned"; "All" shows the whole organisation.
    await expect(page.getByText("Your teams' scorecards")).toBeVisible();
    await sidebar(page)
      .getByRole('link', { name: 'Catalog', exact: true })
      .click();
    await expect(page.getByText('Owned Components')).toBeVisible();
    await page
      .getByRole('menuitem', { name: /^All/ })
      .or(page.getByText('All', { exact: true }))
      .first()
      .click();
    await expect(
      page.getByRole('link', { name: 'Order service', exact: true }),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Integration runtime', exact: true }),
    ).toBeVisible();
    await keepScreenshot(page, 'catalog-home');
  });

  test('finds the Orders API by name and shows its OpenAPI definition', async ({
    page,
  }) => {
    await sidebar(page)
      .getByRole('link', { name: 'APIs', exact: true })
      .click();
    await page.getByPlaceholder('Filter').fill('orders');
    await page.getByRole('link', { name: 'Orders API', exact: true }).click();
    await expect(
      page.getByRole('heading', { name: 'Orders API' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Definition', exact: true }).click();
    await expect(page).toHaveURL(/\/definition$/);
    // Swagger UI renders the operations of the real OpenAPI document.
    await expect(page.getByText('/orders/{orderId}/refund')).toBeVisible();
    await expect(page.getByText('Place an order')).toBeVisible();
    await keepScreenshot(page, 'api-definition-openapi');
  });

  test('shows an AsyncAPI 3.0 definition with its channels', async ({
    page,
  }) => {
    await sidebar(page)
      .getByRole('link', { name: 'APIs', exact: true })
      .click();
    await page.getByPlaceholder('Filter').fill('order events');
    await page.getByRole('link', { name: 'Order events', exact: true }).click();
    await page.getByRole('link', { name: 'Definition', exact: true }).click();
    await expect(page.getByText('order.created').first()).toBeVisible();
    await expect(
      page.getByText('order.refund-requested').first(),
    ).toBeVisible();
    // The AsyncAPI renderer lists the document's send operations.
    const operations = page.getByRole('heading', { name: 'Operations' });
    await operations.evaluate(el => el.scrollIntoView({ block: 'start' }));
    await expect(operations).toBeVisible();
    await expect(page.getByText('SEND', { exact: true }).first()).toBeVisible();
    await keepScreenshot(page, 'api-definition-asyncapi');
  });
});
