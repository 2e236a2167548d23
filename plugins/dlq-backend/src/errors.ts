import { CustomErrorBase } from '@backstage/errors';

/*
 * Errors carrying their HTTP status: Backstage's error middleware answers with
 * `statusCode` and the message. The @backstage/errors classes (InputError 400,
 * NotAllowedError 403, NotFoundError 404, ConflictError 409, ServiceUnavailableError
 * 503) cover the rest; the runtime client adds BadGatewayError (502).
 */

/** A request body over the router's limit (413). */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

/** A request body that is not JSON in UTF-8 (415). */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415 as const;
}
