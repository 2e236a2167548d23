import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  receiverErrors,
  TooManyRequestsError,
  UnsupportedMediaTypeError,
} from '../ingest/ingestErrors';
import { TraceIngestor } from '../ingest/types';
import { ClientRateLimiter, RateLimitOptions } from './ClientRateLimiter';

export interface FaroRouterOptions {
  ingestor: TraceIngestor;
  logger: LoggerService;
  /** Larger bodies are refused with 413. */
  maxBodyBytes: number;
  /** The `service.name` values the portal's app reports; spans of any other → 400. */
  serviceNames: string[];
  /**
   * Origins allowed to post (the app's base URL and configured extras, any URL: only its
   * scheme, host and port count); any other Origin, or none → 403.
   */
  allowedOrigins: string[];
  /** Per client (IP address); over it → 429 with Retry-After. Absent: no limit. */
  rateLimit?: RateLimitOptions;
}

/** The origin (scheme://host:port) of a URL, or undefined when it is not one. */
export function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Every `service.name` a resource declares (a duplicate must not smuggle another one in). */
function serviceNamesOf(resourceSpans: unknown): unknown[] {
  const attributes = (resourceSpans as { resource?: { attributes?: unknown } })
    ?.resource?.attributes;
  if (!Array.isArray(attributes)) return [];
  return attributes
    .filter(a => a && typeof a === 'object' && a.key === 'service.name')
    .map(a => (a as { value?: { stringValue?: unknown } }).value?.stringValue);
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

/**
 * Receives what the Faro web SDK posts (`POST /collect`, JSON): the OTLP traces go to the
 * span ingestor as browser spans (untrusted: they never decide an instance's status,
 * failing step or membership), everything else (logs, events, measurements, exceptions) is
 * accepted and dropped. Answers 202 `{}` like a Faro collector; 400 names the bad field or
 * a service that is not the portal's, 403 means an Origin that is not the portal's, 413 a
 * body over `maxBodyBytes`, 415 one that is not JSON, 429 (with Retry-After) that the
 * client is over its rate or the ingest queue is full.
 *
 * Mount it before any body parser: it parses its own body, with its own limit.
 */
export function createFaroRouter(options: FaroRouterOptions): express.Router {
  const { ingestor, logger, maxBodyBytes } = options;
  const serviceNames = new Set(options.serviceNames);
  const origins = new Set(
    options.allowedOrigins.map(o => {
      const origin = originOf(o);
      if (!origin) throw new Error(`'${o}' is not an origin (a URL)`);
      return origin;
    }),
  );
  const limiter = options.rateLimit
    ? new ClientRateLimiter(options.rateLimit)
    : undefined;
  const router = Router();

  router.post(
    '/collect',
    (req, _res, next) => {
      const wait = limiter?.take(req.ip ?? req.socket.remoteAddress ?? '') ?? 0;
      if (wait > 0)
        throw new TooManyRequestsError(
          `too many Faro payloads from this client; retry in ${wait} s`,
          wait,
        );
      // Browsers send Origin on every POST; the portal's pages are the only senders.
      const origin = req.get('origin');
      if (!origin || !origins.has(originOf(origin) ?? '')) {
        throw new NotAllowedError(
          origin
            ? 'this Origin may not send Faro payloads here; only the portal may'
            : 'a Faro payload needs the Origin header of the portal',
        );
      }
      next();
    },
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
      const foreign = (payload.traces?.resourceSpans ?? []).findIndex(rs => {
        const names = serviceNamesOf(rs);
        return (
          names.length === 0 ||
          names.some(n => typeof n !== 'string' || !serviceNames.has(n))
        );
      });
      if (foreign >= 0) {
        throw new InputError(
          `invalid Faro payload: traces.resourceSpans.${foreign}.resource: service.name must be ${[
            ...serviceNames,
          ]
            .map(n => `'${n}'`)
            .join(' or ')} (the portal's own app)`,
        );
      }

      const ignored = IGNORED_PARTS.filter(part => payload[part]?.length).map(
        part => `${payload[part]!.length} ${part}`,
      );
      if (ignored.length) {
        logger.debug(`Faro payload: ignored ${ignored.join(', ')}`, {
          app: payload.meta.app?.name,
        });
      }

      if (payload.traces && payload.traces.resourceSpans.length > 0) {
        const result = await ingestor.ingest(payload.traces, {
          source: 'browser',
        });
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

  // Body-parser refusals as the receiver's own errors, Retry-After on 429; Backstage's error
  // handler answers them.
  router.use(receiverErrors('Faro payload', maxBodyBytes));

  return router;
}
