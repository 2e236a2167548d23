import type {
  RollupSort,
  RollupTableQuery,
  StatusFilter,
} from '../api/ScorecardsApi';

/**
 * What a server-side rollup table shows: search text, status filter (overall, or for one
 * KPI), sort column and order, page. Kept in the URL so a view can be linked and Back
 * works; `prefix` keeps two tables on one page apart.
 */
export interface RollupTableState {
  q: string;
  status: StatusFilter[];
  /** The KPI the status filter applies to; the overall status when empty. */
  statusKpiId?: string;
  sort: RollupSort;
  /** The KPI sorted by when `sort` is `value` (or `status` of a KPI). */
  sortKpiId?: string;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100];
export const STATUS_FILTERS: StatusFilter[] = ['red', 'amber', 'green', 'none'];
const SORTS: RollupSort[] = ['title', 'status', 'score', 'value'];

/** A column header: the name, the overall status, the score, or one KPI. */
export type SortColumn =
  | { by: 'title' }
  | { by: 'status' }
  | { by: 'score' }
  | { by: 'kpi'; kpiId: string };

export const DEFAULT_TABLE_STATE: RollupTableState = {
  q: '',
  status: [],
  sort: 'title',
  order: 'asc',
  page: 0,
  pageSize: PAGE_SIZES[0],
};

/** Whether a header is the current sort column. */
export function isSortedBy(state: RollupTableState, column: SortColumn) {
  if (column.by === 'kpi')
    return (
      (state.sort === 'value' || state.sort === 'status') &&
      state.sortKpiId === column.kpiId
    );
  if (column.by === 'status')
    return state.sort === 'status' && !state.sortKpiId;
  return state.sort === column.by;
}

/**
 * After a click on a column header. Names sort A–Z then Z–A; the status worst first
 * (the backend's `desc`) then best first; the score lowest first. A KPI's column goes
 * round: worst status first → highest value first → lowest value first.
 */
export function sortByColumn(
  state: RollupTableState,
  column: SortColumn,
): RollupTableState {
  const base = { ...state, page: 0 };
  const flip = state.order === 'asc' ? 'desc' : 'asc';
  if (column.by === 'kpi') {
    const { kpiId } = column;
    if (
      !isSortedBy(state, column) ||
      (state.sort === 'value' && state.order === 'asc')
    )
      return { ...base, sort: 'status', sortKpiId: kpiId, order: 'desc' };
    if (state.sort === 'status')
      return { ...base, sort: 'value', sortKpiId: kpiId, order: 'desc' };
    return { ...base, sort: 'value', sortKpiId: kpiId, order: 'asc' };
  }
  if (isSortedBy(state, column)) return { ...base, order: flip };
  const first = { title: 'asc', status: 'desc', score: 'asc' } as const;
  return {
    ...base,
    sort: column.by,
    sortKpiId: undefined,
    order: first[column.by],
  };
}

/** How the current sort reads, for the sort label's title: `Success rate: worst first`. */
export function sortDescription(state: RollupTableState): string {
  if (state.sortKpiId && state.sort === 'status') return 'worst first';
  if (state.sortKpiId && state.sort === 'value')
    return state.order === 'desc'
      ? 'highest value first'
      : 'lowest value first';
  if (state.sort === 'status')
    return state.order === 'desc' ? 'worst first' : 'best first';
  if (state.sort === 'score')
    return state.order === 'asc' ? 'lowest score first' : 'highest score first';
  return state.order === 'asc' ? 'A to Z' : 'Z to A';
}

/** The route's query parameters for the state: filter, sort and one page. */
export function tableQuery(state: RollupTableState): RollupTableQuery {
  const sortsByKpi =
    (state.sort === 'value' || state.sort === 'status') && !!state.sortKpiId;
  // The route has one kpiId for the status filter and the sort: a KPI sort wins, and
  // the filter then applies to that KPI too (the filter's control says so).
  const filterKpiId = state.status.length ? state.statusKpiId : undefined;
  const kpiId = sortsByKpi ? state.sortKpiId : filterKpiId;
  // A value sort needs its KPI; without one, by name.
  const sort = state.sort === 'value' && !sortsByKpi ? 'title' : state.sort;
  return {
    ...(state.q.trim() ? { q: state.q.trim() } : {}),
    ...(state.status.length ? { status: state.status } : {}),
    ...(kpiId ? { kpiId } : {}),
    sort,
    order: state.order,
    offset: state.page * state.pageSize,
    limit: state.pageSize,
  };
}

/** Reads the state from URL search parameters (`<prefix>q`, `<prefix>status`, …). */
export function readTableState(
  params: URLSearchParams,
  prefix = '',
): RollupTableState {
  const get = (k: string) => params.get(`${prefix}${k}`) ?? undefined;
  const sort = get('sort') as RollupSort | undefined;
  const order = get('order');
  const page = Number(get('page'));
  const pageSize = Number(get('size'));
  return {
    q: get('q') ?? '',
    status: params
      .getAll(`${prefix}status`)
      .filter((s): s is StatusFilter =>
        STATUS_FILTERS.includes(s as StatusFilter),
      ),
    statusKpiId: get('statusKpi'),
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_TABLE_STATE.sort,
    sortKpiId: get('sortKpi'),
    order: order === 'desc' || order === 'asc' ? order : 'asc',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
  };
}

/** Writes the state into a copy of `params`, leaving defaults out so URLs stay short. */
export function writeTableState(
  params: URLSearchParams,
  state: RollupTableState,
  prefix = '',
): URLSearchParams {
  const out = new URLSearchParams(params);
  const set = (k: string, v: string | undefined, dflt?: string) => {
    out.delete(`${prefix}${k}`);
    if (v !== undefined && v !== '' && v !== dflt) out.set(`${prefix}${k}`, v);
  };
  set('q', state.q);
  out.delete(`${prefix}status`);
  state.status.forEach(s => out.append(`${prefix}status`, s));
  set('statusKpi', state.statusKpiId);
  set('sort', state.sort, DEFAULT_TABLE_STATE.sort);
  set(
    'sortKpi',
    state.sort === 'value' || state.sort === 'status'
      ? state.sortKpiId
      : undefined,
  );
  set('order', state.order, 'asc');
  set('page', String(state.page), '0');
  set('size', String(state.pageSize), String(PAGE_SIZES[0]));
  return out;
}

/** Largest page the routes give; an export pages through with it. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Every row that matches, fetched a page at a time (the filter and sort of the view,
 * not its page), for a CSV export. Stops at `total` or at a short page.
 */
export async function fetchAllPages<Row>(
  fetchPage: (
    offset: number,
    limit: number,
  ) => Promise<{ total: number; items: Row[] }>,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (;;) {
    const page = await fetchPage(rows.length, pageSize);
    rows.push(...page.items);
    if (page.items.length < pageSize || rows.length >= page.total) return rows;
  }
}
