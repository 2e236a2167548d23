import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  INSTANCE_STATUSES,
  journeysTracesIngestPermission,
  journeysTracesReadPermission,
  STATS_WINDOWS,
} from '@internal/plugin-journeys-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PayloadTooLargeError, receiverErrors } from './ingest/ingestErrors';
import {
  decodeRequest,
  encodeResponse,
  encodingOf,
} from './ingest/OtlpDecoder';
import { storableText } from './ingest/storableText';
import { TraceIngestor } from './ingest/types';
import { JourneyQueries } from './query/JourneyQueries';
import { createAuthorizer } from './authorizer';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  ingestor: TraceIngestor;
  queries: JourneyQueries;
  /** Largest accepted body, before and after gzip (bytes). */
  maxBodyBytes: number;
  /** Mounted under /faro when the Faro receiver is on. */
  faroRouter?: express.Router;
  /** The contract-first routes (src/schema/openapi.yaml): SLOs, metrics, OpenSLO. */
  sloRouter?: express.Router;
}

/** Parses with zod; the error names each bad field. */
function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: string,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(
      `invalid ${where}: ${result.error.issues
        .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

const traceId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'a trace id (32 lowercase hex digits)');
const spanId = z
  .string()
  .regex(/^[0-9a-f]{16}$/, 'a span id (16 lowercase hex digits)');
const entityName = z.string().regex(/^[A-Za-z0-9._-]{1,63}$/, 'an entity name');

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, ingestor, queries, maxBodyBytes } = options;
  const router = Router();

  const authorize = createAuthorizer(httpAuth, permissions);

  // OTLP/HTTP, for exporters with a token (an external access token restricted to
  // journeys.traces.ingest, or a plugin's service token).
  router.post(
    '/v1/traces',
    async (req, _res, next) => {
      // Refused before the body is read: no token or permission, not OTLP, declared too big.
      await authorize(req, ['service'], journeysTracesIngestPermission);
      encodingOf(req.headers['content-type']);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes)
        throw new PayloadTooLargeError(
          `the body has ${declared} bytes; the limit is ${maxBodyBytes}`,
        );
      next();
    },
    // gzip and deflate are inflated here; the limit holds for the inflated body too.
    express.raw({ type: () => true, limit: maxBodyBytes, inflate: true }),
    async (req, res) => {
      const encoding = encodingOf(req.headers['content-type']);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await ingestor.ingest(decodeRequest(body, encoding));
      const answer = encodeResponse(
        encoding,
        result.rejectedSpans > 0
          ? {
              rejectedSpans: result.rejectedSpans,
              errorMessage: result.errorMessage ?? '',
            }
          : undefined,
      );
      res.status(200).type(answer.contentType).send(answer.body);
    },
  );
  router.use('/v1/traces', receiverErrors('OTLP request', maxBodyBytes));

  if (options.faroRouter) router.use('/faro', options.faroRouter);

  router.use(express.json({ limit: '64kb' }));

  // Every read route: signed-in users and services holding journeys.traces.read.
  const user = (req: Request) =>
    authorize(req, ['user', 'service'], journeysTracesReadPermission);

  router.get('/journeys', async (req, res) => {
    await user(req);
    const q = parse(
      z.object({
        window: z.enum(STATS_WINDOWS).default('24h'),
        component: z.string().min(3).max(300).optional(),
        end: z.string().datetime({ offset: true }).optional(),
      }),
      req.query,
      'query',
    );
    res.json({
      items: await queries.stats(q.window, q.component, statsEnd(q.end)),
    });
  });

  router.get('/journeys/:namespace/:name/instances', async (req, res) => {
    await user(req);
    const p = parse(
      z.object({ namespace: entityName, name: entityName }),
      req.params,
      'path',
    );
    const q = parse(
      z.object({
        status: z.enum(INSTANCE_STATUSES).optional(),
        sort: z.enum(['recent', 'duration']).default('recent'),
        limit: z.coerce.number().int().min(1).max(200).default(20),
        window: z.enum(STATS_WINDOWS).optional(),
      }),
      req.query,
      'query',
    );
    res.json({
      items: await queries.instancesOf(
        `journey:${p.namespace}/${p.name}`.toLowerCase(),
        q,
      ),
    });
  });

  router.get('/search', async (req, res) => {
    await user(req);
    const { q } = parse(
      z.object({
        q: z
          .string()
          .trim()
          .min(1, 'type an order id, a trace id or a message id')
          .max(255),
      }),
      req.query,
      'search',
    );
    // Stored values had U+0000 and lone surrogates replaced; the query is read the same way.
    res.json(await queries.search(storableText(q)));
  });

  router.get('/instances/:id', async (req, res) => {
    await user(req);
    const { id } = parse(z.object({ id: traceId }), req.params, 'path');
    res.json(await queries.instance(id));
  });

  router.get('/spans/:traceId/:spanId', async (req, res) => {
    await user(req);
    const p = parse(z.object({ traceId, spanId }), req.params, 'path');
    res.json(await queries.span(p.traceId, p.spanId));
  });

  if (options.sloRouter) router.use(options.sloRouter);

  // Anything else under the plugin (an empty segment, `..`, a wrong method) is a JSON 404.
  router.use((req: Request) => {
    throw new NotFoundError(`no route ${req.method} ${req.path}`);
  });

  return router;
}

/** The oldest end a stats window may have: as far back as rollups are kept by default. */
const MAX_STATS_END_AGE_MS = 400 * 24 * 3_600_000;

/** `end` of GET /journeys: a moment from 400 days ago to now (a minute of clock skew allowed). */
function statsEnd(end: string | undefined): number | undefined {
  if (end === undefined) return undefined;
  const ms = Date.parse(end);
  const now = Date.now();
  if (ms > now + 60_000) throw new InputError('end: must not be in the future');
  if (ms < now - MAX_STATS_END_AGE_MS)
    throw new InputError('end: at most 400 days ago');
  return ms;
}
