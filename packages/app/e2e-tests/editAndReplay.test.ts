import { APIRequestContext, expect, Page, test } from '@playwright/test';
import {
  placeOrder,
  setFaults,
  sideEffects,
  waitForDeadLetter,
} from './runtimeDriver';
import { keepScreenshot } from './screenshots';
import { signInAsGuest } from './signIn';

const DLQ = 'erp-connector.order-created';
const checkout = (request: APIRequestContext, currency: string) =>
  placeOrder(request, { customerId: 'C-E2E-EDIT', currency, quantity: 2 });

/** Navigates inside the single-page app (the router follows popstate), without a reload. */
async function goInApp(page: Page, path: string) {
  await page.evaluate(to => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/\./g, '\\.')}$`));
}

const bookings = async (request: APIRequestContext, orderId: string) =>
  (await sideEffects(request, orderId)).items.filter(
    e => e.action === 'book-invoice',
  ).length;

/*
 * The on-call path for a message that will fail again: a schema-invalid order.created
 * (currency EURO) is shown as permanent beside a transient ERP outage; replaying both,
 * the plan warns that one looks permanent and leaves it out; the bad message is fixed in
 * the editor (checked against the topic's AsyncAPI schema, diff shown), replayed with a
 * reason, and the ERP books its invoice exactly once.
 */
test('classifies, leaves the permanent one out of the plan, and fixes it with edit and replay', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const poisonId = await checkout(request, 'EURO');
  // A transient failure beside it: the ERP is down for one order.
  await setFaults(request, 'legacy-erp', { outage: true });
  const outageId = await checkout(request, 'EUR');
  await waitForDeadLetter(request, DLQ, poisonId);
  await waitForDeadLetter(request, DLQ, outageId);
  await setFaults(request, 'legacy-erp', { outage: false });

  // In-app navigation only: a full page load of the dev bundle is slow on a busy machine.
  await signInAsGuest(page);
  await goInApp(page, `/dead-letters/integration-runtime/${DLQ}`);

  // Shown on the groups and on the messages, the reason on hover; filterable.
  const groups = page.getByRole('table').filter({ hasText: 'Sample error' });
  const schemaGroup = groups
    .getByRole('row')
    .filter({ hasText: 'SchemaValidationError' });
  // The page's first reads are slow on a busy machine.
  await expect(schemaGroup.getByTestId('failure-classification')).toHaveText(
    'permanent',
    { timeout: 90_000 },
  );
  await expect(
    groups
      .getByRole('row')
      .filter({ hasText: 'ProviderUnavailableError' })
      .getByTestId('failure-classification'),
  ).toHaveText('transient');
  const poisonRow = page.getByRole('row').filter({ hasText: poisonId });
  const outageRow = page.getByRole('row').filter({ hasText: outageId });
  await expect(poisonRow.getByTestId('failure-classification')).toHaveText(
    'permanent',
  );
  await expect(outageRow.getByTestId('failure-classification')).toHaveText(
    'transient',
  );
  await groups.evaluate(el => el.scrollIntoView({ block: 'start' }));
  await schemaGroup.getByTestId('failure-classification').hover();
  await expect(page.getByRole('tooltip')).toContainText('schema validation');
  await keepScreenshot(page, 'dlq-classification');
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // Replay both: the plan warns about the permanent one and leaves it out.
  await poisonRow.getByRole('checkbox').check();
  await outageRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Replay selected' }).click();
  const dialog = page.getByRole('dialog');
  const warning = dialog.getByTestId('permanent-warning');
  await expect(warning).toContainText(
    '1 of 2 look permanent (schema validation (SchemaValidationError)); they will likely fail again.',
  );
  await expect(warning).toContainText('They are left out of this replay.');
  await expect(dialog.getByLabel('leave them out')).toBeChecked();
  await expect(dialog).toContainText('1 message will be replayed');
  await dialog.getByLabel('reason').fill('ERP is back after the outage');
  await keepScreenshot(page, 'dlq-plan-permanent');
  await dialog.getByTestId('replay-submit').click();
  await expect(page.getByTestId('replay-status')).toHaveText('completed', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('count-replayed')).toHaveText('1');
  await expect.poll(() => bookings(request, outageId)).toBe(1);
  expect(await bookings(request, poisonId)).toBe(0);

  // The permanent one, fixed in the editor.
  await goInApp(page, `/dead-letters/integration-runtime/${DLQ}`);
  await page
    .getByRole('row')
    .filter({ hasText: poisonId })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByTestId('failure-classification')).toHaveText(
    'permanent',
  );
  await page.getByRole('button', { name: 'Edit and replay' }).click();
  const editor = page.getByRole('dialog');
  const validation = editor.getByTestId('edit-validation');
  // The first check reads the catalog and parses the AsyncAPI document: slow when busy.
  await expect(validation).toContainText('api:default/order-events', {
    timeout: 60_000,
  });
  await expect(validation).toContainText('/currency');
  await expect(editor.getByTestId('edit-submit')).toBeDisabled();
  const body = editor.getByTestId('edit-body');
  const original = await body.inputValue();
  expect(original).not.toContain('C-E2E-EDIT'); // masked in the editor too
  await body.fill(original.replace('"currency": "EURO"', '"currency": "EUR"'));
  await expect(validation).toContainText(
    'Matches the OrderCreated schema of api:default/order-events',
  );
  const diff = editor.getByTestId('edit-diff');
  await expect(diff.locator('[data-kind="removed"]')).toHaveText([
    '-   "currency": "EURO",',
  ]);
  await expect(diff.locator('[data-kind="added"]')).toHaveText([
    '+   "currency": "EUR",',
  ]);
  await expect(editor.getByTestId('edit-submit')).toBeDisabled(); // no reason yet
  await editor
    .getByLabel('reason')
    .fill('EURO is not an ISO 4217 code; the shop meant EUR (INC-5150)');
  await keepScreenshot(page, 'dlq-edit-and-replay');
  await editor.getByTestId('edit-submit').click();
  await expect(page.getByText(/Edited message replayed as/)).toBeVisible();
  await expect(page.getByText('archived').first()).toBeVisible();

  // The ERP books the fixed order once, and not again.
  await expect
    .poll(() => bookings(request, poisonId), { timeout: 30_000 })
    .toBe(1);
  await page.waitForTimeout(1500);
  expect(await bookings(request, poisonId)).toBe(1);
});
