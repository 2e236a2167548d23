/**
 * Error budgets and multiwindow, multi-burn-rate alerts, after the Google SRE workbook's
 * "Alerting on SLOs" chapter and Sloth's window scaling. Pure functions over per-minute
 * counts of good and bad events (what the journeys rollups hold), so they can be checked by
 * hand and by tests with synthetic streams.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Good and bad events of one minute (valid = good + bad). */
export interface MinuteCounts {
  good: number;
  bad: number;
}

export type Severity = 'page' | 'ticket';

/** Fire when the burn rate over both windows is at or above `factor`. */
export interface BurnRateRule {
  severity: Severity;
  factor: number;
  longWindowMs: number;
  shortWindowMs: number;
}

/** The burn-rate windows a view shows. */
export const BURN_WINDOWS_MS = {
  '5m': 5 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '1d': DAY_MS,
  '3d': 3 * DAY_MS,
} as const;

/** The workbook's defaults, for a 30-day SLO window. */
export const WORKBOOK_RULES_30D: readonly BurnRateRule[] = [
  {
    severity: 'page',
    factor: 14.4,
    longWindowMs: HOUR_MS,
    shortWindowMs: 5 * MINUTE_MS,
  },
  {
    severity: 'page',
    factor: 6,
    longWindowMs: 6 * HOUR_MS,
    shortWindowMs: 30 * MINUTE_MS,
  },
  {
    severity: 'ticket',
    factor: 3,
    longWindowMs: DAY_MS,
    shortWindowMs: 2 * HOUR_MS,
  },
  {
    severity: 'ticket',
    factor: 1,
    longWindowMs: 3 * DAY_MS,
    shortWindowMs: 6 * HOUR_MS,
  },
];

/**
 * The workbook's rules for another SLO window, with Sloth's rule: each rule spends a fixed
 * share of the budget in its long window (share = factor × long window / 30 d), so for an
 * SLO window W the factor is share × W / long window.
 */
export function scaledRules(
  sloWindowMs: number,
  rules: readonly BurnRateRule[] = WORKBOOK_RULES_30D,
): BurnRateRule[] {
  return rules.map(r => {
    const share = (r.factor * r.longWindowMs) / (30 * DAY_MS);
    return { ...r, factor: (share * sloWindowMs) / r.longWindowMs };
  });
}

/** Observed error ratio / allowed error ratio; 0 without valid events. */
export function burnRate(bad: number, valid: number, target: number): number {
  if (valid <= 0) return 0;
  return bad / valid / (1 - target);
}

/**
 * A journey's error budget over an SLO window: the bad events the target allows (as events
 * and as a fraction), how many were spent, what is left. `remaining` goes below zero when
 * the budget is blown: more bad events than the target allows.
 */
export function errorBudget(good: number, bad: number, target: number) {
  const valid = good + bad;
  const total = valid * (1 - target);
  return {
    valid,
    totalEvents: total,
    consumedEvents: bad,
    remainingEvents: total - bad,
    /** 1 untouched, 0 spent, negative when blown; null without events. */
    remainingFraction: valid > 0 ? 1 - bad / total : null,
  };
}

/**
 * When the budget runs out at the current burn rate: the remaining fraction of the window's
 * budget divided by the burn rate, in ms; null when nothing burns or nothing is left.
 */
export function timeToExhaustionMs(
  remainingFraction: number | null,
  currentBurnRate: number,
  sloWindowMs: number,
): number | null {
  if (remainingFraction === null || remainingFraction <= 0) return null;
  if (currentBurnRate <= 0) return null;
  return (remainingFraction * sloWindowMs) / currentBurnRate;
}

/** Good and bad events over the `windowMs` ending with minute `endMinute`. */
export interface WindowCounts {
  sum(endMinute: number, windowMs: number): MinuteCounts;
}

/** Per-minute counts ending at (and including) `endMinute`, summed over a window. */
export class MinuteSeries implements WindowCounts {
  private readonly prefixGood: number[];
  private readonly prefixBad: number[];

  /** `minutes[i]` are the counts of minute `firstMinute + i` (minute = epoch ms / 60,000). */
  constructor(readonly firstMinute: number, minutes: readonly MinuteCounts[]) {
    this.prefixGood = [0];
    this.prefixBad = [0];
    for (const m of minutes) {
      this.prefixGood.push(
        this.prefixGood[this.prefixGood.length - 1] + m.good,
      );
      this.prefixBad.push(this.prefixBad[this.prefixBad.length - 1] + m.bad);
    }
  }

  /** good and bad over the `windowMs` ending with minute `endMinute`. */
  sum(endMinute: number, windowMs: number): MinuteCounts {
    const minutes = Math.max(1, Math.round(windowMs / MINUTE_MS));
    const hi = Math.min(
      this.prefixGood.length - 1,
      Math.max(0, endMinute - this.firstMinute + 1),
    );
    const lo = Math.min(
      hi,
      Math.max(0, endMinute - minutes - this.firstMinute + 1),
    );
    return {
      good: this.prefixGood[hi] - this.prefixGood[lo],
      bad: this.prefixBad[hi] - this.prefixBad[lo],
    };
  }
}

export interface RuleEvaluation {
  rule: BurnRateRule;
  longBurn: number;
  shortBurn: number;
  longValid: number;
  /** Both windows at or above the factor, and the long window holds enough events. */
  firing: boolean;
  /** The low-traffic guard held it back. */
  tooFewEvents: boolean;
}

/**
 * Evaluates every rule at minute `endMinute`. The low-traffic guard keeps a rule quiet while
 * its long window holds fewer than `minValidEvents` valid events.
 */
export function evaluateRules(
  series: WindowCounts,
  endMinute: number,
  target: number,
  rules: readonly BurnRateRule[],
  minValidEvents = 0,
): RuleEvaluation[] {
  return rules.map(rule => {
    const long = series.sum(endMinute, rule.longWindowMs);
    const short = series.sum(endMinute, rule.shortWindowMs);
    const longValid = long.good + long.bad;
    const longBurn = burnRate(long.bad, longValid, target);
    const shortBurn = burnRate(short.bad, short.good + short.bad, target);
    const over = longBurn >= rule.factor && shortBurn >= rule.factor;
    const tooFewEvents = longValid < minValidEvents;
    return {
      rule,
      longBurn,
      shortBurn,
      longValid,
      firing: over && !tooFewEvents,
      tooFewEvents: over && tooFewEvents,
    };
  });
}
