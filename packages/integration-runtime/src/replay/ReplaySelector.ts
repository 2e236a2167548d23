import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { assertQueueName } from '../broker/queueName';
import { FailureStore } from '../failures/FailureStore';
import { actionKey } from '../store/Ledger';
import { Db } from '../store/RuntimeDatabase';
import { Candidate, ReplayPlan, ReplayRequest } from './types';

const DEFAULT_RATE = 100;

/**
 * What a replay request selects: the failure records it would publish again and those it
 * skips (already in a replay, already processed, gone), and the plan that shows it.
 */
export class ReplaySelector {
  private readonly processedKey;

  constructor(
    private readonly db: Db,
    private readonly failures: FailureStore,
    private readonly options: {
      knownDlqs: () => string[];
      maxRatePerSecond: number;
    },
  ) {
    this.processedKey = db.prepare(
      'SELECT 1 FROM processed_keys WHERE idempotency_key = ?',
    );
  }

  assertDlq(dlq: string) {
    assertQueueName(dlq, 'dlq');
    if (!this.options.knownDlqs().includes(dlq)) {
      throw new NotFoundError(`no dead-letter queue '${dlq}'`);
    }
  }

  rate(request: ReplayRequest) {
    const rate = request.ratePerSecond ?? DEFAULT_RATE;
    if (!(rate > 0) || rate > this.options.maxRatePerSecond) {
      throw new InputError(
        `ratePerSecond must be > 0 and <= ${this.options.maxRatePerSecond}, got ${rate}`,
      );
    }
    return rate;
  }

  /** Whether the consumer already performed this message's action (its side effect). */
  isProcessed(r: { idempotency_key: string | null; dlq: string }) {
    return (
      !!r.idempotency_key &&
      !!this.processedKey.get(actionKey(r.idempotency_key, r.dlq))
    );
  }

  /** Selection shared by plan and create: what would be replayed and what skipped. */
  select(request: ReplayRequest) {
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
}
