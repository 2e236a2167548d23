/*
 * One real journeys backend for tests that need several processes (multiBackend.test.ts):
 * Backstage's default services (config, database, scheduler, auth, HTTP) with the journeys
 * plugin and a static catalog. Configuration comes from the `--config` files on the command
 * line, the catalog's entities from JOURNEYS_TEST_ENTITIES (a JSON array).
 *
 *   node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     src/__testUtils__/journeysBackendProcess.ts --config <file>
 */
import { createBackend } from '@backstage/backend-defaults';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { journeysPlugin } from '../plugin';

const entities = JSON.parse(process.env.JOURNEYS_TEST_ENTITIES ?? '[]');

const backend = createBackend();
backend.add(journeysPlugin);
backend.add(catalogServiceMock.factory({ entities }));
backend.start().catch(e => {
  console.error('journeys backend failed to start', e);
  process.exit(1);
});
