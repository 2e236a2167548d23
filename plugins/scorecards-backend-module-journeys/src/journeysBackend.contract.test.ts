import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
// The contract test runs the real journeys backend beside the module.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import journeysPlugin from '@internal/plugin-journeys-backend';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import scorecardsModuleJourneys from './index';
import { JourneyMetricProvider } from './JourneyMetricProvider';

// The demo's own Journeys (checkout and its two objectives, invoice-sync, refund).
const journeys: Entity[] = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../catalog-info/journeys.yaml'),
    'utf-8',
  ),
).map(d => d.toJSON());

jest.setTimeout(60_000);

/**
 * The module beside the real journeys-backend in one test backend: discovery, the plugin
 * token, the routes' request validation and the answers' shapes are the real ones. The
 * store is empty, so every figure is "no traffic" and the test does not depend on the hour.
 */
describe('the journeys provider against the real journeys-backend', () => {
  it('reads every route it needs as a service and gives each KPI a value or a reason', async () => {
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
        journeysPlugin,
        scorecards,
        scorecardsModuleJourneys,
        catalogServiceMock.factory({ entities: journeys }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://portal.test:3000' } },
        }),
      ],
    });
    try {
      const provider = providers[0] as JourneyMetricProvider;
      const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
      const unknown: Entity = {
        apiVersion: 'switchboard.dev/v1alpha1',
        kind: 'Journey',
        metadata: { name: 'not-in-catalog', namespace: 'default' },
      };
      const run = await provider.computeRun([...journeys, unknown], {
        from: new Date(hour),
        to: new Date(hour + 3_600_000),
        // As if run when the hour ended; journeys answers for its own clock, and the
        // empty store gives the same figures either way.
        now: new Date(hour + 3_600_000),
      });

      expect(run.values['journey:default/checkout']).toEqual({
        'journey.volumePerDay': 0,
        'journey.recoveredByReplay': 0,
      });
      const reasons = Object.fromEntries(
        run.missing
          .filter(m => m.entityRef === 'journey:default/checkout')
          .map(m => [m.kpiId, m.reason]),
      );
      expect(reasons).toEqual({
        'journey.failuresPerThousand': 'no instance started in the period',
        'journey.successRate': 'no instance reached a verdict in the period',
        'journey.cycleTimeP50': 'no ok or failed instance in the period',
        'journey.cycleTimeP95': 'no ok or failed instance in the period',
        'journey.replayRecoveryP50':
          'no instance was recovered by a replay in the period',
        'journey.sloAttainment': 'no objective has valid events in its window',
        'journey.errorBudgetRemaining':
          'no objective has valid events in its window',
        'journey.mttrMean': 'no alert was resolved in the period',
        'journey.mttrMedian': 'no alert was resolved in the period',
        'journey.dataFreshness': 'no instance of the journey has finished ok',
      });
      // refund declares no objective in the demo catalog.
      expect(
        run.missing.find(
          m =>
            m.entityRef === 'journey:default/refund' &&
            m.kpiId === 'journey.sloAttainment',
        )?.reason,
      ).toBe('the journey declares no objective');
      expect(
        run.missing
          .filter(m => m.entityRef === 'journey:default/not-in-catalog')
          .map(m => m.reason),
      ).toContain(
        'journeys-backend does not list this journey (GET /journeys)',
      );
    } finally {
      await backend.stop();
    }
  });
});
