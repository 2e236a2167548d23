/**
 * The journeys REST contract (journeys-backend ⇄ journeys frontend), under /api/journeys.
 *
 * Times are ISO-8601 strings on the wire except span timings inside an instance, which are
 * microseconds since the epoch (numbers) so a 10,000-span waterfall stays compact.
 */

/**
 * How one journey instance ended up (or where it is); the rule is in
 * plugins/journeys-backend/README.md ("Verdicts"):
 * - `ok`: finished (its completion step ran) and no live attempt failed;
 * - `failed`: an error in a step's latest attempt;
 * - `rejected`: the entry answered 4xx (the user was refused);
 * - `recovered-by-replay`: failed first, finished by a replay from a dead-letter queue;
 * - `stuck`: unfinished and quiet past the journey's stuckAfter;
 * - `in-flight`: unfinished, still within stuckAfter.
 */
export type InstanceStatus =
  | 'ok'
  | 'failed'
  | 'rejected'
  | 'recovered-by-replay'
  | 'in-flight'
  | 'stuck';
export const INSTANCE_STATUSES: InstanceStatus[] = [
  'ok',
  'failed',
  'rejected',
  'recovered-by-replay',
  'in-flight',
  'stuck',
];

/** Window for journey statistics, e.g. `1h`, `6h`, `24h`, `7d`. */
export type StatsWindow = '1h' | '6h' | '24h' | '7d';
export const STATS_WINDOWS: StatsWindow[] = ['1h', '6h', '24h', '7d'];

/** One bucket of a journey's time series. */
export interface JourneyStatsPoint {
  /** Bucket start, ISO date-time. */
  time: string;
  /** Instances started in the bucket, whatever their outcome. */
  count: number;
  failed: number;
  /** Of `count`, those that failed first and were finished by a replay. */
  recovered: number;
  /** Milliseconds; null when no instance ended in the bucket. */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** GET /journeys?window=24h[&component=component:default/x] → { items: JourneyStats[] } */
export interface JourneyStats {
  /** Entity ref of the Journey, e.g. `journey:default/checkout`. */
  ref: string;
  title: string;
  description?: string;
  owner?: string;
  components: string[];
  businessKeys: string[];
  window: StatsWindow;
  /** Instances started in the window. */
  volume: number;
  failed: number;
  stuck: number;
  inFlight: number;
  rejected: number;
  /** Instances that failed first and were finished by a replay from a dead-letter queue. */
  recoveredByReplay: number;
  /** failed / (volume - inFlight - rejected), 0..1; null without finished instances. */
  errorRate: number | null;
  /**
   * Cycle time of the journey's own run (first attempt to first outcome) of ok and failed
   * instances, from the rollups' latency buckets (interpolated, within one bucket step).
   */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Time from the first failure to the replay that finished recovered-by-replay instances. */
  recoveryP50Ms: number | null;
  recoveryP95Ms: number | null;
  series: JourneyStatsPoint[];
}

export interface JourneyStatsList {
  items: JourneyStats[];
}

/** A journey instance in a list. */
export interface InstanceSummary {
  /** The id of the instance: the trace id of its entry trace (32 hex). */
  id: string;
  /** Journey entity ref; null when no Journey recognised the entry. */
  journey: string | null;
  status: InstanceStatus;
  /** ISO date-time of the first span. */
  startedAt: string;
  /** ISO date-time of the last span end (a replay's too). */
  endedAt: string;
  /** The journey's own run: first attempt to first outcome; a later replay is not in it. */
  durationMs: number;
  /** recovered-by-replay: from the start to the first failure. */
  timeToFirstFailureMs?: number;
  /** recovered-by-replay: from the first failure to the end of the replay that finished it. */
  recoveryMs?: number;
  /** Operations that failed and succeeded on a later attempt (a retry, a redelivery, a replay). */
  recoveredSteps?: Array<{
    service: string;
    name: string;
    attempts: number;
    byReplay: boolean;
  }>;
  traceCount: number;
  spanCount: number;
  errorCount: number;
  services: string[];
  /** Business key values seen on the instance, e.g. { "app.order.id": "ord-4711" }. */
  businessKeys: Record<string, string>;
  /**
   * For failed instances the root cause: the deepest error span of the chain that failed
   * first (service, operation, status message, HTTP/RPC status, messaging destination). For
   * stuck ones the last step seen (spanId empty).
   */
  failingStep?: {
    service: string;
    name: string;
    traceId: string;
    spanId: string;
    message?: string;
    httpStatus?: number;
    rpcStatus?: number;
    destination?: string;
  };
}

/**
 * GET /journeys/:namespace/:name/instances?status=failed&sort=duration&limit=20&window=24h
 * → { items: InstanceSummary[] }. `sort=duration` lists the slowest first; default newest first.
 */
export interface InstanceList {
  items: InstanceSummary[];
}

/** What a search term matched. */
export type SearchMatchKind =
  | 'business-key'
  | 'trace-id'
  | 'message-id'
  | 'instance-id';

/** GET /search?q=ord-4711 → SearchResult; 400 when q is empty. */
export interface SearchResult {
  query: string;
  matches: Array<{
    instance: InstanceSummary;
    matchedBy: SearchMatchKind;
    /** The attribute that matched for business keys, e.g. `app.order.id`. */
    key?: string;
  }>;
}

/** SpanKind as in OTLP (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
export type SpanKindNumber = 0 | 1 | 2 | 3 | 4 | 5;

/** A span as the waterfall needs it; details (attributes, events) come from GET /spans/…. */
export interface WaterfallSpan {
  traceId: string;
  spanId: string;
  /** Empty for a trace root. */
  parentSpanId: string;
  name: string;
  service: string;
  kind: SpanKindNumber;
  /** Microseconds since the epoch. */
  startUs: number;
  durationUs: number;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: 0 | 1 | 2;
  /** Span links (async hops): the producer span this span continues. */
  links: Array<{ traceId: string; spanId: string }>;
  /**
   * Reported by the portal's browser (Faro receiver, untrusted): shown in its trace, never
   * deciding the instance's status or failing step. Absent for backend spans.
   */
  browser?: true;
}

/** GET /instances/:id → InstanceDetail (404 when unknown). */
export interface InstanceDetail {
  instance: InstanceSummary;
  /** Every span of every trace in the instance, ordered by start time. */
  spans: WaterfallSpan[];
  /** Span ids (traceId:spanId) on the critical path, entry to last end. */
  criticalPath: string[];
  /** True when the instance had more spans than the server returns (spans then truncated). */
  truncated: boolean;
}

export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/** GET /spans/:traceId/:spanId → SpanDetail (404 when unknown). */
export interface SpanDetail extends WaterfallSpan {
  statusMessage?: string;
  scope?: string;
  attributes: Record<string, AttributeValue>;
  resource: Record<string, AttributeValue>;
  events: Array<{
    name: string;
    timeUs: number;
    attributes: Record<string, AttributeValue>;
  }>;
  linkAttributes: Array<Record<string, AttributeValue>>;
}

/**
 * OTLP/HTTP receiver: POST /v1/traces (application/json or application/x-protobuf, gzip
 * allowed). Answers 200 with an ExportTraceServiceResponse (JSON or protobuf after the
 * request's content type); partialSuccess names the rejected spans. Errors: 400 (malformed,
 * or a value the database refused), 401 (no or wrong token), 403 (no
 * journeys.traces.ingest), 413 (body over journeys.ingest.maxBodyBytes), 415 (content
 * type), 429 + Retry-After (ingest queue full), 503 (span store unavailable).
 */
export interface OtlpExportResponse {
  partialSuccess?: { rejectedSpans?: number | string; errorMessage?: string };
}
