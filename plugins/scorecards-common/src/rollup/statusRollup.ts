import { ScorecardStatus, ThresholdRule } from '../kpi';
import {
  compileCoveringThresholdRules,
  CompiledThresholdRule,
  evaluateThresholds,
  ThresholdRuleError,
} from '../thresholds/ThresholdRuleSet';

/**
 * `worst-of`: one red KPI makes the whole journey or team red. `weighted`: a score 0–100
 * (green 100, amber 50, red 0, weighted per KPI) mapped to a status by score thresholds.
 */
export type RollupMode = 'worst-of' | 'weighted';

export interface RollupOptions {
  mode: RollupMode;
  /** Weight per KPI id (default 1); 0 leaves a KPI out of the score. */
  weights?: Record<string, number>;
  /** Rules over the score, 0–100; default green >= 80, amber [50, 80), red < 50. */
  scoreThresholds?: ThresholdRule[];
}

/** One KPI's status for the rolled-up subject; `undefined` when it has no value. */
export interface RollupInput {
  kpiId: string;
  status: ScorecardStatus | undefined;
}

export interface StatusRollup {
  /** `undefined` when no input has a status. */
  status?: ScorecardStatus;
  /** Weighted score 0–100 (computed in both modes); `undefined` when nothing weighs. */
  score?: number;
  counts: Record<ScorecardStatus, number>;
  /** Inputs without a status (no value yet). */
  unknown: number;
}

export const STATUS_POINTS: Readonly<Record<ScorecardStatus, number>> = {
  green: 100,
  amber: 50,
  red: 0,
};

export const DEFAULT_SCORE_THRESHOLDS: ThresholdRule[] = [
  { status: 'green', expression: '>=80' },
  { status: 'amber', expression: '[50, 80)' },
  { status: 'red', expression: '<50' },
];

const SEVERITY: Record<ScorecardStatus, number> = {
  green: 0,
  amber: 1,
  red: 2,
};

/** The worse of two statuses (red over amber over green). */
export function worseStatus(
  a: ScorecardStatus,
  b: ScorecardStatus,
): ScorecardStatus {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/**
 * Validates the options once (throws a `TypeError` naming the field) and returns the
 * rollup function.
 */
export function createStatusRollup(
  options: RollupOptions = { mode: 'worst-of' },
): (inputs: readonly RollupInput[]) => StatusRollup {
  if (options.mode !== 'worst-of' && options.mode !== 'weighted')
    throw new TypeError(
      `rollup.mode: expected "worst-of" or "weighted", got ${JSON.stringify(
        options.mode,
      )}`,
    );
  const weights = options.weights ?? {};
  for (const [kpiId, weight] of Object.entries(weights)) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)
      throw new TypeError(
        `rollup.weights.${kpiId}: expected a number >= 0, got ${JSON.stringify(
          weight,
        )}`,
      );
  }
  let scoreRules: CompiledThresholdRule[];
  try {
    scoreRules = compileCoveringThresholdRules(
      options.scoreThresholds ?? DEFAULT_SCORE_THRESHOLDS,
      { min: 0, max: 100 },
    );
  } catch (e) {
    if (e instanceof ThresholdRuleError)
      throw new TypeError(`rollup.scoreThresholds ${e.message}`);
    throw e;
  }

  return inputs => {
    const counts: Record<ScorecardStatus, number> = {
      green: 0,
      amber: 0,
      red: 0,
    };
    let unknown = 0;
    let worst: ScorecardStatus | undefined;
    let points = 0;
    let totalWeight = 0;
    for (const { kpiId, status } of inputs) {
      if (!status) {
        unknown++;
        continue;
      }
      counts[status]++;
      worst = worst ? worseStatus(worst, status) : status;
      const weight = weights[kpiId] ?? 1;
      points += weight * STATUS_POINTS[status];
      totalWeight += weight;
    }
    const score = totalWeight > 0 ? points / totalWeight : undefined;
    let status: ScorecardStatus | undefined = worst;
    if (options.mode === 'weighted')
      status =
        score === undefined ? undefined : evaluateThresholds(score, scoreRules);
    return { status, score, counts, unknown };
  };
}
