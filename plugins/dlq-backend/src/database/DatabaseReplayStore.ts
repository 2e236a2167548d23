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
};

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
