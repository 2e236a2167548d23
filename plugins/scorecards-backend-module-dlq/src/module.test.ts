import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import scorecardsModuleDlq from './index';
import { FixtureHttpServer } from '@internal/plugin-scorecards-node/testUtils';
import { dlq, inflow } from './__fixtures__/dlqAnswers';

describe('scorecardsModuleDlq', () => {
  it('adds the dlq provider, which calls dlq through discovery with a plugin token', async () => {
    const from = Date.parse('2026-12-04T10:00:00.000Z');
    const now = from + 3_600_000 + 60_000;
    const server = new FixtureHttpServer('/api/dlq');
    server
      .answer('/dlqs?inflowHours=3', {
        body: {
          items: [
            dlq('integration-runtime', 'orders', {
              failed: 2,
              oldestAgeSeconds: 600,
              inflow: inflow(now, 3, () => 2),
            }),
          ],
          errors: [],
        },
      })
      .answer(
        '/replays?runtime=integration-runtime&dlq=orders&status=completed%2Ccompleted-with-failures%2Ccanary-failed%2Ccancelled%2Crejected%2Cexpired%2Cfailed&limit=200',
        { body: { items: [] } },
      );
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
        scorecardsModuleDlq,
        mockServices.discovery.mock({
          getBaseUrl: async (pluginId: string) =>
            pluginId === 'dlq' ? baseUrl : 'http://127.0.0.1:1',
        }).factory,
      ],
    });
    try {
      expect(providers.map(p => p.id)).toEqual(['dlq']);
      expect(providers[0].kpis.map(k => k.id)).toEqual([
        'dlq.backlogDepth',
        'dlq.oldestMessageAge',
        'dlq.inflowPerDay',
        'dlq.replaySuccessRate',
      ]);
      const values = await providers[0].compute(
        [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: { name: 'orders-queue', namespace: 'default' },
          },
        ],
        {
          from: new Date(from),
          to: new Date(from + 3_600_000),
          now: new Date(now),
        },
      );
      expect(values).toEqual({
        'resource:default/orders-queue': {
          'dlq.backlogDepth': 2,
          'dlq.oldestMessageAge': 600 / 3600,
          'dlq.inflowPerDay': 48,
        },
      });
      expect(server.requests[0].headers.authorization).toMatch(
        /^Bearer mock-service-token:.*"sub":"plugin:scorecards".*"target":"dlq"/,
      );
    } finally {
      await backend.stop();
      await server.stop();
    }
  });
});
