import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  CustomErrorBase,
  InputError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import Router from 'express-promise-router';
import { httpRouter } from './errorAnswers';

const SERVER_PATH = '/srv/switchboard/packages/backend/secret-config.yaml';

/** A repo's error class that carries its 5xx status, as dlq-backend's BadGatewayError does. */
class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  statusCode = 502 as const;
}

/** Routes that fail the ways real handlers do. */
const failing = createBackendPlugin({
  pluginId: 'failing',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        const router = Router();
        router.get('/enoent', async () => {
          const error = new Error(
            `ENOENT: no such file or directory, open '${SERVER_PATH}'`,
          );
          throw Object.assign(error, { code: 'ENOENT' });
        });
        router.get('/type', async () => {
          const value: { deep?: { x: number } } = {};
          return value.deep!.x;
        });
        router.get('/sql', async () => {
          throw new Error(
            'insert into "spans" values ($1) - invalid byte 0x00',
          );
        });
        router.get('/sqlite', async () => {
          // What better-sqlite3 throws: a named error with a code, no HTTP status.
          class SqliteError extends Error {
            name = 'SqliteError';
            code = 'SQLITE_CONSTRAINT_UNIQUE';
          }
          throw new SqliteError(
            'UNIQUE constraint failed: dlq_replays.id in insert into "dlq_replays"',
          );
        });
        router.get('/not-an-error', async () => {
          // eslint-disable-next-line no-throw-literal -- a handler that throws a plain value
          throw { message: SERVER_PATH };
        });
        router.get('/input', async () => {
          throw new InputError('limit: must be at most 200');
        });
        router.get('/missing', async () => {
          throw new NotFoundError('no replay 42');
        });
        router.get('/unavailable', async () => {
          throw new ServiceUnavailableError(
            'runtime integration-runtime is down',
          );
        });
        router.get('/library-500', async () => {
          // What an HTTP library throws for an upstream's 500: its status, and a
          // message written for whoever debugs it, not for the caller.
          throw Object.assign(
            new Error(`upstream failed reading ${SERVER_PATH}`),
            { status: 500 },
          );
        });
        router.get('/library-503', async () => {
          throw Object.assign(
            new Error(`connect ECONNREFUSED, see ${SERVER_PATH}`),
            { statusCode: 503, name: 'HTTPError' },
          );
        });
        router.get('/bad-gateway', async () => {
          throw new BadGatewayError(
            'runtime rt answered GET /v1/dlqs with 500',
          );
        });
        router.get('/not-implemented', async () => {
          throw new NotImplementedError('exports in XLSX are not implemented');
        });
        router.get('/library-404', async () => {
          throw Object.assign(new Error('no such entity'), { status: 404 });
        });
        router.get('/unavailable-with-cause', async () => {
          throw new ServiceUnavailableError(
            'the audit trail cannot be written',
            new Error(
              'insert into "dlq_audit" values ($1) - connection refused',
            ),
          );
        });
        router.get('/input-with-cause', async () => {
          throw new InputError(
            'the plan cannot be read',
            new NotFoundError('no replay 42'),
          );
        });
        router.get('/teapot', async () => {
          throw Object.assign(new Error('deliberate with a status'), {
            statusCode: 418,
          });
        });
        http.use(router);
        http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

async function start(showDetails?: boolean) {
  const backend = await startTestBackend({
    features: [
      failing,
      httpRouter,
      mockServices.rootConfig.factory({
        data:
          showDetails === undefined
            ? {}
            : { backend: { errorAnswers: { showDetails } } },
      }),
    ],
  });
  const { port } = backend.server.address() as { port: number };
  const get = async (route: string) => {
    const res = await fetch(`http://localhost:${port}/api/failing${route}`);
    return { status: res.status, text: await res.text() };
  };
  return { backend, get };
}

describe('error answers', () => {
  let subject: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    subject = await start();
  });
  afterAll(() => subject.backend.stop());

  it.each([
    ['/enoent', 500],
    ['/type', 500],
    ['/sql', 500],
    ['/sqlite', 500],
    ['/not-an-error', 500],
    ['/library-500', 500],
    ['/library-503', 503],
  ])(
    '%s: an internal error answers %s with a log id only',
    async (route, code) => {
      const { status, text } = await subject.get(route);
      expect(status).toBe(code);
      const body = JSON.parse(text);
      expect(body.error.message).toMatch(
        /^An internal error occurred, logId=[0-9a-f]{20}$/,
      );
      expect(body.error.stack).toBeUndefined();
      expect(text).not.toContain(SERVER_PATH);
      expect(text).not.toMatch(
        /insert into|0x00|ENOENT|ECONNREFUSED|upstream|deep|\.ts:\d+|UNIQUE|SqliteError/,
      );
    },
  );

  it.each([
    ['/input', 400, 'limit: must be at most 200'],
    ['/missing', 404, 'no replay 42'],
    ['/unavailable', 503, 'runtime integration-runtime is down'],
    ['/not-implemented', 501, 'exports in XLSX are not implemented'],
    ['/bad-gateway', 502, 'runtime rt answered GET /v1/dlqs with 500'],
    ['/library-404', 404, 'no such entity'],
    ['/teapot', 418, 'deliberate with a status'],
  ])(
    '%s: a deliberate error keeps status and message, without a stack',
    async (route, code, message) => {
      const { status, text } = await subject.get(route);
      expect(status).toBe(code);
      const body = JSON.parse(text);
      expect(body.error.message).toBe(message);
      expect(body.error.stack).toBeUndefined();
      expect(text).not.toContain('node_modules');
    },
  );

  it('keeps a deliberate error but not its internal cause', async () => {
    const { status, text } = await subject.get('/unavailable-with-cause');
    expect(status).toBe(503);
    const body = JSON.parse(text);
    expect(body.error.name).toBe('ServiceUnavailableError');
    expect(body.error.message).toMatch(
      /^the audit trail cannot be written \(logId=[0-9a-f]{20}\)$/,
    );
    expect(body.error.cause).toBeUndefined();
    expect(text).not.toMatch(/insert into|dlq_audit|connection refused/);
  });

  it('keeps a deliberate cause of a deliberate error', async () => {
    const { status, text } = await subject.get('/input-with-cause');
    expect(status).toBe(400);
    expect(JSON.parse(text).error.message).toBe(
      'the plan cannot be read; caused by NotFoundError: no replay 42',
    );
  });

  it('shows details only when config asks for them', async () => {
    const debug = await start(true);
    try {
      const { status, text } = await debug.get('/enoent');
      expect(status).toBe(500);
      const body = JSON.parse(text);
      expect(body.error.message).toContain('ENOENT');
      expect(body.error.stack).toEqual(expect.any(String));
      const library = await debug.get('/library-500');
      expect(library.status).toBe(500);
      expect(JSON.parse(library.text).error.message).toBe(
        `upstream failed reading ${SERVER_PATH}`,
      );
    } finally {
      await debug.backend.stop();
    }
  });
});
