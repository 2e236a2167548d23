/**
 * Scorecards: KPI definitions, threshold rules, status rollups and permissions shared by
 * the scorecards backend, metric provider modules and the frontend.
 *
 * @packageDocumentation
 */

export * from './kpi';
export * from './permissions';
export {
  parseThresholdExpression,
  formatInterval,
  intervalContains,
  EXPRESSION_HINT,
} from './thresholds/ThresholdExpression';
export type { Interval, IntervalBound } from './thresholds/ThresholdExpression';
export {
  compileThresholdRules,
  compileCoveringThresholdRules,
  evaluateThresholds,
  findThresholdGaps,
  ThresholdRuleError,
} from './thresholds/ThresholdRuleSet';
export type { CompiledThresholdRule } from './thresholds/ThresholdRuleSet';
export {
  SCORECARD_THRESHOLDS_ANNOTATION,
  ThresholdOverrideError,
  ThresholdResolver,
  compileThresholdOverrides,
} from './thresholds/ThresholdResolver';
export {
  createStatusRollup,
  worseStatus,
  STATUS_POINTS,
  DEFAULT_SCORE_THRESHOLDS,
} from './rollup/statusRollup';
export type {
  RollupMode,
  RollupOptions,
  RollupInput,
  StatusRollup,
} from './rollup/statusRollup';
export type {
  ScorecardsApiPaths,
  KpiResponse,
  EntityScorecardResponse,
  EntityKpiValueResponse,
  KpiDeltaResponse,
  HistoryPointResponse,
  AggregateRowResponse,
  MemberRowResponse,
  MemberCountsResponse,
} from './api';
