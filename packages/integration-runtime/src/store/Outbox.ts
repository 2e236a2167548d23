import { createHash } from 'node:crypto';
import { Broker, HeaderValue, OutgoingMessage } from '../broker/types';
import { Db } from './RuntimeDatabase';

/**
 * A message id derived from the message's idempotency key (business id + event): a
 * message enqueued again for the same event keeps its id, and a re-publish after a lost
 * confirm carries the same id, so consumers' dedupe catches both.
 */
export function stableMessageId(idempotencyKey: string): string {
  const h = createHash('sha256').update(idempotencyKey).digest('hex');
  // UUID layout (version 8, "custom"), so it reads like the ids the broker saw before.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${(
    (parseInt(h.slice(16, 18), 16) & 0x3f) |
    0x80
  )
    .toString(16)
    .padStart(2, '0')}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

interface OutboxRow {
  seq: number;
  message_id: string;
  exchange: string;
  routing_key: string;
  content_type: string | null;
  headers: string;
  body: Buffer;
}

/**
 * Transactional outbox: a state change and the message announcing it are written in one
 * SQLite transaction (call `add` inside it); the relay publishes later. Nothing a caller
 * was told is done can be lost between the commit and the broker.
 */
export class Outbox {
  private readonly insert;
  private readonly unsent;
  private readonly sent;
  private readonly failed;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO outbox (message_id, exchange, routing_key, content_type, headers, body, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.unsent = db.prepare(
      'SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?',
    );
    this.sent = db.prepare(
      'UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE seq = ?',
    );
    this.failed = db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?',
    );
  }

  /** Enqueues a message; false when a message with its id is already there. */
  add(message: OutgoingMessage): boolean {
    return (
      this.insert.run(
        message.messageId,
        message.exchange,
        message.routingKey,
        message.contentType ?? null,
        JSON.stringify(message.headers),
        message.body,
        new Date().toISOString(),
      ).changes > 0
    );
  }

  pending(limit: number): Array<{ seq: number; message: OutgoingMessage }> {
    return (this.unsent.all(limit) as OutboxRow[]).map(r => ({
      seq: r.seq,
      message: {
        exchange: r.exchange,
        routingKey: r.routing_key,
        messageId: r.message_id,
        contentType: r.content_type ?? undefined,
        headers: JSON.parse(r.headers) as Record<string, HeaderValue>,
        body: r.body,
      },
    }));
  }

  settle(results: Array<{ seq: number; error?: string }>) {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      for (const r of results) {
        if (r.error === undefined) this.sent.run(now, r.seq);
        else this.failed.run(r.error.slice(0, 500), r.seq);
      }
    })();
  }

  counts(): { unsent: number; sent: number } {
    return this.db
      .prepare(
        `SELECT count(*) FILTER (WHERE sent_at IS NULL) AS unsent,
                count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent FROM outbox`,
      )
      .get() as { unsent: number; sent: number };
  }
}

export interface OutboxRelayOptions {
  logger?: (msg: string, meta?: object) => void;
  /** Rows published per round (concurrently, each confirmed). */
  batchSize?: number;
  /** Safety net: look for unsent rows this often even without a kick. */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
}

/**
 * Publishes the outbox in order with publisher confirms and marks each row sent after its
 * confirm. A publish whose confirm was lost is published again with the same message id
 * (at least once; consumers dedupe). While the broker is down it waits for it to return.
 */
export class OutboxRelay {
  private busy = false;
  private again = false;
  private stopped = false;
  private failures = 0;
  private timer?: NodeJS.Timeout;
  private readonly stopping = new AbortController();
  private current: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly outbox: Outbox,
    private readonly broker: Broker,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  start() {
    this.kick();
  }

  /** Something was enqueued (or the broker is back): publish soon. */
  kick() {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.current = new Promise<void>(r => setImmediate(r))
      .then(() => this.drain())
      .catch(err =>
        this.options.logger?.('outbox relay failed', { error: String(err) }),
      )
      .finally(() => {
        this.busy = false;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.schedule(this.pollIntervalMs);
        }
      });
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopping.abort();
    await this.current;
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), ms);
    this.timer.unref?.();
  }

  private async drain() {
    for (;;) {
      if (this.stopped) return;
      const rows = this.outbox.pending(this.batchSize);
      if (rows.length === 0) return;
      if (this.broker.state === 'down') {
        this.options.logger?.('outbox relay waits for the broker', {
          unsent: rows.length,
        });
        await this.broker.whenUp(this.stopping.signal).catch(() => {});
        continue;
      }
      const results = await Promise.allSettled(
        rows.map(r => this.broker.publish(r.message)),
      );
      const settled = results.map((res, i) => ({
        seq: rows[i].seq,
        error:
          res.status === 'rejected'
            ? String(res.reason?.message ?? res.reason)
            : undefined,
      }));
      this.outbox.settle(settled);
      const failed = settled.filter(s => s.error !== undefined);
      if (failed.length > 0) {
        this.failures++;
        const delay = Math.min(
          this.maxBackoffMs,
          100 * 2 ** Math.min(this.failures, 10),
        );
        this.options.logger?.('outbox relay could not publish; retrying', {
          failed: failed.length,
          inMs: delay,
          error: failed[0].error,
        });
        await new Promise(r => setTimeout(r, delay));
        continue;
      }
      this.failures = 0;
    }
  }
}
