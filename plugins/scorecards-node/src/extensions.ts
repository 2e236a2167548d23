import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { ScorecardMetricProvider } from './MetricProvider';

/** Lets backend modules add metric providers to the scorecards backend. */
export interface ScorecardsMetricProvidersExtensionPoint {
  addMetricProvider(
    ...providers: Array<
      ScorecardMetricProvider | Array<ScorecardMetricProvider>
    >
  ): void;
}

/**
 * For example, in a module:
 *
 * ```ts
 * env.registerInit({
 *   deps: { metrics: scorecardsMetricProvidersExtensionPoint },
 *   async init({ metrics }) { metrics.addMetricProvider(new MyProvider()); },
 * });
 * ```
 */
export const scorecardsMetricProvidersExtensionPoint =
  createExtensionPoint<ScorecardsMetricProvidersExtensionPoint>({
    id: 'scorecards.metric-providers',
  });
