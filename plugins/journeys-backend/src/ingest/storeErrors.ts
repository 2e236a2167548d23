import { InputError, ServiceUnavailableError } from '@backstage/errors';

/**
 * Whether the database refused a value (rather than failing): PostgreSQL's SQLSTATE classes
 * 22 (data exception, e.g. 22021 for U+0000) and 23 (integrity constraint), SQLite's
 * constraint, size and type errors. Such a write fails again with the same rows.
 */
export function isRefusedValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    /^2[23][0-9A-Z]{3}$/.test(code) ||
    /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/.test(code)
  );
}

/**
 * A store failure as an answer for one request: 400 when the database refused one of its
 * values, 503 otherwise. Neither carries the database's message (it quotes SQL and values);
 * the caller logs the original.
 */
export function storeFailure(error: unknown): Error {
  return isRefusedValue(error)
    ? new InputError(
        'the database refused a value in this request; none of its spans were stored',
      )
    : new ServiceUnavailableError('the span store failed; retry later');
}
