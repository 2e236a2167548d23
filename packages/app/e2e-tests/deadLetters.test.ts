import { expect, test } from '@playwright/test';
import { e2eBackend } from './e2eEnvironment';
import {
  placeOrder,
  setFaults,
  sideEffects,
  waitForDeadLetter,
} from './runtimeDriver';
import { keepScreenshot } from './screenshots';
import { sidebar, signInAsGuest } from './signIn';

const DLQ = 'erp-connector.order-created';

/*
 * The on-call path against the real runtime on RabbitMQ: the ERP rejects an order (an
 * injected fault), its message lands in the ERP connector's DLQ; the guest (on call for
 * finance-systems, which owns the queue) finds it by order id, sees its trace link, the
 * fault is cleared, the message is replayed with a reason, and the ERP booking happens
 * exactly once.
 */
test('finds a dead letter by order id, replays it after the fix, and the side effect happens once', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // The incident: the legacy ERP rejects every document.
  await setFaults(request, 'legacy-erp', { rejectRate: 1 });
  const orderId = await placeOrder(request, { customerId: 'C-E2E-1' });
  await waitForDeadLetter(request, DLQ, orderId);

  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Dead letters', exact: true })
    .click();
  // The queues table comes first; Recent replays below may name the same queue.
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: DLQ, exact: true }) })
    .first();
  await expect(row).toContainText('finance-systems');
  await keepScreenshot(page, 'dead-letters-overview');
  await row.getByRole('link', { name: DLQ, exact: true }).click();

  // Find it by order id.
  await page.getByLabel('Business id').fill(orderId);
  await page.getByRole('button', { name: 'Apply' }).click();
  const message = page.getByRole('row').filter({ hasText: orderId });
  await expect(message).toHaveCount(1);
  await expect(message).toContainText('ErpRejectedError');
  await keepScreenshot(page, 'dead-letters-queue');
  await message.getByRole('link').first().click();

  // Its failure context and its trace.
  await expect(page.getByText('ErpRejectedError').first()).toBeVisible();
  const trace = page.getByRole('link', { name: 'Open trace' });
  await expect(trace).toHaveAttribute('href', /\/journeys\?q=[0-9a-f]{32}$/);
  // The trace opens as its journey instance, the failed ERP step named.
  const journey = await page.context().newPage();
  await journey.goto((await trace.getAttribute('href'))!);
  await expect(journey).toHaveURL(/\/journeys\/instances\/[0-9a-f]{32}$/, {
    timeout: 30_000,
  });
  await expect(
    journey
      .getByTestId('waterfall-row')
      .filter({ hasText: 'erp-connector' })
      .first(),
  ).toBeVisible();
  await expect(
    journey
      .locator('[data-testid="waterfall-row"][data-error="true"]')
      .filter({ hasText: 'erp-connector' })
      .first(),
  ).toBeVisible();
  // …and links back to the dead-letter record that carries one of its trace ids.
  await expect(
    journey.getByRole('link', { name: `Dead letter in ${DLQ}` }),
  ).toHaveAttribute(
    'href',
    new RegExp(
      `/dead-letters/integration-runtime/${DLQ.replace(
        /\./g,
        '\\.',
      )}/messages/[0-9a-f-]{36}$`,
    ),
  );
  await journey.close();
  await expect(page.getByText('C-E2E-1')).toHaveCount(0); // customerId is masked
  await keepScreenshot(page, 'dead-letters-message');

  // The fix: the ERP accepts documents again.
  await setFaults(request, 'legacy-erp', { rejectRate: 0 });

  await page.getByRole('button', { name: 'Replay this message' }).click();
  const dialog = page.getByRole('dialog');
  // The ERP's 422 looks permanent, so the plan leaves it out; the fix was on the ERP's
  // side, so it goes back in.
  await expect(dialog.getByTestId('permanent-warning')).toContainText(
    '1 of 1 look permanent',
  );
  await dialog.getByLabel('leave them out').uncheck();
  await expect(dialog.getByTestId('permanent-warning')).toContainText(
    'They are part of this replay.',
  );
  await expect(dialog).toContainText('1 message will be replayed');
  const replay = dialog.getByTestId('replay-submit');
  await expect(replay).toBeDisabled(); // no reason yet
  await dialog
    .getByLabel('reason')
    .fill('ERP accepts documents again (INC-4711)');
  await expect(replay).toBeEnabled();
  await keepScreenshot(page, 'dead-letters-replay-plan');
  await replay.click();

  const progress = page.getByTestId('replay-progress');
  await expect(progress).toHaveAttribute('aria-valuenow', '100', {
    timeout: 30_000,
  });
  await expect(page.getByText('completed').first()).toBeVisible();
  await expect(page.getByTestId('replay-progress-text')).toHaveText(
    '1 of 1 done: 1 succeeded',
  );
  await expect(page.getByTestId('replay-status')).toHaveText('completed');
  await keepScreenshot(page, 'dead-letters-replay-done');

  // Exactly one ERP booking for the order, no duplicates anywhere.
  await expect
    .poll(
      async () =>
        (
          await sideEffects(request, orderId)
        ).items.filter(e => e.service === 'erp-connector').length,
      { timeout: 30_000 },
    )
    .toBe(1);
  expect((await sideEffects(request)).duplicates).toBe(0);

  // The order's journey instance tells what happened: failed at the ERP, then finished by
  // the replay; its duration is its own run, the recovery a separate figure.
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${e2eBackend.url}/api/journeys/search?q=${orderId}`,
          { headers: { authorization: `Bearer ${e2eBackend.token}` } },
        );
        const body = await res.json();
        return body.matches?.[0]?.instance;
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toMatchObject({
      status: 'recovered-by-replay',
      recoveredSteps: expect.arrayContaining([
        expect.objectContaining({ service: 'erp-connector', byReplay: true }),
      ]),
      recoveryMs: expect.any(Number),
    });

  // The replay is on the audit trail with its reason.
  await page.goto('/dead-letters/audit');
  await expect(
    page.getByRole('row').filter({ hasText: 'INC-4711' }).first(),
  ).toBeVisible();
  await keepScreenshot(page, 'dead-letters-audit');
});
