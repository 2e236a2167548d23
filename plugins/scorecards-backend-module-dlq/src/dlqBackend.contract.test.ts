import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The contract test runs the real dlq backend beside the module.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dlqPlugin from '@internal/plugin-dlq-backend';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import scorecardsModuleDlq from './index';

jest.setTimeout(60_000);

/**
 * The module beside the real dlq-backend in one test backend. dlq-backend's routes accept
 * user credentials only (`httpAuth.credentials(req, { allow: ['user'] })` in its router),
 * so the provider's plugin-to-plugin token is refused before any runtime is asked. This
 * pins that contract gap: when dlq-backend lets services read, this test fails and should
 * turn into one that checks values.
 */
describe('the dlq provider against the real dlq-backend', () => {
  it('is refused today: dlq-backend answers a service token with 403', async () => {
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
        dlqPlugin,
        scorecards,
        scorecardsModuleDlq,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            dlq: {
              runtimes: [
                {
                  name: 'integration-runtime',
                  title: 'Order-to-cash runtime',
                  baseUrl: 'http://127.0.0.1:9',
                  token: 'not-used',
                },
              ],
            },
          },
        }),
      ],
    });
    try {
      const now = Date.now();
      const from = Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000;
      await expect(
        providers[0].compute(
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
        ),
      ).rejects.toThrow(
        /^GET \/api\/dlq\/dlqs\?inflowHours=\d+ answered 403: This endpoint does not allow 'service' credentials$/,
      );
    } finally {
      await backend.stop();
    }
  });
});
