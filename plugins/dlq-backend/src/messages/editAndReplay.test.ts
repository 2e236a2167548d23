/*
 * Edit and replay through the dlq routes, against the real integration runtime (embedded
 * broker) and the catalog's AsyncAPI document of order.created, on SQLite and
 * PostgreSQL: the classification shows, the plan leaves permanent messages out, an
 * invalid body is refused with its problems, a user without the replay permission gets
 * 403, and the audit keeps the diff with personal data masked.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Runtime } from '@internal/integration-runtime';
import {
  ADMIN_TOKEN,
  AdminClient,
  testConfig,
  waitFor,
} from '@internal/integration-runtime/testing';
import fs from 'node:fs';
import path from 'node:path';
import { dlqPlugin } from '../plugin';
import {
  ALICE,
  dlqCaller,
  DlqCall,
  INES,
  permissionsDeciding,
} from '../testing';

jest.setTimeout(90_000);

process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??= `postgresql://${
  process.env.POSTGRES_USER ?? 'postgres'
}:${process.env.POSTGRES_PASSWORD ?? ''}@${
  process.env.POSTGRES_HOST ?? '127.0.0.1'
}:${process.env.POSTGRES_PORT ?? 5432}`;

const RUNTIME = 'integration-runtime';
const ORDER_EVENTS = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../catalog-info/apis/order-events.asyncapi.yaml',
  ),
  'utf-8',
);

/** The catalog as the integrations module builds it: queue, topic (from AsyncAPI), API. */
function catalogFor(queue: string): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'payment-service.order-created',
        annotations: { 'switchboard.dev/runtime': RUNTIME },
      },
      spec: {
        type: 'queue',
        owner: 'group:default/payments',
        address: { exchange: 'orders', routingKey: 'order.created', queue },
        subscribers: ['component:payment-service'],
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'order.created',
        annotations: {
          'switchboard.dev/asyncapi-api': 'api:default/order-events',
          'switchboard.dev/asyncapi-channel': 'orderCreated',
        },
      },
      spec: {
        type: 'topic',
        owner: 'orders',
        address: { exchange: 'orders', routingKey: 'order.created' },
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'order-events' },
      spec: {
        type: 'asyncapi',
        lifecycle: 'production',
        owner: 'orders',
        definition: ORDER_EVENTS,
      },
    },
  ];
}

/** Everyone may read; only Ines may replay (Alice is not in the owning team). */
const permissions = permissionsDeciding(({ permission }, user) =>
  permission.name === 'dlq.replay.create' && user === ALICE
    ? AuthorizeResult.DENY
    : AuthorizeResult.ALLOW,
);

describe('edit and replay through the dlq routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'classifies, warns in the plan, refuses bad bodies and replays a fixed one once, on %p',
    async databaseId => {
      const runtime = await Runtime.start(testConfig('embedded'), {
        logger: () => {},
      });
      const admin = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
      const queue = runtime.names.queue('paymentOrderCreated').name;
      const backend = await startTestBackend({
        features: [
          dlqPlugin,
          permissions,
          catalogServiceMock.factory({ entities: catalogFor(queue) }),
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
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
                ],
                maskFields: ['customerId'],
              },
            },
          }),
        ],
      });
      try {
        const { port } = backend.server.address() as { port: number };
        const dlq = dlqCaller(`http://localhost:${port}/api/dlq`);
        // Every answer is JSON, refusals included.
        const call: DlqCall = async (...request) => {
          const res = await dlq(...request);
          expect(res.type).toMatch(/^application\/json/);
          return res;
        };

        // One schema-invalid order (currency EURO) and one that is fine.
        const checkout = async (currency: string) => {
          const res = await fetch(
            `${runtime.servicesUrl}/storefront/checkout`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                customerId: 'C-4711-SECRET',
                customerTier: 'gold',
                currency,
                lines: [{ sku: 'SKU-KETTLE', quantity: 1, unitPrice: '49.90' }],
              }),
            },
          );
          return (await res.json()).orderId as string;
        };
        const orderId = await checkout('EURO');
        const page = await waitFor(
          () => admin.get(`/v1/dlqs/${queue}/messages?businessId=${orderId}`),
          r => r.body.items.length === 1,
          { what: 'the poison order in the DLQ' },
        );
        const id = page.body.items[0].id as string;

        // Classification on groups and on the message; filterable.
        const groups = await call(
          INES,
          'GET',
          `/runtimes/${RUNTIME}/dlqs/${queue}/groups`,
        );
        expect(groups.body.items[0].classification.kind).toBe('permanent');
        const permanentOnly = await call(
          INES,
          'GET',
          `/runtimes/${RUNTIME}/dlqs/${queue}/messages?classification=permanent`,
        );
        expect(permanentOnly.body.items.map((m: any) => m.id)).toEqual([id]);
        expect(
          (
            await call(
              INES,
              'GET',
              `/runtimes/${RUNTIME}/dlqs/${queue}/messages?classification=maybe`,
            )
          ).status,
        ).toBe(400);
        const detail = (
          await call(INES, 'GET', `/runtimes/${RUNTIME}/messages/${id}`)
        ).body;
        expect(detail.message.classification.reason).toMatch(
          /schema validation/,
        );
        expect(detail.formattedBody).not.toContain('C-4711-SECRET');

        // The plan counts it and leaves it out by default; kept in when asked.
        const plan = await call(INES, 'POST', '/replays/plan', {
          runtime: RUNTIME,
          dlq: queue,
          selection: { ids: [id] },
        });
        expect(plan.status).toBe(201);
        expect(plan.body.plan.count).toBe(0);
        expect(plan.body.plan.permanent).toMatchObject({
          count: 1,
          selected: 1,
          excluded: true,
        });
        const kept = await call(INES, 'POST', '/replays/plan', {
          runtime: RUNTIME,
          dlq: queue,
          selection: { ids: [id] },
          excludePermanent: false,
        });
        expect(kept.body.plan.count).toBe(1);
        expect(kept.body.plan.permanent.excluded).toBe(false);
        expect(
          (
            await call(INES, 'POST', '/replays/plan', {
              runtime: RUNTIME,
              dlq: queue,
              selection: { ids: [id] },
              excludePermanent: 'yes',
            })
          ).status,
        ).toBe(400);

        // The editor starts from the masked body: the mask is put back, the schema checked.
        const masked = JSON.parse(detail.formattedBody);
        const preview = await call(
          INES,
          'POST',
          `/runtimes/${RUNTIME}/messages/${id}/preview`,
          { body: detail.formattedBody },
        );
        expect(preview.body.schemaMissing).toBeNull();
        expect(preview.body).toMatchObject({
          valid: false,
          schema: { api: 'api:default/order-events', channel: 'orderCreated' },
          problems: [{ path: '/currency', message: expect.any(String) }],
        });
        const fixed = JSON.stringify({ ...masked, currency: 'EUR' }, null, 2);
        const good = await call(
          INES,
          'POST',
          `/runtimes/${RUNTIME}/messages/${id}/preview`,
          { body: fixed },
        );
        expect(good.body.valid).toBe(true);
        expect(good.body.diff).toEqual(
          expect.arrayContaining([
            { kind: 'removed', text: '  "currency": "EURO",' },
            { kind: 'added', text: '  "currency": "EUR",' },
          ]),
        );

        // Refusals: invalid body (400 with its problems), Alice (403), no reason (400).
        const invalid = await call(
          INES,
          'POST',
          `/runtimes/${RUNTIME}/messages/${id}/replay`,
          {
            body: JSON.stringify({ ...masked, currency: 'EURO', total: 12 }),
            reason: 'fix the currency',
          },
        );
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toMatch(/\/currency: /);
        expect(invalid.body.error.message).toMatch(/\/total: must be string/);
        const denied = await call(
          ALICE,
          'POST',
          `/runtimes/${RUNTIME}/messages/${id}/replay`,
          { body: fixed, reason: 'fix the currency' },
        );
        expect(denied.status).toBe(403);
        expect(
          (
            await call(
              INES,
              'POST',
              `/runtimes/${RUNTIME}/messages/${id}/replay`,
              {
                body: fixed,
              },
            )
          ).status,
        ).toBe(400);
        const captures = async () =>
          (
            await admin.get(`/v1/side-effects?businessId=${orderId}&limit=100`)
          ).body.items.filter((e: any) => e.action === 'capture-payment')
            .length;
        expect(await captures()).toBe(0);

        const replayed = await call(
          INES,
          'POST',
          `/runtimes/${RUNTIME}/messages/${id}/replay`,
          { body: fixed, reason: 'EURO is not ISO 4217; the shop meant EUR' },
        );
        expect(replayed.status).toBe(201);
        expect(replayed.body.messageId).not.toBe(
          replayed.body.originalMessageId,
        );
        await waitFor(captures, n => n === 1, {
          what: 'the capture of the fixed order',
        });
        // The real customer id went out, not the mask.
        const { body: original } = await admin.get(`/v1/messages/${id}`);
        expect(original.status).toBe('archived');
        expect(JSON.parse(original.body).customerId).toBe('C-4711-SECRET');
        const again = await call(
          INES,
          'POST',
          `/runtimes/${RUNTIME}/messages/${id}/replay`,
          { body: fixed, reason: 'EURO is not ISO 4217; the shop meant EUR' },
        );
        expect(again.status).toBe(409);

        const audit = (await call(INES, 'GET', `/audit?dlq=${queue}`)).body
          .items as any[];
        const edits = audit.filter(e => e.action === 'message.edit-replay');
        expect(edits.map(e => [e.actor, e.outcome])).toEqual([
          [INES, 'failed'], // the second submit: 409
          [INES, 'succeeded'],
          [ALICE, 'denied'],
          [INES, 'failed'], // the invalid body
        ]);
        const done = edits[1];
        expect(done.reason).toBe('EURO is not ISO 4217; the shop meant EUR');
        expect(done.messageCount).toBe(1);
        expect(done.detail).toContain(replayed.body.messageId);
        expect(done.detail).toContain('-   "currency": "EURO",');
        expect(done.detail).toContain('+   "currency": "EUR",');
        expect(JSON.stringify(audit)).not.toContain('C-4711-SECRET');
      } finally {
        await backend.stop();
        await runtime.stop();
      }
    },
  );
});
