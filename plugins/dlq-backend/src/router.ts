import {
  BackstageCredentials,
  BackstageServicePrincipal,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { toCsv } from '@internal/csv';
import {
  AuditEntry,
  DLQ_LIMITS,
  ReplayStatus,
} from '@internal/plugin-dlq-common';
import express, { Request, RequestHandler } from 'express';
import Router from 'express-promise-router';
import { AccessGuard, Actor } from './access/AccessGuard';
import { DlqEntityResolver } from './catalog/DlqEntityResolver';
import { ReplayPolicy } from './config';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { invalidRequest } from './http/invalidRequest';
import {
  jsonBodiesOnly,
  requestErrors,
  retryAfter,
} from './http/requestErrors';
import { DeadLetterInspector } from './messages/DeadLetterInspector';
import { MessageEditor } from './messages/MessageEditor';
import { ReplayCoordinator } from './replay/ReplayCoordinator';
import { RuntimeRegistry } from './runtime/RuntimeRegistry';
import { createOpenApiRouter, spec } from './schema/openapi/generated/router';
import { TraceDeadLetterFinder } from './messages/TraceDeadLetterFinder';

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
  traces: TraceDeadLetterFinder;
}

type AnyRequest = Request<any, any, any, any>;

/** Control characters (newlines and tabs allowed where said) and lone surrogates. */
const unprintable = (s: string, multiline: boolean) =>
  /[\p{Cc}\p{Cs}]/u.test(multiline ? s.replace(/[\n\r\t]/g, '') : s);

/*
 * The rules src/schema/openapi.yaml cannot say; the generated router has checked types,
 * lengths, patterns and ranges before a handler runs.
 */

/** Free text (a query value or a body field): no control characters, valid Unicode. */
function printable<T extends string | undefined>(
  where: string,
  field: string,
  value: T,
  multiline = false,
): T {
  if (value !== undefined && unprintable(value, multiline))
    throw new InputError(
      `invalid ${where}: ${field} must not contain control characters or invalid Unicode`,
    );
  return value;
}

/** A search term, trimmed; blank is refused. */
function searchTerm(where: string, field: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const trimmed = printable(where, field, value).trim();
  if (!trimmed)
    throw new InputError(`invalid ${where}: ${field} must not be blank`);
  return trimmed;
}

const { minReasonLength, maxReasonLength } = DLQ_LIMITS;

/** A reason for the audit trail: printable (new lines allowed), 3 characters once trimmed. */
function reasonOf(field: string, value: string): string;
function reasonOf(field: string, value: string | undefined): string | undefined;
function reasonOf(field: string, value: string | undefined) {
  if (value === undefined) return undefined;
  const trimmed = printable('body', field, value, true).trim();
  if (trimmed.length < minReasonLength)
    throw new InputError(
      `invalid body: ${field}: a reason of ${minReasonLength} to ${maxReasonLength} characters is required`,
    );
  return trimmed;
}

/** A time range given as from and to: from comes first. */
function fromBeforeTo(where: string, range: { from?: string; to?: string }) {
  if (range.from && range.to && Date.parse(range.from) >= Date.parse(range.to))
    throw new InputError(`invalid ${where}: from must be before to`);
}

/**
 * Every route of the plugin, as src/schema/openapi.yaml describes them, on the router
 * generated from that description: it checks each request against the description before
 * a handler runs (a 400 that names the field and the rule) and types the handlers'
 * parameters. Errors carry their status (src/errors.ts, @backstage/errors) and Backstage's
 * error middleware answers them.
 */
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
    traces,
  } = options;
  const router = Router();
  router.use(jsonBodiesOnly);
  router.use(express.json({ limit: '256kb' }));
  router.use(requestErrors);

  // Bodies are read above, where a refusal keeps its status (the generated router would
  // answer every error of its own middleware with a 400); it needs one middleware.
  const bodiesAlreadyRead: RequestHandler = (_req, _res, next) => next();
  const api = await createOpenApiRouter({ middleware: [bodiesAlreadyRead] });

  // The validator lets `1e309` (Infinity) through as a number within any range.
  api.use((req, _res, next) => {
    for (const [name, value] of Object.entries(req.query)) {
      if (typeof value === 'number' && !Number.isFinite(value))
        throw new InputError(`invalid query: ${name} must be a finite number`);
    }
    next();
  });

  const actor = async (req: AnyRequest): Promise<Actor> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return { ref: credentials.principal.userEntityRef, credentials };
  };

  /**
   * The list routes that other plugins read too (the scorecards dlq module): a signed-in
   * user as before, or a service allowed to read dead letters. Everything that changes
   * state, and message contents, stays with users (`actor`).
   */
  const reader = async (req: AnyRequest) => {
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
    req: AnyRequest,
    runtime: string,
    dlq: string,
    consumer?: string,
  ) =>
    guard.requireRead(await actor(req), {
      dlq,
      entities: await entities.resolve(runtime, dlq, consumer),
    });

  api.get('/runtimes', async (req, res) => {
    await actor(req);
    res.json({ items: await runtimes.describe() });
  });

  api.get('/dlqs', async (req, res) => {
    await reader(req);
    const { entityRef, inflowHours = 24 } = req.query;
    res.json(
      await inspector.list({
        entityRef: printable('query', 'entityRef', entityRef),
        inflowHours,
      }),
    );
  });

  // The dead letters of some traces (a journey instance's), across the queues the user may read.
  api.get('/dead-letters', async (req, res) => {
    res.json(await traces.find(await actor(req), [...req.query.traceId]));
  });

  api.get('/runtimes/:runtime/dlqs/:dlq', async (req, res) => {
    await actor(req);
    const { runtime, dlq } = req.params;
    const { inflowHours = 24 } = req.query;
    res.json(await inspector.get(runtime, dlq, inflowHours));
  });

  // What the user may change on the queue and why not: the UI explains disabled buttons.
  api.get('/runtimes/:runtime/dlqs/:dlq/access', async (req, res) => {
    const { runtime, dlq } = req.params;
    const who = await actor(req);
    res.json(
      await guard.access(who, {
        runtime: runtimes.get(runtime).name,
        dlq,
        entities: await entities.resolve(runtime, dlq),
      }),
    );
  });

  api.get('/runtimes/:runtime/dlqs/:dlq/groups', async (req, res) => {
    const { runtime, dlq } = req.params;
    await requireRead(req, runtime, dlq);
    res.json({ items: await inspector.groups(runtime, dlq, req.query.status) });
  });

  api.get('/runtimes/:runtime/dlqs/:dlq/messages', async (req, res) => {
    const { runtime, dlq } = req.params;
    const q = req.query;
    const filter = {
      status: q.status,
      businessId: searchTerm('filter', 'businessId', q.businessId),
      errorClass: searchTerm('filter', 'errorClass', q.errorClass),
      classification: q.classification,
      fingerprint: q.fingerprint,
      from: q.from,
      to: q.to,
      limit: q.limit ?? 50,
      cursor: printable('filter', 'cursor', q.cursor),
    };
    fromBeforeTo('filter', filter);
    await requireRead(req, runtime, dlq);
    res.json(await inspector.messages(runtime, dlq, filter));
  });

  api.get('/runtimes/:runtime/messages/:id', async (req, res) => {
    const { runtime, id } = req.params;
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

  api.post('/runtimes/:runtime/messages/:id/preview', async (req, res) => {
    const { runtime, id } = req.params;
    res.json(
      await editor.preview(await actor(req), runtime, id, req.body.body),
    );
  });
  api.post('/runtimes/:runtime/messages/:id/replay', async (req, res) => {
    const { runtime, id } = req.params;
    const body = {
      body: req.body.body,
      reason: reasonOf('reason', req.body.reason),
    };
    res
      .status(201)
      .json(await editor.replay(await actor(req), runtime, id, body));
  });

  api.post(
    '/runtimes/:runtime/dlqs/:dlq/messages/archive',
    async (req, res) => {
      const { runtime, dlq } = req.params;
      const reason = reasonOf('reason', req.body.reason);
      const archived = await inspector.manage(
        await actor(req),
        runtime,
        dlq,
        'archive',
        req.body.ids,
        reason,
      );
      res.json({ archived });
    },
  );
  api.post('/runtimes/:runtime/dlqs/:dlq/messages/purge', async (req, res) => {
    const { runtime, dlq } = req.params;
    const reason = reasonOf('reason', req.body.reason);
    const purged = await inspector.manage(
      await actor(req),
      runtime,
      dlq,
      'purge',
      req.body.ids,
      reason,
    );
    res.json({ purged });
  });

  const { minRatePerSecond } = DLQ_LIMITS;
  const { maxRatePerSecond } = options.policy;
  const rateRange = `ratePerSecond must be a number from ${minRatePerSecond} to ${maxRatePerSecond} (messages per second)`;
  api.post('/replays/plan', async (req, res) => {
    const { selection, ratePerSecond } = req.body;
    if (
      [selection.ids, selection.fingerprint ?? selection.filter].filter(Boolean)
        .length !== 1
    )
      throw new InputError(
        'invalid replay plan: selection: give ids, or a fingerprint and/or filter',
      );
    if (selection.filter) {
      const { filter } = selection;
      filter.businessId = searchTerm(
        'replay plan',
        'selection.filter.businessId',
        filter.businessId,
      );
      filter.errorClass = searchTerm(
        'replay plan',
        'selection.filter.errorClass',
        filter.errorClass,
      );
      fromBeforeTo('replay plan', filter);
    }
    if (ratePerSecond !== undefined && ratePerSecond > maxRatePerSecond)
      throw new InputError(`invalid replay plan: ${rateRange}`);
    res.status(201).json(await replays.plan(await actor(req), req.body));
  });

  api.post('/replays/:id/submit', async (req, res) => {
    const { id } = req.params;
    const body = {
      reason: reasonOf('reason', req.body.reason),
      canarySize: req.body.canarySize,
    };
    res.json(await replays.submit(await actor(req), id, body));
  });

  api.post('/replays/:id/approve', async (req, res) => {
    const comment = reasonOf('comment', req.body?.comment);
    res.json(
      await replays.decide(await actor(req), req.params.id, true, comment),
    );
  });

  api.post('/replays/:id/reject', async (req, res) => {
    const comment = reasonOf('comment', req.body.comment ?? '');
    res.json(
      await replays.decide(await actor(req), req.params.id, false, comment),
    );
  });

  api.post('/replays/:id/cancel', async (req, res) => {
    const reason = reasonOf('reason', req.body?.reason);
    res.json(await replays.cancel(await actor(req), req.params.id, reason));
  });

  api.get('/replays', async (req, res) => {
    await reader(req);
    const { runtime, dlq, status, limit = 50 } = req.query;
    res.json({
      items: await replays.list({
        runtime,
        dlq,
        status: status?.split(',') as ReplayStatus[] | undefined,
        limit,
      }),
    });
  });

  api.get('/replays/:id', async (req, res) => {
    await actor(req);
    res.json(await replays.get(req.params.id));
  });

  api.get('/replays/:id/items', async (req, res) => {
    await actor(req);
    const { outcome, after, limit = 100 } = req.query;
    res.json(await replays.items(req.params.id, { outcome, after, limit }));
  });

  api.get('/audit', async (req, res) => {
    await guard.requireAuditRead(await actor(req));
    const { format = 'json', limit = 100, ...filters } = req.query;
    const page = await audit.list({ ...filters, limit });
    if (format === 'json') {
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
    (res as express.Response)
      .type('text/csv')
      .attachment('dead-letter-audit.csv')
      .send(
        toCsv(
          columns,
          page.items.map(e => columns.map(c => e[c] ?? undefined)),
        ),
      );
  });

  router.use(api);
  router.use(invalidRequest(spec, { 'body.ratePerSecond': rateRange }));

  // Another method or a deeper path under one of our routes: a JSON 404, like the rest.
  router.all(
    ['/runtimes*', '/dlqs*', '/dead-letters*', '/replays*', '/audit*'],
    req => {
      throw new NotFoundError(
        `no route ${req.method} ${req.path.slice(
          0,
          200,
        )} in the dead-letter API`,
      );
    },
  );

  router.use(retryAfter);
  return router;
}
