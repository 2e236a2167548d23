import { TestDatabases } from '@backstage/backend-test-utils';
import { randomUUID } from 'node:crypto';
import { connect } from './migrations';
import { DatabaseReplayStore, StoredReplay } from './DatabaseReplayStore';

jest.setTimeout(60_000);

// The machine's PostgreSQL (trust auth) unless the environment names another.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??= `postgresql://${
  process.env.POSTGRES_USER ?? 'postgres'
}:${process.env.POSTGRES_PASSWORD ?? ''}@${
  process.env.POSTGRES_HOST ?? '127.0.0.1'
}:${process.env.POSTGRES_PORT ?? 5432}`;

const INES = 'user:default/ines.silva';
const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function replay(overrides: Partial<StoredReplay> & { count: number }) {
  const { count, ...rest } = overrides;
  const stored: StoredReplay = {
    id: randomUUID(),
    runtime: 'integration-runtime',
    dlq: 'erp-connector.order-created',
    status: 'planned',
    selection: { fingerprint: '0123456789abcdef' },
    messageIds: Array.from({ length: count }, () => randomUUID()),
    plan: {
      count,
      targets: [],
      skipped: [],
      ratePerSecond: 10,
      estimatedSeconds: 1,
      plannedAt: ago(0),
    },
    requester: INES,
    reason: null,
    canarySize: 0,
    ratePerSecond: 10,
    approvalRequired: false,
    approver: null,
    decisionComment: null,
    jobs: { canary: null, main: null },
    finalCounts: null,
    error: null,
    createdAt: ago(0),
    submittedAt: null,
    decidedAt: null,
    finishedAt: null,
    ...rest,
  };
  return stored;
}

describe('DatabaseReplayStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'counts a requester’s unapproved messages on one queue within the window on %p',
    async id => {
      const store = new DatabaseReplayStore(
        await connect({ getClient: async () => databases.init(id) }),
      );
      /** Inserted as planned, then moved as the coordinator would move it. */
      const add = async (
        count: number,
        state: Partial<StoredReplay> & { job?: 'canary' | 'main' } = {},
      ) => {
        const { job, status, submittedAt, ...rest } = state;
        const r = replay({ count, ...rest });
        await store.insert(r);
        if (status || submittedAt || job) {
          await store.transition(r.id, ['planned'], {
            status: status ?? 'planned',
            submittedAt: submittedAt ?? null,
            ...(job === 'canary' ? { canaryJobId: randomUUID() } : {}),
            ...(job === 'main' ? { mainJobId: randomUUID() } : {}),
          });
        }
        return r;
      };
      const now = await add(100); // planned now
      await add(7, {
        status: 'completed',
        submittedAt: ago(HOUR / 2),
        job: 'main',
      });
      // Planned long ago but submitted inside the window: it runs now.
      await add(5, {
        status: 'running',
        createdAt: ago(5 * HOUR),
        submittedAt: ago(60_000),
        job: 'main',
      });
      // A failed canary replayed only its canary.
      await add(50, {
        status: 'canary-failed',
        canarySize: 2,
        submittedAt: ago(60_000),
        job: 'canary',
      });
      await add(3, {
        status: 'cancelled',
        submittedAt: ago(1000),
        job: 'main',
      });

      // Not counted: approved or awaiting a second person, cancelled before any job,
      // outside the window, another requester, queue or runtime.
      await add(1000, { status: 'awaiting-approval', approvalRequired: true });
      await add(1000, {
        status: 'running',
        approvalRequired: true,
        submittedAt: ago(1000),
        job: 'main',
      });
      await add(1000, { status: 'cancelled' });
      await add(1000, {
        status: 'completed',
        submittedAt: ago(2 * HOUR),
        job: 'main',
      });
      await add(1000, { createdAt: ago(2 * HOUR) });
      await add(1000, { requester: 'user:default/jonas.weber' });
      await add(1000, { dlq: 'erp-connector.payment-refunded' });
      await add(1000, { runtime: 'other-runtime' });

      const window = {
        requester: INES,
        runtime: 'integration-runtime',
        dlq: 'erp-connector.order-created',
        since: ago(HOUR),
      };
      expect(await store.unapprovedVolume(window)).toBe(100 + 7 + 5 + 2 + 3);
      expect(
        await store.unapprovedVolume({ ...window, excludeId: now.id }),
      ).toBe(7 + 5 + 2 + 3);
      expect(
        await store.unapprovedVolume({
          ...window,
          requester: 'user:default/jonas.weber',
        }),
      ).toBe(1000);
    },
  );

  it.each(databases.eachSupportedId())(
    'serialises concurrent decisions on one lock on %p',
    async id => {
      const store = new DatabaseReplayStore(
        await connect({ getClient: async () => databases.init(id) }),
      );
      const window = {
        requester: INES,
        runtime: 'integration-runtime',
        dlq: 'erp-connector.order-created',
        since: ago(HOUR),
      };
      const seen: number[] = [];
      // Each decision reads the volume, waits, then records its own replay: without the
      // lock both would read 0.
      await Promise.all(
        [60, 60].map(count =>
          store.withLock('dlq-approval|test', async locked => {
            seen.push(await locked.unapprovedVolume(window));
            await new Promise(r => setTimeout(r, 100));
            await locked.insert(replay({ count }));
          }),
        ),
      );
      expect(seen.sort((a, b) => a - b)).toEqual([0, 60]);
    },
  );
});
