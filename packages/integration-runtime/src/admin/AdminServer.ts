import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import express, {
  NextFunction,
  Request,
  RequestHandler,
  Response,
} from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { Server, STATUS_CODES } from 'node:http';
import { parse } from 'yaml';
import { assertQueueName } from '../broker/queueName';
import {
  Broker,
  BrokerUnavailableError,
  deadLetterQueueName,
  Topology,
} from '../broker/types';
import { ExternalSystemsStore } from '../external/ExternalSystemsStore';
import {
  FailureFilter,
  FailureStatus,
  FailureStore,
  InvalidCursorError,
} from '../failures/FailureStore';
import { FailureKind } from '../failures/classification';
import { Fault, Faults } from '../flows/Faults';
import {
  ItemOutcome,
  ReplayRequest,
  ReplayService,
} from '../replay/ReplayService';
import { packagePath } from '../packagePaths';
import { Ledger } from '../store/Ledger';
import { Db, recordAdminAction } from '../store/RuntimeDatabase';
import { TrafficGenerator, TrafficSettings } from '../traffic/TrafficGenerator';
import { IntegerQuery } from './IntegerQuery';

export const OPENAPI_PATH = packagePath('openapi.yaml');

export function loadOpenApiDocument(): Record<string, any> {
  return parse(fs.readFileSync(OPENAPI_PATH, 'utf-8'));
}

export interface AdminDeps {
  db: Db;
  broker: Broker;
  topology: Topology;
  failures: FailureStore;
  replays: ReplayService;
  ledger: Ledger;
  /** The simulated external systems' tap; without it side effects report no `external`. */
  external?: ExternalSystemsStore;
  faults: Faults;
  traffic: TrafficGenerator;
  tokens: { admin: string; read: string };
  logger?: (msg: string, meta?: object) => void;
}

// @backstage/errors classes carry their meaning in the name, as Backstage maps them.
const STATUS_BY_ERROR_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/** Seconds a caller is told to wait while the broker is down (it reconnects by itself). */
const RETRY_AFTER_SECONDS = 5;

// The validator's errors carry a status; their name says the same in the contract's words.
const NAME_BY_VALIDATOR_STATUS: Record<number, string> = {
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
};

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const h =
  (
    fn: (req: Request, res: Response) => Promise<unknown> | unknown,
  ): RequestHandler =>
  (req, res, next) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);
  };

// The validator has already coerced query values to their schema types.
const q = (req: Request, name: string): string | undefined => {
  const v = req.query[name] as unknown;
  if (v === undefined || v === null || v === '') return undefined;
  return v instanceof Date ? v.toISOString() : String(v);
};

/**
 * The runtime admin API: requests and responses validated against openapi.yaml (the
 * contract the portal's dlq-backend is typed from), bearer-token auth on /v1.
 */
export function createAdminApp(deps: AdminDeps): express.Express {
  const { failures, replays, topology, broker, faults, traffic, ledger, db } =
    deps;
  const spec = loadOpenApiDocument();
  const integers = new IntegerQuery(loadOpenApiDocument());
  const integer = (req: Request, name: string) => integers.read(req, name);
  const app = express();
  app.disable('x-powered-by');

  app.get('/openapi.json', (_req, res) => void res.json(spec));
  app.get(
    '/openapi.yaml',
    (_req, res) => void res.type('application/yaml').sendFile(OPENAPI_PATH),
  );

  // Authenticate before validating, so a caller without a token learns nothing else.
  app.use('/v1', (req, _res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match) return next(new AuthenticationError('missing bearer token'));
    const token = match[1].trim();
    const admin = sameSecret(token, deps.tokens.admin);
    if (!admin && !sameSecret(token, deps.tokens.read)) {
      return next(new AuthenticationError('invalid token'));
    }
    if (!admin && !['GET', 'HEAD'].includes(req.method)) {
      return next(
        new NotAllowedError('the read-only token cannot change state'),
      );
    }
    return next();
  });
  app.use(express.json({ limit: '2mb' }));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: spec as any,
      validateRequests: { allowUnknownQueryParameters: false },
      validateResponses: true,
      validateSecurity: false,
    }),
  );

  // Every route with a queue in its path; the validator checked the pattern already.
  app.param('dlq', (_req, _res, next, dlq: string) => {
    try {
      assertQueueName(dlq, 'dlq');
      next();
    } catch (e) {
      next(e);
    }
  });
  const queueSpec = (dlq: string) => {
    const queue = topology.queues.find(x => x.name === dlq);
    if (!queue) throw new NotFoundError(`no dead-letter queue '${dlq}'`);
    return queue;
  };
  const audit = (
    action: string,
    requester: string,
    reason: string | null,
    detail: object,
  ) => recordAdminAction(db, action, requester, reason, detail);

  const describeDlq = async (name: string) => {
    const queue = queueSpec(name);
    const counts = failures.counts(name);
    return {
      name,
      deadLetterQueue: deadLetterQueueName(name),
      exchange: queue.exchange,
      bindingKeys: queue.bindingKeys,
      consumer: queue.consumer,
      failed: counts.failed,
      parked: counts.parked,
      archived: counts.archived,
      brokerDepth: await broker.queueDepth(deadLetterQueueName(name)),
      oldestFailureAt: counts.oldestFailureAt,
      oldestAgeSeconds: counts.oldestFailureAt
        ? Math.max(0, (Date.now() - Date.parse(counts.oldestFailureAt)) / 1000)
        : null,
    };
  };

  // Liveness says the process runs; readiness says whether it can do its work now.
  app.get(
    '/health',
    (_req, res) =>
      void res.json({
        status: 'ok',
        broker: broker.kind,
        brokerState: broker.state,
      }),
  );
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/health/ready', (_req, res) => {
    const up = broker.state === 'up';
    if (!up) res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.json({
      status: up ? 'ready' : 'unavailable',
      broker: broker.kind,
      brokerState: broker.state,
    });
  });

  app.get(
    '/v1/dlqs',
    h(async (_req, res) => {
      res.json({
        items: await Promise.all(topology.queues.map(x => describeDlq(x.name))),
      });
    }),
  );
  app.get(
    '/v1/dlqs/:dlq',
    h(async (req, res) => res.json(await describeDlq(req.params.dlq))),
  );

  const filterOf = (req: Request): FailureFilter => {
    const filter: FailureFilter = {
      status: q(req, 'status') as FailureStatus | undefined,
      businessId: q(req, 'businessId'),
      fingerprint: q(req, 'fingerprint'),
      errorClass: q(req, 'errorClass'),
      classification: q(req, 'classification') as FailureKind | undefined,
      from: q(req, 'from'),
      to: q(req, 'to'),
    };
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw new InputError(
        `from (${filter.from}) must be before to (${filter.to})`,
      );
    }
    return filter;
  };

  app.get(
    '/v1/dlqs/:dlq/messages',
    h((req, res) => {
      queueSpec(req.params.dlq);
      try {
        res.json(
          failures.list(req.params.dlq, filterOf(req), {
            limit: integer(req, 'limit')!,
            cursor: q(req, 'cursor'),
          }),
        );
      } catch (e) {
        if (e instanceof InvalidCursorError) throw new InputError(e.message);
        throw e;
      }
    }),
  );
  app.get(
    '/v1/dlqs/:dlq/groups',
    h((req, res) => {
      queueSpec(req.params.dlq);
      res.json({
        items: failures.groups(
          req.params.dlq,
          (q(req, 'status') as FailureStatus) ?? 'failed',
        ),
      });
    }),
  );
  app.get(
    '/v1/dlqs/:dlq/inflow',
    h((req, res) => {
      queueSpec(req.params.dlq);
      const hours = integer(req, 'hours')!;
      const bucketMinutes = integer(req, 'bucketMinutes')!;
      if ((hours * 60) / bucketMinutes > 2000) {
        throw new InputError(
          `${hours} hours in ${bucketMinutes}-minute buckets is more than 2000 buckets`,
        );
      }
      res.json(failures.inflow(req.params.dlq, hours, bucketMinutes));
    }),
  );
  app.get(
    '/v1/messages/:id',
    h((req, res) => {
      const record = failures.get(req.params.id);
      if (!record)
        throw new NotFoundError(`no failed message '${req.params.id}'`);
      res.json(record);
    }),
  );

  const bulk = (action: 'archive' | 'purge') =>
    h((req, res) => {
      const { ids, reason, requester } = req.body as {
        ids: string[];
        reason: string;
        requester: string;
      };
      const found = failures.existing(ids);
      const missing = ids.filter(id => !found.has(id));
      if (missing.length)
        throw new NotFoundError(
          `no failed message ${missing.slice(0, 5).join(', ')}`,
        );
      const result =
        action === 'archive'
          ? failures.archive(ids, reason)
          : failures.purge(ids);
      // What was done is audited even when some messages were held by a replay.
      if (result.done.length)
        audit(`messages.${action}`, requester, reason, { ids: result.done });
      if (result.busy.length) {
        throw new ConflictError(
          `message ${
            result.busy[0]
          } is part of a running replay; cancel it or wait${
            result.done.length
              ? ` (${result.done.length} others were ${action}d)`
              : ''
          }`,
        );
      }
      res.json(
        action === 'archive'
          ? { archived: result.done }
          : { purged: result.done },
      );
    });
  app.post('/v1/messages/archive', bulk('archive'));
  app.post('/v1/messages/purge', bulk('purge'));

  app.post(
    '/v1/messages/:id/replay',
    h(async (req, res) => {
      if (broker.state === 'down') {
        throw new BrokerUnavailableError('the message broker is down');
      }
      const { body, reason, requester } = req.body as {
        body: string;
        reason: string;
        requester: string;
      };
      res.status(201).json(
        await replays.replayEdited(req.params.id, {
          body,
          reason,
          requester,
        }),
      );
    }),
  );

  app.post(
    '/v1/replays/plan',
    h((req, res) => res.json(replays.plan(req.body as ReplayRequest))),
  );
  app.post(
    '/v1/replays',
    h((req, res) => {
      // A new replay would only wait: say so now (jobs already running pause and resume).
      if (broker.state === 'down') {
        throw new BrokerUnavailableError('the message broker is down');
      }
      const { job, created } = replays.create(
        req.body as ReplayRequest,
        req.header('idempotency-key') ?? undefined,
      );
      res.status(created ? 201 : 200).json(job);
    }),
  );
  app.get(
    '/v1/replays',
    h((req, res) =>
      res.json({
        items: replays.list({
          dlq: q(req, 'dlq'),
          limit: integer(req, 'limit')!,
        }),
      }),
    ),
  );
  app.get(
    '/v1/replays/:id',
    h((req, res) => {
      const job = replays.get(req.params.id);
      if (!job) throw new NotFoundError(`no replay job '${req.params.id}'`);
      res.json(job);
    }),
  );
  app.get(
    '/v1/replays/:id/items',
    h((req, res) => {
      res.json(
        replays.items(req.params.id, {
          limit: integer(req, 'limit')!,
          after: integer(req, 'after'),
          outcome: q(req, 'outcome') as ItemOutcome | undefined,
        }),
      );
    }),
  );
  app.post(
    '/v1/replays/:id/cancel',
    h((req, res) => {
      const { requester, reason } = req.body as {
        requester: string;
        reason?: string;
      };
      res.json(replays.cancel(req.params.id, requester, reason));
    }),
  );

  app.get(
    '/v1/side-effects',
    h((req, res) =>
      res.json({
        ...ledger.sideEffects({
          businessId: q(req, 'businessId'),
          limit: integer(req, 'limit')!,
        }),
        ...(deps.external && {
          external: deps.external.counts(q(req, 'businessId')),
        }),
      }),
    ),
  );

  app.get(
    '/v1/faults',
    h((_req, res) => res.json({ services: faults.all() })),
  );
  app.put(
    '/v1/faults/:service',
    h((req, res) => {
      if (!faults.has(req.params.service))
        throw new NotFoundError(`no service '${req.params.service}'`);
      const fault = faults.set(req.params.service, req.body as Fault);
      audit('faults.set', 'admin-token', null, {
        service: req.params.service,
        fault,
      });
      res.json(fault);
    }),
  );
  app.get(
    '/v1/traffic',
    h((_req, res) => res.json(traffic.settings())),
  );
  app.put(
    '/v1/traffic',
    h((req, res) => {
      const settings = traffic.configure(req.body as Partial<TrafficSettings>);
      audit('traffic.set', 'admin-token', null, settings);
      res.json(settings);
    }),
  );

  // One JSON error shape for everything: ours, the validator's, body-parser's.
  app.use((err: any, req: Request, res: Response, _next: NextFunction) => {
    const given =
      STATUS_BY_ERROR_NAME[err?.name] ?? err?.statusCode ?? err?.status;
    let status =
      Number.isInteger(given) && given >= 400 && given < 600 ? given : 500;
    let name: string = NAME_BY_VALIDATOR_STATUS[status] ?? err?.name ?? 'Error';
    let message: string = err?.message ?? String(err);
    if (err?.type === 'entity.parse.failed') {
      status = 400;
      name = 'InputError';
      message = `request body is not valid JSON: ${err.message}`;
    } else if (err?.type === 'entity.too.large') {
      message = `request body exceeds ${err.limit} bytes`;
    } else if (Array.isArray(err?.errors) && status < 500) {
      name = NAME_BY_VALIDATOR_STATUS[status] ?? 'InputError';
      message = err.errors
        .map(
          (e: { path?: string; message: string }) =>
            `${e.path ? `${e.path}: ` : ''}${e.message}`,
        )
        .join('; ');
    }
    if (err instanceof BrokerUnavailableError) {
      status = 503;
      name = 'ServiceUnavailableError';
      message = `the message broker is unavailable (the runtime reconnects by itself); retry in ${err.retryAfterSeconds} s`;
      res.set('Retry-After', String(err.retryAfterSeconds));
    } else if (status >= 500) {
      // The log gets the detail; the caller gets no SQL, paths or stack.
      deps.logger?.('admin API error', { error: String(err?.stack ?? err) });
      name = 'InternalServerError';
      message = 'the runtime failed to answer; its log has the details';
    }
    res.status(status).json({
      error: { name, message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: status },
    });
  });
  return app;
}

/**
 * Requests Node's HTTP parser refuses (headers over its size limit, broken framing) never
 * reach express; they are answered in the same JSON error shape instead of a bare status.
 */
export function answerMalformedRequests(server: Server) {
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      error: {
        name:
          status === 431 ? 'RequestHeaderFieldsTooLargeError' : 'InputError',
        message:
          status === 431
            ? 'request line and headers exceed the size limit'
            : 'malformed HTTP request',
      },
      response: { statusCode: status },
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
