import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import {
  contractCatalog,
  expectedValues,
} from './__fixtures__/contractCatalog';
import scorecardsModuleCatalog from './index';

describe('scorecardsModuleCatalog', () => {
  it('adds the catalog provider, which reads the catalog service', async () => {
    const providers: ScorecardMetricProvider[] = [];
    const scorecards = createBackendPlugin({
      pluginId: 'scorecards',
      register(env) {
        env.registerExtensionPoint(scorecardsMetricProvidersExtensionPoint, {
          addMetricProvider: (...added) => {
            providers.push(...added.flat());
          },
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const backend = await startTestBackend({
      features: [
        scorecards,
        scorecardsModuleCatalog,
        catalogServiceMock.factory({ entities: contractCatalog }),
      ],
    });
    try {
      expect(providers.map(p => p.id)).toEqual(['catalog']);
      expect(providers[0].backfill).toBeUndefined();
      const values = await providers[0].compute(contractCatalog, {
        from: new Date('2026-12-04T10:00:00.000Z'),
        to: new Date('2026-12-04T11:00:00.000Z'),
        now: new Date('2026-12-04T11:05:00.000Z'),
      });
      expect(values).toEqual(expectedValues);
    } finally {
      await backend.stop();
    }
  });
});
