import {
  createAuthIntegrationRouter,
  createCookieAuthRefreshMiddleware,
  createCredentialsBarrier,
  createLifecycleMiddleware,
  createRateLimitMiddleware,
} from '@backstage/backend-defaults/httpRouter';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CustomErrorBase, isError, stringifyError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import Router from 'express-promise-router';
import { randomBytes } from 'node:crypto';

/** @backstage/errors names that carry a status (Backstage's error middleware maps them). */
const DELIBERATE = new Map([
  ['NotModifiedError', 304],
  ['InputError', 400],
  ['AuthenticationError', 401],
  ['NotAllowedError', 403],
  ['NotFoundError', 404],
  ['ConflictError', 409],
  ['NotImplementedError', 501],
  ['ServiceUnavailableError', 503],
]);

/** The status the error middleware answers with: a whole `statusCode`/`status` first. */
function statusOf(error: Error): number | undefined {
  const fields = error as { statusCode?: unknown; status?: unknown };
  for (const value of [fields.statusCode, fields.status]) {
    if (typeof value === 'number' && Number.isInteger(value)) {
      if (value >= 100 && value <= 599) return value;
    }
  }
  return DELIBERATE.get(error.name);
}

/**
 * Whether the error says what went wrong on purpose. A 4xx does, whoever threw it. A 5xx
 * only when the code wrote it for the caller: an @backstage/errors class or another
 * CustomErrorBase subclass (dlq-backend's BadGatewayError). A library's error that
 * happens to carry `status: 500` says nothing meant for the caller.
 */
function isDeliberate(error: unknown): boolean {
  if (!isError(error)) return false;
  const status = statusOf(error);
  if (status === undefined) return false;
  return status < 500 || error instanceof CustomErrorBase;
}

/**
 * Replaces an error nobody threw on purpose (a TypeError, a driver's error, an ENOENT
 * with a server path in it) by one that names only a log id; the original is logged.
 * A 5xx status the error carried (a library's 503) stays the answer's status.
 * Backstage itself filters only database errors this way.
 */
export function hideInternalError(
  error: unknown,
  logger: LoggerService,
): unknown {
  if (isDeliberate(error)) return withoutInternalCause(error as Error, logger);
  const logId = randomBytes(10).toString('hex');
  logger.error(
    `Internal error hidden from the answer, logId=${logId}`,
    isError(error) ? error : new Error(String(error)),
  );
  const hidden = new Error(`An internal error occurred, logId=${logId}`);
  delete hidden.stack;
  const status = isError(error) ? statusOf(error) : undefined;
  return status === undefined
    ? hidden
    : Object.assign(hidden, { statusCode: status });
}

/**
 * A deliberate error made with a cause (`new ServiceUnavailableError(msg, dbError)`):
 * @backstage/errors appends the cause to the message ("; caused by …") and the error
 * answer would carry it as `cause` too. Unless the cause is deliberate itself, the answer
 * keeps the error's own message and status, and the cause goes to the log under a log id.
 */
function withoutInternalCause(error: Error, logger: LoggerService): Error {
  const cause = (error as { cause?: unknown }).cause;
  if (cause === undefined || isDeliberate(cause)) return error;
  const logId = randomBytes(10).toString('hex');
  logger.error(
    `Cause hidden from the answer, logId=${logId}`,
    isError(cause) ? cause : new Error(String(cause)),
  );
  const suffix = `; caused by ${stringifyError(cause)}`;
  const own = error.message.endsWith(suffix)
    ? error.message.slice(0, -suffix.length)
    : error.message.split('; caused by ')[0];
  const answer = Object.assign(new Error(`${own} (logId=${logId})`), {
    name: error.name,
    statusCode: statusOf(error),
  });
  delete answer.stack;
  return answer;
}

/**
 * Backstage's per-plugin HTTP router, as `httpRouterServiceFactory` builds it, whose
 * error answers carry neither a stack trace nor an internal error's message;
 * `backend.errorAnswers.showDetails: true` shows both (for debugging on one's own
 * machine; the log always has them).
 */
export const httpRouter = createServiceFactory({
  service: coreServices.httpRouter,
  initialization: 'always',
  deps: {
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    rootHttpRouter: coreServices.rootHttpRouter,
    auth: coreServices.auth,
    httpAuth: coreServices.httpAuth,
    logger: coreServices.logger,
  },
  async factory({
    auth,
    httpAuth,
    config,
    plugin,
    rootHttpRouter,
    lifecycle,
    logger,
  }) {
    const showDetails =
      config.getOptionalBoolean('backend.errorAnswers.showDetails') ?? false;
    const router = Router();
    router.use(createRateLimitMiddleware({ pluginId: plugin.getId(), config }));
    rootHttpRouter.use(`/api/${plugin.getId()}`, router);
    const credentialsBarrier = createCredentialsBarrier({ httpAuth, config });
    router.use(createAuthIntegrationRouter({ auth }));
    router.use(createLifecycleMiddleware({ config, lifecycle }));
    router.use(credentialsBarrier.middleware);
    router.use(createCookieAuthRefreshMiddleware({ auth, httpAuth }));
    const pluginRoutes = Router();
    router.use(pluginRoutes);
    const answer = MiddlewareFactory.create({ config, logger }).error({
      showStackTraces: showDetails,
    });
    const errors: ErrorRequestHandler = (error, req, res, next) =>
      answer(
        showDetails ? error : hideInternalError(error, logger),
        req,
        res,
        next,
      );
    router.use(errors);
    return {
      use(handler) {
        pluginRoutes.use(handler);
      },
      addAuthPolicy(policy) {
        credentialsBarrier.addAuthPolicy(policy);
      },
    };
  },
});
