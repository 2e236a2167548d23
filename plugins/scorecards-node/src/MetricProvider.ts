import { Entity } from '@backstage/catalog-model';
import { KpiDefinition } from '@internal/plugin-scorecards-common';

/** The period a provider computes for: `[from, to)`, and the moment of the run. */
export interface MetricWindow {
  from: Date;
  to: Date;
  /** When the run happens; a provider of current state (backlog depth) reads it at `now`. */
  now: Date;
}

/**
 * Values by entity ref (as `stringifyEntityRef` writes it), then by KPI id. An entity or
 * KPI left out has no value for the window (no traffic, no data), which is not zero.
 */
export type MetricValues = Record<string, Record<string, number>>;

/**
 * A source of KPI values, added by a backend module through
 * `scorecardsMetricProvidersExtensionPoint`. It reads another plugin's API (journeys, dlq,
 * catalog), never another plugin's tables.
 */
export interface ScorecardMetricProvider {
  /** Unique among providers, e.g. `journeys`. */
  readonly id: string;
  /** The KPIs it computes; their ids are unique across all providers. */
  readonly kpis: readonly KpiDefinition[];
  /**
   * Values for `entities` (catalog entities of the kinds its KPIs apply to) over the
   * window. Called for the hour or day that has just ended.
   */
  compute(entities: Entity[], window: MetricWindow): Promise<MetricValues>;
  /**
   * Values for an earlier day, from history the source keeps (journeys' rollups, say).
   * Called on first start and after an outage for days without a snapshot. Providers of
   * current state only (a queue's depth now) leave it out, and those days stay empty.
   */
  backfill?(entities: Entity[], day: MetricWindow): Promise<MetricValues>;
}
