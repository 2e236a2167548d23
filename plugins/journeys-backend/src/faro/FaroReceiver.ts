import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, serializeError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  PayloadTooLargeError,
  sendIngestError,
  UnsupportedMediaTypeError,
} from '../ingest/ingestErrors';
import { TraceIngestor } from '../ingest/types';

export interface FaroRouterOptions {
  ingestor: TraceIngestor;
  logger: LoggerService;
  /** Larger bodies are refused with 413. */
  maxBodyBytes: number;
}

/**
 * The Faro web SDK's transport body (`TransportBody` in @grafana/faro-core): `meta` about
 * the app, page, browser and session, plus the batched signals. `traces` is what
 * @grafana/faro-web-tracing exports: an OTLP/JSON ExportTraceServiceRequest
 * (`{ resourceSpans }`, hex ids), which the ingestor validates span by span. Only the
 * envelope is checked here.
 */
const faroPayload = z.looseObject({
  meta: z.looseObject({
    app: z
      .looseObject({
        name: z.string().optional(),
        version: z.string().optional(),
        environment: z.string().optional(),
      })
      .optional(),
    session: z.looseObject({ id: z.string().optional() }).optional(),
  }),
  traces: z
    .looseObject({
      resourceSpans: z.array(z.looseObject({})),
    })
    .optional(),
  logs: z.array(z.unknown()).optional(),
  events: z.array(z.unknown()).optional(),
  measurements: z.array(z.unknown()).optional(),
  exceptions: z.array(z.unknown()).optional(),
});

const IGNORED_PARTS = ['logs', 'events', 'measurements', 'exceptions'] as const;

/** The body parser's refusals as the receivers' own errors (413 and 400 with our messages). */
function fromBodyParser(
  error: Error & { type?: unknown },
  maxBodyBytes: number,
): Error {
  if (error.type === 'entity.too.large') {
    return new PayloadTooLargeError(
      `the Faro payload is over the ${maxBodyBytes} byte limit`,
    );
  }
  if (error.type === 'entity.parse.failed')
    return new InputError(`the body is not JSON: ${error.message}`);
  return error;
}

/**
 * Receives what the Faro web SDK posts (`POST /collect`, JSON): the OTLP traces go to the
 * span ingestor, everything else (logs, events, measurements, exceptions) is accepted and
 * dropped. Answers 202 `{}` like a Faro collector; 400 names the bad field, 413 means the
 * body is over `maxBodyBytes`, 415 that it is not JSON, 429 (with Retry-After) that the
 * ingest queue is full.
 *
 * Mount it before any body parser: it parses its own body, with its own limit.
 */
export function createFaroRouter(options: FaroRouterOptions): express.Router {
  const { ingestor, logger, maxBodyBytes } = options;
  const router = Router();

  router.post(
    '/collect',
    // Faro's fetch transport sends application/json; text/plain keeps a beacon-style
    // client that avoids the CORS preflight working too.
    express.json({
      limit: maxBodyBytes,
      type: ['application/json', 'text/plain'],
      strict: true,
    }),
    async (req, res) => {
      if (!req.is(['application/json', 'text/plain'])) {
        throw new UnsupportedMediaTypeError(
          `content type '${
            req.get('content-type') ?? '(none)'
          }' is not a Faro payload; send application/json`,
        );
      }
      const parsed = faroPayload.safeParse(req.body);
      if (!parsed.success) {
        throw new InputError(
          `invalid Faro payload: ${parsed.error.issues
            .slice(0, 5)
            .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; ')}`,
        );
      }
      const payload = parsed.data;

      const ignored = IGNORED_PARTS.filter(part => payload[part]?.length).map(
        part => `${payload[part]!.length} ${part}`,
      );
      if (ignored.length) {
        logger.debug(`Faro payload: ignored ${ignored.join(', ')}`, {
          app: payload.meta.app?.name,
        });
      }

      if (payload.traces && payload.traces.resourceSpans.length > 0) {
        const result = await ingestor.ingest(payload.traces);
        if (result.rejectedSpans > 0) {
          logger.debug(
            `Faro payload from ${payload.meta.app?.name ?? 'an unnamed app'}: ${
              result.rejectedSpans
            } span(s) rejected: ${result.errorMessage ?? ''}`,
          );
        }
      }
      res.status(202).json({});
    },
  );

  // Errors are answered here, in Backstage's error body shape, so the receiver behaves the
  // same wherever it is mounted.
  router.use(
    (
      error: Error & { status?: unknown; type?: unknown },
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (res.headersSent) {
        next(error);
        return;
      }
      if (sendIngestError(req, res, fromBodyParser(error, maxBodyBytes)))
        return;
      // Other body-parser refusals keep their 4xx; anything else is ours to log.
      const statusCode =
        typeof error.status === 'number' &&
        error.status >= 400 &&
        error.status < 600
          ? error.status
          : 500;
      if (statusCode >= 500)
        logger.error('Faro payload could not be stored', error);
      res.status(statusCode).json({
        error: serializeError(error),
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode },
      });
    },
  );

  return router;
}
