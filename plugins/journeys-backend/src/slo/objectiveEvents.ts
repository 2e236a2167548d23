import {
  InstanceStatus,
  JourneyObjective,
} from '@internal/plugin-journeys-common';
import type { CellFilter } from '../database/InstanceStore';
import { CYCLE_TIME_OUTCOMES } from '../rollups/latencyBuckets';
import { MinuteCounts } from './burnRate';

/** A rollup cell as the SLO math reads it. */
export interface OutcomeCell {
  bucketStartUs: number;
  outcome: InstanceStatus;
  leMs: number;
  count: number;
}

/**
 * Good and bad events of an objective, from rollup cells:
 * - ratio objectives count instances whose outcome is in `good` among those in `total`;
 *   outcomes in neither list (e.g. `rejected`, `in-flight`) are excluded;
 * - latency objectives count finished instances (ok, failed) at or under the threshold
 *   among all finished ones; a threshold is a bucket bound, so the count is exact.
 * Returns one entry per minute from `firstMinute` (epoch ms / 60,000) for `minutes` minutes.
 */
export function objectiveMinutes(
  objective: JourneyObjective,
  cells: readonly OutcomeCell[],
  firstMinute: number,
  minutes: number,
): MinuteCounts[] {
  const out: MinuteCounts[] = Array.from({ length: minutes }, () => ({
    good: 0,
    bad: 0,
  }));
  const indicator = objective.indicator;
  for (const c of cells) {
    const i = Math.floor(c.bucketStartUs / 60_000_000) - firstMinute;
    if (i < 0 || i >= minutes || c.count <= 0) continue;
    let good: boolean;
    if ('ratio' in indicator) {
      const statuses = indicator.ratio.total.status as InstanceStatus[];
      if (!statuses.includes(c.outcome)) continue;
      good = (indicator.ratio.good.status as InstanceStatus[]).includes(
        c.outcome,
      );
    } else {
      if (!CYCLE_TIME_OUTCOMES.includes(c.outcome)) continue;
      good = c.leMs <= indicator.latency.thresholdMs;
    }
    if (good) out[i].good += c.count;
    else out[i].bad += c.count;
  }
  return out;
}

/**
 * The same classification as `objectiveMinutes`, as filters the database can count with:
 * the cells of an objective's good events and those of its bad events.
 */
export function objectiveFilters(objective: JourneyObjective): {
  good: CellFilter;
  bad: CellFilter;
} {
  const indicator = objective.indicator;
  if ('ratio' in indicator) {
    const good = new Set<string>(indicator.ratio.good.status);
    const total = [...new Set<string>(indicator.ratio.total.status)];
    return {
      good: { outcomes: total.filter(s => good.has(s)) },
      bad: { outcomes: total.filter(s => !good.has(s)) },
    };
  }
  const thresholdMs = indicator.latency.thresholdMs;
  return {
    good: { outcomes: CYCLE_TIME_OUTCOMES, leMsAtMost: thresholdMs },
    bad: { outcomes: CYCLE_TIME_OUTCOMES, leMsAbove: thresholdMs },
  };
}
