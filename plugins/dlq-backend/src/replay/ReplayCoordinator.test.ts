import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Actor, AccessGuard } from '../access/AccessGuard';
import { DlqEntityResolver } from '../catalog/DlqEntityResolver';
import { ReplayPolicy } from '../config';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseReplayStore } from '../database/DatabaseReplayStore';
import { connect } from '../database/migrations';
import { RuntimeClient } from '../runtime/RuntimeClient';
import { RuntimeRegistry } from '../runtime/RuntimeRegistry';
import { ReplayCoordinator } from './ReplayCoordinator';
import { ReplayNotifier } from './ReplayNotifier';

jest.setTimeout(30_000);

const INES = 'user:default/ines.silva';
const JONAS = 'user:default/jonas.weber';
const ALICE = 'user:default/alice.nguyen';
const QUEUE = 'erp-connector.order-created';
const OTHER_QUEUE = 'erp-connector.payment-refunded';

/** A JSON answer to `request`, with its URL set as fetch would set it. */
const json = (request: Request, status: number, body: unknown) =>
  Object.defineProperty(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
    'url',
    { value: request.url },
  );

/**
 * A runtime that answers what planning needs, per its contract: every queue exists and
 * every id asked for is still failed. Starting a job is answered 503 (not needed here).
 */
async function fakeRuntime(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const queue = /^\/v1\/dlqs\/([^/]+)$/.exec(pathname);
  if (request.method === 'GET' && queue) {
    return json(request, 200, {
      name: decodeURIComponent(queue[1]),
      deadLetterQueue: `${decodeURIComponent(queue[1])}.dlq`,
      exchange: 'orders',
      bindingKeys: ['order.created'],
      consumer: 'erp-connector',
      failed: 0,
      parked: 0,
      archived: 0,
      brokerDepth: 0,
      oldestFailureAt: null,
      oldestAgeSeconds: null,
    });
  }
  if (
    request.method === 'GET' &&
    /^\/v1\/dlqs\/[^/]+\/messages$/.test(pathname)
  ) {
    // No permanent-looking messages among the planned ones.
    return json(request, 200, { items: [], nextCursor: null, total: 0 });
  }
  if (request.method === 'POST' && pathname === '/v1/replays/plan') {
    const body = (await request.json()) as {
      dlq: string;
      ids: string[];
      ratePerSecond: number;
    };
    return json(request, 200, {
      dlq: body.dlq,
      count: body.ids.length,
      targets: [],
      skipped: [],
      ratePerSecond: body.ratePerSecond,
      estimatedSeconds: body.ids.length / body.ratePerSecond,
    });
  }
  return json(request, 503, {
    error: { name: 'Error', message: 'not in this fake' },
  });
}

const ids = (n: number, seed: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `00000000-0000-4000-8000-${String(seed * 100_000 + i).padStart(12, '0')}`,
  );

describe('ReplayCoordinator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    policy: Partial<ReplayPolicy> = {},
    notifications?: { send: jest.Mock },
  ) {
    const db = await connect({
      getClient: async () => databases.init('SQLITE_3'),
    });
    const runtimes = new RuntimeRegistry();
    (runtimes as any).clients.set(
      'integration-runtime',
      new RuntimeClient(
        {
          name: 'integration-runtime',
          title: 'rt',
          baseUrl: 'http://runtime.test',
          token: 't',
          timeoutMs: 1000,
        },
        fakeRuntime as typeof fetch,
      ),
    );
    // finance-systems (Ines, Jonas) own the queues; Alice is refused.
    const permissions = {
      authorize: async (requests: unknown[], options: any) =>
        requests.map(() => ({
          result:
            options.credentials.principal.userEntityRef === ALICE
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    };
    const entities = {
      resolve: async (_runtime: string, queue: string) => ({
        queue: `resource:default/${queue}`,
        owner: 'group:default/finance-systems',
      }),
    } as unknown as DlqEntityResolver;
    const audit = new DatabaseAuditStore(db);
    const coordinator = new ReplayCoordinator(
      runtimes,
      entities,
      new DatabaseReplayStore(db),
      audit,
      new AccessGuard(permissions as any),
      {
        approvalThreshold: 100,
        approvalWindowMs: 60 * 60 * 1000,
        defaultRatePerSecond: 50,
        maxRatePerSecond: 500,
        maxMessages: 100_000,
        canarySettleMs: 0,
        plannedTtlMs: 30 * 60 * 1000,
        ...policy,
      },
      mockServices.logger.mock(),
      new ReplayNotifier(notifications, mockServices.logger.mock()),
    );
    return { coordinator, audit };
  }

  const who = (ref: string): Actor => ({
    ref,
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: ref },
    } as any,
  });
  const plan = (
    c: ReplayCoordinator,
    ref: string,
    messageIds: string[],
    dlq = QUEUE,
  ) =>
    c.plan(who(ref), {
      runtime: 'integration-runtime',
      dlq,
      selection: { ids: messageIds },
    });

  it('needs approval for 100 then 1 by the same requester on the same queue; others count apart', async () => {
    const { coordinator } = await setup();
    const first = await plan(coordinator, INES, ids(100, 1));
    expect(first).toMatchObject({
      approvalRequired: false,
      plan: { count: 100 },
    });
    const second = await plan(coordinator, INES, ids(1, 2));
    expect(second.approvalRequired).toBe(true);
    expect((await plan(coordinator, JONAS, ids(1, 3))).approvalRequired).toBe(
      false,
    );
    expect(
      (await plan(coordinator, INES, ids(1, 4), OTHER_QUEUE)).approvalRequired,
    ).toBe(false);

    // Submitting the small one waits for a second person; the first still runs alone.
    const waiting = await coordinator.submit(who(INES), second.id, {
      reason: 'the rest of it',
    });
    expect(waiting.status).toBe('awaiting-approval');
    const running = await coordinator.submit(who(INES), first.id, {
      reason: 'ERP fixed',
    });
    expect(running.status).toBe('running');
  });

  it('counts a plan from before the window once it is submitted, and drops plans cancelled before they started', async () => {
    const { coordinator } = await setup({ approvalWindowMs: 300 });
    const old = await plan(coordinator, INES, ids(100, 1));
    await new Promise(r => setTimeout(r, 400));
    // The old plan is outside the window: a new small one does not need approval...
    const fresh = await plan(coordinator, INES, ids(1, 2));
    expect(fresh.approvalRequired).toBe(false);
    // ...but submitting the old one now would put 101 through within the window.
    const submitted = await coordinator.submit(who(INES), old.id, {
      reason: 'late start',
    });
    expect(submitted).toMatchObject({
      status: 'awaiting-approval',
      approvalRequired: true,
    });

    const { coordinator: other } = await setup();
    const cancelled = await plan(other, INES, ids(100, 5));
    await other.cancel(who(INES), cancelled.id, 'wrong selection');
    expect((await plan(other, INES, ids(1, 6))).approvalRequired).toBe(false);
  });

  it.each([0, 0.5, 1e-300, 501, Infinity, NaN])(
    'refuses ratePerSecond %p with the allowed range',
    async ratePerSecond => {
      const { coordinator, audit } = await setup();
      await expect(
        coordinator.plan(who(INES), {
          runtime: 'integration-runtime',
          dlq: QUEUE,
          selection: { ids: ids(1, 1) },
          ratePerSecond,
        }),
      ).rejects.toThrow(
        /ratePerSecond must be from 1 to 500 messages per second/,
      );
      expect((await audit.list({ limit: 5 })).items).toMatchObject([
        { action: 'replay.plan', outcome: 'failed', actor: INES },
      ]);
    },
  );

  it('audits plans and submits, allowed and denied', async () => {
    const { coordinator, audit } = await setup();
    const planned = await plan(coordinator, INES, ids(2, 1));
    await expect(plan(coordinator, ALICE, ids(2, 1))).rejects.toThrow(
      /may not plan a replay/,
    );
    await expect(
      coordinator.submit(who(JONAS), planned.id, { reason: 'not mine' }),
    ).rejects.toThrow(/plan your own/);
    const trail = (await audit.list({ limit: 10 })).items.reverse();
    expect(trail).toMatchObject([
      {
        action: 'replay.plan',
        outcome: 'succeeded',
        actor: INES,
        replayId: planned.id,
        messageCount: 2,
        dlq: QUEUE,
      },
      { action: 'replay.plan', outcome: 'denied', actor: ALICE },
      {
        action: 'replay.submit',
        outcome: 'denied',
        actor: JONAS,
        replayId: planned.id,
        reason: 'not mine',
      },
    ]);
    expect(trail[1].detail).toContain('only members of');
  });

  it('asks the owning group (not the requester) to approve, and tells the requester the decision', async () => {
    const send = jest.fn(async () => {});
    const { coordinator } = await setup({ approvalThreshold: 1 }, { send });
    const planned = await plan(coordinator, INES, ids(2, 1));
    await coordinator.submit(who(INES), planned.id, {
      reason: 'ERP is back',
    });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/finance-systems',
          excludeEntityRef: INES,
        },
        payload: expect.objectContaining({
          title: `Replay of 2 messages from ${QUEUE} needs your approval`,
          link: `/dead-letters/replays/${planned.id}`,
          scope: `dlq-replay:${planned.id}:approval-requested`,
          severity: 'high',
        }),
      },
    ]);
    expect((send.mock.calls[0] as any)[0].payload.description).toContain(
      'ERP is back',
    );

    // The requester cannot approve their own replay, and nobody hears of the attempt.
    await expect(
      coordinator.decide(who(INES), planned.id, true),
    ).rejects.toThrow(/cannot approve it; a second person must/);
    expect(send).toHaveBeenCalledTimes(1);

    await coordinator.decide(who(JONAS), planned.id, false, 'not today');
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]).toEqual([
      {
        recipients: { type: 'entity', entityRef: INES },
        payload: expect.objectContaining({
          title: `Your replay of 2 messages from ${QUEUE} was rejected`,
          description: `Rejected by ${JONAS}: not today`,
          link: `/dead-letters/replays/${planned.id}`,
          scope: `dlq-replay:${planned.id}:rejected`,
        }),
      },
    ]);
    // A rejected replay never ran: its messages were not attempted.
    const rejected = await coordinator.get(planned.id);
    expect(rejected.progress.counts).toMatchObject({
      pending: 0,
      'not-attempted': 2,
    });
  });

  it('keeps replaying when the notifications service fails', async () => {
    const send = jest.fn(async () => {
      throw new Error('notifications backend unavailable');
    });
    const { coordinator } = await setup({ approvalThreshold: 1 }, { send });
    const planned = await plan(coordinator, INES, ids(2, 1));
    const submitted = await coordinator.submit(who(INES), planned.id, {
      reason: 'ERP is back',
    });
    expect(send).toHaveBeenCalled();
    expect(submitted.status).toBe('awaiting-approval');
  });

  it('expires plans nobody submitted: not listed as work, refused with 409 when submitted', async () => {
    const { coordinator, audit } = await setup({ plannedTtlMs: 200 });
    const stale = await plan(coordinator, INES, ids(2, 1));
    const other = await plan(coordinator, INES, ids(2, 2));
    expect(await coordinator.list({ limit: 10 })).toEqual([]);
    expect(
      (await coordinator.list({ limit: 10, status: ['planned'] })).map(
        r => r.id,
      ),
    ).toEqual(expect.arrayContaining([stale.id, other.id]));
    await new Promise(r => setTimeout(r, 300));

    // Submitting checks the age itself, before the scheduler got to it.
    const refused = coordinator.submit(who(INES), stale.id, {
      reason: 'too late',
    });
    await expect(refused).rejects.toMatchObject({ name: 'ConflictError' });
    await expect(refused).rejects.toThrow(/plan expired at .*plan it again/);
    expect((await coordinator.get(stale.id)).status).toBe('expired');

    expect(await coordinator.expirePlans()).toBe(1);
    const expired = await coordinator.get(other.id);
    expect(expired.status).toBe('expired');
    expect(expired.progress.counts).toMatchObject({
      pending: 0,
      'not-attempted': 2,
    });
    expect(await coordinator.list({ limit: 10 })).toEqual([]);
    const trail = (await audit.list({ limit: 10 })).items;
    expect(
      trail.filter(e => e.action === 'replay.expire').map(e => e.replayId),
    ).toEqual(expect.arrayContaining([stale.id, other.id]));

    // A fresh plan is not expired by the scheduler.
    const { coordinator: fresh } = await setup({ plannedTtlMs: 60_000 });
    const kept = await plan(fresh, INES, ids(2, 3));
    expect(await fresh.expirePlans()).toBe(0);
    expect((await fresh.get(kept.id)).status).toBe('planned');
  });
});
