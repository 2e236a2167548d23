import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { journeysPlugin } from '../plugin';

/**
 * The journeys plugin in a test backend with a mocked scheduler (tests run the assembler
 * with `scheduler.triggerTask('journeys-assemble')`), a catalog holding `entities` and a
 * short settle time.
 */
export async function startJourneysBackend(entities: Entity[] = []) {
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      journeysPlugin,
      // The mock's factory() is not on its public type.
      (
        scheduler as unknown as {
          factory(): ReturnType<typeof mockServices.scheduler.factory>;
        }
      ).factory(),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { journeys: { assembly: { settleMs: 100 } } },
      }),
    ],
  });
  return { backend, scheduler };
}
