import path from 'node:path';
/**
 * Where the end-to-end suite's portal and runtime listen (playwright.config.ts starts
 * them). Own ports, so the suite runs beside a portal started with `npm start`.
 */
export const appUrl = `http://localhost:${process.env.E2E_APP_PORT ?? 3100}`;
export const backendPort = Number(process.env.E2E_BACKEND_PORT ?? 7107);
export const backendUrl = `http://localhost:${backendPort}`;
/** The integration runtime on the machine's RabbitMQ, with its own ports and state. */
export const runtimeAdminPort = Number(process.env.E2E_RUNTIME_PORT ?? 7400);
export const e2eRuntime = {
  adminUrl: `http://127.0.0.1:${runtimeAdminPort}`,
  servicesUrl: `http://127.0.0.1:${runtimeAdminPort + 1}`,
  token: 'e2e-runtime-admin-token',
};
/** The backend's API, called with the scripts' static token (backend.auth.externalAccess). */
export const e2eBackend = {
  url: backendUrl,
  token: 'switchboard-local-dev-token',
};

/**
 * A catalog directory (SWITCHBOARD_CATALOG_DIRS) of the suite's portal, empty unless a
 * test puts a catalog file there: catalogErrors.test.ts adds invalid APIs this way.
 */
export const e2eCatalogDir = path.join(
  process.env.SWITCHBOARD_DATA_DIR ??
    path.resolve(__dirname, '../../../node_modules/.cache/e2e-data'),
  'catalog-dir',
);
