import { InputError, isError } from '@backstage/errors';
import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { BrokerDownError } from '../runtime/RuntimeClient';

/** A request that carries a body (Content-Length above 0, or chunked). */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined ||
  Number(req.headers['content-length'] ?? 0) > 0;

/** Bodies are JSON, or nothing: anything else is refused before it is read (415). */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  if (
    !['GET', 'HEAD', 'OPTIONS'].includes(req.method) &&
    hasBody(req) &&
    !req.is('application/json')
  ) {
    throw new UnsupportedMediaTypeError(
      `request body must be application/json, got ${
        req.headers['content-type']?.slice(0, 100) ?? 'no Content-Type'
      }`,
    );
  }
  next();
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

/**
 * Translates what express and body-parser throw for a bad request (too large, not JSON,
 * another charset, broken percent-encoding) into errors with a status and a message for
 * the caller, and passes everything on to Backstage's error middleware.
 */
export const requestErrors: ErrorRequestHandler = (err, _req, _res, next) => {
  const e = err as any;
  const fromBody = typeof e?.type === 'string' && BODY_ERRORS[e.type];
  if (fromBody) {
    next(fromBody(e));
    return;
  }
  // express answers a path with broken percent-encoding with a URIError (status 400).
  if (e instanceof URIError && (e as { status?: number }).status === 400) {
    next(new InputError('the request path is not valid percent-encoding'));
    return;
  }
  // Other client errors from body-parser (a gzip body that does not inflate, ...):
  // http-errors with a 4xx status, whose message is about the body.
  if (
    isError(e) &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    e.expose === true
  ) {
    next(
      new InputError(
        `request body could not be read (${String(
          e.type ?? e.code ?? e.message,
        ).slice(0, 100)})`,
      ),
    );
    return;
  }
  next(err);
};

/**
 * A runtime whose broker is down: the 503 carries its Retry-After (Backstage's error
 * middleware sets no headers of its own), readable by the browser across origins too.
 */
export const retryAfter: ErrorRequestHandler = (err, _req, res, next) => {
  if (err instanceof BrokerDownError && !res.headersSent) {
    res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res.append('Access-Control-Expose-Headers', 'Retry-After');
  }
  next(err);
};
