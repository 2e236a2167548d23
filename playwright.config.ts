import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';
import {
  appUrl,
  backendPort,
  backendUrl,
  e2eCatalogDir,
  e2eRuntime,
  runtimeAdminPort,
} from './packages/app/e2e-tests/e2eEnvironment';

/**
 * End-to-end tests in Debian's Chromium (no browser download: CHROMIUM_PATH or
 * /usr/bin/chromium). The portal is started by Playwright unless one already answers
 * (locally) — in CI it always starts fresh, on a throwaway data directory.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dataDir =
  process.env.SWITCHBOARD_DATA_DIR ??
  path.resolve(__dirname, 'node_modules/.cache/e2e-data');
const portalEnv = {
  APP_CONFIG_app_baseUrl: appUrl,
  APP_CONFIG_backend_baseUrl: backendUrl,
  APP_CONFIG_backend_listen_port: String(backendPort),
  APP_CONFIG_backend_cors_origin: appUrl,
  RUNTIME_ADMIN_URL: e2eRuntime.adminUrl,
  RUNTIME_ADMIN_TOKEN: e2eRuntime.token,
};

export default defineConfig({
  testDir: 'packages',
  testMatch: '*/e2e-tests/**/*.test.ts',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',

  webServer: [
    {
      command: 'yarn workspace @internal/integration-runtime serve',
      url: `${e2eRuntime.adminUrl}/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: {
        RABBITMQ_URL:
          process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
        // Queue names as catalog-info/queues.yaml declares them.
        RUNTIME_NAMESPACE: '',
        RUNTIME_DATA_DIR: path.join(dataDir, 'runtime'),
        RUNTIME_ADMIN_PORT: String(runtimeAdminPort),
        RUNTIME_SERVICES_PORT: String(runtimeAdminPort + 1),
        RUNTIME_ADMIN_TOKEN: e2eRuntime.token,
        RUNTIME_RETRY_BASE_MS: '100',
        RUNTIME_RETRY_MAX_MS: '500',
        // Its demo services export their spans to journeys-backend (OTLP/HTTP JSON).
        OTEL_EXPORTER_OTLP_ENDPOINT: `${backendUrl}/api/journeys`,
        OTEL_EXPORTER_OTLP_HEADERS:
          'Authorization=Bearer%20journeys-ingest-dev-token',
      },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'yarn workspace backend start',
      url: `${backendUrl}/.backstage/health/v1/readiness`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      env: {
        ...portalEnv,
        SWITCHBOARD_DATA_DIR: dataDir,
        // Empty but for the catalog files a test puts there (catalogErrors.test.ts).
        SWITCHBOARD_CATALOG_DIRS: e2eCatalogDir,
        // The backend traces itself (src/instrumentation.js) into its own journeys receiver.
        OTEL_EXPORTER_OTLP_ENDPOINT: `${backendUrl}/api/journeys`,
        OTEL_EXPORTER_OTLP_HEADERS:
          'Authorization=Bearer%20journeys-ingest-dev-token',
        OTEL_BSP_SCHEDULE_DELAY: '1000',
        // SLO alerts are evaluated every 10 s instead of every minute (slo.test.ts).
        APP_CONFIG_journeys_slo_evaluationInterval: '10s',
        // The dead-letter tests fail a dozen checkouts on purpose before slo.test.ts runs:
        // with the default guard of 10 valid events they could page the guest before that
        // test's own outage (which it counts as the one page notification).
        APP_CONFIG_journeys_slo_minValidEvents: '25',
        // A second person approves replays of more than 6 messages per requester and
        // queue within the hour (deadLetterReplays.test.ts waits for one).
        APP_CONFIG_dlq_approvalThreshold: '6',
      },
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
