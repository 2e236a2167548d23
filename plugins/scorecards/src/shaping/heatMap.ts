import type {
  EntityKpiValueResponse,
  KpiAggregation,
  KpiResponse,
  KpiUnit,
  MemberCountsResponse,
  ScorecardStatus,
} from '@internal/plugin-scorecards-common';
import { formatKpiValue, unitLabel } from './kpiFormat';
import { memberCountsText } from './memberCounts';
import type { CsvColumn } from './tableCsv';

/** A cell's colour: a threshold status, or grey when there is no value or no rule for it. */
export type CellStatus = ScorecardStatus | 'grey';

export interface HeatMapColumn {
  kpiId: string;
  title: string;
  unit: KpiUnit;
  description: string;
}

export interface HeatMapCell {
  kpiId: string;
  status: CellStatus;
  value?: number;
  /** The value with its unit, or `—`. */
  text: string;
  /** A rollup's members by their status for this KPI. */
  members?: MemberCountsResponse;
  aggregation?: KpiAggregation;
}

export interface HeatMapRow {
  entityRef: string;
  name: string;
  /** Rolled up over the row's KPIs; grey without any status. */
  status: CellStatus;
  score?: number;
  /** False until the backend has written a snapshot for the entity. */
  hasSnapshot: boolean;
  /** Entities a rollup counted (teams, systems, domains). */
  memberCount?: number;
  cells: HeatMapCell[];
}

/** What a row needs of a scorecard, an aggregate row or a member row. */
export interface HeatMapValues {
  status?: ScorecardStatus;
  score?: number;
  memberCount?: number;
  items: EntityKpiValueResponse[];
}

export interface HeatMapInput {
  entityRef: string;
  name: string;
  /** Undefined while unknown or unreadable; with no items before the first snapshot. */
  scorecard?: HeatMapValues;
}

export interface HeatMap {
  columns: HeatMapColumn[];
  rows: HeatMapRow[];
}

const appliesTo = (kpi: KpiResponse, kind: string) =>
  kpi.entityKinds.some(
    k => k.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US'),
  );

/**
 * Teams × KPIs. Columns are the KPIs any row has a value for, in the backend's order, so
 * a KPI nobody reports does not fill the page with grey; with no values at all, the KPIs
 * defined for `kind` (or every KPI when none is), so the empty grid still says what will
 * be measured. `alsoShow` keeps a KPI's column (the one sorted or filtered by) even when
 * no row on the page has a value for it.
 */
export function buildHeatMap(
  kpis: KpiResponse[],
  inputs: HeatMapInput[],
  kind = 'group',
  alsoShow: string[] = [],
): HeatMap {
  const reported = new Set(
    inputs.flatMap(i => i.scorecard?.items.map(v => v.kpiId) ?? []),
  );
  let shown = reported.size
    ? kpis.filter(k => reported.has(k.id) || alsoShow.includes(k.id))
    : kpis.filter(k => appliesTo(k, kind) || alsoShow.includes(k.id));
  if (!shown.length) shown = kpis;
  const columns = shown.map(k => ({
    kpiId: k.id,
    title: k.title,
    unit: k.unit,
    description: k.description,
  }));
  const rows = inputs.map<HeatMapRow>(input => {
    const values = new Map(
      (input.scorecard?.items ?? []).map(v => [v.kpiId, v]),
    );
    const cells = columns.map<HeatMapCell>(column => {
      const v = values.get(column.kpiId);
      if (!v) return { kpiId: column.kpiId, status: 'grey', text: '—' };
      return {
        kpiId: column.kpiId,
        status: v.status ?? 'grey',
        value: v.value,
        text: formatKpiValue(v.value, column.unit),
        ...(v.members ? { members: v.members } : {}),
        ...(v.aggregation ? { aggregation: v.aggregation } : {}),
      };
    });
    return {
      entityRef: input.entityRef,
      name: input.name,
      status: input.scorecard?.status ?? 'grey',
      score: input.scorecard?.score,
      hasSnapshot: (input.scorecard?.items.length ?? 0) > 0,
      ...(input.scorecard?.memberCount !== undefined
        ? { memberCount: input.scorecard.memberCount }
        : {}),
      cells,
    };
  });
  return { columns, rows };
}

const STATUS_RANK: Record<CellStatus, number> = {
  red: 0,
  amber: 1,
  green: 2,
  grey: 3,
};

/** Worst first, then by name; rows without a snapshot last. */
export function sortWorstFirst(rows: HeatMapRow[]): HeatMapRow[] {
  return [...rows].sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      (a.score ?? 101) - (b.score ?? 101) ||
      a.name.localeCompare(b.name, 'en-US'),
  );
}

/**
 * The heat map as CSV columns: the name, the rolled-up status and score, then per KPI
 * its raw value (unit in the header, so a spreadsheet can compute with it) and status.
 */
export function heatMapCsvColumns(
  map: HeatMap,
  nameHeader = 'Team',
): CsvColumn<HeatMapRow>[] {
  const columns: CsvColumn<HeatMapRow>[] = [
    { header: nameHeader, value: r => r.name },
    { header: 'Entity ref', value: r => r.entityRef },
    { header: 'Status', value: r => (r.status === 'grey' ? '' : r.status) },
    { header: 'Score', value: r => r.score },
  ];
  const rollups = map.rows.some(r => r.memberCount !== undefined);
  if (rollups) columns.push({ header: 'Entities', value: r => r.memberCount });
  const withMembers = new Set(
    map.rows.flatMap(r => r.cells.filter(c => c.members).map(c => c.kpiId)),
  );
  map.columns.forEach((c, i) => {
    columns.push(
      {
        header: `${c.title} (${unitLabel(c.unit)})`,
        value: r => r.cells[i].value,
      },
      {
        header: `${c.title} status`,
        value: r => (r.cells[i].status === 'grey' ? '' : r.cells[i].status),
      },
    );
    if (withMembers.has(c.kpiId)) {
      columns.push({
        header: `${c.title} members`,
        value: r => {
          const m = r.cells[i].members;
          return m ? memberCountsText(m) : undefined;
        },
      });
    }
  });
  return columns;
}
