import { createBackend } from '@backstage/backend-defaults';
import { httpRouter } from './modules/errorAnswers';

const backend = createBackend();

// Error answers carry no stack traces and no internal error's message (logged instead).
backend.add(httpRouter);

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest for the embedded setup; production adds a real provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
// Processing errors show up in the backend log as well as on the entities.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// GET /api/catalog/entities/unprocessed/failed and /pending: entities whose processing
// failed, for the catalog's admins (permissionPolicy.ts).
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
// Topics and queues from AsyncAPI, publish/subscribe relations, broker discovery,
// `$text` beside the catalog files app-config names.
backend.add(import('@internal/plugin-catalog-backend-module-integrations'));

backend.add(import('@backstage/plugin-permission-backend'));
// Owners of a queue replay its dead letters; everyone reads (README: Permissions).
backend.add(import('./modules/permissionPolicy'));

// Dead letters: inspection and safe replay through the integration runtimes' admin API.
backend.add(import('@internal/plugin-dlq-backend'));
backend.add(import('@internal/plugin-journeys-backend'));

// KPI scorecards: daily and hourly snapshots from the metric providers below.
backend.add(import('@internal/plugin-scorecards-backend'));
// Per-journey KPIs read from journeys-backend's API.
backend.add(import('@internal/plugin-scorecards-backend-module-journeys'));
// Per dead-letter-queue KPIs read from dlq-backend's API.
backend.add(import('@internal/plugin-scorecards-backend-module-dlq'));
// Contract health of APIs, topics and queues read from the catalog.
backend.add(import('@internal/plugin-scorecards-backend-module-catalog'));

backend.add(import('@backstage/plugin-search-backend'));
// PostgreSQL search engine when the database is PostgreSQL; Lunr otherwise.
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// The Scorecards page and each team's, system's and journey's scorecard.
backend.add(import('@internal/plugin-search-backend-module-scorecards'));

// In-process event bus for catalog, notifications and signals (events-backend also
// serves it over HTTP to other backend instances).
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
