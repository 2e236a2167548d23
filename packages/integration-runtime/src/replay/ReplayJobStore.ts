import { randomUUID } from 'node:crypto';
import { assertQueueName } from '../broker/queueName';
import { Db } from '../store/RuntimeDatabase';
import {
  Candidate,
  ItemOutcome,
  OUTCOMES,
  ReplayItem,
  ReplayJob,
  ReplayStatus,
  Row,
} from './types';

/**
 * Replay jobs and their items in the runtime database: a job's frozen snapshot of
 * failure records (each held by the job while it runs), each item's outcome, and the
 * job's status.
 */
export class ReplayJobStore {
  // Prepared once: the replay loop runs them per message.
  private readonly setOutcomeStatement;
  private readonly deleteFailureStatement;
  private readonly nextBatchStatement;

  constructor(private readonly db: Db) {
    this.setOutcomeStatement = db.prepare(
      `UPDATE replay_items SET outcome = ?, detail = ?, updated_at = ? WHERE job_id = ? AND seq = ?`,
    );
    this.deleteFailureStatement = db.prepare(
      'DELETE FROM failures WHERE id = ?',
    );
    this.nextBatchStatement = db.prepare(
      `SELECT i.seq, i.failure_id, i.message_id, f.* FROM replay_items i
       LEFT JOIN failures f ON f.id = i.failure_id
       WHERE i.job_id = ? AND i.outcome = 'pending' AND i.seq > ? ORDER BY i.seq LIMIT ?`,
    );
  }

  /** Jobs a previous process left pending or running (crash, SIGKILL, restart). */
  unfinishedIds(): string[] {
    return (
      this.db
        .prepare(
          `SELECT id FROM replay_jobs WHERE status IN ('pending', 'running')`,
        )
        .all() as Row[]
    ).map(r => r.id);
  }

  idForIdempotencyKey(key: string): string | undefined {
    const row = this.db
      .prepare('SELECT id FROM replay_jobs WHERE idempotency_key = ?')
      .get(key) as Row | undefined;
    return row?.id;
  }

  /**
   * A new pending job over `replay`, each record held by it; call inside a transaction
   * with the selection, so no other job takes the same records.
   */
  insert(job: {
    dlq: string;
    reason: string;
    requester: string;
    ratePerSecond: number;
    idempotencyKey: string | null;
    selection: unknown;
    replay: Candidate[];
  }): string {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO replay_jobs (id, dlq, status, reason, requester, rate_per_second,
           idempotency_key, selection, total, created_at)
         VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        job.dlq,
        job.reason,
        job.requester,
        job.ratePerSecond,
        job.idempotencyKey,
        JSON.stringify(job.selection),
        job.replay.length,
        now,
      );
    const item = this.db.prepare(
      `INSERT INTO replay_items (job_id, seq, failure_id, message_id, order_id, outcome, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
    );
    const lock = this.db.prepare(
      'UPDATE failures SET replay_job_id = ? WHERE id = ? AND replay_job_id IS NULL',
    );
    job.replay.forEach((r, seq) => {
      item.run(id, seq, r.id, r.message_id, r.order_id, now);
      lock.run(id, r.id);
    });
    return id;
  }

  /** The job's own row (status, rate, started_at, cancelled_by). */
  row(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM replay_jobs WHERE id = ?').get(id) as
      | Row
      | undefined;
  }

  get(id: string): ReplayJob | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    const counts = Object.fromEntries(OUTCOMES.map(o => [o, 0])) as Record<
      ItemOutcome,
      number
    >;
    for (const c of this.db
      .prepare(
        'SELECT outcome, count(*) AS n FROM replay_items WHERE job_id = ? GROUP BY outcome',
      )
      .all(id) as Row[]) {
      counts[c.outcome as ItemOutcome] = c.n;
    }
    return {
      id: row.id,
      dlq: row.dlq,
      status: row.status,
      reason: row.reason,
      requester: row.requester,
      ratePerSecond: row.rate_per_second,
      total: row.total,
      counts,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      cancelledBy: row.cancelled_by,
      error: row.error,
    };
  }

  list(options: { dlq?: string; limit: number }): ReplayJob[] {
    if (options.dlq !== undefined) assertQueueName(options.dlq, 'dlq');
    const rows = this.db
      .prepare(
        `SELECT id FROM replay_jobs WHERE (@dlq IS NULL OR dlq = @dlq)
         ORDER BY created_at DESC LIMIT @limit`,
      )
      .all({ dlq: options.dlq ?? null, limit: options.limit }) as Row[];
    return rows.map(r => this.get(r.id)!);
  }

  items(
    id: string,
    page: { limit: number; after?: number; outcome?: ItemOutcome },
  ): { items: ReplayItem[]; nextAfter: number | null } {
    const rows = this.db
      .prepare(
        `SELECT * FROM replay_items WHERE job_id = @id AND seq > @after
           AND (@outcome IS NULL OR outcome = @outcome)
         ORDER BY seq LIMIT @limit`,
      )
      .all({
        id,
        after: page.after ?? -1,
        outcome: page.outcome ?? null,
        limit: page.limit + 1,
      }) as Row[];
    const items = rows.slice(0, page.limit).map(r => ({
      seq: r.seq,
      failureId: r.failure_id,
      messageId: r.message_id,
      orderId: r.order_id,
      outcome: r.outcome,
      detail: r.detail,
      updatedAt: r.updated_at,
    }));
    return {
      items,
      nextAfter: rows.length > page.limit ? items[items.length - 1].seq : null,
    };
  }

  /** Records who cancelled a job that is still pending or running. */
  markCancelled(id: string, requester: string) {
    this.db
      .prepare(
        `UPDATE replay_jobs SET cancelled_by = ? WHERE id = ? AND status IN ('pending','running')`,
      )
      .run(requester, id);
  }

  markRunning(id: string, startedAt: string) {
    this.db
      .prepare(
        `UPDATE replay_jobs SET status = 'running', started_at = ? WHERE id = ?`,
      )
      .run(startedAt, id);
  }

  setError(id: string, error: string) {
    this.db
      .prepare('UPDATE replay_jobs SET error = ? WHERE id = ?')
      .run(error, id);
  }

  /** Releases the job's remaining records and records its final status. */
  finish(id: string, status: ReplayStatus) {
    this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE failures SET replay_job_id = NULL WHERE replay_job_id = ?',
        )
        .run(id);
      this.db
        .prepare(
          `UPDATE replay_jobs SET status = ?, finished_at = ? WHERE id = ? AND status IN ('pending','running')`,
        )
        .run(status, new Date().toISOString(), id);
    })();
  }

  /** Up to `limit` pending items after `afterSeq`, each with its failure record (if any). */
  nextBatch(jobId: string, afterSeq: number, limit: number): Row[] {
    return this.nextBatchStatement.all(jobId, afterSeq, limit) as Row[];
  }

  setOutcome(
    jobId: string,
    seq: number,
    outcome: ItemOutcome,
    detail: string | null,
  ) {
    this.setOutcomeStatement.run(
      outcome,
      detail,
      new Date().toISOString(),
      jobId,
      seq,
    );
  }

  /** A replayed (or already processed) record is resolved: it goes. */
  deleteFailure(id: string) {
    this.deleteFailureStatement.run(id);
  }

  transaction(fn: () => void) {
    this.db.transaction(fn)();
  }
}
