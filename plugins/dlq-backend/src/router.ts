import {
  BackstageCredentials,
  BackstageServicePrincipal,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AuditEntry,
  DLQ_LIMITS,
  FAILURE_KINDS,
  MAX_EDITED_BODY,
  QUEUE_NAME_PATTERN,
  REPLAY_OUTCOMES,
  REPLAY_STATUSES,
} from '@internal/plugin-dlq-common';
import { toCsv } from '@internal/plugin-integrations-common';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AccessGuard, Actor } from './access/AccessGuard';
import { DlqEntityResolver } from './catalog/DlqEntityResolver';
import { ReplayPolicy } from './config';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { toHttpError, UnsupportedMediaTypeError } from './httpErrors';
import { DeadLetterInspector } from './messages/DeadLetterInspector';
import { MessageEditor } from './messages/MessageEditor';
import { ReplayCoordinator } from './replay/ReplayCoordinator';
import { BrokerDownError } from './runtime/RuntimeClient';
import {
  RUNTIME_NAME_PATTERN,
  RuntimeRegistry,
} from './runtime/RuntimeRegistry';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  guard: AccessGuard;
  runtimes: RuntimeRegistry;
  entities: DlqEntityResolver;
  inspector: DeadLetterInspector;
  editor: MessageEditor;
  replays: ReplayCoordinator;
  audit: DatabaseAuditStore;
  policy: ReplayPolicy;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Control characters (newlines and tabs allowed where said) and lone surrogates. */
const unprintable = (s: string, multiline: boolean) =>
  /[\p{Cc}\p{Cs}]/u.test(multiline ? s.replace(/[\n\r\t]/g, '') : s);

/** Free text: bounded, no control characters, valid Unicode. */
const text = (what: string, max: number, multiline = false) =>
  z
    .string({ error: `${what} must be a string` })
    .max(max, `${what} must be at most ${max} characters`)
    .refine(
      s => !unprintable(s, multiline),
      `${what} must not contain control characters or invalid Unicode`,
    );

const queueName = z
  .string({ error: 'a queue name must be a string' })
  .regex(
    QUEUE_NAME_PATTERN,
    'a queue name (1 to 200 letters, digits, . _ -, not only dots)',
  );
const runtimeName = z
  .string({ error: 'a runtime name must be a string' })
  .regex(
    RUNTIME_NAME_PATTERN,
    'a runtime name (lower-case letters, digits and dashes)',
  );
const uuid = z.uuid({ error: 'must be a UUID' });
const isoTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time',
});
const fingerprint = z
  .string({ error: 'a fingerprint must be a string' })
  .regex(/^[0-9a-f]{16}$/, '16 hex digits');

/** An integer query parameter, in decimal digits only, within a range. */
const queryInt = (name: string, min: number, max: number) => {
  const range = `${name} must be an integer from ${min} to ${max}`;
  return z
    .string({ error: range })
    .regex(/^-?\d{1,16}$/, range)
    .transform(Number)
    .pipe(z.number().int().min(min, range).max(max, range));
};
const limit = (max: number, fallback: number) =>
  queryInt('limit', 1, max).default(fallback);

const { minReasonLength, maxReasonLength, maxCanarySize, maxExplicitIds } =
  DLQ_LIMITS;
const reason = text('a reason', maxReasonLength, true)
  .transform(s => s.trim())
  .pipe(
    z
      .string()
      .min(
        minReasonLength,
        `a reason of ${minReasonLength} to ${maxReasonLength} characters is required`,
      ),
  );
const messageIds = z
  .array(uuid, { error: 'ids must be an array of message ids' })
  .min(1, `ids must list 1 to ${maxExplicitIds} message ids`)
  .max(maxExplicitIds, `ids must list 1 to ${maxExplicitIds} message ids`);
const statusOf = z.enum(['failed', 'parked', 'archived']);
const replayStatus = z.enum(REPLAY_STATUSES);

const runtimePath = z.object({ runtime: runtimeName });
const queuePath = runtimePath.extend({ dlq: queueName });
const messagePath = runtimePath.extend({ id: uuid });
const replayPath = z.object({ id: uuid });

/** Parses with zod; the error names each bad field (the first few, kept short). */
function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  where: string,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const { issues } = result.error;
    const listed = issues
      .slice(0, 5)
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    throw new InputError(`invalid ${where}: ${listed}${more}`.slice(0, 2000));
  }
  return result.data;
}

/** A request that carries a body (Content-Length above 0, or chunked). */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined ||
  Number(req.headers['content-length'] ?? 0) > 0;

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    guard,
    runtimes,
    entities,
    inspector,
    editor,
    replays,
    audit,
  } = options;
  const router = Router();
  // Bodies are JSON, or nothing: anything else is refused before it is read.
  router.use((req, _res, next) => {
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
  });
  router.use(express.json({ limit: '256kb' }));

  const actor = async (req: Request): Promise<Actor> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return { ref: credentials.principal.userEntityRef, credentials };
  };

  /**
   * The list routes that other plugins read too (the scorecards dlq module): a signed-in
   * user as before, or a service allowed to read dead letters. Everything that changes
   * state, and message contents, stays with users (`actor`).
   */
  const reader = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type === 'service')
      await guard.requireServiceRead(
        credentials as BackstageCredentials<BackstageServicePrincipal>,
      );
  };

  /** Reading messages is a permission on the queue's entity (allowed to all by default). */
  const requireRead = async (
    req: Request,
    runtime: string,
    dlq: string,
    consumer?: string,
  ) =>
    guard.requireRead(await actor(req), {
      dlq,
      entities: await entities.resolve(runtime, dlq, consumer),
    });

  router.get('/runtimes', async (req, res) => {
    await actor(req);
    res.json({ items: await runtimes.describe() });
  });

  router.get('/dlqs', async (req, res) => {
    await reader(req);
    const query = parse(
      z.object({
        entityRef: text('entityRef', 300).optional(),
        inflowHours: queryInt('inflowHours', 0, 720).default(24),
      }),
      req.query,
      'query',
    );
    res.json(await inspector.list(query));
  });

  router.get('/runtimes/:runtime/dlqs/:dlq', async (req, res) => {
    await actor(req);
    const { runtime, dlq } = parse(queuePath, req.params, 'path');
    const { inflowHours } = parse(
      z.object({ inflowHours: queryInt('inflowHours', 1, 720).default(24) }),
      req.query,
      'query',
    );
    res.json(await inspector.get(runtime, dlq, inflowHours));
  });

  // What the user may change on the queue and why not: the UI explains disabled buttons.
  router.get('/runtimes/:runtime/dlqs/:dlq/access', async (req, res) => {
    const { runtime, dlq } = parse(queuePath, req.params, 'path');
    const who = await actor(req);
    res.json(
      await guard.access(who, {
        runtime: runtimes.get(runtime).name,
        dlq,
        entities: await entities.resolve(runtime, dlq),
      }),
    );
  });

  router.get('/runtimes/:runtime/dlqs/:dlq/groups', async (req, res) => {
    const { runtime, dlq } = parse(queuePath, req.params, 'path');
    const { status } = parse(
      z.object({ status: statusOf.optional() }),
      req.query,
      'query',
    );
    await requireRead(req, runtime, dlq);
    res.json({ items: await inspector.groups(runtime, dlq, status) });
  });

  router.get('/runtimes/:runtime/dlqs/:dlq/messages', async (req, res) => {
    const { runtime, dlq } = parse(queuePath, req.params, 'path');
    const filter = parse(
      z
        .object({
          status: statusOf.optional(),
          businessId: text('businessId', 200).trim().min(1).optional(),
          errorClass: text('errorClass', 200).trim().min(1).optional(),
          classification: z.enum(FAILURE_KINDS).optional(),
          fingerprint: fingerprint.optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
          limit: limit(500, 50),
          cursor: text('cursor', 500).optional(),
        })
        .strict()
        .refine(
          f => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to),
          {
            message: 'from must be before to',
            path: ['from'],
          },
        ),
      req.query,
      'filter',
    );
    await requireRead(req, runtime, dlq);
    res.json(await inspector.messages(runtime, dlq, filter));
  });

  router.get('/runtimes/:runtime/messages/:id', async (req, res) => {
    const { runtime, id } = parse(messagePath, req.params, 'path');
    await actor(req);
    const detail = await inspector.message(runtime, id);
    await requireRead(
      req,
      runtime,
      detail.message.dlq,
      detail.message.consumer,
    );
    res.json(detail);
  });

  const editedBody = z
    .string({ error: 'body must be a string' })
    .min(1, 'body must not be empty')
    .max(MAX_EDITED_BODY, `body must be at most ${MAX_EDITED_BODY} characters`);
  router.post('/runtimes/:runtime/messages/:id/preview', async (req, res) => {
    const { runtime, id } = parse(messagePath, req.params, 'path');
    const body = parse(
      z.object({ body: editedBody }).strict(),
      req.body,
      'body',
    );
    res.json(await editor.preview(await actor(req), runtime, id, body.body));
  });
  router.post('/runtimes/:runtime/messages/:id/replay', async (req, res) => {
    const { runtime, id } = parse(messagePath, req.params, 'path');
    const body = parse(
      z.object({ body: editedBody, reason }).strict(),
      req.body,
      'body',
    );
    res
      .status(201)
      .json(await editor.replay(await actor(req), runtime, id, body));
  });

  const bulk = z.object({ ids: messageIds, reason }).strict();
  for (const action of ['archive', 'purge'] as const) {
    router.post(
      `/runtimes/:runtime/dlqs/:dlq/messages/${action}`,
      async (req, res) => {
        const { runtime, dlq } = parse(queuePath, req.params, 'path');
        const body = parse(bulk, req.body, 'body');
        const done = await inspector.manage(
          await actor(req),
          runtime,
          dlq,
          action,
          body.ids,
          body.reason,
        );
        res.json(action === 'archive' ? { archived: done } : { purged: done });
      },
    );
  }

  const { minRatePerSecond } = DLQ_LIMITS;
  const rateRange = `ratePerSecond must be a number from ${minRatePerSecond} to ${options.policy.maxRatePerSecond} (messages per second)`;
  const planRequest = z
    .object({
      runtime: runtimeName,
      dlq: queueName,
      selection: z
        .object(
          {
            ids: messageIds.optional(),
            fingerprint: fingerprint.optional(),
            filter: z
              .object(
                {
                  businessId: text('businessId', 200).trim().min(1).optional(),
                  errorClass: text('errorClass', 200).trim().min(1).optional(),
                  classification: z.enum(FAILURE_KINDS).optional(),
                  from: isoTime.optional(),
                  to: isoTime.optional(),
                },
                { error: 'filter must be an object' },
              )
              .strict()
              .refine(
                f => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to),
                { message: 'from must be before to', path: ['from'] },
              )
              .optional(),
          },
          { error: 'selection must be an object' },
        )
        .strict()
        .refine(
          sel =>
            [sel.ids, sel.fingerprint ?? sel.filter].filter(Boolean).length ===
            1,
          {
            message: 'give ids, or a fingerprint and/or filter',
          },
        ),
      ratePerSecond: z
        .number({ error: rateRange })
        .min(minRatePerSecond, rateRange)
        .max(options.policy.maxRatePerSecond, rateRange)
        .optional(),
      excludePermanent: z
        .boolean({ error: 'excludePermanent must be true or false' })
        .optional(),
    })
    .strict();
  router.post('/replays/plan', async (req, res) => {
    const body = parse(planRequest, req.body, 'replay plan');
    res.status(201).json(await replays.plan(await actor(req), body));
  });

  const canaryRange = `canarySize must be an integer from 0 to ${maxCanarySize}`;
  router.post('/replays/:id/submit', async (req, res) => {
    const { id } = parse(replayPath, req.params, 'path');
    const body = parse(
      z
        .object({
          reason,
          canarySize: z
            .number({ error: canaryRange })
            .int(canaryRange)
            .min(0, canaryRange)
            .max(maxCanarySize, canaryRange)
            .optional(),
        })
        .strict(),
      req.body,
      'body',
    );
    res.json(await replays.submit(await actor(req), id, body));
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/replays/:id/${decision}`, async (req, res) => {
      const { id } = parse(replayPath, req.params, 'path');
      const body = parse(
        z
          .object({
            comment: decision === 'reject' ? reason : reason.optional(),
          })
          .strict(),
        req.body,
        'body',
      );
      res.json(
        await replays.decide(
          await actor(req),
          id,
          decision === 'approve',
          body.comment,
        ),
      );
    });
  }

  router.post('/replays/:id/cancel', async (req, res) => {
    const { id } = parse(replayPath, req.params, 'path');
    const body = parse(
      z.object({ reason: reason.optional() }).strict(),
      req.body,
      'body',
    );
    res.json(await replays.cancel(await actor(req), id, body.reason));
  });

  router.get('/replays', async (req, res) => {
    await reader(req);
    const query = parse(
      z
        .object({
          runtime: runtimeName.optional(),
          dlq: queueName.optional(),
          status: z
            .string({ error: 'status must be one comma-separated list' })
            .max(500)
            .transform(st => st.split(','))
            .pipe(z.array(replayStatus))
            .optional(),
          limit: limit(200, 50),
        })
        .strict(),
      req.query,
      'query',
    );
    res.json({ items: await replays.list(query) });
  });

  router.get('/replays/:id', async (req, res) => {
    await actor(req);
    const { id } = parse(replayPath, req.params, 'path');
    res.json(await replays.get(id));
  });

  router.get('/replays/:id/items', async (req, res) => {
    await actor(req);
    const { id } = parse(replayPath, req.params, 'path');
    const query = parse(
      z
        .object({
          outcome: z.enum(REPLAY_OUTCOMES).optional(),
          after: queryInt('after', -1, MAX_SAFE).optional(),
          limit: limit(500, 100),
        })
        .strict(),
      req.query,
      'query',
    );
    res.json(await replays.items(id, query));
  });

  router.get('/audit', async (req, res) => {
    await guard.requireAuditRead(await actor(req));
    const query = parse(
      z
        .object({
          runtime: runtimeName.optional(),
          dlq: queueName.optional(),
          replayId: uuid.optional(),
          before: queryInt('before', 1, MAX_SAFE).optional(),
          limit: limit(10_000, 100),
          format: z.enum(['json', 'csv']).default('json'),
        })
        .strict(),
      req.query,
      'query',
    );
    const page = await audit.list(query);
    if (query.format === 'json') {
      res.json(page);
      return;
    }
    const columns: Array<keyof AuditEntry> = [
      'id',
      'at',
      'actor',
      'action',
      'runtime',
      'dlq',
      'replayId',
      'messageCount',
      'reason',
      'outcome',
      'detail',
    ];
    res
      .type('text/csv')
      .attachment('dead-letter-audit.csv')
      .send(
        toCsv(
          columns,
          page.items.map(e => columns.map(c => e[c] ?? undefined)),
        ),
      );
  });

  // Another method or a deeper path under one of our routes: a JSON 404, like the rest.
  router.all(['/runtimes*', '/dlqs*', '/replays*', '/audit*'], req => {
    throw new NotFoundError(
      `no route ${req.method} ${req.path.slice(0, 200)} in the dead-letter API`,
    );
  });

  // Body-parser refusals, runtime failures and our own errors keep their status and
  // message; anything unexpected is logged and answered without its internals.
  // A runtime whose broker is down: the 503 carries its Retry-After (Backstage's error
  // middleware sets no headers of its own), readable by the browser across origins too.
  const errors: ErrorRequestHandler = (err, _req, res, next) => {
    if (err instanceof BrokerDownError && !res.headersSent) {
      res.setHeader('Retry-After', String(err.retryAfterSeconds));
      res.append('Access-Control-Expose-Headers', 'Retry-After');
    }
    next(toHttpError(err, options.logger));
  };
  router.use(errors);
  return router;
}
