import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';

/**
 * End-to-end tests in Debian's Chromium (no browser download: CHROMIUM_PATH or
 * /usr/bin/chromium). The portal is started by Playwright unless one already answers
 * (locally) — in CI it always starts fresh, on a throwaway data directory.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dataDir =
  process.env.SWITCHBOARD_DATA_DIR ??
  path.resolve(__dirname, 'node_modules/.cache/e2e-data');
// Own ports, so the suite runs beside a portal started with `npm start`.
const appUrl = `http://localhost:${process.env.E2E_APP_PORT ?? 3100}`;
const backendPort = Number(process.env.E2E_BACKEND_PORT ?? 7107);
const backendUrl = `http://localhost:${backendPort}`;
const portalEnv = {
  APP_CONFIG_app_baseUrl: appUrl,
  APP_CONFIG_backend_baseUrl: backendUrl,
  APP_CONFIG_backend_listen_port: String(backendPort),
  APP_CONFIG_backend_cors_origin: appUrl,
};

export default defineConfig({
  testDir: 'packages',
  testMatch: '*/e2e-tests/**/*.test.ts',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'e2e-test-report' }]],
  outputDir: 'node_modules/.cache/e2e-test-results',

  webServer: [
    {
      command: 'yarn workspace backend start',
      url: `${backendUrl}/.backstage/health/v1/readiness`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      env: { ...portalEnv, SWITCHBOARD_DATA_DIR: dataDir },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn workspace app start',
      url: appUrl,
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      env: portalEnv,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? appUrl,
    actionTimeout: 15_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },

  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: chromium,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
