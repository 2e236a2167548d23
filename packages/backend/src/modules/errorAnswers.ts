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
import { isError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import Router from 'express-promise-router';
import { randomBytes } from 'node:crypto';

/** Errors a route throws on purpose say what went wrong; these names carry a status. */
const DELIBERATE = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
]);

function isDeliberate(error: unknown): boolean {
  if (!isError(error)) return false;
  const { statusCode, status } = error as {
    statusCode?: unknown;
    status?: unknown;
  };
  return (
    DELIBERATE.has(error.name) ||
    typeof statusCode === 'number' ||
    typeof status === 'number'
  );
}

/**
 * Replaces an error nobody threw on purpose (a TypeError, a driver's error, an ENOENT
 * with a server path in it) by one that names only a log id; the original is logged.
 * Backstage itself filters only database errors this way.
 */
export function hideInternalError(
  error: unknown,
  logger: LoggerService,
): unknown {
  if (isDeliberate(error)) return error;
  const logId = randomBytes(10).toString('hex');
  logger.error(
    `Internal error hidden from the answer, logId=${logId}`,
    isError(error) ? error : new Error(String(error)),
  );
  const hidden = new Error(`An internal error occurred, logId=${logId}`);
  delete hidden.stack;
  return hidden;
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
