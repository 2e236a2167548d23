import type {
  EntityKpiValueResponse,
  KpiResponse,
  ScorecardStatus,
} from '@internal/plugin-scorecards-common';
import { formatKpiValue } from './kpiFormat';
import { memberCountsText } from './memberCounts';

export interface WorstKpi {
  kpiId: string;
  title: string;
  status: Exclude<ScorecardStatus, 'green'>;
  /** The value with its unit. */
  valueText: string;
  /** `2 red of 12` for a rollup's value. */
  membersText?: string;
}

const RANK = { red: 0, amber: 1 } as const;

/**
 * A row's KPIs that are off target or at risk, worst first (red before amber, then by
 * how many of its entities are red), at most `limit`; the KPI's title and unit from
 * the definitions, its id when the definition is unknown.
 */
export function worstKpis(
  row: { items: EntityKpiValueResponse[] },
  kpis: KpiResponse[],
  limit: number,
): WorstKpi[] {
  const byId = new Map(kpis.map(k => [k.id, k]));
  return row.items
    .filter(
      (v): v is EntityKpiValueResponse & { status: 'red' | 'amber' } =>
        v.status === 'red' || v.status === 'amber',
    )
    .sort(
      (a, b) =>
        RANK[a.status] - RANK[b.status] ||
        (b.members?.red ?? 0) - (a.members?.red ?? 0) ||
        a.kpiId.localeCompare(b.kpiId),
    )
    .slice(0, limit)
    .map(v => {
      const kpi = byId.get(v.kpiId);
      return {
        kpiId: v.kpiId,
        title: kpi?.title ?? v.kpiId,
        status: v.status,
        valueText: kpi ? formatKpiValue(v.value, kpi.unit) : String(v.value),
        ...(v.members ? { membersText: memberCountsText(v.members) } : {}),
      };
    });
}
