import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Broker } from '../broker/types';
import { FailureStore } from '../failures/FailureStore';
import { Db, recordAdminAction } from '../store/RuntimeDatabase';
import { EditedReplayPublisher } from './EditedReplayPublisher';
import { ReplayJobStore } from './ReplayJobStore';
import { ReplaySelector } from './ReplaySelector';
import { ReplaySender } from './ReplaySender';
import {
  EditedReplay,
  ItemOutcome,
  ReplayItem,
  ReplayJob,
  ReplayPlan,
  ReplayRequest,
} from './types';

export { REPLAY_EDITED_FROM } from './replayMessage';
export type {
  EditedReplay,
  ItemOutcome,
  ReplayItem,
  ReplayJob,
  ReplayPlan,
  ReplayRequest,
  ReplayStatus,
} from './types';

/**
 * Replay jobs: a snapshot of failure records taken at creation (the set cannot grow),
 * re-published at a steady rate to the original exchange and routing key. This class is
 * the jobs' state machine (pending → running → completed, cancelled or failed; resumed
 * after a restart); what a request selects is ReplaySelector's, the paced publishing
 * ReplaySender's, the stored jobs ReplayJobStore's.
 */
export class ReplayService {
  private readonly running = new Map<
    string,
    { cancel: boolean; done: Promise<void> }
  >();
  private stopped = false;
  private readonly jobs: ReplayJobStore;
  private readonly selector: ReplaySelector;
  private readonly sender: ReplaySender;
  private readonly edited: EditedReplayPublisher;

  constructor(
    private readonly db: Db,
    failures: FailureStore,
    broker: Broker,
    private readonly options: {
      knownDlqs: () => string[];
      maxRatePerSecond: number;
      logger?: (msg: string, meta?: object) => void;
    },
  ) {
    this.jobs = new ReplayJobStore(db);
    this.selector = new ReplaySelector(db, failures, options);
    this.sender = new ReplaySender(
      this.jobs,
      this.selector,
      broker,
      options.logger,
    );
    this.edited = new EditedReplayPublisher(db, this.selector, broker);
  }

  /** Picks up jobs a previous process left running (crash, SIGKILL, restart). */
  resume() {
    const ids = this.jobs.unfinishedIds();
    for (const id of ids) this.start(id);
    return ids.length;
  }

  plan(request: ReplayRequest): ReplayPlan {
    return this.selector.plan(request);
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
    const rate = this.selector.rate(request);
    const result = this.db.transaction(() => {
      if (idempotencyKey) {
        const existing = this.jobs.idForIdempotencyKey(idempotencyKey);
        if (existing) return { id: existing, created: false };
      }
      const { replay, skipped } = this.selector.select(request);
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
      const id = this.jobs.insert({
        dlq: request.dlq,
        reason: request.reason.trim(),
        requester: request.requester.trim(),
        ratePerSecond: rate,
        idempotencyKey: idempotencyKey ?? null,
        selection: request.ids
          ? { ids: request.ids.length }
          : { filter: request.filter },
        replay,
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
    return this.jobs.get(id);
  }

  list(options: { dlq?: string; limit: number }): ReplayJob[] {
    return this.jobs.list(options);
  }

  items(
    id: string,
    page: { limit: number; after?: number; outcome?: ItemOutcome },
  ): { items: ReplayItem[]; nextAfter: number | null } {
    if (!this.get(id)) throw new NotFoundError(`no replay job '${id}'`);
    return this.jobs.items(id, page);
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
      this.jobs.markCancelled(id, requester);
      recordAdminAction(this.db, 'replay.cancel', requester, reason ?? null, {
        job: id,
      });
    })();
    if (!runner) this.jobs.finish(id, 'cancelled');
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

  /** Publishes one failed message with a corrected body (see EditedReplayPublisher). */
  replayEdited(
    id: string,
    edit: { body: string; reason: string; requester: string },
  ): Promise<EditedReplay> {
    return this.edited.publish(id, edit);
  }

  private start(id: string) {
    if (this.running.has(id)) return;
    const state = { cancel: false, done: Promise.resolve() };
    state.done = this.run(id, state)
      .catch(e => {
        this.options.logger?.('replay failed', { job: id, error: String(e) });
        this.jobs.setError(id, String(e?.message ?? e));
        this.jobs.finish(id, 'failed');
      })
      .finally(() => this.running.delete(id));
    this.running.set(id, state);
  }

  private async run(id: string, state: { cancel: boolean }) {
    const job = this.jobs.row(id)!;
    if (job.cancelled_by) {
      this.jobs.finish(id, 'cancelled');
      return;
    }
    this.jobs.markRunning(id, job.started_at ?? new Date().toISOString());
    const outcome = await this.sender.send(id, job.rate_per_second, {
      cancelled: () => state.cancel,
      stopped: () => this.stopped,
    });
    // Stopped by shutdown: the job stays running and resumes with the next process.
    if (outcome !== 'stopped') this.jobs.finish(id, outcome);
  }
}
