/*
 * What dlq-backend gets from the app around it: queue entities from the real catalog
 * (catalog-info/queues.yaml), and who may replay, archive and purge from Switchboard's
 * permission policy, a conditional decision on catalog ownership that the permission
 * backend resolves through the catalog. dlq-backend's own routes and replay lifecycle
 * are tested in plugins/dlq-backend (src/router.test.ts), with the ownership rule mocked.
 */
import {
  ALICE,
  DLQ,
  DlqTestBackend,
  INES,
  JONAS,
} from '@internal/plugin-dlq-backend/testing';
import { startDeadLetterBackend } from './__testUtils__/deadLetterBackend';

jest.setTimeout(90_000);

describe("dead letters with the real catalog and Switchboard's policy", () => {
  let h: DlqTestBackend;
  const call: DlqTestBackend['call'] = (...args) => h.call(...args);

  beforeAll(async () => {
    h = await startDeadLetterBackend();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it("finds each queue's owner, consumer and dead-letter queue in the catalog", async () => {
    const { status, body } = await call(ALICE, 'GET', '/dlqs?inflowHours=0');
    expect(status).toBe(200);
    const erp = body.items.find(
      (d: any) => d.runtime === 'integration-runtime' && d.name === DLQ,
    );
    expect(erp).toMatchObject({
      consumer: 'erp-connector',
      entities: {
        queue: `resource:default/${DLQ}`,
        deadLetterQueue: `resource:default/${DLQ}.dlq`,
        owner: 'group:default/finance-systems',
        consumer: 'component:default/erp-connector',
      },
    });
    // The Component tab's query.
    const forComponent = await call(
      ALICE,
      'GET',
      '/dlqs?entityRef=component:default/erp-connector&inflowHours=0',
    );
    expect(forComponent.body.items.map((d: any) => d.name).sort()).toEqual([
      DLQ,
      'erp-connector.payment-refunded',
    ]);
  });

  it('refuses a replay to someone outside the owning group', async () => {
    const plan = await call(ALICE, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { filter: { errorClass: 'TransientError' } },
    });
    expect(plan.status).toBe(403);
    expect(plan.body.error.message).toContain(
      'only members of group:default/finance-systems',
    );
  });

  it('says what a user may change on a queue and, if not, whom to ask', async () => {
    const path_ = `/runtimes/integration-runtime/dlqs/${DLQ}/access`;
    const owner = await call(INES, 'GET', path_);
    expect(owner.status).toBe(200);
    expect(owner.body).toEqual({
      owner: 'group:default/finance-systems',
      queue: `resource:default/${DLQ}`,
      replay: { allowed: true },
      manage: { allowed: true },
      approve: { allowed: true },
    });
    const outsider = await call(ALICE, 'GET', path_);
    expect(outsider.body.replay.allowed).toBe(false);
    expect(outsider.body.manage.reason).toBe(
      'Only members of group:default/finance-systems, which owns this queue, may archive or purge its messages; you are not one of them. Ask a member of group:default/finance-systems.',
    );
    expect(
      (
        await call(
          ALICE,
          'GET',
          '/runtimes/integration-runtime/dlqs/..%2Fx/access',
        )
      ).status,
    ).toBe(400);
    expect(
      (await call(ALICE, 'GET', `/runtimes/nope/dlqs/${DLQ}/access`)).status,
    ).toBe(404);
  });

  it('lets only the owning group archive, purge and approve', async () => {
    const ids = await h.idsOf(await h.deadLetter(5));
    const denied = await call(
      ALICE,
      'POST',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages/archive`,
      { ids: ids.slice(0, 1), reason: 'noise' },
    );
    expect(denied.status).toBe(403);
    const purgeDenied = await call(
      ALICE,
      'POST',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages/purge`,
      { ids: ids.slice(0, 1), reason: 'noise' },
    );
    expect(purgeDenied.status).toBe(403);
    const archived = await call(
      INES,
      'POST',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages/archive`,
      { ids: ids.slice(0, 1), reason: 'known test order' },
    );
    expect(archived.body).toEqual({ archived: ids.slice(0, 1) });

    // Four messages are over the approval threshold (3): Alice (orders) may not
    // approve, Jonas (finance-systems, like Ines) may.
    const plan = await call(INES, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { ids: ids.slice(1) },
    });
    expect(plan.body).toMatchObject({
      approvalRequired: true,
      plan: { count: 4 },
    });
    const submitted = await call(
      INES,
      'POST',
      `/replays/${plan.body.id}/submit`,
      { reason: 'ERP fixed (INC-44)' },
    );
    expect(submitted.body.status).toBe('awaiting-approval');
    const outsider = await call(
      ALICE,
      'POST',
      `/replays/${plan.body.id}/approve`,
      {},
    );
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toContain(
      'only members of group:default/finance-systems',
    );
    const approved = await call(
      JONAS,
      'POST',
      `/replays/${plan.body.id}/approve`,
      { comment: 'checked the ERP' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.approver).toBe(JONAS);
    await call(INES, 'POST', `/replays/${plan.body.id}/cancel`, {
      reason: 'test over',
    });
  });
});
