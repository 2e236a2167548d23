/**
 * The dlq REST contract (dlq-backend ⇄ dlq frontend and other readers), under /api/dlq.
 * The REST types are generated from dlq-backend's OpenAPI document
 * (plugins/dlq-backend/src/schema/openapi.yaml, `yarn workspace
 * @internal/plugin-dlq-backend schema:generate`); clients call the routes with openapi-fetch
 * and `DlqOpenApiPaths`. The runtime admin API's own shapes come from its contract.
 */
import type { RuntimeAdminComponents as components } from '@internal/integration-runtime-client';
import type {
  components as dlqComponents,
  paths as DlqOpenApiPaths,
} from './schema/openapi/generated/types';

export type { DlqOpenApiPaths };

type Schemas = dlqComponents['schemas'];

/** Shapes of the runtime admin API (generated from its OpenAPI document). */
export type RuntimeSchemas = components['schemas'];
export type FailureStatus = RuntimeSchemas['FailureStatus'];
export type FailedMessageSummary = RuntimeSchemas['FailedMessageSummary'];
export type FingerprintGroup = RuntimeSchemas['FingerprintGroup'];
/** transient (timeouts, 5xx, unavailable), permanent (schema, validation, 4xx) or unknown. */
export type FailureKind = RuntimeSchemas['FailureKind'];
export type FailureClassification = RuntimeSchemas['FailureClassification'];
export const FAILURE_KINDS: FailureKind[] = [
  'transient',
  'permanent',
  'unknown',
];
export type ReplayOutcome = RuntimeSchemas['ReplayOutcome'];
export type ReplayItem = RuntimeSchemas['ReplayItem'];

/** Every outcome a replayed message can have (the runtime contract's ReplayOutcome). */
export const REPLAY_OUTCOMES = [
  'pending',
  'replayed',
  'skipped-duplicate',
  'skipped-missing',
  'failed-again',
  'parked',
] as const satisfies readonly ReplayOutcome[];
export type RuntimeReplayJob = RuntimeSchemas['ReplayJob'];

/** A runtime configured under dlq.runtimes, as the browser may see it (no URL, no token). */
export type RuntimeInfo = Schemas['RuntimeInfo'];

/** Catalog entities a dead-letter queue maps to. */
export type DlqEntities = Schemas['DlqEntities'];

/** Whether the signed-in user may do something on a queue, and if not, why. */
export type DlqActionAccess = Schemas['DlqActionAccess'];

/** What the signed-in user may change on one queue (`GET .../dlqs/:dlq/access`). */
export type DlqAccess = Schemas['DlqAccess'];

/** One dead-letter queue of one runtime, with its catalog context. */
export type DlqOverview = Schemas['DlqOverview'];

export type DlqListResponse = Schemas['DlqListResponse'];

/** Filters of one DLQ's messages list; `cursor` is the `nextCursor` of the previous page. */
export type MessageFilter = NonNullable<
  DlqOpenApiPaths['/runtimes/{runtime}/dlqs/{dlq}/messages']['get']['parameters']['query']
>;

export type MessagePage = Schemas['MessagePage'];

/** One delivery attempt, from the broker's x-death history and the failure context. */
export type DeliveryAttempt = Schemas['DeliveryAttempt'];

/** A failed message as the portal shows it: configured PII fields masked. */
export type MessageDetail = Schemas['MessageDetail'];

/**
 * Bounds of replay and message-management requests; dlq-backend answers 400 outside them
 * (the most messages per second is `dlq.replay.maxRatePerSecond`).
 */
export const DLQ_LIMITS = {
  /** A replay runs at least this fast, so a frozen plan finishes (100 000 messages ≈ 28 h). */
  minRatePerSecond: 1,
  minReasonLength: 3,
  maxReasonLength: 1000,
  maxCanarySize: 1000,
  /** Explicit message ids in one replay, archive or purge request. */
  maxExplicitIds: 1000,
} as const;

/**
 * Queue names as the runtime admin API accepts them; a name of dots only (`.`, `..`) is
 * refused too, since it would be a path segment that walks the runtime's URL tree.
 */
export const QUEUE_NAME_PATTERN = /^(?!\.+$)[A-Za-z0-9._-]{1,200}$/;

/** What to replay: explicit ids, one fingerprint group, or a filter. */
export type ReplaySelection = Schemas['ReplaySelection'];

export type PlanReplayRequest = Schemas['PlanReplayRequest'];

export type SubmitReplayRequest = Schemas['SubmitReplayRequest'];

export const REPLAY_STATUSES = [
  'planned',
  'awaiting-approval',
  'canary',
  'running',
  'completed',
  /** Every message was attempted; some came back to the DLQ (failed again or parked). */
  'completed-with-failures',
  /** Stopped by its canary: the canary's messages failed again, the rest not attempted. */
  'canary-failed',
  'cancelled',
  'rejected',
  /** A plan nobody submitted within `dlq.replay.plannedTtl`. */
  'expired',
  'failed',
] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];

export const TERMINAL_REPLAY_STATUSES: ReplayStatus[] = [
  'completed',
  'completed-with-failures',
  'canary-failed',
  'cancelled',
  'rejected',
  'expired',
  'failed',
];

/**
 * What a replay's counters count: the runtime's outcome per message, plus
 * `not-attempted` for messages a replay that ended (cancelled, stopped by its canary,
 * rejected, expired, failed) never published. They always add up to `progress.total`.
 */
export const REPLAY_COUNT_KEYS = [...REPLAY_OUTCOMES, 'not-attempted'] as const;
export type ReplayCountKey = (typeof REPLAY_COUNT_KEYS)[number];
export type ReplayCounts = Record<ReplayCountKey, number>;

/** A replay as the portal tracks it: a frozen plan, a reason, approval, runtime jobs. */
export type Replay = Schemas['Replay'];

export type AuditAction = Schemas['AuditAction'];

export type AuditOutcome = Schemas['AuditOutcome'];

/** An append-only audit entry: who, when, what, why, outcome. */
export type AuditEntry = Schemas['AuditEntry'];

export type AuditPage = Schemas['AuditPage'];

/** The permanent-looking part of a replay plan's selection. */
export type PermanentInPlan = Schemas['PermanentInPlan'];

/** Where a message's payload schema came from: a topic's AsyncAPI document in the catalog. */
export type MessageSchemaSource = Schemas['MessageSchemaSource'];

/** One reason an edited body is refused, at a JSON path (`/lines/0/quantity`, `` = root). */
export type BodyProblem = Schemas['BodyProblem'];

export type DiffLine = Schemas['DiffLine'];

/** What the backend thinks of an edited body (it checks again on replay). */
export type EditPreview = Schemas['EditPreview'];

export type EditReplayRequest = Schemas['EditReplayRequest'];

export type EditReplayResult = Schemas['EditReplayResult'];

/** Largest edited body accepted, in characters. */
export const MAX_EDITED_BODY = 200_000;

/** A dead letter of one of the traces asked for (GET /dead-letters?traceId=…&traceId=…). */
export type TraceDeadLetter = Schemas['TraceDeadLetter'];
/** GET /dead-letters?traceId=… → the traces' dead letters, newest failure first. */
export type TraceDeadLetters = Schemas['TraceDeadLetters'];
/** W3C trace ids, as GET /dead-letters takes them. */
export const TRACE_ID_PATTERN = /^(?!0{32})[0-9a-f]{32}$/;
/** How many trace ids one GET /dead-letters takes (a journey instance's traces). */
export const MAX_TRACE_IDS = 20;
