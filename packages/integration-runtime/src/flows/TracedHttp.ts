import { context, SpanKind } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { Request, RequestHandler, Response } from 'express';
import { inSpan, Telemetry } from '../telemetry/Telemetry';

export class HttpCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'HttpCallError';
  }
}

export class HttpTimeoutError extends Error {
  constructor(url: string, timeoutMs: number) {
    super(`no answer from ${url} within ${timeoutMs} ms`);
    this.name = 'HttpTimeoutError';
  }
}

/** HTTP hops between the demo services with SERVER/CLIENT spans and W3C propagation. */
export class TracedHttp {
  constructor(private readonly telemetry: Telemetry) {}

  /** Wraps a route handler in a SERVER span continuing the caller's trace. */
  route(
    service: string,
    route: string,
    handler: (req: Request, res: Response) => Promise<void>,
  ): RequestHandler {
    const tracer = this.telemetry.tracer(service);
    return (req, res, next) => {
      const parent = this.telemetry.extract(
        req.headers as Record<string, unknown>,
      );
      inSpan(
        tracer,
        `${req.method} ${route}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: req.method,
            [ATTR_HTTP_ROUTE]: route,
            [ATTR_URL_PATH]: req.path,
          },
        },
        parent,
        async span => {
          await handler(req, res);
          span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
          if (res.statusCode >= 500)
            throw new Error(`answered ${res.statusCode}`);
        },
      ).catch(e => {
        if (!res.headersSent) next(e);
      });
    };
  }

  /** A CLIENT call with a timeout; rejects with HttpCallError on a non-2xx answer. */
  async call<T = unknown>(
    service: string,
    method: 'GET' | 'POST',
    url: string,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      timeoutMs?: number;
    } = {},
  ): Promise<T> {
    const target = new URL(url);
    const timeoutMs = options.timeoutMs ?? 5000;
    return inSpan(
      this.telemetry.tracer(service),
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: method,
          [ATTR_URL_FULL]: url,
          [ATTR_SERVER_ADDRESS]: target.hostname,
          [ATTR_SERVER_PORT]: Number(target.port) || 80,
        },
      },
      context.active(),
      async span => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          ...options.headers,
        };
        this.telemetry.inject(context.active(), headers);
        let res: globalThis.Response;
        try {
          res = await fetch(url, {
            method,
            headers,
            body:
              options.body === undefined
                ? undefined
                : JSON.stringify(options.body),
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (e) {
          if ((e as Error).name === 'TimeoutError')
            throw new HttpTimeoutError(url, timeoutMs);
          throw e;
        }
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.status);
        const text = await res.text();
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // keep the text
        }
        if (!res.ok) {
          throw new HttpCallError(
            res.status,
            body,
            `${method} ${target.pathname} answered ${res.status}`,
          );
        }
        return body as T;
      },
    );
  }
}
