import { CustomErrorBase, InputError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

// The receivers' refusals carry their HTTP status: Backstage's error handler answers them
// in its JSON error body, as it does @backstage/errors' own (InputError 400,
// NotAllowedError 403, ServiceUnavailableError 503).

/** 413: the body, or what it inflates to, is over the configured size. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

/** 415: not a body this receiver reads (content type or encoding). */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415 as const;
}

/** 429: the write queue is full; the exporter should retry after `retryAfterSeconds`. */
export class BackpressureError extends CustomErrorBase {
  name = 'BackpressureError' as const;
  statusCode = 429 as const;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** 429: this client sent more than its rate allows; retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  statusCode = 429 as const;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/**
 * For a receiver's router, before Backstage's error handler: the body parser's refusals
 * become the receivers' own errors (with messages that say what to send instead), and a
 * refusal that says when to come back sets `Retry-After`. Every error is passed on.
 */
export function receiverErrors(
  what: string,
  maxBodyBytes: number,
): ErrorRequestHandler {
  return (error, req, res, next) => {
    const e = fromBodyParser(
      error,
      what,
      maxBodyBytes,
      String(req.headers['content-encoding'] ?? 'identity')
        .trim()
        .toLowerCase(),
    );
    const retryAfter = (e as { retryAfterSeconds?: unknown })
      ?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && !res.headersSent)
      res.setHeader('Retry-After', String(retryAfter));
    next(e);
  };
}

function fromBodyParser(
  error: unknown,
  what: string,
  maxBodyBytes: number,
  encoding: string,
): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  const message = (error as Error)?.message;
  switch (type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(
        encoding === 'identity' || encoding === ''
          ? `the ${what} is over the ${maxBodyBytes} byte limit`
          : `the ${encoding} body inflates to more than ${maxBodyBytes} bytes`,
      );
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError(
        `${message}; send the body uncompressed or with gzip`,
      );
    case 'entity.parse.failed':
      return new InputError(`the body is not JSON: ${message}`);
    case 'request.aborted':
    case 'request.size.invalid':
      return new InputError(`the body was not received whole: ${message}`);
    default:
      // zlib's errors while inflating (a corrupt gzip body) carry a zlib code.
      if (/^Z_/.test(String((error as { code?: unknown } | null)?.code)))
        return new InputError(`the body is not valid gzip/deflate: ${message}`);
      return error;
  }
}
