import { KpiDirection } from '@internal/plugin-scorecards-common';

export interface KpiDelta {
  /** The earlier value compared with. */
  previous: number;
  /** `current - previous`, in the KPI's unit. */
  change: number;
  /** `change / |previous|`; undefined when previous is 0 (a change from nothing has no ratio). */
  relativeChange?: number;
  /** Whether the change is good news given the KPI's direction; undefined for an unknown KPI. */
  trend?: 'better' | 'worse' | 'unchanged';
}

/** The change from `previous` to `current`; undefined when there is nothing to compare with. */
export function kpiDelta(
  current: number,
  previous: number | undefined,
  direction: KpiDirection | undefined,
): KpiDelta | undefined {
  if (previous === undefined) return undefined;
  const change = current - previous;
  let trend: KpiDelta['trend'] = direction && 'unchanged';
  if (direction && change !== 0) {
    const rising = change > 0;
    trend = rising === (direction === 'higher-is-better') ? 'better' : 'worse';
  }
  return {
    previous,
    change,
    relativeChange: previous === 0 ? undefined : change / Math.abs(previous),
    trend,
  };
}
