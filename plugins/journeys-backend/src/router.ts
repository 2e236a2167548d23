import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  journeysMetricsReadPermission,
  journeysTracesIngestPermission,
  journeysTracesReadPermission,
} from '@internal/plugin-journeys-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
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
import { createOpenApiRouter } from './schema/openapi/generated/router';
import { PROMETHEUS_CONTENT_TYPE } from './slo/prometheusExposition';
import { SloQueries } from './slo/SloQueries';

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
  /** The SLO, metrics and OpenSLO routes. */
  slo?: {
    slos: SloQueries;
    /** The Prometheus text exposition of every journey's counters. */
    metrics: () => Promise<string>;
    /** Every Journey objective as OpenSLO v1 YAML. */
    openSlo: () => string;
  };
}

/**
 * Every route of the plugin, as src/schema/openapi.yaml describes them. The receivers
 * (`POST /v1/traces`, `/faro/collect`) read their own bodies (protobuf, gzip, size limits)
 * ahead of the router generated from the description; every other route is on that router,
 * which checks each request against the description before a handler runs (400 with what
 * is wrong) and types the handlers' parameters.
 */
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

  const api = await createOpenApiRouter({
    middleware: [express.json({ limit: '64kb' })],
  });

  // Every read route: signed-in users and services holding journeys.traces.read.
  const user = (req: Request<any, any, any, any>) =>
    authorize(req, ['user', 'service'], journeysTracesReadPermission);

  api.get('/journeys', async (req, res) => {
    await user(req);
    const { window = '24h', component, end } = req.query;
    res.json({
      items: await queries.stats(window, component, statsEnd(end)),
    });
  });

  api.get('/journeys/:namespace/:name/instances', async (req, res) => {
    await user(req);
    const { namespace, name } = req.params;
    const { status, sort = 'recent', limit = 20, window } = req.query;
    res.json({
      items: await queries.instancesOf(
        `journey:${namespace}/${name}`.toLowerCase(),
        { status, sort, limit: Number(limit), window },
      ),
    });
  });

  api.get('/search', async (req, res) => {
    await user(req);
    const q = req.query.q.trim();
    if (!q)
      throw new InputError(
        'invalid search: q: type an order id, a trace id or a message id',
      );
    // Stored values had U+0000 and lone surrogates replaced; the query is read the same way.
    res.json(await queries.search(storableText(q)));
  });

  api.get('/instances/:id', async (req, res) => {
    await user(req);
    res.json(await queries.instance(req.params.id));
  });

  api.get('/spans/:traceId/:spanId', async (req, res) => {
    await user(req);
    res.json(await queries.span(req.params.traceId, req.params.spanId));
  });

  const slo = options.slo;
  if (slo) {
    api.get('/slos', async (req, res) => {
      await user(req);
      res.json({ items: await slo.slos.list({ owner: req.query.owner }) });
    });

    api.get('/slos/:namespace/:name', async (req, res) => {
      await user(req);
      const { namespace, name } = req.params;
      res.json(
        await slo.slos.journey(
          `journey:${namespace}/${name}`.toLocaleLowerCase('en-US'),
        ),
      );
    });

    api.get('/openslo', async (req, res) => {
      await user(req);
      res
        .type('application/yaml')
        .setHeader(
          'content-disposition',
          'inline; filename="journeys-openslo.yaml"',
        )
        .send(slo.openSlo());
    });

    // Prometheus scrapes with the metrics token (journeys.metrics.read only).
    api.get('/metrics', async (req, res) => {
      await authorize(
        req as Request<any, any, any, any>,
        ['user', 'service'],
        journeysMetricsReadPermission,
      );
      const text = await slo.metrics();
      // Set as is: express's type() would move charset before version.
      res.setHeader('content-type', PROMETHEUS_CONTENT_TYPE);
      res.end(text);
    });
  }

  router.use(api);

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
  if (Number.isNaN(ms)) throw new InputError('end: not a date-time');
  if (ms > now + 60_000) throw new InputError('end: must not be in the future');
  if (ms < now - MAX_STATS_END_AGE_MS)
    throw new InputError('end: at most 400 days ago');
  return ms;
}
