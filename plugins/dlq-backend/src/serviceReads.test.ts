import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { dlqPlugin } from './plugin';

jest.setTimeout(60_000);

const RUNTIME = 'integration-runtime';
const MESSAGE_ID = '0b7c6a3e-5d1f-4b5e-9a59-7d8c6f7e1a20';
const runtimes = [
  {
    name: RUNTIME,
    title: 'Order-to-cash runtime',
    // Nothing listens here: the list answers with the runtime in `errors`.
    baseUrl: 'http://127.0.0.1:9',
    token: 'not-used',
  },
];

/** The routes the scorecards dlq module reads (its DlqClient). */
const reads = [
  '/dlqs?inflowHours=3',
  `/replays?runtime=${RUNTIME}&dlq=orders&status=completed%2Cfailed&limit=200`,
];

/** State changes and message contents: for signed-in users only. */
const userOnly: Array<{ method: string; path: string; body?: unknown }> = [
  {
    method: 'POST',
    path: '/replays/plan',
    body: { runtime: RUNTIME, dlq: 'orders', selection: { ids: [MESSAGE_ID] } },
  },
  {
    method: 'POST',
    path: `/runtimes/${RUNTIME}/dlqs/orders/messages/archive`,
    body: { ids: [MESSAGE_ID], reason: 'not needed any more' },
  },
  {
    method: 'POST',
    path: `/runtimes/${RUNTIME}/dlqs/orders/messages/purge`,
    body: { ids: [MESSAGE_ID], reason: 'not needed any more' },
  },
  {
    method: 'POST',
    path: `/replays/${MESSAGE_ID}/approve`,
    body: {},
  },
  {
    method: 'POST',
    path: `/replays/${MESSAGE_ID}/cancel`,
    body: {},
  },
  { method: 'GET', path: `/runtimes/${RUNTIME}/dlqs/orders/messages` },
  { method: 'GET', path: `/runtimes/${RUNTIME}/messages/${MESSAGE_ID}` },
  { method: 'GET', path: '/audit' },
];

function baseUrl(server: { address(): unknown }) {
  const address = server.address() as { port: number } | null;
  return `http://localhost:${address?.port ?? 0}/api/dlq`;
}

function caller(base: string) {
  return (
    authorization: string,
    route: { method?: string; path: string; body?: unknown },
  ) =>
    fetch(`${base}${route.path}`, {
      method: route.method ?? 'GET',
      headers: {
        authorization,
        ...(route.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      },
      body: route.body === undefined ? undefined : JSON.stringify(route.body),
    });
}

describe('dlq-backend reads for services', () => {
  describe('with plugin-to-plugin tokens', () => {
    let call: ReturnType<typeof caller>;
    let stop: () => Promise<void>;
    const scorecardsToken = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:scorecards'),
      targetPluginId: 'dlq',
    });
    const userToken = mockCredentials.user.header('user:default/guest');

    beforeAll(async () => {
      const backend = await startTestBackend({
        features: [
          dlqPlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({ data: { dlq: { runtimes } } }),
        ],
      });
      call = caller(baseUrl(backend.server));
      stop = () => backend.stop();
    });
    afterAll(() => stop());

    it('lets another plugin read the queue list and the replay list', async () => {
      const list = await call(scorecardsToken, { path: reads[0] });
      expect(list.status).toBe(200);
      const body = await list.json();
      expect(body.items).toEqual([]);
      expect(body.errors.map((e: { runtime: string }) => e.runtime)).toEqual([
        RUNTIME,
      ]);
      const replays = await call(scorecardsToken, { path: reads[1] });
      expect(replays.status).toBe(200);
      expect(await replays.json()).toEqual({ items: [] });
    });

    it('refuses another plugin every state change and message contents', async () => {
      for (const route of userOnly) {
        const refused = await call(scorecardsToken, route);
        const body = await refused.json();
        expect([route.path, refused.status, body.error.message]).toEqual([
          route.path,
          403,
          "This endpoint does not allow 'service' credentials",
        ]);
      }
    });

    it('answers users as before', async () => {
      for (const path of reads)
        expect([path, (await call(userToken, { path })).status]).toEqual([
          path,
          200,
        ]);
      // A mutation gets past authentication to the runtime, which is down (503).
      const plan = await call(userToken, userOnly[0]);
      expect(plan.status).toBe(503);
      expect(
        (await call(mockCredentials.none.header(), { path: reads[0] })).status,
      ).toBe(401);
    });
  });

  describe("with static tokens and Backstage's own auth and permissions", () => {
    let call: ReturnType<typeof caller>;
    let stop: () => Promise<void>;
    const tokens = {
      scripts: 'Bearer scripts-token-for-tests',
      dlqReader: 'Bearer dlq-reader-token-for-tests',
      auditOnly: 'Bearer dlq-audit-token-for-tests',
    };

    beforeAll(async () => {
      const backend = await startTestBackend({
        features: [
          dlqPlugin,
          authServiceFactory,
          httpAuthServiceFactory,
          permissionsServiceFactory,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                auth: {
                  externalAccess: [
                    {
                      type: 'static',
                      options: {
                        token: tokens.scripts.slice(7),
                        subject: 'scripts',
                      },
                    },
                    {
                      type: 'static',
                      options: {
                        token: tokens.dlqReader.slice(7),
                        subject: 'dlq-reader',
                      },
                      accessRestrictions: [
                        { plugin: 'dlq', permission: 'dlq.message.read' },
                      ],
                    },
                    {
                      type: 'static',
                      options: {
                        token: tokens.auditOnly.slice(7),
                        subject: 'auditor',
                      },
                      accessRestrictions: [
                        { plugin: 'dlq', permission: 'dlq.audit.read' },
                      ],
                    },
                  ],
                },
              },
              permission: { enabled: true },
              dlq: { runtimes },
            },
          }),
        ],
      });
      call = caller(baseUrl(backend.server));
      stop = () => backend.stop();
    });
    afterAll(() => stop());

    it('lets a token read the lists only when its restrictions allow dlq.message.read', async () => {
      for (const path of reads) {
        expect([path, (await call(tokens.scripts, { path })).status]).toEqual([
          path,
          200,
        ]);
        expect([path, (await call(tokens.dlqReader, { path })).status]).toEqual(
          [path, 200],
        );
        const refused = await call(tokens.auditOnly, { path });
        expect([path, refused.status]).toEqual([path, 403]);
        expect((await refused.json()).error.message).toBe(
          'auditor may not read dead-letter queues: dlq.message.read is not granted',
        );
      }
    });

    it('refuses every token, restricted or not, on state changes', async () => {
      for (const token of [tokens.scripts, tokens.dlqReader])
        for (const route of userOnly)
          expect([route.path, (await call(token, route)).status]).toEqual([
            route.path,
            403,
          ]);
    });
  });
});
