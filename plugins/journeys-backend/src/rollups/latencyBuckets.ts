import { InstanceStatus } from '@internal/plugin-journeys-common';
import type { RollupCell } from '../database/InstanceStore';
import { InstanceFacts } from '../types';

export const MINUTE_US = 60_000_000;
/** The overflow bucket's bound (an integer column): above the largest finite bound. */
export const OVERFLOW_LE_MS = 2_147_483_647;

/**
 * Fixed latency bucket bounds in milliseconds, 10 per decade from 1 ms to 10,000 s
 * (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^n): a percentile read from them is off by at
 * most one step (≤ 25 %). Objectives' thresholds are added to these, so "at or under the
 * threshold" is an exact count.
 */
export const DEFAULT_BOUNDS_MS: readonly number[] = (() => {
  const steps = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8];
  const out: number[] = [];
  for (let decade = 1; decade <= 1_000_000; decade *= 10)
    for (const s of steps) out.push(Math.round(s * decade));
  out.push(10_000_000);
  return out;
})();

export function boundsWith(thresholdsMs: readonly number[]): number[] {
  return [
    ...new Set([
      ...DEFAULT_BOUNDS_MS,
      ...thresholdsMs.filter(
        t => Number.isInteger(t) && t > 0 && t < OVERFLOW_LE_MS,
      ),
    ]),
  ].sort((a, b) => a - b);
}

/** The smallest bound at or above `ms` (the bucket is `le` as in Prometheus). */
export function bucketOf(ms: number, bounds: readonly number[]): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] >= ms) hi = mid;
    else lo = mid + 1;
  }
  return lo < bounds.length ? bounds[lo] : OVERFLOW_LE_MS;
}

const NO_LATENCY: InstanceStatus[] = ['in-flight', 'stuck'];

/**
 * Outcomes whose latency bucket is the journey's own run (cycle time): what the stats'
 * percentiles and latency objectives count.
 */
export const CYCLE_TIME_OUTCOMES: readonly InstanceStatus[] = ['ok', 'failed'];

/**
 * Where an instance counts: its journey, the minute it started, its outcome and a latency
 * bucket — its own run's duration, or for recovered-by-replay its time to recovery (the
 * cycle-time percentiles never see replays); in-flight and stuck ones have none (0).
 */
export function rollupCell(
  journey: string,
  facts: InstanceFacts,
  bounds: readonly number[],
): RollupCell {
  let leMs = 0;
  if (facts.status === 'recovered-by-replay')
    leMs = bucketOf(
      ((facts.recoveredUs ?? facts.endUs) -
        (facts.firstFailureUs ?? facts.startUs)) /
        1000,
      bounds,
    );
  else if (!NO_LATENCY.includes(facts.status))
    leMs = bucketOf(facts.durationUs / 1000, bounds);
  return {
    journey,
    bucketStartUs: Math.floor(facts.startUs / MINUTE_US) * MINUTE_US,
    outcome: facts.status,
    leMs,
  };
}

/**
 * A quantile from bucket counts, interpolated linearly inside the bucket that holds it
 * (Prometheus's histogram_quantile); the overflow bucket answers its lower bound.
 */
export function quantileFromBuckets(
  counts: ReadonlyMap<number, number>,
  q: number,
  bounds: readonly number[] = DEFAULT_BOUNDS_MS,
): number | null {
  const les = [...counts.keys()].filter(le => le > 0).sort((a, b) => a - b);
  const total = les.reduce((n, le) => n + counts.get(le)!, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  let lower = 0;
  for (const le of les) {
    const n = counts.get(le)!;
    if (below + n >= rank) {
      if (le === OVERFLOW_LE_MS) return lower;
      const from = previousBound(le, bounds);
      return Math.round(from + ((le - from) * (rank - below)) / n);
    }
    below += n;
    lower = le;
  }
  return lower;
}

function previousBound(le: number, bounds: readonly number[]): number {
  let prev = 0;
  for (const b of bounds) {
    if (b >= le) break;
    prev = b;
  }
  return prev;
}
