import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import Router from 'express-promise-router';
import { httpRouter } from './errorAnswers';

const SERVER_PATH = '/srv/switchboard/packages/backend/secret-config.yaml';

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

  it.each(['/enoent', '/type', '/sql', '/sqlite', '/not-an-error'])(
    '%s: an internal error answers 500 with a log id only',
    async route => {
      const { status, text } = await subject.get(route);
      expect(status).toBe(500);
      const body = JSON.parse(text);
      expect(body.error.message).toMatch(
        /^An internal error occurred, logId=[0-9a-f]{20}$/,
      );
      expect(body.error.stack).toBeUndefined();
      expect(text).not.toContain(SERVER_PATH);
      expect(text).not.toMatch(
        /insert into|0x00|ENOENT|deep|\.ts:\d+|UNIQUE|SqliteError/,
      );
    },
  );

  it.each([
    ['/input', 400, 'limit: must be at most 200'],
    ['/missing', 404, 'no replay 42'],
    ['/unavailable', 503, 'runtime integration-runtime is down'],
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

  it('shows details only when config asks for them', async () => {
    const debug = await start(true);
    try {
      const { status, text } = await debug.get('/enoent');
      expect(status).toBe(500);
      const body = JSON.parse(text);
      expect(body.error.message).toContain('ENOENT');
      expect(body.error.stack).toEqual(expect.any(String));
    } finally {
      await debug.backend.stop();
    }
  });
});
