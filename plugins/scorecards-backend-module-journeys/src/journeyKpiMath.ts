import {
  JourneyStats,
  SloAlert,
  SloSummary,
} from '@internal/plugin-journeys-common';
import { JOURNEY_KPI_IDS as K, JourneyKpiId } from './journeyKpis';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A KPI's value, or why there is none (no traffic, a route that failed, ...). */
import type { KpiOutcome } from '@internal/plugin-scorecards-node';

export type { KpiOutcome };

export type JourneyKpiOutcomes = Partial<Record<JourneyKpiId, KpiOutcome>>;

const none = (reason: string): KpiOutcome => ({ reason });

/** The middle value (the mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Instances started in a period: all of them, those that failed, those recovered by replay. */
export interface PeriodCounts {
  count: number;
  failed: number;
  recovered: number;
}

/** Volume, failures per 1,000 and recovered-by-replay from exact counts of a period. */
export function countKpis(
  totals: PeriodCounts,
  periodMs: number,
): JourneyKpiOutcomes {
  return {
    [K.volumePerDay]: { value: (totals.count * DAY_MS) / periodMs },
    [K.failuresPerThousand]:
      totals.count > 0
        ? { value: (totals.failed / totals.count) * 1000 }
        : none('no instance started in the period'),
    [K.recoveredByReplay]: { value: totals.recovered },
  };
}

/**
 * Success rate, cycle-time percentiles and the median time to recover by replay, from the
 * stats of one rolling window (these need outcome counts and latency histograms the series
 * does not carry).
 */
export function rateKpis(stats: JourneyStats): JourneyKpiOutcomes {
  const reached = stats.volume - stats.inFlight - stats.rejected;
  const finished = reached - stats.failed - stats.stuck;
  const noCycle = none('no ok or failed instance in the period');
  return {
    [K.successRate]:
      reached > 0
        ? { value: (finished / reached) * 100 }
        : none('no instance reached a verdict in the period'),
    [K.cycleTimeP50]: stats.p50Ms === null ? noCycle : { value: stats.p50Ms },
    [K.cycleTimeP95]: stats.p95Ms === null ? noCycle : { value: stats.p95Ms },
    [K.replayRecoveryP50]:
      stats.recoveryP50Ms === null
        ? none('no instance was recovered by a replay in the period')
        : { value: stats.recoveryP50Ms / 1000 },
  };
}

/**
 * SLO attainment (the worst objective's SLI / target, percent) and the least error budget
 * left (percent) among one journey's objectives, as evaluated now.
 */
export function sloKpis(objectives: readonly SloSummary[]): JourneyKpiOutcomes {
  if (objectives.length === 0) {
    const reason = 'the journey declares no objective';
    return {
      [K.sloAttainment]: none(reason),
      [K.errorBudgetRemaining]: none(reason),
    };
  }
  const attainments = objectives
    .filter(o => o.sli !== null && o.target > 0)
    .map(o => (o.sli! / o.target) * 100);
  const budgets = objectives
    .map(o => o.budget.remainingFraction)
    .filter((f): f is number => f !== null)
    .map(f => f * 100);
  const noEvents = 'no objective has valid events in its window';
  return {
    [K.sloAttainment]:
      attainments.length > 0
        ? { value: Math.min(...attainments) }
        : none(noEvents),
    [K.errorBudgetRemaining]:
      budgets.length > 0 ? { value: Math.min(...budgets) } : none(noEvents),
  };
}

/**
 * Mean and median time from firing to resolve, in hours, of the alerts resolved in
 * `[from, to)`. The same alert listed under two objectives' histories counts once (by id).
 */
export function mttrKpis(
  alerts: readonly SloAlert[],
  from: number,
  to: number,
): JourneyKpiOutcomes {
  const seen = new Set<number>();
  const hours: number[] = [];
  for (const alert of alerts) {
    if (alert.resolvedAt === null || seen.has(alert.id)) continue;
    const resolved = Date.parse(alert.resolvedAt);
    if (!(resolved >= from && resolved < to)) continue;
    seen.add(alert.id);
    hours.push((resolved - Date.parse(alert.firingSince)) / HOUR_MS);
  }
  if (hours.length === 0) {
    const reason = 'no alert was resolved in the period';
    return { [K.mttrMean]: none(reason), [K.mttrMedian]: none(reason) };
  }
  return {
    [K.mttrMean]: { value: hours.reduce((a, b) => a + b, 0) / hours.length },
    [K.mttrMedian]: { value: median(hours)! },
  };
}

/** Hours from the end of the latest ok instance to `now` (0 if it ended after `now`). */
export function freshnessKpi(
  endedAt: string | undefined,
  now: number,
): JourneyKpiOutcomes {
  if (endedAt === undefined)
    return {
      [K.dataFreshness]: none('no instance of the journey has finished ok'),
    };
  const ended = Date.parse(endedAt);
  if (Number.isNaN(ended))
    return {
      [K.dataFreshness]: none(
        `the latest ok instance has an unreadable endedAt "${endedAt}"`,
      ),
    };
  return { [K.dataFreshness]: { value: Math.max(0, now - ended) / HOUR_MS } };
}
