import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { ScorecardMetricProvider } from './MetricProvider';
import { scorecardsMetricProvidersExtensionPoint } from './extensions';

const provider = (id: string): ScorecardMetricProvider => ({
  id,
  kpis: [],
  compute: async () => ({}),
});

describe('scorecardsMetricProvidersExtensionPoint', () => {
  it('hands providers added by modules, singly or in lists, to the plugin', async () => {
    const received: string[] = [];
    const plugin = createBackendPlugin({
      pluginId: 'scorecards',
      register(env) {
        const providers: ScorecardMetricProvider[] = [];
        env.registerExtensionPoint(scorecardsMetricProvidersExtensionPoint, {
          addMetricProvider: (...added) => {
            providers.push(...added.flat());
          },
        });
        env.registerInit({
          deps: {},
          async init() {
            received.push(...providers.map(p => p.id));
          },
        });
      },
    });
    const module = createBackendModule({
      pluginId: 'scorecards',
      moduleId: 'test-providers',
      register(env) {
        env.registerInit({
          deps: { metrics: scorecardsMetricProvidersExtensionPoint },
          async init({ metrics }) {
            metrics.addMetricProvider(provider('a'), [
              provider('b'),
              provider('c'),
            ]);
          },
        });
      },
    });
    const backend = await startTestBackend({ features: [plugin, module] });
    expect(received).toEqual(['a', 'b', 'c']);
    await backend.stop();
  });
});
