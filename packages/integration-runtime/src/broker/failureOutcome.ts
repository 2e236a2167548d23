import { Delivery, MessageHeaders, RetryPolicy } from './types';

/** An error that no retry can fix (a schema-invalid payload, say): dead-letter at once. */
export class PermanentError extends Error {
  readonly permanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Optional trace context a handler attaches to its error (the failing consumer span). */
export interface TracedError extends Error {
  traceId?: string;
  spanId?: string;
  /** The flow step that failed, e.g. `capture-payment`. */
  stage?: string;
  permanent?: boolean;
  /** HTTP status of the call that failed (kept for the failure's classification). */
  httpStatus?: number;
}

/** Headers the adapters set on retries and dead letters (no `x-` prefix: RabbitMQ owns those). */
export const FailureHeader = {
  attempts: 'failure-attempts',
  errorClass: 'failure-error-class',
  errorMessage: 'failure-error-message',
  stack: 'failure-stack',
  stage: 'failure-stage',
  firstAt: 'failure-first-at',
  lastAt: 'failure-last-at',
  queue: 'failure-queue',
  exchange: 'failure-exchange',
  routingKey: 'failure-routing-key',
  consumer: 'failure-consumer',
  traceId: 'failure-trace-id',
  spanId: 'failure-span-id',
  permanent: 'failure-permanent',
  httpStatus: 'failure-http-status',
} as const;

/** Set on a replayed message: only this queue's consumer processes it. */
export const REPLAY_TARGET_QUEUE = 'replay-target-queue';
export const REPLAY_ID = 'replay-id';
export const REPLAY_COUNT = 'replay-count';

export type FailureOutcome =
  | { kind: 'retry'; attempt: number; delayMs: number; headers: MessageHeaders }
  | { kind: 'dead-letter'; headers: MessageHeaders };

const MAX_STACK = 4000;
const MAX_MESSAGE = 1000;

/** Delay before `attempt` (2 = first retry): base * 2^(attempt-2), capped, jittered. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, attempt - 2),
  );
  const factor = 1 + policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(exp * factor));
}

function traceIdsFromTraceparent(headers: MessageHeaders) {
  const tp = headers.traceparent;
  const m =
    typeof tp === 'string'
      ? /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(tp)
      : null;
  return m ? { traceId: m[1], spanId: m[2] } : {};
}

/**
 * What to do with a delivery whose handler threw: retry later, or dead-letter it with
 * everything an on-call engineer needs (error, stack, attempts, first and last failure
 * time, original exchange/queue/routing key, trace ids). All original headers are kept.
 */
export function failureOutcome(
  delivery: Delivery,
  error: unknown,
  policy: RetryPolicy,
  consumer: string,
  now: Date = new Date(),
): FailureOutcome {
  const err: TracedError =
    error instanceof Error ? error : new Error(String(error));
  const nowIso = now.toISOString();
  const fromTrace = traceIdsFromTraceparent(delivery.headers);
  const headers: MessageHeaders = {
    ...delivery.headers,
    [FailureHeader.attempts]: delivery.attempt,
    [FailureHeader.errorClass]: err.name || err.constructor?.name || 'Error',
    [FailureHeader.errorMessage]: String(err.message ?? '').slice(
      0,
      MAX_MESSAGE,
    ),
    [FailureHeader.stack]: String(err.stack ?? '').slice(0, MAX_STACK),
    [FailureHeader.stage]: err.stage ?? consumer,
    [FailureHeader.firstAt]:
      (delivery.headers[FailureHeader.firstAt] as string | undefined) ?? nowIso,
    [FailureHeader.lastAt]: nowIso,
    [FailureHeader.queue]: delivery.queue,
    [FailureHeader.exchange]: delivery.exchange,
    [FailureHeader.routingKey]: delivery.routingKey,
    [FailureHeader.consumer]: consumer,
    [FailureHeader.traceId]: err.traceId ?? fromTrace.traceId ?? null,
    [FailureHeader.spanId]: err.spanId ?? fromTrace.spanId ?? null,
  };
  const permanent = err.permanent === true || err instanceof PermanentError;
  headers[FailureHeader.permanent] = permanent;
  const status = err.httpStatus ?? (err as { status?: unknown }).status;
  headers[FailureHeader.httpStatus] =
    typeof status === 'number' && Number.isInteger(status) ? status : null;
  if (permanent || delivery.attempt >= policy.maxAttempts) {
    return { kind: 'dead-letter', headers };
  }
  const attempt = delivery.attempt + 1;
  return {
    kind: 'retry',
    attempt,
    delayMs: retryDelayMs(policy, attempt),
    headers,
  };
}

/** True when a replayed message is meant for another queue bound to the same key. */
export function isReplayForAnotherQueue(delivery: Delivery): boolean {
  const target = delivery.headers[REPLAY_TARGET_QUEUE];
  return typeof target === 'string' && target !== delivery.queue;
}
