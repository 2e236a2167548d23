import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { dlqPlugin } from './plugin';
import { BrokerDownError, retryAfterSeconds } from './runtime/RuntimeClient';
import { RuntimeRegistry } from './runtime/RuntimeRegistry';

jest.setTimeout(60_000);

/**
 * A runtime whose broker is down, as its admin API says: /health answers 200 with
 * brokerState 'down', every broker-bound route 503 with Retry-After and a JSON error.
 */
function brokerDownRuntime(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'ok',
          broker: 'rabbitmq',
          brokerState: 'down',
        }),
      );
      return;
    }
    res.writeHead(503, {
      'content-type': 'application/json',
      'retry-after': '7',
    });
    res.end(
      JSON.stringify({
        error: {
          name: 'ServiceUnavailableError',
          message: 'the broker is down; the runtime reconnects by itself',
        },
      }),
    );
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      }),
    ),
  );
}

describe('a runtime whose broker is down', () => {
  let runtime: { url: string; server: Server };
  const runtimesConfig = () => [
    {
      name: 'otc',
      title: 'Order-to-cash runtime',
      baseUrl: runtime.url,
      token: 't',
    },
  ];

  beforeAll(async () => {
    runtime = await brokerDownRuntime();
  });
  afterAll(
    () => new Promise<void>(resolve => runtime.server.close(() => resolve())),
  );

  it('is described as degraded, not up or down', async () => {
    const registry = RuntimeRegistry.fromConfig(
      new ConfigReader({ dlq: { runtimes: runtimesConfig() } }),
    );
    expect(await registry.describe()).toEqual([
      {
        name: 'otc',
        title: 'Order-to-cash runtime',
        status: 'degraded',
        broker: 'rabbitmq',
        error:
          'its broker (rabbitmq) is down: queue depths and replays wait until it is back; stored dead letters can still be read',
      },
    ]);
  });

  it("turns the runtime's 503 with Retry-After into a 503 that carries the delay", async () => {
    const registry = RuntimeRegistry.fromConfig(
      new ConfigReader({ dlq: { runtimes: runtimesConfig() } }),
    );
    const error = await registry
      .get('otc')
      .call(api => api.GET('/v1/dlqs'))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error).toBeInstanceOf(BrokerDownError);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      retryAfterSeconds: 7,
    });
    expect(error!.message).toMatch(
      /^runtime otc's broker is down; try again in 7 s/,
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds('5', now)).toBe(5);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });

  describe('through the dlq routes', () => {
    let base: string;
    let stop: () => Promise<void>;
    const user = mockCredentials.user.header('user:default/guest');
    const get = (path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: user } });

    beforeAll(async () => {
      const backend = await startTestBackend({
        features: [
          dlqPlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({
            data: { dlq: { runtimes: runtimesConfig() } },
          }),
        ],
      });
      const { port } = backend.server.address() as AddressInfo;
      base = `http://localhost:${port}/api/dlq`;
      stop = () => backend.stop();
    });
    afterAll(() => stop());

    it('lists the runtime as degraded', async () => {
      const res = await get('/runtimes');
      expect(res.status).toBe(200);
      expect((await res.json()).items[0].status).toBe('degraded');
    });

    it('lists the runtime in the overview as degraded, not as unreadable', async () => {
      const res = await get('/dlqs?inflowHours=0');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        items: [],
        errors: [
          {
            runtime: 'otc',
            title: 'Order-to-cash runtime',
            status: 'degraded',
            retryAfterSeconds: 7,
            message:
              'its broker is down: queue depths and replays wait until it is back (try again in 7 s); stored dead letters can still be read',
          },
        ],
      });
    });

    it('answers a broker-bound read 503 with the Retry-After passed on', async () => {
      const res = await get('/runtimes/otc/dlqs/orders');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('access-control-expose-headers')).toMatch(
        /Retry-After/,
      );
      const body = await res.json();
      expect(body.error.name).toBe('ServiceUnavailableError');
      expect(body.error.message).toMatch(
        /^runtime otc's broker is down; try again in 7 s/,
      );
    });
  });
});
