import type { RuntimeSchemas } from '@internal/integration-runtime-client';

/**
 * Whether replaying a dead letter unchanged is likely to work: `transient` (timeouts,
 * 5xx, an unavailable dependency: replay once it is back), `permanent` (schema or
 * validation errors, 4xx: it will fail again unless the message or the receiver changes)
 * or `unknown`. Decided here, where the errors are raised, so the portal does not guess
 * from class names it does not own.
 */
export type FailureKind = RuntimeSchemas['FailureKind'];

/** A kind and one line an on-call engineer reads on hover. */
export type FailureClassification = RuntimeSchemas['FailureClassification'];

export interface FailureFacts {
  errorClass: string;
  errorMessage: string;
  /** The step that failed (`book-invoice`) or the consuming service. */
  stage: string;
  attempts: number;
  /** Retries the runtime allows before dead-lettering. */
  maxAttempts: number;
  /** The consumer marked the error unrecoverable (dead-lettered without retries). */
  permanentFlag?: boolean;
  /** HTTP status of the call that failed, when the error carried one. */
  httpStatus?: number;
}

const SCHEMA_CLASSES = new Set([
  'SchemaValidationError',
  'MalformedMessageError',
  'ValidationError',
  'ZodError',
  'SyntaxError',
]);
const TRANSIENT_CLASSES = new Set([
  'HttpTimeoutError',
  'ProviderUnavailableError',
  'BrokerUnavailableError',
  'InjectedFaultError',
  'TimeoutError',
  'AbortError',
  'ServiceUnavailableError',
]);
const NETWORK =
  /\b(ETIMEDOUT|ECONNRESET|ECONNREFUSED|EAI_AGAIN|EPIPE|ENETUNREACH|EHOSTUNREACH|socket hang up)\b/;
const TIMEOUT = /\b(timed? ?out|timeout|no answer from .* within)\b/i;
const UNAVAILABLE = /\b(unavailable|temporarily|overloaded|try again)\b/i;

/** `POST /erp/invoices answered 422`: the runtime's HttpCallError message. */
function statusFromMessage(message: string): number | undefined {
  const m = /\banswered (\d{3})\b/.exec(message);
  return m ? Number(m[1]) : undefined;
}

function classifyHttp(
  status: number,
  stage: string,
): FailureClassification | undefined {
  if (status === 408 || status === 425 || status === 429) {
    return {
      kind: 'transient',
      reason: `HTTP ${status} from ${stage}: the receiver asked to try later; a replay will likely work`,
    };
  }
  if (status >= 500 && status <= 599) {
    return {
      kind: 'transient',
      reason: `HTTP ${status} from ${stage}: the receiver failed or was unavailable; a replay will likely work once it is back`,
    };
  }
  if (status >= 400 && status <= 499) {
    return {
      kind: 'permanent',
      reason: `HTTP ${status} from ${stage}: the request is wrong, retrying will not help`,
    };
  }
  return undefined;
}

export function classifyFailure(f: FailureFacts): FailureClassification {
  const cls = f.errorClass;
  const msg = f.errorMessage ?? '';
  if (SCHEMA_CLASSES.has(cls) || /schema|contract/i.test(cls)) {
    return {
      kind: 'permanent',
      reason: `schema validation (${cls}): the message does not match its contract; replaying it unchanged will fail again`,
    };
  }
  const status =
    f.httpStatus && Number.isInteger(f.httpStatus)
      ? f.httpStatus
      : statusFromMessage(msg);
  if (status !== undefined) {
    const http = classifyHttp(status, f.stage);
    if (http) return http;
  }
  if (TRANSIENT_CLASSES.has(cls)) {
    return {
      kind: 'transient',
      reason: `${cls}: a timeout or unavailable dependency; a replay will likely work once it is back`,
    };
  }
  if (NETWORK.test(msg) || TIMEOUT.test(msg) || UNAVAILABLE.test(msg)) {
    return {
      kind: 'transient',
      reason: `${cls}: a timeout or network error; a replay will likely work`,
    };
  }
  if (f.permanentFlag) {
    return {
      kind: 'permanent',
      reason: `${cls}: the consumer marked it unrecoverable and dead-lettered it without retries`,
    };
  }
  if (cls === 'DeadLettered') {
    return {
      kind: 'unknown',
      reason: 'rejected by the broker without failure context',
    };
  }
  if (f.attempts === 1 && f.maxAttempts > 1) {
    return {
      kind: 'permanent',
      reason: `${cls}: dead-lettered after its first attempt (no retries), so the consumer judged it unrecoverable`,
    };
  }
  return {
    kind: 'unknown',
    reason: `${cls} after ${f.attempts} attempt${
      f.attempts === 1 ? '' : 's'
    }: not a known transient or permanent error`,
  };
}
