import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DatabaseAuditStore,
  NewAuditEntry,
} from '../database/DatabaseAuditStore';

/** What an attempt learns while it runs, for its audit entry. */
export interface AttemptNote {
  replayId?: string;
  messageCount?: number;
  detail?: string;
  /** A refusal that is not a NotAllowedError (e.g. a message of another queue, 400). */
  denied?: boolean;
}

/** Errors whose message was written for the user; anything else may carry internals. */
const SPEAKING_ERRORS = new Set([
  'InputError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'AuthenticationError',
  'ServiceUnavailableError',
  'BadGatewayError',
  'UnsafePathError',
]);

export function describeFailure(e: unknown): string {
  const error = e as { name?: unknown; message?: unknown } | undefined;
  return typeof error?.name === 'string' &&
    SPEAKING_ERRORS.has(error.name) &&
    typeof error.message === 'string'
    ? error.message
    : 'unexpected error (see the backend log)';
}

/**
 * Writes one audit entry per state-changing attempt: succeeded, denied (permissions,
 * ownership, the two-person rule, a refused foreign message) or failed (conflicts,
 * runtime errors), so refusals are on record as well as what was done.
 */
export class AuditTrail {
  constructor(
    private readonly store: DatabaseAuditStore,
    private readonly logger: LoggerService,
  ) {}

  async attempt<T>(
    entry: Omit<NewAuditEntry, 'outcome' | 'detail'>,
    run: (note: AttemptNote) => Promise<T>,
  ): Promise<T> {
    const note: AttemptNote = {};
    let result: T;
    try {
      result = await run(note);
    } catch (e) {
      const denied =
        note.denied || (e as Error | undefined)?.name === 'NotAllowedError';
      await this.store
        .append({
          ...entry,
          replayId: note.replayId ?? entry.replayId,
          messageCount: note.messageCount ?? entry.messageCount,
          outcome: denied ? 'denied' : 'failed',
          detail: describeFailure(e),
        })
        .catch(auditError =>
          // The caller gets the original error; the lost entry is in the log.
          this.logger.error(
            `could not audit a ${denied ? 'denied' : 'failed'} ${
              entry.action
            } by ${entry.actor}`,
            auditError,
          ),
        );
      throw e;
    }
    await this.store.append({
      ...entry,
      replayId: note.replayId ?? entry.replayId,
      messageCount: note.messageCount ?? entry.messageCount,
      outcome: 'succeeded',
      detail: note.detail,
    });
    return result;
  }
}
