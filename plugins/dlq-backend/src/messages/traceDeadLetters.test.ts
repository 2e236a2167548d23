/*
 * GET /dead-letters?traceId=… against the real integration runtime (embedded broker): a
 * poison order's dead letter is found by its trace id (alone or among others) with its queue, status,
 * classification, failure and business key; a user who may not read the queue gets none
 * (left out, not refused); a runtime that is down is reported; a trace id that is not one
 * is a 400 that says what a trace id is.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Runtime } from '@internal/integration-runtime';
import {
  ADMIN_TOKEN,
  AdminClient,
  testConfig,
  waitFor,
} from '@internal/integration-runtime/testing';
import { dlqPlugin } from '../plugin';
import {
  ALICE,
  dlqCaller,
  DlqCall,
  INES,
  permissionsDeciding,
} from '../testing';

jest.setTimeout(90_000);

const RUNTIME = 'integration-runtime';

/** Ines reads every queue; Alice reads none. */
const permissions = permissionsDeciding(({ permission }, user) =>
  permission.name === 'dlq.message.read' && user === ALICE
    ? AuthorizeResult.DENY
    : AuthorizeResult.ALLOW,
);

describe('the dead letters of one trace', () => {
  let runtime: Runtime;
  let admin: AdminClient;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let call: DlqCall;

  // Every answer is JSON, refusals included.
  const get = async (who: string, route: string) => {
    const res = await call(who, 'GET', route);
    expect(res.type).toMatch(/^application\/json/);
    return res;
  };

  beforeAll(async () => {
    runtime = await Runtime.start(testConfig('embedded'), {
      logger: () => {},
    });
    admin = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
    backend = await startTestBackend({
      features: [
        dlqPlugin,
        permissions,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            dlq: {
              runtimes: [
                {
                  name: RUNTIME,
                  title: 'Order-to-cash runtime',
                  baseUrl: runtime.adminUrl,
                  token: ADMIN_TOKEN,
                },
                // Nothing listens there.
                {
                  name: 'gone',
                  baseUrl: 'http://127.0.0.1:9/admin',
                  token: 'x',
                },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    call = dlqCaller(`http://localhost:${port}/api/dlq`);
  });

  afterAll(async () => {
    await backend?.stop();
    await runtime?.stop();
  });

  it('finds a poison order by its trace id, for those who may read its queue', async () => {
    const queue = runtime.names.queue('paymentOrderCreated').name;
    const res = await fetch(`${runtime.servicesUrl}/storefront/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customerId: 'C-1',
        customerTier: 'gold',
        currency: 'EURO',
        lines: [{ sku: 'SKU-KETTLE', quantity: 1, unitPrice: '49.90' }],
      }),
    });
    const { orderId } = await res.json();
    const page = await waitFor(
      () => admin.get(`/v1/dlqs/${queue}/messages?businessId=${orderId}`),
      r => r.body.items.length === 1,
      { what: 'the poison order in the DLQ' },
    );
    const letter = page.body.items[0];
    expect(letter.traceId).toMatch(/^[0-9a-f]{32}$/);

    const found = await get(INES, `/dead-letters?traceId=${letter.traceId}`);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      {
        traceId: letter.traceId,
        runtime: RUNTIME,
        dlq: queue,
        id: letter.id,
        messageId: letter.messageId,
        status: 'failed',
        classification: expect.objectContaining({ kind: 'permanent' }),
        errorClass: letter.errorClass,
        errorMessage: letter.errorMessage,
        firstFailureAt: letter.firstFailureAt,
        lastFailureAt: letter.lastFailureAt,
        businessKey: orderId,
      },
    ]);
    expect(found.body.searchedPerQueue).toBe(500);
    expect(found.body.errors).toEqual([
      expect.objectContaining({ runtime: 'gone', status: 'down' }),
    ]);

    // Alice may not read the queue: it is left out, and that is not an error.
    const hidden = await get(ALICE, `/dead-letters?traceId=${letter.traceId}`);
    expect(hidden.status).toBe(200);
    expect(hidden.body.items).toEqual([]);

    const other = await get(INES, `/dead-letters?traceId=${'ab'.repeat(16)}`);
    expect(other.body.items).toEqual([]);

    // A journey instance's several traces in one request: the one with a dead letter is found.
    const several = await get(
      INES,
      `/dead-letters?traceId=${'ab'.repeat(16)}&traceId=${letter.traceId}`,
    );
    expect(several.status).toBe(200);
    expect(several.body.items.map((i: { id: string }) => i.id)).toEqual([
      letter.id,
    ]);
  });

  it('answers a trace id that is not one with a 400 that says what one is', async () => {
    for (const traceId of [
      '',
      'xyz',
      'AB'.repeat(16),
      '0'.repeat(32),
      'ab'.repeat(17),
    ]) {
      const res = await get(INES, `/dead-letters?traceId=${traceId}`);
      expect({ traceId, status: res.status }).toEqual({ traceId, status: 400 });
      expect(res.body.error.message).toMatch(/traceId/);
    }
    const bad = await get(INES, `/dead-letters?traceId=xyz`);
    expect(bad.body.error.message).toBe(
      'invalid query: traceId: a W3C trace id (32 lower-case hex digits, not all zero)',
    );
    expect((await get(INES, '/dead-letters')).status).toBe(400);
    const second = await get(
      INES,
      `/dead-letters?traceId=${'ab'.repeat(16)}&traceId=xyz`,
    );
    expect(second.status).toBe(400);
    expect(second.body.error.message).toMatch(/traceId.*W3C trace id/);
    const tooMany = Array.from(
      { length: 21 },
      (_, i) => `traceId=${(i + 1).toString(16).padStart(32, 'a')}`,
    ).join('&');
    const refused = await get(INES, `/dead-letters?${tooMany}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/traceId/);
    expect(
      (await get(INES, `/dead-letters?traceId=${'ab'.repeat(16)}&limit=5`))
        .status,
    ).toBe(400);
  });
});
