/*
 * The admin API's answers to bad input (on the embedded broker): 400s in the contract's
 * error shape where the SQL layer or the date maths used to answer 500, and no internals
 * in the answers to what still fails.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { Runtime } from '../Runtime';
import { AdminClient } from '../testing/AdminClient';
import { ADMIN_TOKEN, testConfig } from '../testing/testRuntime';

jest.setTimeout(60_000);

/** A GET sent as is: fetch would resolve `.` and `..` segments before sending. */
function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const url = new URL(baseUrl);
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(text
            ? {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(text),
              }
            : {}),
        },
      },
      res => {
        let data = '';
        res.on('data', c => (data += c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: JSON.parse(data) }),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

function rawSocket(baseUrl: string, bytes: string): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = net.connect(Number(url.port), url.hostname, () =>
      socket.write(bytes),
    );
    socket.on('data', c => (data += c));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('admin API input checks', () => {
  let runtime: Runtime;
  let api: AdminClient;
  let dlq: string;
  let replayId: string;
  const logged: string[] = [];

  beforeAll(async () => {
    runtime = await Runtime.start(testConfig('embedded'), {
      logger: (msg, meta) => logged.push(`${msg} ${JSON.stringify(meta)}`),
    });
    api = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
    dlq = runtime.names.queue('erpOrderCreated').name;
    const failure = runtime.failures.insertDeadLetter(dlq, {
      queue: dlq,
      exchange: runtime.names.exchange('orders'),
      routingKey: 'order.created',
      messageId: randomUUID(),
      body: Buffer.from('{"orderId":"ord_checks"}'),
      headers: {},
      attempt: 1,
    })!;
    const { status, body } = await api.post('/v1/replays', {
      dlq,
      ids: [failure.id],
      reason: 'a job to page through',
      requester: 'user:default/alice.nguyen',
    });
    if (status !== 201) throw new Error(`seeding a replay answered ${status}`);
    replayId = body.id;
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('answers 400, not 500, to non-finite and out-of-range integers on every listing', async () => {
    const urls = [
      `/v1/dlqs/${dlq}/messages?limit=Infinity`,
      `/v1/dlqs/${dlq}/messages?limit=-Infinity`,
      `/v1/dlqs/${dlq}/messages?limit=1e309`,
      `/v1/side-effects?limit=Infinity`,
      `/v1/side-effects?limit=1e309`,
      `/v1/replays?limit=Infinity`,
      `/v1/replays?limit=-1e309`,
      `/v1/replays/${replayId}/items?limit=Infinity`,
      `/v1/replays/${replayId}/items?after=-Infinity`,
      `/v1/replays/${replayId}/items?after=1e309`,
      `/v1/replays/${replayId}/items?after=${2 ** 53 + 1}`,
      `/v1/dlqs/${dlq}/inflow?hours=-Infinity`,
      `/v1/dlqs/${dlq}/inflow?bucketMinutes=Infinity`,
      `/v1/dlqs/${dlq}/inflow?bucketMinutes=1e309`,
    ];
    const answers = [];
    for (const url of urls) {
      const { status, body } = await api.get(url);
      answers.push({ url, status, name: body.error?.name });
    }
    expect(answers).toEqual(
      urls.map(url => ({ url, status: 400, name: 'InputError' })),
    );
    // In bounds, the same listings answer.
    expect((await api.get(`/v1/replays?limit=500`)).status).toBe(200);
    expect(
      (await api.get(`/v1/replays/${replayId}/items?after=-1&limit=1`)).body
        .items,
    ).toHaveLength(1);
  });

  it('rejects queue names made only of dots on every route with a queue parameter', async () => {
    const routes = ['', '/messages', '/groups', '/inflow'];
    const answers = [];
    for (const name of ['.', '..', '...', '%2e%2e', '.%2E']) {
      for (const route of routes) {
        const { status, body } = await rawRequest(
          runtime.adminUrl,
          'GET',
          `/v1/dlqs/${name}${route}`,
        );
        answers.push({
          name,
          route,
          status,
          statusCode: body.response.statusCode,
        });
      }
    }
    expect(
      answers.filter(a => a.status !== 400 || a.statusCode !== 400),
    ).toEqual([]);
    for (const body of [
      { dlq: '..', filter: {} },
      { dlq: '.', ids: [randomUUID()] },
    ]) {
      const plan = await rawRequest(
        runtime.adminUrl,
        'POST',
        '/v1/replays/plan',
        body,
      );
      expect(plan.status).toBe(400);
      expect(plan.body.error.message).toContain('dlq');
    }
    const listed = await rawRequest(
      runtime.adminUrl,
      'GET',
      '/v1/replays?dlq=..',
    );
    expect(listed.status).toBe(400);
    // A name with dots and more is still a queue: this one just does not exist.
    expect((await api.get('/v1/dlqs/..x')).status).toBe(404);
  });

  it('keeps SQL and stack traces of an unexpected failure in the log', async () => {
    const list = runtime.failures.list;
    runtime.failures.list = () => {
      const e = new Error('near "LIMIT": syntax error');
      e.name = 'SqliteError';
      throw e;
    };
    try {
      const res = await fetch(`${runtime.adminUrl}/v1/dlqs/${dlq}/messages`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toMatch(/LIMIT|Sqlite|\bat /);
      expect(JSON.parse(text)).toMatchObject({
        error: { name: 'InternalServerError' },
        response: { statusCode: 500 },
      });
      expect(logged.join('\n')).toContain('near \\"LIMIT\\": syntax error');
    } finally {
      runtime.failures.list = list;
    }
  });

  it('answers requests the HTTP parser refuses in the JSON error shape', async () => {
    const garbage = await rawSocket(
      runtime.adminUrl,
      'NOT HTTP AT ALL\r\n\r\n',
    );
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toContain('application/json');
    expect(JSON.parse(garbage.split('\r\n\r\n')[1])).toMatchObject({
      error: { name: 'InputError' },
      response: { statusCode: 400 },
    });
    const huge = await rawSocket(
      runtime.adminUrl,
      `GET /v1/dlqs HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(
        20_000,
      )}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(huge.split('\r\n\r\n')[1]).response.statusCode).toBe(431);
    expect((await fetch(`${runtime.adminUrl}/health`)).status).toBe(200);
  });
});
