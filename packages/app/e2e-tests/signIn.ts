import { expect, Page } from '@playwright/test';

/** The portal's sidebar (logo, feature pages, settings). */
export const sidebar = (page: Page) => page.getByTestId('sidebar-root');

/** Enters the embedded portal as the guest user (user:default/guest). */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalogLink = sidebar(page).getByRole('link', {
    name: 'Catalog',
    exact: true,
  });
  // The guest session survives in storage, so the sign-in page may be skipped.
  await expect(enter.or(catalogLink).first()).toBeVisible();
  if (await enter.isVisible()) await enter.click();
  await expect(catalogLink).toBeVisible();
}
