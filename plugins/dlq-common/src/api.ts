import type { RuntimeAdminComponents as components } from '@internal/integration-runtime-client';

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
export interface RuntimeInfo {
  name: string;
  title: string;
  /**
   * 'degraded': the runtime answers, but its broker is down (queue depths and replays
   * wait until it is back; stored dead letters can still be read).
   */
  status: 'up' | 'degraded' | 'down';
  broker?: string;
  /** Why the runtime is down, or what degraded means for it. */
  error?: string;
}

/** Catalog entities a dead-letter queue maps to. */
export interface DlqEntities {
  /** The consumer queue's Resource entity: permissions are checked on it. */
  queue?: string;
  /** The dead-letter queue's own Resource entity, when declared. */
  deadLetterQueue?: string;
  /** The consuming Component. */
  consumer?: string;
  /** Owner of the queue (group ref), from the catalog. */
  owner?: string;
}

/** Whether the signed-in user may do something on a queue, and if not, why. */
export interface DlqActionAccess {
  allowed: boolean;
  /** Why not: who owns the queue and whom to ask (absent when allowed). */
  reason?: string;
}

/** What the signed-in user may change on one queue (`GET .../dlqs/:dlq/access`). */
export interface DlqAccess {
  /** The owning group (entity ref), when the queue is in the catalog. */
  owner: string | null;
  /** The queue's Resource entity, when declared. */
  queue: string | null;
  /** Plan, submit and cancel replays. */
  replay: DlqActionAccess;
  /** Archive and purge messages. */
  manage: DlqActionAccess;
  /** Approve or reject someone else's replay. */
  approve: DlqActionAccess;
}

/** One dead-letter queue of one runtime, with its catalog context. */
export interface DlqOverview {
  runtime: string;
  name: string;
  deadLetterQueue: string;
  exchange: string;
  bindingKeys: string[];
  consumer: string;
  failed: number;
  parked: number;
  archived: number;
  brokerDepth: number;
  oldestFailureAt: string | null;
  oldestAgeSeconds: number | null;
  entities: DlqEntities;
  /** Dead letters received per bucket (oldest first); empty when not asked for. */
  inflow: Array<{ start: string; count: number }>;
}

export interface DlqListResponse {
  items: DlqOverview[];
  /** Runtimes that could not be read; their queues are missing from items. */
  errors: Array<{
    runtime: string;
    message: string;
    /** The runtime's title, when known. */
    title?: string;
    /**
     * 'degraded': the runtime answered, but its broker is down (it reconnects by itself);
     * 'down' (or absent): it could not be read.
     */
    status?: 'down' | 'degraded';
    /** For a degraded runtime: seconds after which reading again is worth it. */
    retryAfterSeconds?: number;
  }>;
}

/** Filters of one DLQ's messages list; `cursor` is the `nextCursor` of the previous page. */
export interface MessageFilter {
  status?: FailureStatus;
  /** An order id or payment id. */
  businessId?: string;
  errorClass?: string;
  classification?: FailureKind;
  fingerprint?: string;
  /** ISO date-time. */
  from?: string;
  /** ISO date-time. */
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface MessagePage {
  items: FailedMessageSummary[];
  nextCursor: string | null;
  total: number;
}

/** One delivery attempt, from the broker's x-death history and the failure context. */
export interface DeliveryAttempt {
  queue: string;
  reason: string;
  count: number;
  time: string | null;
}

/** A failed message as the portal shows it: configured PII fields masked. */
export interface MessageDetail {
  runtime: string;
  message: RuntimeSchemas['FailedMessage'];
  /** The body pretty-printed when it is JSON, as received otherwise (masked either way). */
  formattedBody: string;
  bodyIsJson: boolean;
  /** JSON paths (body) and header names whose values were masked. */
  masked: string[];
  attempts: DeliveryAttempt[];
  /** Where its trace or journey instance opens, when a trace id is known. */
  traceUrl: string | null;
  entities: DlqEntities;
}

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
export interface ReplaySelection {
  ids?: string[];
  fingerprint?: string;
  filter?: {
    businessId?: string;
    errorClass?: string;
    classification?: FailureKind;
    from?: string;
    to?: string;
  };
}

export interface PlanReplayRequest {
  runtime: string;
  dlq: string;
  selection: ReplaySelection;
  ratePerSecond?: number;
  /** Leave out the messages whose failure looks permanent (default true). */
  excludePermanent?: boolean;
}

export interface SubmitReplayRequest {
  reason: string;
  /** Replay this many first and go on only when all of them succeeded. */
  canarySize?: number;
}

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
export interface Replay {
  id: string;
  runtime: string;
  dlq: string;
  status: ReplayStatus;
  selection: ReplaySelection;
  plan: {
    /** Messages frozen at planning time; nothing that arrives later is added. */
    count: number;
    targets: RuntimeSchemas['ReplayPlan']['targets'];
    skipped: RuntimeSchemas['ReplayPlan']['skipped'];
    ratePerSecond: number;
    estimatedSeconds: number;
    plannedAt: string;
    /**
     * Selected messages whose failure looks permanent (they will likely fail again) and
     * whether the requester left them out; absent on plans made before this was counted.
     */
    permanent?: PermanentInPlan;
  };
  requester: string;
  reason: string | null;
  canarySize: number;
  approvalRequired: boolean;
  approver: string | null;
  decisionComment: string | null;
  jobs: { canary: string | null; main: string | null };
  progress: { total: number; done: number; counts: ReplayCounts };
  error: string | null;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  finishedAt: string | null;
}

export type AuditAction =
  | 'replay.plan'
  | 'replay.submit'
  | 'replay.approve'
  | 'replay.reject'
  | 'replay.cancel'
  | 'replay.finish'
  | 'replay.expire'
  | 'message.archive'
  | 'message.purge'
  | 'message.edit-replay';

export type AuditOutcome = 'succeeded' | 'failed' | 'denied';

/** An append-only audit entry: who, when, what, why, outcome. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  runtime: string;
  dlq: string | null;
  replayId: string | null;
  messageCount: number;
  reason: string | null;
  outcome: AuditOutcome;
  detail: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `before` for the next (older) page. */
  nextBefore: number | null;
}

/** The permanent-looking part of a replay plan's selection. */
export interface PermanentInPlan {
  /** How many of the `selected` messages look permanent. */
  count: number;
  selected: number;
  /** Left out of the plan (its `count` and ids no longer include them). */
  excluded: boolean;
  /** The most frequent reasons, largest first. */
  reasons: Array<{ reason: string; count: number }>;
}

/** Where a message's payload schema came from: a topic's AsyncAPI document in the catalog. */
export interface MessageSchemaSource {
  /** The API entity (type asyncapi). */
  api: string;
  /** The topic Resource whose address matched the message. */
  topic: string;
  channel: string;
  message: string;
  /** info.version of the document. */
  version: string;
}

/** One reason an edited body is refused, at a JSON path (`/lines/0/quantity`, `` = root). */
export interface BodyProblem {
  path: string;
  message: string;
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** What the backend thinks of an edited body (it checks again on replay). */
export interface EditPreview {
  /** The body is JSON (or the message is not JSON) and matches the schema if one was found. */
  valid: boolean;
  problems: BodyProblem[];
  schema: MessageSchemaSource | null;
  /** Why no schema applies (then only JSON syntax is checked). */
  schemaMissing: string | null;
  /** Original vs edited, both with personal data masked. */
  diff: DiffLine[];
  changed: boolean;
}

export interface EditReplayRequest {
  /** The edited body; masked fields left as they are keep their original values. */
  body: string;
  reason: string;
}

export interface EditReplayResult {
  failureId: string;
  originalMessageId: string;
  /** The edited message's own id. */
  messageId: string;
  replayedAt: string;
}

/** Largest edited body accepted, in characters. */
export const MAX_EDITED_BODY = 200_000;
