import {
  KpiAggregation,
  KpiDefinition,
  ScorecardStatus,
  worseStatus,
} from '@internal/plugin-scorecards-common';

export const DEFAULT_AGGREGATION: KpiAggregation = 'mean';

export const aggregationOf = (kpi: KpiDefinition): KpiAggregation =>
  kpi.aggregation ?? DEFAULT_AGGREGATION;

/** How many members have each status for a KPI; `none`: no value, or a value without status. */
export interface MemberCounts {
  green: number;
  amber: number;
  red: number;
  none: number;
}

/** One KPI of a rollup: the aggregated value, the worst member status, the counts. */
export interface RolledKpi {
  /** Undefined when no member has a value. */
  value?: number;
  /** The worst of the members' statuses; undefined when none has one. */
  status?: ScorecardStatus;
  members: MemberCounts;
}

/** `values` aggregated by `mode`; undefined for no values. */
export function aggregateValues(
  values: readonly number[],
  mode: KpiAggregation,
): number | undefined {
  if (values.length === 0) return undefined;
  switch (mode) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'mean':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'median': {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2
        ? sorted[mid]
        : (sorted[mid - 1] + sorted[mid]) / 2;
    }
    case 'max':
      return values.reduce((a, b) => (b > a ? b : a));
    case 'min':
      return values.reduce((a, b) => (b < a ? b : a));
    default:
      throw new TypeError(`unknown aggregation "${String(mode)}"`);
  }
}

/**
 * One KPI rolled up over `memberCount` members of the KPI's kinds, of which `snapshots`
 * are those with a value (the rest count as `none`).
 */
export function rollUpKpi(
  kpi: KpiDefinition,
  snapshots: ReadonlyArray<{ value: number; status?: ScorecardStatus }>,
  memberCount: number,
): RolledKpi {
  const members: MemberCounts = { green: 0, amber: 0, red: 0, none: 0 };
  let status: ScorecardStatus | undefined;
  for (const s of snapshots) {
    if (s.status) {
      members[s.status]++;
      status = status ? worseStatus(status, s.status) : s.status;
    }
  }
  members.none =
    Math.max(memberCount, snapshots.length) -
    members.green -
    members.amber -
    members.red;
  return {
    value: aggregateValues(
      snapshots.map(s => s.value),
      aggregationOf(kpi),
    ),
    status,
    members,
  };
}
