import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, serializeError } from '@backstage/errors';
import {
  AuditEntry,
  REPLAY_OUTCOMES,
  REPLAY_STATUSES,
} from '@internal/plugin-dlq-common';
import { toCsv } from '@internal/plugin-integrations-common';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AccessGuard, Actor } from './access/AccessGuard';
import { DlqEntityResolver } from './catalog/DlqEntityResolver';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DeadLetterInspector } from './messages/DeadLetterInspector';
import { ReplayCoordinator } from './replay/ReplayCoordinator';
import { BadGatewayError } from './runtime/RuntimeClient';
import { RuntimeRegistry } from './runtime/RuntimeRegistry';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  guard: AccessGuard;
  runtimes: RuntimeRegistry;
  entities: DlqEntityResolver;
  inspector: DeadLetterInspector;
  replays: ReplayCoordinator;
  audit: DatabaseAuditStore;
  maxExplicitIds: number;
}

const queueName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,200}$/, 'a queue name (letters, digits, . _ -)');
const uuid = z.string().uuid();
const isoTime = z.string().datetime({ offset: true });
const limit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);
const reason = z
  .string()
  .trim()
  .min(3, 'a reason of at least 3 characters is required')
  .max(1000);
const statusOf = z.enum(['failed', 'parked', 'archived']);
const replayStatus = z.enum(REPLAY_STATUSES);

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

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, guard, runtimes, entities, inspector, replays, audit } =
    options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  const actor = async (req: Request): Promise<Actor> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return { ref: credentials.principal.userEntityRef, credentials };
  };
  const path = (req: Request) =>
    parse(
      z.object({
        runtime: z.string().min(1).max(100),
        dlq: queueName.optional(),
        id: uuid.optional(),
      }),
      req.params,
      'path',
    );

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
    await actor(req);
    const query = parse(
      z.object({
        entityRef: z.string().max(300).optional(),
        inflowHours: z.coerce.number().int().min(0).max(720).default(24),
      }),
      req.query,
      'query',
    );
    res.json(await inspector.list(query));
  });

  router.get('/runtimes/:runtime/dlqs/:dlq', async (req, res) => {
    await actor(req);
    const { runtime, dlq } = path(req);
    const { inflowHours } = parse(
      z.object({
        inflowHours: z.coerce.number().int().min(1).max(720).default(24),
      }),
      req.query,
      'query',
    );
    res.json(await inspector.get(runtime, dlq!, inflowHours));
  });

  router.get('/runtimes/:runtime/dlqs/:dlq/groups', async (req, res) => {
    const { runtime, dlq } = path(req);
    const { status } = parse(
      z.object({ status: statusOf.optional() }),
      req.query,
      'query',
    );
    await requireRead(req, runtime, dlq!);
    res.json({ items: await inspector.groups(runtime, dlq!, status) });
  });

  router.get('/runtimes/:runtime/dlqs/:dlq/messages', async (req, res) => {
    const { runtime, dlq } = path(req);
    const filter = parse(
      z
        .object({
          status: statusOf.optional(),
          businessId: z.string().trim().min(1).max(200).optional(),
          errorClass: z.string().trim().min(1).max(200).optional(),
          fingerprint: z
            .string()
            .regex(/^[0-9a-f]{16}$/, '16 hex digits')
            .optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
          limit: limit(500, 50),
          cursor: z.string().max(500).optional(),
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
    await requireRead(req, runtime, dlq!);
    res.json(await inspector.messages(runtime, dlq!, filter));
  });

  router.get('/runtimes/:runtime/messages/:id', async (req, res) => {
    const { runtime, id } = path(req);
    const detail = await inspector.message(runtime, id!);
    await requireRead(
      req,
      runtime,
      detail.message.dlq,
      detail.message.consumer,
    );
    res.json(detail);
  });

  const bulk = z
    .object({ ids: z.array(uuid).min(1).max(options.maxExplicitIds), reason })
    .strict();
  for (const action of ['archive', 'purge'] as const) {
    router.post(
      `/runtimes/:runtime/dlqs/:dlq/messages/${action}`,
      async (req, res) => {
        const { runtime, dlq } = path(req);
        const body = parse(bulk, req.body, 'body');
        const done = await inspector.manage(
          await actor(req),
          runtime,
          dlq!,
          action,
          body.ids,
          body.reason,
        );
        res.json(action === 'archive' ? { archived: done } : { purged: done });
      },
    );
  }

  router.post('/replays/plan', async (req, res) => {
    const body = parse(
      z
        .object({
          runtime: z.string().min(1).max(100),
          dlq: queueName,
          selection: z
            .object({
              ids: z.array(uuid).min(1).max(options.maxExplicitIds).optional(),
              fingerprint: z
                .string()
                .regex(/^[0-9a-f]{16}$/, '16 hex digits')
                .optional(),
              filter: z
                .object({
                  businessId: z.string().trim().min(1).max(200).optional(),
                  errorClass: z.string().trim().min(1).max(200).optional(),
                  from: isoTime.optional(),
                  to: isoTime.optional(),
                })
                .strict()
                .optional(),
            })
            .strict()
            .refine(
              s =>
                [s.ids, s.fingerprint ?? s.filter].filter(Boolean).length === 1,
              {
                message: 'give ids, or a fingerprint and/or filter',
              },
            ),
          ratePerSecond: z.number().positive().optional(),
        })
        .strict(),
      req.body,
      'replay plan',
    );
    res.status(201).json(await replays.plan(await actor(req), body));
  });

  router.post('/replays/:id/submit', async (req, res) => {
    const { id } = parse(z.object({ id: uuid }), req.params, 'path');
    const body = parse(
      z
        .object({
          reason,
          canarySize: z.number().int().min(0).max(1000).optional(),
        })
        .strict(),
      req.body,
      'body',
    );
    res.json(await replays.submit(await actor(req), id, body));
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/replays/:id/${decision}`, async (req, res) => {
      const { id } = parse(z.object({ id: uuid }), req.params, 'path');
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
    const { id } = parse(z.object({ id: uuid }), req.params, 'path');
    const body = parse(
      z.object({ reason: reason.optional() }).strict(),
      req.body,
      'body',
    );
    res.json(await replays.cancel(await actor(req), id, body.reason));
  });

  router.get('/replays', async (req, res) => {
    await actor(req);
    const query = parse(
      z
        .object({
          runtime: z.string().max(100).optional(),
          dlq: queueName.optional(),
          status: z
            .string()
            .transform(s => s.split(','))
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
    const { id } = parse(z.object({ id: uuid }), req.params, 'path');
    res.json(await replays.get(id));
  });

  router.get('/replays/:id/items', async (req, res) => {
    await actor(req);
    const { id } = parse(z.object({ id: uuid }), req.params, 'path');
    const query = parse(
      z
        .object({
          outcome: z.enum(REPLAY_OUTCOMES).optional(),
          after: z.coerce.number().int().min(-1).optional(),
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
          runtime: z.string().max(100).optional(),
          dlq: queueName.optional(),
          replayId: uuid.optional(),
          before: z.coerce.number().int().min(1).optional(),
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

  // Runtime failures are 502s; oversized or broken JSON bodies say so. The rest goes to
  // Backstage's error handler (InputError 400, NotAllowedError 403, ...).
  const errors: ErrorRequestHandler = (err, req, res, next) => {
    const status =
      err instanceof BadGatewayError
        ? 502
        : err?.type === 'entity.too.large'
        ? 413
        : err?.type === 'entity.parse.failed'
        ? 400
        : undefined;
    if (!status) return next(err);
    const error =
      status === 413
        ? new InputError(`request body over ${err.limit} bytes`)
        : status === 400
        ? new InputError(`request body is not JSON: ${err.message}`)
        : err;
    if (status === 413) error.name = 'PayloadTooLargeError';
    res.status(status).json({
      error: serializeError(error),
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: status },
    });
    return undefined;
  };
  router.use(errors);
  return router;
}
