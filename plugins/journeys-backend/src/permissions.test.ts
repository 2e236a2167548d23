import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import {
  mockCredentials,
  mockServices,
  ServiceFactoryTester,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  journeysTracesIngestPermission,
  journeysTracesReadPermission,
  SearchResult,
} from '@internal/plugin-journeys-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { exportRequest, hex } from './__testUtils__/otlp';
import { journeysPlugin } from './plugin';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../..');
const journeys = parseAllDocuments(
  fs.readFileSync(path.join(repoRoot, 'catalog-info/journeys.yaml'), 'utf-8'),
).map(d => d.toJSON());

/** app-config.yaml as the backend loads it (dev defaults for the tokens). */
async function appConfig() {
  const saved = { ...process.env };
  delete process.env.SWITCHBOARD_API_TOKEN;
  delete process.env.JOURNEYS_INGEST_TOKEN;
  try {
    return await ServiceFactoryTester.from(
      rootConfigServiceFactory({
        argv: ['--config', path.join(repoRoot, 'app-config.yaml')],
        watch: false,
      }),
    ).getSubject();
  } finally {
    process.env = saved;
  }
}

function listening(server: { address(): unknown }) {
  const address = server.address() as { port: number } | null;
  return `http://localhost:${address?.port ?? 0}/api/journeys`;
}

describe('journeys permissions', () => {
  describe("with the app-config's static tokens and Backstage's own auth and permissions", () => {
    let base: string;
    let stop: () => Promise<void>;
    let ingestToken: string;
    let scriptsToken: string;
    let metricsToken: string;
    const scheduler = mockServices.scheduler();
    const schedulerFactory = (
      scheduler as unknown as {
        factory(): ReturnType<typeof mockServices.scheduler.factory>;
      }
    ).factory();

    beforeAll(async () => {
      const config = await appConfig();
      const tokens = config.getConfigArray('backend.auth.externalAccess');
      const token = (subject: string) =>
        tokens
          .find(t => t.getString('options.subject') === subject)!
          .getString('options.token');
      ingestToken = token('otlp-ingest');
      scriptsToken = token('switchboard-scripts');
      metricsToken = token('prometheus');
      const backend = await startTestBackend({
        features: [
          journeysPlugin,
          authServiceFactory,
          httpAuthServiceFactory,
          permissionsServiceFactory,
          schedulerFactory,
          catalogServiceMock.factory({ entities: journeys }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                auth: {
                  externalAccess: config.get('backend.auth.externalAccess'),
                },
              },
              permission: config.get('permission'),
              journeys: { assembly: { settleMs: 100 } },
            },
          }),
        ],
      });
      base = listening(backend.server);
      stop = () => backend.stop();
    });
    afterAll(() => stop(), 30_000);

    const call = (token: string, p: string, init: RequestInit = {}) =>
      fetch(`${base}${p}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...init.headers },
      });

    it('lets the ingest token ingest and nothing else; the scripts token reads', async () => {
      const orderId = `ord-${hex(4)}`;
      const traceId = hex(16);
      const spanId = hex(8);
      const ingest = await call(ingestToken, '/v1/traces', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          exportRequest('storefront', [
            {
              traceId,
              spanId,
              name: 'POST /storefront/checkout',
              kind: 2,
              startMs: Date.now() - 2_000,
              attributes: {
                'http.route': '/storefront/checkout',
                'app.order.id': orderId,
              },
            },
          ]),
        ),
      });
      expect(ingest.status).toBe(200);

      // Assembled, so every read route has something to answer.
      const deadline = Date.now() + 20_000;
      for (;;) {
        await new Promise(r => setTimeout(r, 200));
        await scheduler.triggerTask('journeys-assemble');
        const found = (await (
          await call(scriptsToken, `/search?q=${orderId}`)
        ).json()) as SearchResult;
        if (found.matches?.length) break;
        if (Date.now() > deadline) throw new Error('never assembled');
      }

      const reads = [
        '/journeys?window=1h',
        '/journeys/default/checkout/instances',
        `/search?q=${orderId}`,
        `/instances/${traceId}`,
        `/spans/${traceId}/${spanId}`,
        '/slos',
        '/slos/default/checkout',
        '/openslo',
      ];
      for (const p of reads) {
        for (const token of [ingestToken, metricsToken]) {
          const denied = await call(token, p);
          expect([p, denied.status]).toEqual([p, 403]);
          const body = await denied.json();
          expect(body.error.name).toBe('NotAllowedError');
          expect(body.error.message).toBe(
            'journeys.traces.read is not granted',
          );
        }
        expect([p, (await call(scriptsToken, p)).status]).toEqual([p, 200]);
      }
      // The metrics token reads the Prometheus exposition and nothing else.
      const metrics = await call(metricsToken, '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(
        /^text\/plain; version=0\.0\.4/,
      );
      expect(await metrics.text()).toContain(
        'switchboard_journey_instances_total{',
      );
      const noMetrics = await call(ingestToken, '/metrics');
      expect(noMetrics.status).toBe(403);
      expect((await noMetrics.json()).error.message).toBe(
        'journeys.metrics.read is not granted',
      );
      expect(
        (
          await call(metricsToken, '/v1/traces', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).status,
      ).toBe(403);
      // The scripts token (no restrictions) may ingest too; a wrong token is 401.
      const again = await call(scriptsToken, '/v1/traces', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          exportRequest('x', [
            { traceId: hex(16), name: 's', startMs: Date.now() },
          ]),
        ),
      });
      expect(again.status).toBe(200);
      expect((await call('not-a-configured-token', reads[0])).status).toBe(401);
    });

    it('checks the SLO routes against their OpenAPI description: 400 with what is wrong, 404 for an unknown journey', async () => {
      const bad = [
        `/slos?owner=${'x'.repeat(300)}`,
        '/slos?window=1h',
        '/slos?owner=a&owner=b',
        '/slos/default/bad%20name',
        `/slos/default/${'n'.repeat(64)}`,
        '/slos/..%2F..%2Fetc/passwd',
      ];
      for (const p of bad) {
        const res = await call(scriptsToken, p);
        const body = await res.json();
        expect([p, res.status, body.error.name]).toEqual([
          p,
          400,
          'InputError',
        ]);
        expect(body.error.message).not.toMatch(/node_modules|\/work\/|at /);
      }
      const unknown = await call(scriptsToken, '/slos/default/nope');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.message).toBe(
        'no journey journey:default/nope in the catalog',
      );
      const openslo = await call(scriptsToken, '/openslo');
      expect(openslo.headers.get('content-type')).toMatch(/^application\/yaml/);
      expect(await openslo.text()).toContain('apiVersion: openslo/v1');
    });
  });

  describe('for users, through the permission service', () => {
    let base: string;
    let stop: () => Promise<void>;
    const permissions = mockServices.permissions.mock();

    beforeAll(async () => {
      const backend = await startTestBackend({
        features: [
          journeysPlugin,
          permissions.factory,
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities: journeys }),
        ],
      });
      base = listening(backend.server);
      stop = () => backend.stop();
    });
    afterAll(() => stop(), 30_000);

    it('asks for journeys.traces.read on behalf of the user: allowed → 200, denied → 403', async () => {
      const user = mockCredentials.user('user:default/guest');
      const get = () =>
        fetch(`${base}/journeys`, {
          headers: {
            authorization: mockCredentials.user.header('user:default/guest'),
          },
        });
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.ALLOW },
      ]);
      expect((await get()).status).toBe(200);
      expect(permissions.authorize).toHaveBeenLastCalledWith(
        [{ permission: journeysTracesReadPermission }],
        { credentials: user },
      );

      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      const denied = await get();
      expect(denied.status).toBe(403);
      expect((await denied.json()).error.name).toBe('NotAllowedError');

      // And the OTLP receiver asks for the ingest permission.
      const post = await fetch(`${base}/v1/traces`, {
        method: 'POST',
        headers: {
          authorization: mockCredentials.service.header(),
          'content-type': 'application/json',
        },
        body: '{}',
      });
      expect(post.status).toBe(403);
      expect(permissions.authorize).toHaveBeenLastCalledWith(
        [{ permission: journeysTracesIngestPermission }],
        { credentials: mockCredentials.service() },
      );
    });
  });
});
