import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  InstanceDetail,
  InstanceStatus,
  InstanceSummary,
  JourneySlos,
  JourneyStats,
  SearchResult,
  SloSummary,
  SpanDetail,
  StatsWindow,
} from '@internal/plugin-journeys-common';

/** Which journeys to list (GET /journeys). */
export interface JourneyListFilters {
  window: StatsWindow;
  /** Only journeys this component takes part in, as an entity ref (`component:default/x`). */
  component?: string;
  /**
   * The window ends here (ISO date-time; default now, at most 400 days back, never in the
   * future): `end = now − window` gives the previous period.
   */
  end?: string;
}

/** Which instances of one journey to list (GET /journeys/:namespace/:name/instances). */
export interface InstanceListFilters {
  status?: InstanceStatus;
  /** `duration` lists the slowest first; without it, newest first. */
  sort?: 'duration';
  limit?: number;
  window?: StatsWindow;
}

/** Which objectives to list (GET /slos). */
export interface SloListFilters {
  /** Only journeys of this owner, as an entity ref (`group:default/team-orders`). */
  owner?: string;
}

/** A journey addressed by its entity ref parts. */
export interface JourneyName {
  namespace: string;
  name: string;
}

/** The journeys-backend REST API (`/api/journeys`), one method per route. */
export interface JourneysApi {
  listJourneys(filters: JourneyListFilters): Promise<JourneyStats[]>;
  listInstances(
    journey: JourneyName,
    filters?: InstanceListFilters,
  ): Promise<InstanceSummary[]>;
  /** Finds instances by business key value, trace id, message id or instance id. */
  search(query: string): Promise<SearchResult>;
  getInstance(id: string): Promise<InstanceDetail>;
  getSpan(traceId: string, spanId: string): Promise<SpanDetail>;
  /** Every Journey objective evaluated now, the least budget left first. */
  listSlos(filters?: SloListFilters): Promise<SloSummary[]>;
  /** One journey's objectives with their rules, charts, alerts and burning instances. */
  getJourneySlos(journey: JourneyName): Promise<JourneySlos>;
}

export const journeysApiRef = createApiRef<JourneysApi>().with({
  id: 'plugin.journeys.api',
  pluginId: 'journeys',
});
