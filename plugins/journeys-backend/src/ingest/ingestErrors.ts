import { isError, serializeError } from '@backstage/errors';
import { Request, Response } from 'express';

/** 413: the body, or what it inflates to, is over the configured size. */
export class PayloadTooLargeError extends Error {
  name = 'PayloadTooLargeError';
}

/** 415: not a body this receiver reads (content type or encoding). */
export class UnsupportedMediaTypeError extends Error {
  name = 'UnsupportedMediaTypeError';
}

/** 429: the write queue is full; the exporter should retry after `retryAfterSeconds`. */
export class BackpressureError extends Error {
  name = 'BackpressureError';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** 429: this client sent more than its rate allows; retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends Error {
  name = 'TooManyRequestsError';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

// By name, as @backstage/errors does, so an error that crossed a package boundary still maps.
const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  NotAllowedError: 403,
  PayloadTooLargeError: 413,
  UnsupportedMediaTypeError: 415,
  BackpressureError: 429,
  TooManyRequestsError: 429,
  ServiceUnavailableError: 503,
};

/**
 * Answers a receiver's refusal (400, 403, 413, 415, 429 with Retry-After, 503) in
 * Backstage's error body shape. Returns false for anything else (authentication, bugs):
 * the caller passes those on.
 */
export function sendIngestError(
  req: Request,
  res: Response,
  e: unknown,
): boolean {
  const statusCode =
    isError(e) && Object.hasOwn(STATUS_BY_NAME, e.name)
      ? STATUS_BY_NAME[e.name]
      : undefined;
  if (!statusCode || !isError(e)) return false;
  const retryAfter = (e as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (statusCode === 429 && typeof retryAfter === 'number')
    res.setHeader('Retry-After', String(retryAfter));
  res.status(statusCode).json({
    error: serializeError(e),
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode },
  });
  return true;
}
