import fs from 'node:fs';
import path from 'node:path';
import { APIRequestContext, expect, test } from '@playwright/test';
import { e2eBackend, e2eCatalogDir } from './e2eEnvironment';
import { sidebar, signInAsGuest } from './signIn';
import { keepScreenshot } from './screenshots';

const headers = { Authorization: `Bearer ${e2eBackend.token}` };
// Copied into the portal's catalog directory while the tests run, removed after.
const fixture = path.join(e2eCatalogDir, 'catalog-errors.yaml');

type FailingEntity = { entityRef: string; errors: { message: string }[] };

/** The refs of the failing entities; none while the backend (re)starts. */
async function failingEntities(request: APIRequestContext) {
  const response = await request
    .get(`${e2eBackend.url}/api/catalog/processing-errors?limit=200`, {
      headers,
    })
    .catch(() => undefined);
  if (!response?.ok()) return [];
  return ((await response.json()).items as FailingEntity[]).map(
    e => e.entityRef,
  );
}

test.describe('catalog processing errors', () => {
  // The first page load of a dev-server bundle can take a minute on a busy machine.
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(async ({ request }) => {
    test.setTimeout(150_000);
    // A catalog file of this test's own: a component with two invalid API documents.
    fs.mkdirSync(e2eCatalogDir, { recursive: true });
    fs.copyFileSync(
      path.resolve(__dirname, 'fixtures/catalog-errors.yaml'),
      fixture,
    );
    await expect
      .poll(() => failingEntities(request), {
        timeout: 120_000,
        intervals: [2000],
      })
      .toEqual(
        expect.arrayContaining([
          'api:default/label-printer-api',
          'api:default/label-events',
        ]),
      );
    // The component itself is valid and stored.
    await expect
      .poll(
        async () =>
          (
            await request
              .get(
                `${e2eBackend.url}/api/catalog/entities/by-name/component/default/label-printer`,
                { headers },
              )
              .catch(() => undefined)
          )?.status(),
        { timeout: 60_000, intervals: [2000] },
      )
      .toBe(200);
  });

  test.afterAll(() => {
    // The catalog directory's provider then drops the component and the failing APIs.
    fs.rmSync(fixture, { force: true });
  });

  test.beforeEach(async ({ page }) => {
    await signInAsGuest(page);
  });

  test("the provider's page says which APIs failed, why and where", async ({
    page,
  }) => {
    // As its team would: the catalog, filtered, then the component.
    await sidebar(page)
      .getByRole('link', { name: 'Catalog', exact: true })
      .click();
    await page.getByPlaceholder('Search').fill('label printer');
    const component = page.getByRole('link', {
      name: 'Label printer',
      exact: true,
    });
    // The catalog table loads its page after the search: up to a minute when busy.
    await expect(component).toBeVisible({ timeout: 60_000 });
    await component.click();
    await expect(
      page.getByRole('heading', { name: 'Label printer' }).first(),
    ).toBeVisible();
    // The card loads after the page: give it the time a busy machine needs.
    const title = page.getByText(
      '2 APIs of this component failed catalog processing',
    );
    await expect(title).toBeVisible({ timeout: 60_000 });
    const card = page.locator('.MuiAccordion-root').filter({ has: title });
    await expect(card).toContainText(
      "OpenAPI definition of api:default/label-printer-api is invalid: Can't resolve #/components/responses/LabelCreated",
    );
    await expect(card).toContainText(
      'AsyncAPI definition of api:default/label-events is invalid:',
    );
    await expect(card).toContainText(
      'not in the catalog until its processing succeeds',
    );
    await expect(card).toContainText(`From ${fixture}`);
    await card.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'catalog-processing-errors-provider');

    await card
      .getByRole('link', { name: 'All failing entities in the catalog' })
      .click();
    await expect(page).toHaveURL(/\/catalog-errors$/);
    // The page's own header (the app's top bar may name the page too).
    await expect(
      page.getByRole('main').getByRole('heading', { name: 'Catalog errors' }),
    ).toBeVisible();
  });

  test('the Catalog errors page lists every failing entity with its error and file', async ({
    page,
  }) => {
    await sidebar(page)
      .getByRole('link', { name: 'Catalog errors', exact: true })
      .click();
    const row = page
      .getByRole('row')
      .filter({ hasText: 'api:default/label-printer-api' });
    await expect(row).toContainText('orders');
    await expect(row).toContainText('no: never processed');
    await expect(row).toContainText(
      "Can't resolve #/components/responses/LabelCreated",
    );
    await expect(row).toContainText(fixture);
    await expect(
      page.getByRole('row').filter({ hasText: 'api:default/label-events' }),
    ).toContainText(
      'AsyncAPI definition of api:default/label-events is invalid',
    );
    await keepScreenshot(page, 'catalog-processing-errors-page');
  });
});
