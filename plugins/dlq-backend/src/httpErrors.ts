import { LoggerService } from '@backstage/backend-plugin-api';
import { CustomErrorBase, InputError, isError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';

/*
 * Errors carrying their HTTP status (Backstage's error handler reads `statusCode`), and
 * the mapping of everything a request can throw to one of them. Anything unexpected
 * becomes a 500 that names a log id instead of its message, which may hold SQL or paths.
 */

export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415 as const;
}

/** Status by error name, for errors whose message was written for the caller. */
const SPEAKING: Record<string, number> = {
  InputError: 400,
  UnsafePathError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  PayloadTooLargeError: 413,
  UnsupportedMediaTypeError: 415,
  BadGatewayError: 502,
  ServiceUnavailableError: 503,
};

/** body-parser's refusals (`type`) that are the client's fault. */
const BODY_ERRORS: Record<string, (e: any) => Error> = {
  'entity.too.large': e =>
    new PayloadTooLargeError(`request body over ${e.limit} bytes`),
  'entity.parse.failed': e =>
    new InputError(`request body is not JSON: ${e.message}`),
  'charset.unsupported': e =>
    new UnsupportedMediaTypeError(
      `request body charset ${e.charset} is not supported; send UTF-8 JSON`,
    ),
  'encoding.unsupported': e =>
    new UnsupportedMediaTypeError(
      `request body encoding ${e.encoding} is not supported`,
    ),
  'request.aborted': () => new InputError('request body was aborted'),
  'request.size.invalid': () =>
    new InputError('request body does not match its Content-Length'),
};

export function toHttpError(err: unknown, logger: LoggerService): Error {
  const e = err as any;
  const fromBody = typeof e?.type === 'string' && BODY_ERRORS[e.type];
  if (fromBody) return fromBody(e);
  // express answers a path with broken percent-encoding with a URIError (status 400).
  if (e instanceof URIError && (e as { status?: number }).status === 400) {
    return new InputError('the request path is not valid percent-encoding');
  }
  // Other client errors from body-parser (a gzip body that does not inflate, ...):
  // http-errors with a 4xx status, whose message is about the body, not about us.
  if (
    typeof e?.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    e.expose === true &&
    !SPEAKING[e.name]
  ) {
    return new InputError(
      `request body could not be read (${String(
        e.type ?? e.code ?? e.message,
      ).slice(0, 100)})`,
    );
  }
  if (isError(e) && SPEAKING[e.name]) return e;
  const logId = randomBytes(8).toString('hex');
  logger.error(
    `dlq request failed unexpectedly (logId=${logId})`,
    isError(e) ? e : new Error(String(e)),
  );
  const hidden = new Error(`internal error (logId=${logId})`);
  delete hidden.stack;
  return hidden;
}
