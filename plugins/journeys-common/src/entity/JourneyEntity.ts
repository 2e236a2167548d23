import { Entity } from '@backstage/catalog-model';

export const JOURNEY_API_VERSION = 'switchboard.dev/v1alpha1';
export const JOURNEY_KIND = 'Journey';

// Types, not interfaces, below: Entity's spec is a JsonObject, and only type aliases
// are assignable to its index signature.

/** Where a journey's traces begin: the entry span of the entry trace. */
export type JourneyEntry = {
  /** OpenTelemetry service.name (= catalog component name) of the entry span. */
  service: string;
  /** Exact span name, e.g. `POST /storefront/checkout`. One of span or route. */
  span?: string;
  /** http.route of the entry span, e.g. `/storefront/checkout`. One of span or route. */
  route?: string;
};

/** The step that marks an instance as complete. */
export type JourneyCompletion = {
  service: string;
  span?: string;
  route?: string;
};

/**
 * The final outcomes an objective can count. A ratio objective counts those in `total`:
 * the ones also in `good` are good events, the rest of `total` bad; outcomes in neither
 * are excluded (`in-flight` always — it is not final —, `rejected` and
 * `recovered-by-replay` unless listed).
 */
export type JourneyObjectiveStatus =
  | 'ok'
  | 'failed'
  | 'stuck'
  | 'rejected'
  | 'recovered-by-replay';

/** A burn-rate window of the alert rules. */
export type JourneyBurnWindow = '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d';

/** Alert overrides of one objective (see Journey.v1alpha1.schema.json). */
export type JourneyObjectiveAlerting = {
  /** Low-traffic guard: no alert while the long window holds fewer valid events. */
  minValidEvents?: number;
  /** Multiwindow burn-rate rules, used as given instead of the scaled workbook defaults. */
  rules?: Array<{
    severity: 'page' | 'ticket';
    factor: number;
    longWindow: JourneyBurnWindow;
    shortWindow: JourneyBurnWindow;
  }>;
};

/** Good instances are those whose status is in `good`, out of those in `total`. */
export type JourneyRatioIndicator = {
  ratio: {
    good: { status: JourneyObjectiveStatus[] };
    total: { status: JourneyObjectiveStatus[] };
  };
};

/** Good instances are those that complete within `thresholdMs`. */
export type JourneyLatencyIndicator = {
  latency: { thresholdMs: number };
};

/** OpenSLO-like objective: a ratio of good to total instances, or a latency threshold. */
export type JourneyObjective = {
  name: string;
  description?: string;
  /** Fraction of good events, 0 < target < 1, e.g. 0.99. */
  target: number;
  /** Rolling window, e.g. `28d`, `7d`, `1h` (see parseDuration). */
  timeWindow: string;
  indicator: JourneyRatioIndicator | JourneyLatencyIndicator;
  alerting?: JourneyObjectiveAlerting;
};

export interface JourneyEntityV1alpha1 extends Entity {
  apiVersion: typeof JOURNEY_API_VERSION;
  kind: typeof JOURNEY_KIND;
  spec: {
    owner: string;
    system?: string;
    /** Components (entity refs or names) the journey crosses. */
    components: string[];
    entry: JourneyEntry;
    completion?: JourneyCompletion;
    /** Span attributes that identify the business transaction, e.g. `app.order.id`. */
    businessKeys: string[];
    /** An unfinished instance without activity for this long is stuck, e.g. `10m`. Default 10m. */
    stuckAfter?: string;
    objectives?: JourneyObjective[];
  };
}
