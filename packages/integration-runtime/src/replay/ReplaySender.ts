import { Broker, BrokerUnavailableError } from '../broker/types';
import { ReplayJobStore } from './ReplayJobStore';
import { ReplaySelector } from './ReplaySelector';
import { replayMessage } from './replayMessage';
import { Candidate, Row } from './types';

/** How often a paused replay looks whether the broker is back. */
const PAUSE_POLL_MS = 200;
const MAX_BATCH = 500;
const PIPELINE = 4;
const TICK_MS = 25;

/** Asked by the sender between batches: stop because cancelled, or because shutting down. */
export interface SendControl {
  cancelled(): boolean;
  stopped(): boolean;
}

/**
 * Publishes a job's pending items at its rate, a few batches in flight. A record is
 * deleted only after the broker confirmed its publish; the consumers' dedupe ledger makes
 * a publish repeated after a crash harmless. While the broker is down it pauses.
 */
export class ReplaySender {
  constructor(
    private readonly store: ReplayJobStore,
    private readonly selector: ReplaySelector,
    private readonly broker: Broker,
    private readonly logger?: (msg: string, meta?: object) => void,
  ) {}

  /**
   * Sends until every item has an outcome ('completed'), the job is cancelled
   * ('cancelled') or the process stops ('stopped'); throws when a publish fails for
   * another reason than the broker being down.
   */
  async send(
    id: string,
    rate: number,
    control: SendControl,
  ): Promise<'completed' | 'cancelled' | 'stopped'> {
    // Pacing restarts with this process; what was done before counts as already sent.
    const t0 = Date.now();
    let sent = 0;
    let lastSeq = -1;
    // A few batches in flight hide the broker's confirm round trip.
    const inflight = new Set<Promise<void>>();
    // Set by a batch that failed; the loop stops at its next turn.
    const failed: { error?: unknown } = {};
    const halted = () => control.cancelled() || control.stopped();
    for (;;) {
      if (failed.error instanceof BrokerUnavailableError) {
        // The broker went away: pause, and pick up the items still pending once it is
        // back (a publish whose confirm was lost goes again with its message id; the
        // consumers' ledger dedupes it).
        await Promise.all(inflight);
        this.logger?.('replay paused: the broker is down', {
          job: id,
          error: failed.error.message,
        });
        const pausedAt = Date.now();
        while (this.broker.state === 'down' && !halted()) {
          await new Promise(r => setTimeout(r, PAUSE_POLL_MS));
        }
        failed.error = undefined;
        lastSeq = -1;
        if (!halted()) {
          this.logger?.('replay resumed', {
            job: id,
            pausedForMs: Date.now() - pausedAt,
          });
        }
        continue;
      }
      if (failed.error) throw failed.error;
      if (halted()) {
        await Promise.all(inflight);
        return control.cancelled() ? 'cancelled' : 'stopped';
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
      const batch = this.store.nextBatch(id, lastSeq, Math.min(due, MAX_BATCH));
      if (batch.length === 0) {
        await Promise.all(inflight);
        // A failure of the last batches: paused (broker down) or failed, at the loop's top.
        if (failed.error) continue;
        return 'completed';
      }
      lastSeq = batch[batch.length - 1].seq;
      sent += batch.length;
      const done: Promise<void> = this.sendBatch(id, batch)
        .catch(e => {
          failed.error = e;
        })
        .finally(() => inflight.delete(done));
      inflight.add(done);
    }
  }

  private async sendBatch(jobId: string, batch: Row[]) {
    const { store } = this;
    const toPublish: Row[] = [];
    store.transaction(() => {
      for (const r of batch) {
        if (!r.id) {
          store.setOutcome(
            jobId,
            r.seq,
            'skipped-missing',
            'purged before its turn',
          );
        } else if (this.selector.isProcessed(r as Candidate)) {
          // Its side effect already happened: nothing to re-drive, the record is resolved.
          store.deleteFailure(r.id);
          store.setOutcome(
            jobId,
            r.seq,
            'skipped-duplicate',
            'already processed',
          );
        } else {
          toPublish.push(r);
        }
      }
    });
    // Publish the batch concurrently; each resolves on the broker's confirm.
    const results = await Promise.allSettled(
      toPublish.map(r => this.broker.publish(replayMessage(jobId, r))),
    );
    const failed = results.find(x => x.status === 'rejected') as
      | PromiseRejectedResult
      | undefined;
    store.transaction(() => {
      results.forEach((res, i) => {
        if (res.status !== 'fulfilled') return;
        const r = toPublish[i];
        // Only now, after the confirm, does the record go.
        store.deleteFailure(r.id);
        store.setOutcome(jobId, r.seq, 'replayed', null);
      });
    });
    if (failed?.reason instanceof BrokerUnavailableError) throw failed.reason;
    if (failed) {
      throw new Error(
        `broker refused a replay publish: ${
          failed.reason?.message ?? failed.reason
        }`,
      );
    }
  }
}
