import { InputError } from '@backstage/errors';

/**
 * The queue and dead-letter queue names the admin API accepts: the `QueueName` pattern of
 * openapi.yaml. A name made only of dots ('.', '..') is a path segment, never a queue.
 */
export const QUEUE_NAME = /^(?!\.+$)[A-Za-z0-9._-]{1,200}$/;

/** Throws an InputError (400) unless `name` can be a queue name. */
export function assertQueueName(name: string, what = 'queue name'): string {
  if (!QUEUE_NAME.test(name)) {
    throw new InputError(
      `${what} '${name.slice(
        0,
        200,
      )}' must be 1 to 200 of A-Z a-z 0-9 . _ - and not only dots`,
    );
  }
  return name;
}
