import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AggregateRowResponse,
  EntityScorecardResponse,
  HistoryPointResponse,
  KpiResponse,
  MemberRowResponse,
} from '@internal/plugin-scorecards-common';

/** A period of one KPI's history (GET /entities/:kind/:namespace/:name/history). */
export interface KpiHistoryQuery {
  kpiId: string;
  /** Start, inclusive. */
  from: Date;
  /** End, exclusive. */
  to: Date;
  granularity?: 'day' | 'hour';
}

/** A row's status to filter on; `none` for rows without one. */
export type StatusFilter = 'green' | 'amber' | 'red' | 'none';

/** What a table of rollups (or of a rollup's members) can be sorted by. */
export type RollupSort = 'title' | 'status' | 'score' | 'value';

/** Filter, sort and page of a rollup table; the server does all three. */
export interface RollupTableQuery {
  /** UTC day `YYYY-MM-DD`; yesterday when left out. */
  day?: string;
  /** Title or name contains this text (case-insensitive). */
  q?: string;
  status?: StatusFilter[];
  /** The KPI that `status` filters on and `sort: 'value' | 'status'` sorts by. */
  kpiId?: string;
  sort?: RollupSort;
  order?: 'asc' | 'desc';
  offset?: number;
  /** 1–500; 25 when left out. */
  limit?: number;
}

/** GET /aggregations: teams, systems or domains with their rolled-up KPIs. */
export interface AggregationsQuery extends RollupTableQuery {
  kind?: 'group' | 'system' | 'domain';
  /** Only these entities (at most 100), e.g. the viewer's teams. */
  entityRefs?: string[];
}

/** GET /entities/:kind/:namespace/:name/members: the entities behind a rollup. */
export interface MembersQuery extends RollupTableQuery {
  /** Only members of this kind, e.g. `journey`. */
  memberKind?: string;
}

/** One page of a server-side table and how many rows matched in all. */
export interface RollupPage<Row> {
  day: string;
  total: number;
  items: Row[];
}

/** The scorecards-backend REST API (`/api/scorecards`), one method per route. */
export interface ScorecardsApi {
  /** Every KPI with its definition and the thresholds in force. */
  listKpis(): Promise<KpiResponse[]>;
  /**
   * An entity's values for a UTC day (`YYYY-MM-DD`, yesterday when left out); no items
   * when no snapshot exists yet, `undefined` when the entity is unknown or not readable.
   */
  getEntityScorecard(
    entityRef: string,
    day?: string,
  ): Promise<EntityScorecardResponse | undefined>;
  /** One KPI's snapshots for an entity, oldest first. */
  getKpiHistory(
    entityRef: string,
    query: KpiHistoryQuery,
  ): Promise<HistoryPointResponse[]>;
  /** Teams (or systems, domains) with their rolled-up KPIs: filtered, sorted, paged. */
  listAggregations(
    query?: AggregationsQuery,
  ): Promise<RollupPage<AggregateRowResponse>>;
  /**
   * The entities a team, system or domain holds, each with its own values: filtered,
   * sorted, paged; `undefined` when the rollup is unknown or not readable.
   */
  listMembers(
    entityRef: string,
    query?: MembersQuery,
  ): Promise<RollupPage<MemberRowResponse> | undefined>;
}

export const scorecardsApiRef = createApiRef<ScorecardsApi>().with({
  id: 'plugin.scorecards.api',
  pluginId: 'scorecards',
});
