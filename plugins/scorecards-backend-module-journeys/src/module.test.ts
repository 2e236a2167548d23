import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import scorecardsModuleJourneys from './index';
import { FixtureHttpServer } from './__testUtils__/FixtureHttpServer';
import { stats } from './__fixtures__/journeysAnswers';

describe('scorecardsModuleJourneys', () => {
  it('adds the journeys provider, which calls journeys through discovery with a plugin token', async () => {
    const server = new FixtureHttpServer('/api/journeys');
    server
      .answer('/journeys?window=6h', {
        body: { items: [stats('journey:default/checkout', '6h')] },
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
      // The empty series does not reach the hour; freshness' route is unknown here: no values.
      expect(values).toEqual({});
      expect(server.paths()).toContain('/journeys?window=6h');
      expect(server.requests[0].headers.authorization).toMatch(
        /^Bearer mock-service-token:.*"sub":"plugin:scorecards".*"target":"journeys"/,
      );
    } finally {
      await backend.stop();
      await server.stop();
    }
  });
});
