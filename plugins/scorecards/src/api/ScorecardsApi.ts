import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  EntityScorecardResponse,
  HistoryPointResponse,
  KpiResponse,
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
}

export const scorecardsApiRef = createApiRef<ScorecardsApi>().with({
  id: 'plugin.scorecards.api',
  pluginId: 'scorecards',
});
