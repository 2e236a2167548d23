/*
 * Failure classification and "edit and replay" of one message, end to end on RabbitMQ and
 * on the embedded broker: a schema-invalid order is dead-lettered as permanent, a
 * transient one as transient; the corrected body is published, processed once, and the
 * original record is kept (archived, naming the new message). Every answer is checked
 * against openapi.yaml (AdminClient).
 */
import { Runtime } from '../Runtime';
import { AdminClient, waitFor } from '../testing/AdminClient';
import {
  ADMIN_TOKEN,
  assertRabbitAnswers,
  BrokerKind,
  READ_TOKEN,
  testConfig,
} from '../testing/testRuntime';

jest.setTimeout(60_000);

describe.each<BrokerKind>(['rabbitmq', 'embedded'])(
  'classification and edit-and-replay on %s',
  kind => {
    let runtime: Runtime;
    let api: AdminClient;

    beforeAll(async () => {
      if (kind === 'rabbitmq') await assertRabbitAnswers();
      runtime = await Runtime.start(testConfig(kind), { logger: () => {} });
      api = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
    });

    afterAll(async () => {
      await runtime?.stop({ removeTopology: true });
    });

    const checkout = async (currency: string) => {
      const res = await fetch(`${runtime.servicesUrl}/storefront/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: 'C4711',
          customerTier: 'gold',
          currency,
          lines: [{ sku: 'SKU-KETTLE', quantity: 1, unitPrice: '49.90' }],
        }),
      });
      expect(res.status).toBe(201);
      return (await res.json()).orderId as string;
    };
    const failedFor = async (dlq: string, orderId: string) =>
      (
        await waitFor(
          () => api.get(`/v1/dlqs/${dlq}/messages?businessId=${orderId}`),
          r => r.body.items.length === 1,
          { what: `${orderId} in ${dlq}`, timeoutMs: 30_000 },
        )
      ).body.items[0];
    const captures = async (orderId: string) =>
      (
        await api.get(`/v1/side-effects?businessId=${orderId}&limit=100`)
      ).body.items.filter(
        (e: { action: string }) => e.action === 'capture-payment',
      ).length;

    it('classifies a schema-invalid message as permanent and a 5xx as transient, on messages and groups', async () => {
      const paymentDlq = runtime.names.queue('paymentOrderCreated').name;
      const poisonId = await checkout('EURO');
      const poison = await failedFor(paymentDlq, poisonId);
      expect(poison.classification).toEqual({
        kind: 'permanent',
        reason: expect.stringMatching(/^schema validation/),
      });

      await api.put('/v1/faults/legacy-erp', { outage: true });
      const erpDlq = runtime.names.queue('erpOrderCreated').name;
      const okId = await checkout('EUR');
      const transient = await failedFor(erpDlq, okId);
      await api.put('/v1/faults/legacy-erp', {});
      expect(transient.classification.kind).toBe('transient');
      expect(transient.classification.reason).toMatch(/HTTP 5\d\d from/);

      const groups = (await api.get(`/v1/dlqs/${paymentDlq}/groups`)).body
        .items;
      expect(groups[0].classification.kind).toBe('permanent');
      // The filter (the ERP connector also dead-lettered the schema-invalid order).
      const only = async (wanted: string) =>
        (
          await api.get(`/v1/dlqs/${erpDlq}/messages?classification=${wanted}`)
        ).body.items.map((m: { orderId: string }) => m.orderId);
      expect(await only('permanent')).toEqual([poisonId]);
      expect(await only('transient')).toEqual([okId]);
      expect(await only('unknown')).toEqual([]);
      expect(
        (await api.get(`/v1/dlqs/${erpDlq}/messages?classification=later`))
          .status,
      ).toBe(400);
    });

    it('replays an edited body once, keeps the original and refuses a second edit', async () => {
      const dlq = runtime.names.queue('paymentOrderCreated').name;
      const orderId = await checkout('EURO');
      const failed = await failedFor(dlq, orderId);
      const { body: original } = await api.get(`/v1/messages/${failed.id}`);
      const edited = JSON.stringify({
        ...JSON.parse(original.body),
        currency: 'EUR',
      });

      // Bad input first: not JSON, no reason, the read-only token.
      const notJson = await api.post(`/v1/messages/${failed.id}/replay`, {
        body: '{"orderId": ',
        reason: 'fix the currency',
        requester: 'user:default/alice',
      });
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toMatch(/not valid JSON/);
      expect(
        (
          await api.post(`/v1/messages/${failed.id}/replay`, {
            body: edited,
            requester: 'user:default/alice',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await api
            .withToken(READ_TOKEN)
            .post(`/v1/messages/${failed.id}/replay`, {
              body: edited,
              reason: 'fix the currency',
              requester: 'user:default/alice',
            })
        ).status,
      ).toBe(403);
      expect(
        (
          await api.post(
            `/v1/messages/00000000-0000-4000-8000-000000000000/replay`,
            {
              body: edited,
              reason: 'fix the currency',
              requester: 'user:default/alice',
            },
          )
        ).status,
      ).toBe(404);
      expect(await captures(orderId)).toBe(0);

      const replayed = await api.post(`/v1/messages/${failed.id}/replay`, {
        body: edited,
        reason: 'fix the currency (EURO is not ISO 4217)',
        requester: 'user:default/alice',
      });
      expect(replayed.status).toBe(201);
      expect(replayed.body).toMatchObject({
        failureId: failed.id,
        originalMessageId: original.messageId,
        routingKey: 'order.created',
      });
      expect(replayed.body.messageId).not.toBe(original.messageId);

      await waitFor(
        () => captures(orderId),
        n => n >= 1,
        { what: 'the payment capture of the edited order' },
      );
      // Settled: once, and the flow went on (the ERP was not sent the edit twice either).
      await new Promise(r => setTimeout(r, 500));
      expect(await captures(orderId)).toBe(1);
      expect(
        (await api.get(`/v1/dlqs/${dlq}/messages?businessId=${orderId}`)).body
          .total,
      ).toBe(0);

      const { body: kept } = await api.get(`/v1/messages/${failed.id}`);
      expect(kept.status).toBe('archived');
      expect(kept.body).toBe(original.body);
      expect(kept.statusReason).toContain(replayed.body.messageId);
      expect(kept.statusReason).toContain('user:default/alice');

      // Done once: a second submit of the same edit is a conflict, nothing is published.
      const again = await api.post(`/v1/messages/${failed.id}/replay`, {
        body: edited,
        reason: 'fix the currency (EURO is not ISO 4217)',
        requester: 'user:default/alice',
      });
      expect(again.status).toBe(409);
      await new Promise(r => setTimeout(r, 300));
      expect(await captures(orderId)).toBe(1);

      const actions = runtime.db
        .prepare(
          `SELECT requester, reason, detail FROM admin_actions WHERE action = 'message.edit-replay'`,
        )
        .all() as Array<{ requester: string; reason: string; detail: string }>;
      expect(actions).toHaveLength(1);
      expect(JSON.parse(actions[0].detail)).toMatchObject({
        failureId: failed.id,
        messageId: replayed.body.messageId,
        editedBodySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
  },
);
