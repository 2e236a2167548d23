/**
 * Scorecards: the extension point for metric providers added by backend modules.
 *
 * @packageDocumentation
 */

export { scorecardsMetricProvidersExtensionPoint } from './extensions';
export type { ScorecardsMetricProvidersExtensionPoint } from './extensions';
export type {
  MetricValues,
  MetricWindow,
  ScorecardMetricProvider,
} from './MetricProvider';
export { MetricRunCollector } from './MetricRunCollector';
export type { KpiOutcome, MetricRun, MissingValue } from './MetricRunCollector';
export { PluginApiError, PluginRouteReader } from './PluginRouteReader';
export type { PluginRouteReaderDeps } from './PluginRouteReader';
