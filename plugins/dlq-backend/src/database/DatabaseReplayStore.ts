import {
  Replay,
  ReplaySelection,
  ReplayStatus,
} from '@internal/plugin-dlq-common';
import { Knex } from 'knex';

/** A replay as stored: the frozen message ids stay in the backend. */
export interface StoredReplay extends Omit<Replay, 'progress'> {
  messageIds: string[];
  ratePerSecond: number;
  finalCounts: Replay['progress']['counts'] | null;
}

export type ReplayPatch = Partial<
  Pick<
    StoredReplay,
    | 'status'
    | 'reason'
    | 'canarySize'
    | 'approver'
    | 'decisionComment'
    | 'error'
    | 'submittedAt'
    | 'decidedAt'
    | 'finishedAt'
    | 'finalCounts'
    | 'approvalRequired'
  >
> & { canaryJobId?: string; mainJobId?: string };

const columns: Record<string, string> = {
  status: 'status',
  reason: 'reason',
  canarySize: 'canary_size',
  approver: 'approver',
  decisionComment: 'decision_comment',
  error: 'error',
  submittedAt: 'submitted_at',
  decidedAt: 'decided_at',
  finishedAt: 'finished_at',
  canaryJobId: 'canary_job_id',
  mainJobId: 'main_job_id',
  approvalRequired: 'approval_required',
};

/** Whose unapproved replays on which queue, active since when (ISO time). */
export interface VolumeQuery {
  requester: string;
  runtime: string;
  dlq: string;
  since: string;
  /** The replay being decided, not counted against itself. */
  excludeId?: string;
}

/**
 * Messages a replay puts through without a second person, for the approval window:
 * planned, submitted or replayed ones count; a plan cancelled before any runtime job
 * replayed nothing, and a failed canary replayed only its canary.
 */
function unapprovedMessages(row: any): number {
  const count = Number(JSON.parse(row.plan).count) || 0;
  if (row.status === 'rejected' || row.status === 'expired') return 0;
  if (row.status === 'cancelled' && !row.canary_job_id && !row.main_job_id)
    return 0;
  if (row.status === 'canary-failed')
    return Math.min(count, Number(row.canary_size));
  return count;
}

export class DatabaseReplayStore {
  constructor(private readonly db: Knex) {}

  async insert(replay: StoredReplay): Promise<void> {
    await this.db('dlq_replays').insert({
      id: replay.id,
      runtime: replay.runtime,
      dlq: replay.dlq,
      status: replay.status,
      selection: JSON.stringify(replay.selection),
      message_ids: JSON.stringify(replay.messageIds),
      plan: JSON.stringify(replay.plan),
      requester: replay.requester,
      reason: replay.reason,
      canary_size: replay.canarySize,
      rate_per_second: replay.ratePerSecond,
      approval_required: replay.approvalRequired,
      created_at: replay.createdAt,
    });
  }

  /**
   * Messages the requester replays on the queue without approval, in replays active
   * since `query.since` (submitted since then, or planned since then and not submitted).
   * Replays that needed approval are not counted: a second person covered them.
   */
  async unapprovedVolume(query: VolumeQuery): Promise<number> {
    const q = this.db('dlq_replays')
      .select('status', 'plan', 'canary_size', 'canary_job_id', 'main_job_id')
      .where({
        requester: query.requester,
        runtime: query.runtime,
        dlq: query.dlq,
        approval_required: false,
      })
      .andWhere(active =>
        active
          .where('submitted_at', '>=', query.since)
          .orWhere(planned =>
            planned
              .whereNull('submitted_at')
              .andWhere('created_at', '>=', query.since),
          ),
      );
    if (query.excludeId) q.whereNot('id', query.excludeId);
    return (await q).reduce((sum, row) => sum + unapprovedMessages(row), 0);
  }

  /**
   * Runs `fn` in a transaction that holds a lock on `key` (the requester's queue), so two
   * submits of one requester cannot both count the window before either is recorded.
   * PostgreSQL takes an advisory lock; SQLite runs one transaction at a time anyway.
   */
  async withLock<T>(
    key: string,
    fn: (store: DatabaseReplayStore) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async trx => {
      if (this.db.client.config.client === 'pg') {
        await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [key]);
      }
      return fn(new DatabaseReplayStore(trx));
    });
  }

  async get(id: string): Promise<StoredReplay | undefined> {
    const row = await this.db('dlq_replays').where({ id }).first();
    return row ? toReplay(row) : undefined;
  }

  async list(query: {
    runtime?: string;
    dlq?: string;
    status?: ReplayStatus[];
    limit: number;
  }) {
    const q = this.db('dlq_replays')
      .orderBy('created_at', 'desc')
      .limit(query.limit);
    if (query.runtime) q.where('runtime', query.runtime);
    if (query.dlq) q.where('dlq', query.dlq);
    if (query.status?.length) q.whereIn('status', query.status);
    return (await q).map(toReplay);
  }

  /** Plans (status `planned`) made before `before` (ISO time), oldest first. */
  async plannedBefore(before: string, limit: number) {
    const rows = await this.db('dlq_replays')
      .where('status', 'planned')
      .andWhere('created_at', '<', before)
      .orderBy('created_at', 'asc')
      .limit(limit);
    return rows.map(toReplay);
  }

  /**
   * Applies the patch only while the replay is still in one of `from`: two backend
   * instances (or a request and the scheduler) cannot both make the same transition.
   */
  async transition(
    id: string,
    from: ReplayStatus[],
    patch: ReplayPatch,
  ): Promise<boolean> {
    const update: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (key === 'finalCounts') update.final_counts = JSON.stringify(value);
      else update[columns[key]] = value;
    }
    const changed = await this.db('dlq_replays')
      .where({ id })
      .whereIn('status', from)
      .update(update);
    return changed === 1;
  }
}

function toReplay(r: any): StoredReplay {
  return {
    id: r.id,
    runtime: r.runtime,
    dlq: r.dlq,
    status: r.status,
    selection: JSON.parse(r.selection) as ReplaySelection,
    messageIds: JSON.parse(r.message_ids),
    plan: JSON.parse(r.plan),
    requester: r.requester,
    reason: r.reason,
    canarySize: Number(r.canary_size),
    ratePerSecond: Number(r.rate_per_second),
    approvalRequired: Boolean(r.approval_required),
    approver: r.approver,
    decisionComment: r.decision_comment,
    jobs: { canary: r.canary_job_id, main: r.main_job_id },
    finalCounts: r.final_counts ? JSON.parse(r.final_counts) : null,
    error: r.error,
    createdAt: r.created_at,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    finishedAt: r.finished_at,
  };
}
