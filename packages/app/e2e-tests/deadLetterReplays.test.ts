import {
  APIRequestContext,
  expect as baseExpect,
  Page,
  test,
} from '@playwright/test';
import { placeOrder, setFaults, waitForDeadLetter } from './runtimeDriver';
import { keepScreenshot } from './screenshots';
import { signInAsGuest } from './signIn';

const DLQ = 'erp-connector.order-created';
/** Owned by fulfillment, which the guest is not a member of. */
const FOREIGN_DLQ = 'inventory-service.payment-captured';
const RED = 'rgb(211, 47, 47)';
// A busy CI machine compiles pages on first visit: give each assertion a minute.
const expect = baseExpect.configure({ timeout: 60_000 });
/** When this file's first dead letter was made: its filters leave older ones out. */
const since = new Date();

/** A datetime-local value (the DLQ page's From filter), in the machine's time zone. */
const localMinute = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(
    d.getHours(),
  )}:${p(d.getMinutes())}`;
};

/** Orders whose ERP booking is rejected (an injected fault) until the fault is cleared. */
async function rejectedOrders(request: APIRequestContext, count: number) {
  await setFaults(request, 'legacy-erp', { rejectRate: 1 });
  const orders: string[] = [];
  for (let i = 0; i < count; i++)
    orders.push(
      await placeOrder(request, {
        customerId: `C-E2E-R${i}`,
        customerTier: 'standard',
      }),
    );
  for (const orderId of orders) await waitForDeadLetter(request, DLQ, orderId);
  return orders;
}

/** Opens the ERP connector's DLQ filtered to the ERP's rejections and replays them all. */
async function replayAllRejected(page: Page, reason: string) {
  await page.goto(
    `/dead-letters/integration-runtime/${DLQ}?errorClass=ErpRejectedError&from=${localMinute(
      since,
    )}`,
  );
  const all = page.getByRole('button', { name: /Replay all matching filter/ });
  await expect(all).toBeEnabled();
  const count = Number(/\((\d+)\)/.exec((await all.textContent()) ?? '')?.[1]);
  await all.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('replay-plan')).toBeVisible();
  // The ERP's 422 rejections look permanent: the plan would leave them out; keep them in.
  await expect(dialog.getByTestId('permanent-warning')).toContainText(
    `${count} of ${count} look permanent`,
  );
  await dialog.getByLabel('leave them out').uncheck();
  await expect(dialog.getByTestId('permanent-warning')).toContainText(
    'They are part of this replay.',
  );
  await dialog.getByLabel('reason').fill(reason);
  return { dialog, count };
}

/*
 * What an on-call engineer sees when a replay does not fix anything: the ERP still rejects
 * the messages, they come back to the DLQ, and the replay says so in its status, colour,
 * counters, the recent replays list and a notification that opens it.
 */
test('a replay whose messages fail again says so everywhere, and its requester is notified', async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  await rejectedOrders(request, 2);
  await signInAsGuest(page);

  const { dialog, count } = await replayAllRejected(
    page,
    'ERP should accept documents again (INC-5150)',
  );
  expect(count).toBeGreaterThanOrEqual(2);
  await dialog.getByTestId('replay-submit').click();

  // The fault is still on: every replayed message fails again.
  const status = page.getByTestId('replay-status');
  await expect(status).toHaveText('completed with failures', {
    timeout: 120_000,
  });
  await expect(status).toHaveCSS('background-color', RED);
  await expect(page.getByTestId('count-failed-again')).toHaveText(
    String(count),
  );
  await expect(page.getByTestId('count-replayed')).toHaveText('0');
  await expect(page.getByTestId('count-pending')).toHaveText('0');
  await expect(page.getByTestId('replay-progress-text')).toHaveText(
    `${count} of ${count} done: ${count} failed again`,
  );
  const replayUrl = page.url();
  await keepScreenshot(page, 'dlq-replay-failed-again');

  // The recent replays say the same.
  await page.goto('/dead-letters');
  const row = page
    .getByRole('row')
    .filter({ hasText: 'INC-5150' })
    .filter({ hasText: 'completed with failures' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${count} failed again`);
  await expect(row).toContainText(`${count} of ${count}`);
  await keepScreenshot(page, 'dlq-recent-replays');

  // The requester hears of it, and the notification opens the replay.
  await page.goto('/notifications');
  const title = `Replay of ${count} messages from ${DLQ} completed with failures: failed again ${count} of ${count}`;
  const notification = page.getByText(title).first();
  await expect(notification).toBeVisible({ timeout: 30_000 });
  await keepScreenshot(page, 'dlq-notification');
  await notification.click();
  await expect(page).toHaveURL(replayUrl);
});

/*
 * Above the approval threshold (6 messages per requester and queue within the hour in this
 * suite's backend), a replay waits for a second person of the owning group: its requester
 * is told whom it waits for and is not offered Approve. A cancelled request never shows
 * "approval needed" again, and none of its messages count as pending.
 */
test('the requester is not offered their own approval, and a cancelled request is not pending', async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  // With the first test's messages (failed again) more than the threshold of 6.
  await rejectedOrders(request, 5);
  await signInAsGuest(page);
  const { dialog, count } = await replayAllRejected(
    page,
    'second attempt after the ERP deploy',
  );
  await expect(dialog).toContainText('This replay needs approval');
  await dialog.getByTestId('replay-submit').click();

  const status = page.getByTestId('replay-status');
  await expect(status).toHaveText('awaiting approval');
  const waiting = page.getByTestId('approval-waiting');
  await expect(waiting).toContainText(
    'You requested this replay: it waits for approval by a member of',
  );
  await expect(waiting.getByRole('link')).toHaveText(/finance/i);
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await keepScreenshot(page, 'dlq-awaiting-approval');

  await page.getByRole('button', { name: 'Cancel replay' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Cancel replay' })
    .click();
  await expect(status).toHaveText('cancelled');
  await expect(page.getByTestId('approval-state')).toHaveText(
    'needed, never decided (cancelled)',
  );
  await expect(page.getByTestId('count-not-attempted')).toHaveText(
    String(count),
  );
  await expect(page.getByTestId('count-pending')).toHaveText('0');

  // The ERP is fixed for the next tests.
  await setFaults(request, 'legacy-erp', { rejectRate: 0 });
});

test('a queue the guest may not change says who owns it and whom to ask', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await signInAsGuest(page);
  await page.goto(`/dead-letters/integration-runtime/${FOREIGN_DLQ}`);
  const notice = page.getByTestId('access-notice');
  await expect(notice).toContainText(
    'You may not replay, archive or purge messages of this queue: it is owned by',
  );
  await expect(notice).toContainText('Ask a member of');
  await expect(notice.getByRole('link').first()).toHaveAttribute(
    'href',
    /\/catalog\/default\/group\/fulfillment$/,
  );
  await expect(
    page.getByRole('button', { name: /Replay all matching filter/ }),
  ).toBeDisabled();
  await notice.scrollIntoViewIfNeeded();
  await keepScreenshot(page, 'dlq-not-owner');
});
