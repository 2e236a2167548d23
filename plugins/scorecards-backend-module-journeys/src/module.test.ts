import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import scorecardsModuleJourneys from './index';
import { FixtureHttpServer } from '@internal/plugin-scorecards-node/testUtils';
import { stats } from './__fixtures__/journeysAnswers';

describe('scorecardsModuleJourneys', () => {
  it('adds the journeys provider, which calls journeys through discovery with a plugin token', async () => {
    const server = new FixtureHttpServer('/api/journeys');
    server
      .answer('/journeys?window=1h&end=2026-12-04T11%3A00%3A00.000Z', {
        body: { items: [stats('journey:default/checkout', '1h')] },
      })
      .answer('/slos', { body: { items: [] } });
    const baseUrl = await server.start();

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
        scorecardsModuleJourneys,
        mockServices.discovery.mock({
          getBaseUrl: async (pluginId: string) =>
            pluginId === 'journeys' ? baseUrl : 'http://127.0.0.1:1',
        }).factory,
      ],
    });
    try {
      expect(providers.map(p => p.id)).toEqual(['journeys']);
      expect(providers[0].kpis.map(k => k.id)).toContain('journey.successRate');
      const from = Date.parse('2026-12-04T10:00:00.000Z');
      const values = await providers[0].compute(
        [
          {
            apiVersion: 'switchboard.dev/v1alpha1',
            kind: 'Journey',
            metadata: { name: 'checkout', namespace: 'default' },
          },
        ],
        {
          from: new Date(from),
          to: new Date(from + 3_600_000),
          now: new Date(from + 2 * 3_600_000),
        },
      );
      // No instance in the hour: a volume of 0, nothing to take a rate of.
      expect(values).toEqual({
        'journey:default/checkout': {
          'journey.volumePerDay': 0,
          'journey.recoveredByReplay': 0,
        },
      });
      expect(server.paths()).toContain(
        '/journeys?window=1h&end=2026-12-04T11%3A00%3A00.000Z',
      );
      expect(server.requests[0].headers.authorization).toMatch(
        /^Bearer mock-service-token:.*"sub":"plugin:scorecards".*"target":"journeys"/,
      );
    } finally {
      await backend.stop();
      await server.stop();
    }
  });
});
