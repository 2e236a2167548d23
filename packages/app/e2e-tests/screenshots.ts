import { Page } from '@playwright/test';
import path from 'node:path';

/**
 * Saves a full-page screenshot under docs/screenshots/ when UPDATE_SCREENSHOTS is
 * set (`UPDATE_SCREENSHOTS=1 yarn test:e2e`); a normal run leaves docs/ untouched.
 */
export async function keepScreenshot(page: Page, name: string) {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  await page.screenshot({
    path: path.resolve(__dirname, '../../../docs/screenshots', `${name}.png`),
    fullPage: false,
  });
}
