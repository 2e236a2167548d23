import { ScorecardStatus } from '@internal/plugin-scorecards-common';
import { codeUnitOrder } from './codeUnitOrder';

/** What the overview and the drill-down filter, sort and page on. */
export interface RankedRow {
  entityRef: string;
  /** The entity's name, matched by `q` beside the title. */
  name: string;
  title: string;
  status?: ScorecardStatus;
  score?: number;
  items: ReadonlyArray<{
    kpiId: string;
    value: number;
    status?: ScorecardStatus;
  }>;
}

export type RowSort = 'title' | 'status' | 'score' | 'value';
export type StatusFilter = ScorecardStatus | 'none';

export interface RowQuery {
  /** Case-insensitive substring of the title or name. */
  q?: string;
  /** The row's status (or the KPI's, with `kpiId`); `none` for no status. */
  status?: readonly StatusFilter[];
  kpiId?: string;
  sort?: RowSort;
  /** Default: `desc` (worst first) for `status`, `asc` otherwise. */
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

const SEVERITY: Record<ScorecardStatus, number> = {
  green: 0,
  amber: 1,
  red: 2,
};

/** The key a row sorts by; undefined sorts last in both orders. */
function sortKey(
  row: RankedRow,
  sort: RowSort,
  kpiId: string | undefined,
): number | undefined {
  const item = kpiId ? row.items.find(i => i.kpiId === kpiId) : undefined;
  switch (sort) {
    case 'status': {
      const status = kpiId ? item?.status : row.status;
      return status ? SEVERITY[status] : undefined;
    }
    case 'score':
      return row.score;
    case 'value':
      return item?.value;
    default:
      return undefined;
  }
}

const byTitle = (a: RankedRow, b: RankedRow) =>
  a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) ||
  codeUnitOrder(a.entityRef, b.entityRef);

/** Filters, sorts and pages rows; `total` counts the rows that matched before paging. */
export function queryRows<T extends RankedRow>(
  rows: readonly T[],
  query: RowQuery,
): { total: number; items: T[] } {
  const q = query.q?.trim().toLocaleLowerCase('en-US');
  const statuses = query.status?.length ? new Set(query.status) : undefined;
  const matched = rows.filter(row => {
    if (
      q &&
      !row.title.toLocaleLowerCase('en-US').includes(q) &&
      !row.name.toLocaleLowerCase('en-US').includes(q)
    )
      return false;
    if (statuses) {
      const status = query.kpiId
        ? row.items.find(i => i.kpiId === query.kpiId)?.status
        : row.status;
      if (!statuses.has(status ?? 'none')) return false;
    }
    return true;
  });

  const sort = query.sort ?? 'title';
  const order = query.order ?? (sort === 'status' ? 'desc' : 'asc');
  const sign = order === 'desc' ? -1 : 1;
  let sorted: T[];
  if (sort === 'title') {
    sorted = matched.sort((a, b) => sign * byTitle(a, b));
  } else {
    const keyed = matched.map(row => ({
      row,
      key: sortKey(row, sort, query.kpiId),
    }));
    keyed.sort((a, b) => {
      if (a.key === undefined || b.key === undefined) {
        if (a.key !== b.key) return a.key === undefined ? 1 : -1;
      } else if (a.key !== b.key) {
        return sign * (a.key - b.key);
      }
      return byTitle(a.row, b.row);
    });
    sorted = keyed.map(k => k.row);
  }

  const offset = query.offset ?? 0;
  const limit = query.limit ?? 25;
  return {
    total: sorted.length,
    items: sorted.slice(offset, offset + limit),
  };
}
