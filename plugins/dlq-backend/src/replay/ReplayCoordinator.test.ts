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

  async function setup(policy: Partial<ReplayPolicy> = {}) {
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
        ...policy,
      },
      mockServices.logger.mock(),
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
});
