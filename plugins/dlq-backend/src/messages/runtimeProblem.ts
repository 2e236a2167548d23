import { isError } from '@backstage/errors';
import { DlqListResponse } from '@internal/plugin-dlq-common';
import { BrokerDownError, RuntimeClient } from '../runtime/RuntimeClient';

export type RuntimeProblem = DlqListResponse['errors'][number];

/**
 * How a runtime that failed a read is reported beside the answers of the others: one
 * whose broker is down still answers (degraded: stored dead letters can be read), any
 * other failure makes it down.
 */
export function runtimeProblem(
  runtime: RuntimeClient,
  error: unknown,
): RuntimeProblem {
  const base = { runtime: runtime.name, title: runtime.settings.title };
  if (error instanceof BrokerDownError)
    return {
      ...base,
      status: 'degraded',
      message: `its broker is down: queue depths and replays wait until it is back (try again in ${error.retryAfterSeconds} s); stored dead letters can still be read`,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  return {
    ...base,
    status: 'down',
    message: isError(error) ? error.message : String(error),
  };
}
