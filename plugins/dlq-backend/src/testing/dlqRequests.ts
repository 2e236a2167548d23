import { mockCredentials } from '@backstage/backend-test-utils';
import http from 'node:http';

export interface Answer {
  status: number;
  body: any;
  type: string;
}

/** A request to dlq-backend as a signed-in user; a body that is not a string is sent as JSON. */
export type DlqCall = (
  user: string,
  method: string,
  path: string,
  body?: unknown,
) => Promise<Answer>;

/** One request exactly as given: the path is not normalised, headers are not added. */
export type DlqRawRequest = (request: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}) => Promise<Answer>;

/** Parses a JSON answer; anything else is kept as text. */
function answer(status: number, type: string, text: string): Answer {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status, body, type };
}

const serialise = (body: unknown) =>
  typeof body === 'string' ? body : JSON.stringify(body);

/** Requests to dlq-backend at `base` (…/api/dlq) with mock user credentials. */
export function dlqCaller(base: string): DlqCall {
  return async (user, method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: mockCredentials.user.header(user),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : serialise(body),
    });
    return answer(
      res.status,
      res.headers.get('content-type') ?? '',
      await res.text(),
    );
  };
}

/** Raw requests to dlq-backend on a test backend listening on 127.0.0.1:`port`. */
export function dlqRawRequester(port: number): DlqRawRequest {
  return request =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: request.method,
          path: `/api/dlq${request.path}`,
          // Node sends a DELETE body without a length unless told; say it always.
          headers:
            request.body === undefined
              ? request.headers
              : {
                  'content-length': String(Buffer.byteLength(request.body)),
                  ...request.headers,
                },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve(
              answer(
                res.statusCode ?? 0,
                String(res.headers['content-type'] ?? ''),
                Buffer.concat(chunks).toString('utf8'),
              ),
            ),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(request.body);
    });
}
