/**
 * The journeys REST contract (journeys-backend ⇄ journeys frontend), under /api/journeys.
 * The types are generated from journeys-backend's OpenAPI document
 * (plugins/journeys-backend/src/schema/openapi.yaml); clients call the routes with
 * openapi-fetch and `JourneysOpenApiPaths` (see `slo.ts`).
 *
 * Times are ISO-8601 strings on the wire except span timings inside an instance, which are
 * microseconds since the epoch (numbers) so a 10,000-span waterfall stays compact.
 */
import type { components } from './schema/openapi/generated/types';

type Schemas = components['schemas'];

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
export type InstanceStatus = Schemas['InstanceStatus'];
export const INSTANCE_STATUSES: InstanceStatus[] = [
  'ok',
  'failed',
  'rejected',
  'recovered-by-replay',
  'in-flight',
  'stuck',
];

/** Window for journey statistics, e.g. `1h`, `6h`, `24h`, `7d`. */
export type StatsWindow = Schemas['StatsWindow'];
export const STATS_WINDOWS: StatsWindow[] = ['1h', '6h', '24h', '7d'];

/** One bucket of a journey's time series. */
export type JourneyStatsPoint = Schemas['JourneyStatsPoint'];
/** GET /journeys?window=24h[&component=component:default/x] → { items: JourneyStats[] } */
export type JourneyStats = Schemas['JourneyStats'];
export interface JourneyStatsList {
  items: JourneyStats[];
}
/** A journey instance in a list. */
export type InstanceSummary = Schemas['InstanceSummary'];
/** GET /journeys/:namespace/:name/instances → { items: InstanceSummary[] } */
export interface InstanceList {
  items: InstanceSummary[];
}
/** What a search term matched. */
export type SearchMatchKind = Schemas['SearchMatchKind'];
/** GET /search?q=ord-4711 → SearchResult; 400 when q is empty. */
export type SearchResult = Schemas['SearchResult'];
/** SpanKind as in OTLP (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer). */
export type SpanKindNumber = Schemas['SpanKindNumber'];
/** A span as the waterfall needs it; details (attributes, events) come from GET /spans/…. */
export type WaterfallSpan = Schemas['WaterfallSpan'];
/** GET /instances/:id → InstanceDetail (404 when unknown). */
export type InstanceDetail = Schemas['InstanceDetail'];
/** An OTLP attribute value as JSON (the description leaves it open: it nests). */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };
type Attributes = Record<string, AttributeValue>;
/** GET /spans/:traceId/:spanId → SpanDetail (404 when unknown), its values typed. */
export type SpanDetail = Omit<
  Schemas['SpanDetail'],
  'attributes' | 'resource' | 'events' | 'linkAttributes'
> & {
  attributes: Attributes;
  resource: Attributes;
  events: Array<{ name: string; timeUs: number; attributes: Attributes }>;
  linkAttributes: Attributes[];
};
/** POST /v1/traces → OTLP's ExportTraceServiceResponse (JSON). */
export type OtlpExportResponse = Schemas['OtlpExportResponse'];
