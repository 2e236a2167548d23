/**
 * A KPI's definition: what the UI shows beside every value, and what the threshold engine
 * and the rollup need to know about it.
 */

/** The traffic-light status of one value, or of a rollup of several. */
export type ScorecardStatus = 'green' | 'amber' | 'red';

/** All statuses, best first. */
export const SCORECARD_STATUSES: readonly ScorecardStatus[] = [
  'green',
  'amber',
  'red',
];

/** Whether a rising value is good news (success rate) or bad news (backlog depth). */
export type KpiDirection = 'higher-is-better' | 'lower-is-better';

/** The unit a KPI's values are in; the UI formats and labels numbers by it. */
export type KpiUnit =
  | 'count'
  | 'percent'
  | 'per-thousand'
  | 'per-day'
  | 'milliseconds'
  | 'seconds'
  | 'hours'
  | 'days';

/**
 * How a team's, system's or domain's value is made from its members' values: `sum`
 * (volume, backlog), `mean`, `median`, `max` (the worst of a lower-is-better KPI), `min`
 * (the worst of a higher-is-better KPI).
 */
export type KpiAggregation = 'sum' | 'mean' | 'median' | 'max' | 'min';

/** Values a KPI can take, both ends inclusive; an end left out is unbounded. */
export interface KpiDomain {
  min?: number;
  max?: number;
}

/** One threshold rule: the status a value gets when it matches `expression`. */
export interface ThresholdRule {
  status: ScorecardStatus;
  /**
   * `<x`, `<=x`, `>x`, `>=x`, `==x`, or a range `[a, b)` (square bracket: end included,
   * round: excluded).
   */
  expression: string;
}

export interface KpiDefinition {
  /** Stable id, dotted by area: `journey.successRate`, `dlq.backlogDepth`. */
  id: string;
  /** Short name shown as a column or card title. */
  title: string;
  /** What the number means and how it is computed, shown in the UI as the definition. */
  description: string;
  unit: KpiUnit;
  /** Catalog entity kinds the KPI is computed for, e.g. `['Journey']` or `['Group']`. */
  entityKinds: string[];
  direction: KpiDirection;
  /** Values the KPI can take (a percentage: 0–100); threshold rules must cover all of it. */
  domain?: KpiDomain;
  /** How rollups aggregate members' values; default `mean`. */
  aggregation?: KpiAggregation;
  /** Rules used unless app-config or the entity's annotation replaces them; first match wins. */
  defaultThresholds: ThresholdRule[];
}
