import { createHash, randomUUID } from 'node:crypto';
import {
  REPLAY_COUNT,
  REPLAY_ID,
  REPLAY_TARGET_QUEUE,
} from '../broker/failureOutcome';
import { assertQueueName } from '../broker/queueName';
import { Broker, BrokerUnavailableError, HeaderValue } from '../broker/types';
import { FailureFilter, FailureStore } from '../failures/FailureStore';
import { actionKey } from '../store/Ledger';
import { Db, recordAdminAction } from '../store/RuntimeDatabase';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';

/** How often a paused replay looks whether the broker is back. */
const PAUSE_POLL_MS = 200;

export type ReplayStatus =
  | 'pending'
  | 'running'
  | 'completed'
  | 'cancelled'
  | 'failed';

export type ItemOutcome =
  | 'pending'
  | 'replayed'
  | 'skipped-duplicate'
  | 'skipped-missing'
  | 'failed-again'
  | 'parked';

export interface ReplayRequest {
  dlq: string;
  /** Either explicit failure ids ... */
  ids?: string[];
  /** ... or a filter over the DLQ's failed messages. */
  filter?: Omit<FailureFilter, 'status'>;
  ratePerSecond?: number;
  reason: string;
  requester: string;
  /** Upper bound on the snapshot (protects against an accidental replay-all). */
  maxMessages?: number;
  /** With ids: report ids that are gone or no longer failed as skipped instead of refusing. */
  skipUnavailable?: boolean;
}

export interface ReplayPlan {
  dlq: string;
  count: number;
  targets: Array<{
    exchange: string;
    routingKey: string;
    queue: string;
    count: number;
  }>;
  skipped: Array<{ id: string; messageId: string; reason: string }>;
  ratePerSecond: number;
  estimatedSeconds: number;
}

export interface ReplayJob {
  id: string;
  dlq: string;
  status: ReplayStatus;
  reason: string;
  requester: string;
  ratePerSecond: number;
  total: number;
  counts: Record<ItemOutcome, number>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelledBy: string | null;
  error: string | null;
}

export interface ReplayItem {
  seq: number;
  failureId: string;
  messageId: string;
  orderId: string | null;
  outcome: ItemOutcome;
  detail: string | null;
  updatedAt: string;
}

type Row = Record<string, any>;

/** On an edited replay: the message id of the failed message it corrects. */
export const REPLAY_EDITED_FROM = 'replay-edited-from';

export interface EditedReplay {
  failureId: string;
  dlq: string;
  originalMessageId: string;
  /** The edited message's own id. */
  messageId: string;
  exchange: string;
  routingKey: string;
  replayedAt: string;
}

const DEFAULT_RATE = 100;
const MAX_BATCH = 500;
const PIPELINE = 4;
const TICK_MS = 25;
const OUTCOMES: ItemOutcome[] = [
  'pending',
  'replayed',
  'skipped-duplicate',
  'skipped-missing',
  'failed-again',
  'parked',
];

interface Candidate {
  id: string;
  message_id: string;
  exchange: string;
  routing_key: string;
  dlq: string;
  status: string;
  replay_job_id: string | null;
  idempotency_key: string | null;
  order_id: string | null;
}

/**
 * Replay jobs: a snapshot of failure records taken at creation (the set cannot grow),
 * re-published at a steady rate to the original exchange and routing key. A record is
 * deleted only after the broker confirmed its publish; the consumers' dedupe ledger makes
 * a publish repeated after a crash harmless.
 */
export class ReplayService {
  private readonly running = new Map<
    string,
    { cancel: boolean; done: Promise<void> }
  >();
  private stopped = false;
  // Prepared once: the replay loop runs them per message.
  private readonly processedKey;
  private readonly setOutcome;
  private readonly deleteFailure;
  private readonly nextBatch;

  constructor(
    private readonly db: Db,
    private readonly failures: FailureStore,
    private readonly broker: Broker,
    private readonly options: {
      knownDlqs: () => string[];
      maxRatePerSecond: number;
      logger?: (msg: string, meta?: object) => void;
    },
  ) {
    this.processedKey = db.prepare(
      'SELECT 1 FROM processed_keys WHERE idempotency_key = ?',
    );
    this.setOutcome = db.prepare(
      `UPDATE replay_items SET outcome = ?, detail = ?, updated_at = ? WHERE job_id = ? AND seq = ?`,
    );
    this.deleteFailure = db.prepare('DELETE FROM failures WHERE id = ?');
    this.nextBatch = db.prepare(
      `SELECT i.seq, i.failure_id, i.message_id, f.* FROM replay_items i
       LEFT JOIN failures f ON f.id = i.failure_id
       WHERE i.job_id = ? AND i.outcome = 'pending' AND i.seq > ? ORDER BY i.seq LIMIT ?`,
    );
  }

  /** Picks up jobs a previous process left running (crash, SIGKILL, restart). */
  resume() {
    const rows = this.db
      .prepare(
        `SELECT id FROM replay_jobs WHERE status IN ('pending', 'running')`,
      )
      .all() as Row[];
    for (const { id } of rows) this.start(id);
    return rows.length;
  }

  private assertDlq(dlq: string) {
    assertQueueName(dlq, 'dlq');
    if (!this.options.knownDlqs().includes(dlq)) {
      throw new NotFoundError(`no dead-letter queue '${dlq}'`);
    }
  }

  private rate(request: ReplayRequest) {
    const rate = request.ratePerSecond ?? DEFAULT_RATE;
    if (!(rate > 0) || rate > this.options.maxRatePerSecond) {
      throw new InputError(
        `ratePerSecond must be > 0 and <= ${this.options.maxRatePerSecond}, got ${rate}`,
      );
    }
    return rate;
  }

  /** Whether the consumer already performed this message's action (its side effect). */
  private isProcessed(r: { idempotency_key: string | null; dlq: string }) {
    return (
      !!r.idempotency_key &&
      !!this.processedKey.get(actionKey(r.idempotency_key, r.dlq))
    );
  }

  /** Selection shared by plan and create: what would be replayed and what skipped. */
  private select(request: ReplayRequest) {
    this.assertDlq(request.dlq);
    if (!request.ids === !request.filter) {
      throw new InputError(
        'give either ids or filter, not both and not neither',
      );
    }
    const limit = request.maxMessages ?? 100_000;
    const unavailableSkips: ReplayPlan['skipped'] = [];
    let rows: Candidate[];
    const get = this.db.prepare('SELECT * FROM failures WHERE id = ?');
    if (request.ids) {
      const ids = [...new Set(request.ids)];
      if (ids.length > limit) {
        throw new InputError(`${ids.length} ids exceed maxMessages ${limit}`);
      }
      rows = ids
        .map(id => get.get(id) as Candidate | undefined)
        .filter((r): r is Candidate => !!r);
      const found = new Set(rows.map(r => r.id));
      const missing = ids.filter(id => !found.has(id));
      if (request.skipUnavailable) {
        // A frozen selection (a portal's plan): what is gone or no longer failed by now is
        // reported, not refused.
        const gone = missing.map(id => ({
          id,
          messageId: '',
          reason: 'missing',
        }));
        const unavailable = rows
          .filter(r => r.dlq === request.dlq && r.status !== 'failed')
          .map(r => ({
            id: r.id,
            messageId: r.message_id,
            reason: `not-failed:${r.status}`,
          }));
        const out = new Set(unavailable.map(u => u.id));
        rows = rows.filter(r => !out.has(r.id));
        unavailableSkips.push(...gone, ...unavailable);
      } else if (missing.length) {
        throw new NotFoundError(
          `no failed message ${missing.slice(0, 5).join(', ')}${
            missing.length > 5 ? ` and ${missing.length - 5} more` : ''
          }`,
        );
      }
      const elsewhere = rows.filter(r => r.dlq !== request.dlq);
      if (elsewhere.length) {
        throw new InputError(
          `message ${elsewhere[0].id} belongs to '${elsewhere[0].dlq}', not '${request.dlq}'`,
        );
      }
      const blocked = rows.filter(r => r.status !== 'failed');
      if (blocked.length) {
        throw new ConflictError(
          `message ${blocked[0].id} is ${blocked[0].status} and cannot be replayed`,
        );
      }
    } else {
      rows = this.failures
        .idsMatching(
          request.dlq,
          { ...request.filter, status: 'failed' },
          limit,
        )
        .map(id => get.get(id) as Candidate);
    }
    const replay: Candidate[] = [];
    const skipped: ReplayPlan['skipped'] = [...unavailableSkips];
    for (const r of rows) {
      if (r.replay_job_id) {
        skipped.push({
          id: r.id,
          messageId: r.message_id,
          reason: `in-replay:${r.replay_job_id}`,
        });
      } else if (this.isProcessed(r)) {
        skipped.push({
          id: r.id,
          messageId: r.message_id,
          reason: 'already-processed',
        });
        replay.push(r); // still part of the job: resolved without a publish
      } else {
        replay.push(r);
      }
    }
    return { replay, skipped };
  }

  plan(request: ReplayRequest): ReplayPlan {
    const rate = this.rate(request);
    const { replay, skipped } = this.select(request);
    const processed = new Set(
      skipped.filter(s => s.reason === 'already-processed').map(s => s.id),
    );
    const toPublish = replay.filter(r => !processed.has(r.id));
    const targets = new Map<string, ReplayPlan['targets'][number]>();
    for (const r of toPublish) {
      const key = `${r.exchange}\n${r.routing_key}\n${r.dlq}`;
      const t = targets.get(key) ?? {
        exchange: r.exchange,
        routingKey: r.routing_key,
        queue: r.dlq,
        count: 0,
      };
      t.count++;
      targets.set(key, t);
    }
    return {
      dlq: request.dlq,
      count: toPublish.length,
      targets: [...targets.values()],
      skipped,
      ratePerSecond: rate,
      estimatedSeconds: Math.ceil(toPublish.length / rate),
    };
  }

  /**
   * Creates a job from a snapshot. The same Idempotency-Key returns the job it created
   * before; messages already in another job are left out (and a job with nothing left
   * is refused), so a double submit never replays twice.
   */
  create(
    request: ReplayRequest,
    idempotencyKey?: string,
  ): { job: ReplayJob; created: boolean } {
    if (!request.reason?.trim()) throw new InputError('reason is required');
    if (!request.requester?.trim())
      throw new InputError('requester is required');
    const rate = this.rate(request);
    const result = this.db.transaction(() => {
      if (idempotencyKey) {
        const existing = this.db
          .prepare('SELECT id FROM replay_jobs WHERE idempotency_key = ?')
          .get(idempotencyKey) as Row | undefined;
        if (existing) return { id: existing.id as string, created: false };
      }
      const { replay, skipped } = this.select(request);
      if (replay.length === 0) {
        const busy = skipped.find(s => s.reason.startsWith('in-replay:'));
        throw new ConflictError(
          busy
            ? `every selected message is already in replay ${busy.reason.slice(
                10,
              )}`
            : 'no failed messages match the selection',
        );
      }
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
          request.dlq,
          request.reason.trim(),
          request.requester.trim(),
          rate,
          idempotencyKey ?? null,
          JSON.stringify(
            request.ids
              ? { ids: request.ids.length }
              : { filter: request.filter },
          ),
          replay.length,
          now,
        );
      const item = this.db.prepare(
        `INSERT INTO replay_items (job_id, seq, failure_id, message_id, order_id, outcome, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      );
      const lock = this.db.prepare(
        'UPDATE failures SET replay_job_id = ? WHERE id = ? AND replay_job_id IS NULL',
      );
      replay.forEach((r, seq) => {
        item.run(id, seq, r.id, r.message_id, r.order_id, now);
        lock.run(id, r.id);
      });
      recordAdminAction(
        this.db,
        'replay.create',
        request.requester,
        request.reason,
        {
          job: id,
          dlq: request.dlq,
          total: replay.length,
        },
      );
      return { id, created: true };
    })();
    if (result.created) this.start(result.id);
    return { job: this.get(result.id)!, created: result.created };
  }

  get(id: string): ReplayJob | undefined {
    const row = this.db
      .prepare('SELECT * FROM replay_jobs WHERE id = ?')
      .get(id) as Row | undefined;
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
    if (!this.get(id)) throw new NotFoundError(`no replay job '${id}'`);
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

  cancel(id: string, requester: string, reason?: string): ReplayJob {
    const job = this.get(id);
    if (!job) throw new NotFoundError(`no replay job '${id}'`);
    if (!['pending', 'running'].includes(job.status)) {
      throw new ConflictError(`replay ${id} is already ${job.status}`);
    }
    const runner = this.running.get(id);
    if (runner) runner.cancel = true;
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE replay_jobs SET cancelled_by = ? WHERE id = ? AND status IN ('pending','running')`,
        )
        .run(requester, id);
      recordAdminAction(this.db, 'replay.cancel', requester, reason ?? null, {
        job: id,
      });
    })();
    if (!runner) this.finish(id, 'cancelled');
    return this.get(id)!;
  }

  /** Resolves once the job has stopped (tests, shutdown). */
  async settled(id: string) {
    await this.running.get(id)?.done;
  }

  async stop() {
    this.stopped = true;
    await Promise.all([...this.running.values()].map(r => r.done));
  }

  private start(id: string) {
    if (this.running.has(id)) return;
    const state = { cancel: false, done: Promise.resolve() };
    state.done = this.run(id, state)
      .catch(e => {
        this.options.logger?.('replay failed', { job: id, error: String(e) });
        this.db
          .prepare('UPDATE replay_jobs SET error = ? WHERE id = ?')
          .run(String(e?.message ?? e), id);
        this.finish(id, 'failed');
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, state);
  }

  /** Releases the job's remaining records and records its final status. */
  private finish(id: string, status: ReplayStatus) {
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

  private async run(id: string, state: { cancel: boolean }) {
    const job = this.db
      .prepare('SELECT * FROM replay_jobs WHERE id = ?')
      .get(id) as Row;
    if (job.cancelled_by) return this.finish(id, 'cancelled');
    const startedAt = job.started_at ?? new Date().toISOString();
    this.db
      .prepare(
        `UPDATE replay_jobs SET status = 'running', started_at = ? WHERE id = ?`,
      )
      .run(startedAt, id);
    const rate = job.rate_per_second as number;
    // Pacing restarts with this process; what was done before counts as already sent.
    const t0 = Date.now();
    let sent = 0;
    let lastSeq = -1;
    // A few batches in flight hide the broker's confirm round trip.
    const inflight = new Set<Promise<void>>();
    // Set by a batch that failed; the loop stops at its next turn.
    const failed: { error?: unknown } = {};
    for (;;) {
      if (failed.error instanceof BrokerUnavailableError) {
        // The broker went away: pause, and pick up the items still pending once it is
        // back (a publish whose confirm was lost goes again with its message id; the
        // consumers' ledger dedupes it).
        await Promise.all(inflight);
        this.options.logger?.('replay paused: the broker is down', {
          job: id,
          error: failed.error.message,
        });
        const pausedAt = Date.now();
        while (this.broker.state === 'down' && !state.cancel && !this.stopped) {
          await new Promise(r => setTimeout(r, PAUSE_POLL_MS));
        }
        failed.error = undefined;
        lastSeq = -1;
        if (!state.cancel && !this.stopped) {
          this.options.logger?.('replay resumed', {
            job: id,
            pausedForMs: Date.now() - pausedAt,
          });
        }
        continue;
      }
      if (failed.error) throw failed.error;
      if (state.cancel || this.stopped) {
        await Promise.all(inflight);
        if (state.cancel) this.finish(id, 'cancelled');
        return undefined;
      }
      const due = Math.floor(((Date.now() - t0) / 1000) * rate) + 1 - sent;
      if (due <= 0) {
        await new Promise(r => setTimeout(r, Math.min(TICK_MS, 1000 / rate)));
        continue;
      }
      if (inflight.size >= PIPELINE) {
        await Promise.race(inflight);
        continue;
      }
      const batch = this.nextBatch.all(
        id,
        lastSeq,
        Math.min(due, MAX_BATCH),
      ) as Row[];
      if (batch.length === 0) {
        await Promise.all(inflight);
        // A failure of the last batches: paused (broker down) or failed, at the loop's top.
        if (failed.error) continue;
        return this.finish(id, 'completed');
      }
      lastSeq = batch[batch.length - 1].seq;
      sent += batch.length;
      const done: Promise<void> = this.replayBatch(id, batch)
        .catch(e => {
          failed.error = e;
        })
        .finally(() => inflight.delete(done));
      inflight.add(done);
    }
  }

  private async replayBatch(jobId: string, batch: Row[]) {
    const now = () => new Date().toISOString();
    const { setOutcome, deleteFailure } = this;
    const toPublish: Row[] = [];
    this.db.transaction(() => {
      for (const r of batch) {
        if (!r.id) {
          setOutcome.run(
            'skipped-missing',
            'purged before its turn',
            now(),
            jobId,
            r.seq,
          );
        } else if (this.isProcessed(r as Candidate)) {
          // Its side effect already happened: nothing to re-drive, the record is resolved.
          deleteFailure.run(r.id);
          setOutcome.run(
            'skipped-duplicate',
            'already processed',
            now(),
            jobId,
            r.seq,
          );
        } else {
          toPublish.push(r);
        }
      }
    })();
    // Publish the batch concurrently; each resolves on the broker's confirm.
    const results = await Promise.allSettled(
      toPublish.map(r => this.broker.publish(this.replayMessage(jobId, r))),
    );
    const failed = results.find(x => x.status === 'rejected') as
      | PromiseRejectedResult
      | undefined;
    this.db.transaction(() => {
      results.forEach((res, i) => {
        if (res.status !== 'fulfilled') return;
        const r = toPublish[i];
        // Only now, after the confirm, does the record go.
        deleteFailure.run(r.id);
        setOutcome.run('replayed', null, now(), jobId, r.seq);
      });
    })();
    if (failed?.reason instanceof BrokerUnavailableError) throw failed.reason;
    if (failed) {
      throw new Error(
        `broker refused a replay publish: ${
          failed.reason?.message ?? failed.reason
        }`,
      );
    }
  }

  /**
   * Publishes one failed message with a corrected body ("edit and retry"). The original
   * record stays, archived with a reason that names the new message; the edited message
   * gets a new message id (it is a different message, and it must not be taken for a
   * redelivery of the one that failed) but keeps the idempotency key, so a side effect the
   * original somehow performed is still not done twice.
   */
  async replayEdited(
    id: string,
    edit: { body: string; reason: string; requester: string },
  ): Promise<EditedReplay> {
    if (!edit.reason?.trim()) throw new InputError('reason is required');
    if (!edit.requester?.trim()) throw new InputError('requester is required');
    const editId = randomUUID();
    const row = this.db.transaction(() => {
      const r = this.db
        .prepare('SELECT * FROM failures WHERE id = ?')
        .get(id) as Row | undefined;
      if (!r) throw new NotFoundError(`no failed message '${id}'`);
      if (r.status !== 'failed') {
        throw new ConflictError(
          `message ${id} is ${r.status} and cannot be replayed`,
        );
      }
      if (r.replay_job_id) {
        throw new ConflictError(
          `message ${id} is part of replay ${r.replay_job_id}; cancel it or wait`,
        );
      }
      if (this.isProcessed(r as Candidate)) {
        throw new ConflictError(
          `message ${id} was processed since it failed; replaying it would do nothing`,
        );
      }
      if (/json/i.test(r.content_type)) {
        try {
          JSON.parse(edit.body);
        } catch (e) {
          throw new InputError(
            `body is not valid JSON: ${(e as Error).message.slice(0, 200)}`,
          );
        }
      }
      // Held like a replay item, so no replay job or second edit takes it meanwhile.
      this.db
        .prepare('UPDATE failures SET replay_job_id = ? WHERE id = ?')
        .run(`edit:${editId}`, id);
      return r;
    })();
    const message = this.replayMessage(editId, row);
    message.messageId = editId;
    message.body = Buffer.from(edit.body, 'utf-8');
    message.headers[REPLAY_EDITED_FROM] = row.message_id as string;
    try {
      await this.broker.publish(message);
    } catch (e) {
      this.db
        .prepare(
          'UPDATE failures SET replay_job_id = NULL WHERE id = ? AND replay_job_id = ?',
        )
        .run(id, `edit:${editId}`);
      throw e;
    }
    const replayedAt = new Date().toISOString();
    const digest = (b: Buffer | string) =>
      createHash('sha256').update(b).digest('hex');
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE failures SET status = 'archived', replay_job_id = NULL, status_reason = ?
           WHERE id = ?`,
        )
        .run(
          `edited and replayed as message ${editId} by ${edit.requester.trim()}: ${edit.reason.trim()}`.slice(
            0,
            1000,
          ),
          id,
        );
      // Bodies may carry personal data: the runtime's trail keeps their digests only.
      recordAdminAction(
        this.db,
        'message.edit-replay',
        edit.requester.trim(),
        edit.reason.trim(),
        {
          failureId: id,
          dlq: row.dlq,
          originalMessageId: row.message_id,
          messageId: editId,
          originalBodySha256: digest(Buffer.from(row.body)),
          editedBodySha256: digest(edit.body),
        },
      );
    })();
    return {
      failureId: id,
      dlq: row.dlq,
      originalMessageId: row.message_id,
      messageId: editId,
      exchange: row.exchange,
      routingKey: row.routing_key,
      replayedAt,
    };
  }

  private replayMessage(jobId: string, r: Row) {
    const original = JSON.parse(r.headers) as Record<string, unknown>;
    const headers: Record<string, HeaderValue> = {};
    for (const [k, v] of Object.entries(original)) {
      // Failure context and broker-owned x- headers stay with the record, not the retry.
      if (
        k.startsWith('failure-') ||
        k.startsWith('x-') ||
        k.startsWith('replay-')
      )
        continue;
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
        headers[k] = v as HeaderValue;
      }
    }
    headers[REPLAY_ID] = jobId;
    headers[REPLAY_COUNT] = (r.replay_count as number) + 1;
    headers[REPLAY_TARGET_QUEUE] = r.dlq;
    return {
      exchange: r.exchange as string,
      routingKey: r.routing_key as string,
      messageId: r.message_id as string,
      contentType: r.content_type as string,
      body: Buffer.from(r.body),
      headers,
    };
  }
}
