/*
 * The laptop fallback for RabbitMQ: a durable SQLite-backed queue with the same
 * semantics (topic exchanges, durable queues, confirms = committed transactions, retries
 * with jittered backoff, a dead-letter queue per consumer queue). Several processes may
 * share one file; a consumer claims rows for a visibility timeout, so whatever a killed
 * process had claimed but not acknowledged is delivered again once the claim expires.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  FailureHeader,
  failureOutcome,
  isReplayForAnotherQueue,
} from './failureOutcome';
import {
  Broker,
  BrokerState,
  BrokerUnavailableError,
  ConsumeOptions,
  Consumer,
  deadLetterQueueName,
  Delivery,
  DeliveryHandler,
  MessageHeaders,
  OutgoingMessage,
  RetryPolicy,
  Topology,
} from './types';
import { UpWaiters } from './UpWaiters';

export interface EmbeddedBrokerOptions {
  /** SQLite database file; created with the schema if missing. */
  file: string;
  /** How long a claimed, unacknowledged delivery stays invisible to other consumers. */
  visibilityTimeoutMs?: number;
  /** How often consumers look for work published by other processes or now due. */
  pollIntervalMs?: number;
  /** Background failures (a claim or acknowledgement the database refused). */
  onError?: (error: unknown) => void;
}

/** AMQP topic matching: words split on '.', `*` is exactly one word, `#` zero or more. */
export function topicMatches(pattern: string, key: string): boolean {
  const words = (s: string) => (s === '' ? [] : s.split('.'));
  const p = words(pattern);
  const k = words(key);
  const match = (pi: number, ki: number): boolean => {
    if (pi === p.length) return ki === k.length;
    if (p[pi] === '#') {
      for (let next = ki; next <= k.length; next++) {
        if (match(pi + 1, next)) return true;
      }
      return false;
    }
    return (
      ki < k.length &&
      (p[pi] === '*' || p[pi] === k[ki]) &&
      match(pi + 1, ki + 1)
    );
  };
  return match(0, 0);
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS broker_exchanges (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('topic', 'direct'))
  );
  CREATE TABLE IF NOT EXISTS broker_queues (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('main', 'dlq')),
    consumer TEXT NOT NULL,
    retry TEXT -- RetryPolicy JSON, main queues only
  );
  CREATE TABLE IF NOT EXISTS broker_bindings (
    exchange TEXT NOT NULL,
    queue TEXT NOT NULL,
    binding_key TEXT NOT NULL,
    PRIMARY KEY (exchange, queue, binding_key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS broker_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    queue TEXT NOT NULL,
    message_id TEXT NOT NULL,
    exchange TEXT NOT NULL,
    routing_key TEXT NOT NULL,
    content_type TEXT,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    available_at INTEGER NOT NULL,
    claimed_until INTEGER,
    claimed_by TEXT
  );
  -- Consumers scan a queue in seq order; retries are re-inserted at the tail (as
  -- RabbitMQ's retry queues dead-letter back to the tail), so the head stays claimable.
  CREATE INDEX IF NOT EXISTS broker_messages_queue_seq ON broker_messages (queue, seq);
`;

/** SQLite errors that say the store cannot be used right now (not a bad statement). */
const isStoreUnavailable = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return (
    typeof code === 'string' &&
    /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|PROTOCOL)/.test(code)
  );
};

/** A failed dead-letter drain leaves the message for this long before the next try. */
const DEAD_LETTER_RETRY_DELAY_MS = 1000;

/** Wakes this process's consumers of a file on a commit by any instance in the process. */
const publishedHere = new EventEmitter().setMaxListeners(0);

interface ClaimedRow {
  seq: number;
  messageId: string;
  exchange: string;
  routingKey: string;
  headers: string;
  body: Buffer;
  /** With this instance's id, identifies the claim: outcomes apply only to it. */
  claimedUntil: number;
}

interface RouteRow {
  type: 'topic' | 'direct';
  queue: string | null;
  bindingKey: string | null;
}

interface QueueRow {
  kind: 'main' | 'dlq';
  consumer: string;
  retry: string | null;
}

interface Claim {
  seq: number;
  by: string;
  until: number;
}

interface PollLoopOptions {
  prefetch: number;
  pollIntervalMs: number;
  claim(limit: number): ClaimedRow[];
  /** Runs the handler and applies its outcome; a rejection (a database error) goes to onError. */
  process(row: ClaimedRow): Promise<void>;
  /** Calls `wake` when something was published to the queue; returns an unsubscribe. */
  subscribe(wake: () => void): () => void;
  onError(error: unknown): void;
  /** After cancel() drained the handlers in flight. */
  onCancelled(): void;
}

/** Claims up to the free prefetch slots on every wake-up or poll and runs the handlers. */
class PollLoop implements Consumer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;
  private stopped = false;
  private pumpScheduled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PollLoopOptions) {
    this.unsubscribe = options.subscribe(() => this.schedule());
    this.schedule();
  }

  /** Stops claiming; handlers in flight keep running. */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe();
  }

  async cancel() {
    this.stop();
    await Promise.all([...this.inFlight]);
    this.options.onCancelled();
  }

  /** Coalesces the wake-ups of one tick (a burst of publishes or acks) into one claim. */
  private schedule() {
    if (this.stopped || this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const free = this.options.prefetch - this.inFlight.size;
    // With every slot taken, the next settling handler schedules the next claim.
    if (free <= 0) return;
    let rows: ClaimedRow[] = [];
    try {
      rows = this.options.claim(free);
    } catch (error) {
      this.options.onError(error);
    }
    for (const row of rows) {
      const done: Promise<void> = this.options
        .process(row)
        .catch(this.options.onError)
        .finally(() => {
          this.inFlight.delete(done);
          this.schedule();
        });
      this.inFlight.add(done);
    }
    if (rows.length < free) {
      this.timer = setTimeout(() => this.pump(), this.options.pollIntervalMs);
    }
  }
}

export class EmbeddedBroker implements Broker {
  readonly kind = 'embedded' as const;

  /** Marks this instance's claims, so close() can hand them back at once. */
  private readonly id = randomUUID();
  private readonly loops = new Set<PollLoop>();
  private pendingAcks: Claim[] = [];
  private ackFlushScheduled = false;
  private closed = false;
  /**
   * Set when the store refused a claim or a publish (locked past the busy timeout, disk
   * error); cleared by the next one that works. Consumers keep polling meanwhile, so the
   * embedded broker "reconnects" on its own.
   */
  private failing = false;
  private readonly upWaiters = new UpWaiters();

  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly transactions: ReturnType<typeof prepareTransactions>;

  private readonly file: string;
  private readonly visibilityTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly onError: (error: unknown) => void;

  static async open(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
    const db = new Database(options.file, { timeout: 5000 });
    try {
      // WAL with synchronous=NORMAL survives a process crash; only an OS crash may
      // lose the last commits.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      return new EmbeddedBroker(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(
    private readonly db: Database.Database,
    options: EmbeddedBrokerOptions,
  ) {
    this.file = resolve(options.file);
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? 30_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.onError =
      options.onError ?? (error => console.error('EmbeddedBroker:', error));
    this.statements = prepareStatements(db);
    this.transactions = prepareTransactions(db, this.statements);
  }

  get state(): BrokerState {
    return this.failing ? 'down' : 'up';
  }

  whenUp(signal?: AbortSignal): Promise<void> {
    if (!this.failing) return Promise.resolve();
    return this.upWaiters.wait('the embedded broker', signal);
  }

  /** Runs a store operation, tracking whether the store answers. */
  private guarded<T>(operation: () => T): T {
    let result: T;
    try {
      result = operation();
    } catch (error) {
      if (!this.closed && isStoreUnavailable(error)) {
        this.failing = true;
        throw new BrokerUnavailableError(
          `the embedded broker's store is unavailable: ${
            (error as Error).message
          }`,
          1,
          { cause: error },
        );
      }
      throw error;
    }
    if (this.failing) {
      this.failing = false;
      this.upWaiters.wakeAll();
    }
    return result;
  }

  async setup(topology: Topology): Promise<void> {
    this.assertOpen();
    this.transactions.setup(topology);
  }

  async teardown(topology: Topology): Promise<void> {
    this.assertOpen();
    this.transactions.teardown(topology);
  }

  /** Resolves after the commit; a routing key no binding matches is dropped, as in AMQP. */
  async publish(message: OutgoingMessage): Promise<void> {
    this.assertOpen();
    const queues = this.guarded(() => this.transactions.publish(message));
    for (const queue of queues) {
      publishedHere.emit(this.wakeEvent(queue));
    }
  }

  async consume(
    queue: string,
    handler: DeliveryHandler,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    this.assertOpen();
    const record = this.statements.queue.get(queue);
    if (!record || record.kind !== 'main' || record.retry === null) {
      throw new Error(`Unknown consumer queue '${queue}'`);
    }
    const retry = JSON.parse(record.retry) as RetryPolicy;
    return this.startLoop(queue, options, async row => {
      const headers = JSON.parse(row.headers) as MessageHeaders;
      const delivery = toDelivery(
        queue,
        row,
        headers,
        Number(headers[FailureHeader.attempts] ?? 0) + 1,
      );
      if (isReplayForAnotherQueue(delivery)) {
        this.ack(row);
        return;
      }
      try {
        await handler(delivery);
      } catch (error) {
        if (this.closed) return;
        const outcome = failureOutcome(delivery, error, retry, record.consumer);
        const [target, delayMs] =
          outcome.kind === 'retry'
            ? [queue, outcome.delayMs]
            : [deadLetterQueueName(queue), 0];
        this.transactions.move(
          this.claimOf(row),
          target,
          JSON.stringify(outcome.headers),
          Date.now() + delayMs,
        );
        return;
      }
      this.ack(row);
    });
  }

  async consumeDeadLetters(
    queue: string,
    handler: DeliveryHandler,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    this.assertOpen();
    const dlq = deadLetterQueueName(queue);
    if (this.statements.queue.get(dlq)?.kind !== 'dlq') {
      throw new Error(`Unknown dead-letter queue '${dlq}'`);
    }
    return this.startLoop(dlq, options, async row => {
      const headers = JSON.parse(row.headers) as MessageHeaders;
      try {
        await handler(
          toDelivery(
            dlq,
            row,
            headers,
            Number(headers[FailureHeader.attempts] ?? 1),
          ),
        );
      } catch {
        // The drain failed: keep the dead letter, unchanged, for a later attempt.
        if (this.closed) return;
        this.statements.release.run({
          ...this.claimOf(row),
          availableAt: Date.now() + DEAD_LETTER_RETRY_DELAY_MS,
        });
        return;
      }
      this.ack(row);
    });
  }

  /** Ready messages: rows of the queue that no consumer currently holds. */
  async queueDepth(queue: string): Promise<number> {
    this.assertOpen();
    if (!this.statements.queue.get(queue)) {
      throw new Error(`Unknown queue '${queue}'`);
    }
    return this.statements.depth.get({ queue, now: Date.now() })?.n ?? 0;
  }

  /**
   * Stops every consumer without waiting for its handlers and hands this instance's
   * unfinished claims back at once, as a closed AMQP channel requeues its deliveries.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const loop of this.loops) loop.stop();
    this.loops.clear();
    try {
      this.flushAcks();
      this.statements.releaseAll.run(this.id);
    } finally {
      this.closed = true;
      this.db.close();
    }
  }

  private startLoop(
    queue: string,
    options: ConsumeOptions,
    process: (row: ClaimedRow) => Promise<void>,
  ): Consumer {
    const prefetch = options.prefetch ?? 50;
    if (!Number.isInteger(prefetch) || prefetch < 1) {
      throw new RangeError(
        `prefetch must be a positive integer, got ${prefetch}`,
      );
    }
    const event = this.wakeEvent(queue);
    const loop: PollLoop = new PollLoop({
      prefetch,
      pollIntervalMs: this.pollIntervalMs,
      claim: limit => this.guarded(() => this.claim(queue, limit)),
      process,
      subscribe: wake => {
        publishedHere.on(event, wake);
        return () => publishedHere.off(event, wake);
      },
      onError: this.onError,
      onCancelled: () => {
        this.loops.delete(loop);
        if (!this.closed) this.flushAcks();
      },
    });
    this.loops.add(loop);
    return loop;
  }

  private claim(queue: string, limit: number): ClaimedRow[] {
    if (this.closed) return [];
    const now = Date.now();
    if (!this.statements.peek.get({ queue, now })) return [];
    return this.statements.claim
      .all({
        queue,
        now,
        until: now + this.visibilityTimeoutMs,
        by: this.id,
        limit,
      })
      .sort((a, b) => a.seq - b.seq); // RETURNING has no defined order
  }

  private claimOf(row: ClaimedRow): Claim {
    return { seq: row.seq, by: this.id, until: row.claimedUntil };
  }

  /** Acknowledgements of one tick are deleted in one transaction. */
  private ack(row: ClaimedRow) {
    if (this.closed) return;
    this.pendingAcks.push(this.claimOf(row));
    if (this.ackFlushScheduled) return;
    this.ackFlushScheduled = true;
    setImmediate(() => {
      this.ackFlushScheduled = false;
      if (this.closed) return;
      try {
        this.flushAcks();
      } catch (error) {
        // Unacknowledged, the messages come back after the visibility timeout.
        this.onError(error);
      }
    });
  }

  private flushAcks() {
    if (this.pendingAcks.length === 0) return;
    const claims = this.pendingAcks;
    this.pendingAcks = [];
    this.transactions.ack(claims);
  }

  private wakeEvent(queue: string) {
    return `${this.file}\n${queue}`;
  }

  private assertOpen() {
    if (this.closed) throw new Error('EmbeddedBroker is closed');
  }
}

function prepareStatements(db: Database.Database) {
  const claimable = `queue = @queue AND available_at <= @now
    AND (claimed_until IS NULL OR claimed_until < @now)`;
  const byClaim = `seq = @seq AND claimed_by = @by AND claimed_until = @until`;
  return {
    upsertExchange: db.prepare<{ name: string; type: string }>(
      `INSERT INTO broker_exchanges (name, type) VALUES (@name, @type)
       ON CONFLICT (name) DO UPDATE SET type = excluded.type`,
    ),
    upsertQueue: db.prepare<{
      name: string;
      kind: string;
      consumer: string;
      retry: string | null;
    }>(
      `INSERT INTO broker_queues (name, kind, consumer, retry)
       VALUES (@name, @kind, @consumer, @retry)
       ON CONFLICT (name) DO UPDATE SET
         kind = excluded.kind, consumer = excluded.consumer, retry = excluded.retry`,
    ),
    bind: db.prepare<[string, string, string]>(
      `INSERT OR IGNORE INTO broker_bindings (exchange, queue, binding_key)
       VALUES (?, ?, ?)`,
    ),
    deleteQueueMessages: db.prepare<[string]>(
      `DELETE FROM broker_messages WHERE queue = ?`,
    ),
    deleteQueueBindings: db.prepare<[string]>(
      `DELETE FROM broker_bindings WHERE queue = ?`,
    ),
    deleteQueue: db.prepare<[string]>(
      `DELETE FROM broker_queues WHERE name = ?`,
    ),
    deleteExchangeBindings: db.prepare<[string]>(
      `DELETE FROM broker_bindings WHERE exchange = ?`,
    ),
    deleteExchange: db.prepare<[string]>(
      `DELETE FROM broker_exchanges WHERE name = ?`,
    ),
    routes: db.prepare<[string], RouteRow>(
      `SELECT e.type AS type, b.queue AS queue, b.binding_key AS bindingKey
       FROM broker_exchanges e LEFT JOIN broker_bindings b ON b.exchange = e.name
       WHERE e.name = ?`,
    ),
    insert: db.prepare<{
      queue: string;
      messageId: string;
      exchange: string;
      routingKey: string;
      contentType: string | null;
      headers: string;
      body: Buffer;
      availableAt: number;
    }>(
      `INSERT INTO broker_messages (queue, message_id, exchange, routing_key,
         content_type, headers, body, available_at)
       VALUES (@queue, @messageId, @exchange, @routingKey, @contentType, @headers,
         @body, @availableAt)`,
    ),
    queue: db.prepare<[string], QueueRow>(
      `SELECT kind, consumer, retry FROM broker_queues WHERE name = ?`,
    ),
    depth: db.prepare<{ queue: string; now: number }, { n: number }>(
      `SELECT count(*) AS n FROM broker_messages
       WHERE queue = @queue AND (claimed_until IS NULL OR claimed_until < @now)`,
    ),
    // A read first: an idle poll then never takes the write lock other processes need.
    peek: db.prepare<{ queue: string; now: number }, { found: number }>(
      `SELECT 1 AS found FROM broker_messages WHERE ${claimable} LIMIT 1`,
    ),
    claim: db.prepare<
      { queue: string; now: number; until: number; by: string; limit: number },
      ClaimedRow
    >(
      `UPDATE broker_messages SET claimed_until = @until, claimed_by = @by
       WHERE seq IN (
         SELECT seq FROM broker_messages WHERE ${claimable} ORDER BY seq LIMIT @limit
       )
       RETURNING seq, message_id AS messageId, exchange, routing_key AS routingKey,
         headers, body, claimed_until AS claimedUntil`,
    ),
    ack: db.prepare<Claim>(`DELETE FROM broker_messages WHERE ${byClaim}`),
    // Retry and dead-letter: a fresh row (new seq, at the tail) for the same message.
    copyTo: db.prepare<
      Claim & { queue: string; headers: string; availableAt: number }
    >(
      `INSERT INTO broker_messages (queue, message_id, exchange, routing_key,
         content_type, headers, body, available_at)
       SELECT @queue, message_id, exchange, routing_key, content_type, @headers, body,
         @availableAt
       FROM broker_messages WHERE ${byClaim}`,
    ),
    release: db.prepare<Claim & { availableAt: number }>(
      `UPDATE broker_messages
       SET claimed_until = NULL, claimed_by = NULL, available_at = @availableAt
       WHERE ${byClaim}`,
    ),
    releaseAll: db.prepare<[string]>(
      `UPDATE broker_messages SET claimed_until = NULL, claimed_by = NULL
       WHERE claimed_by = ?`,
    ),
  };
}

function prepareTransactions(
  db: Database.Database,
  s: ReturnType<typeof prepareStatements>,
) {
  // IMMEDIATE: these read before they write; a deferred transaction could then fail
  // with SQLITE_BUSY when another process committed in between.
  return {
    setup: db.transaction((topology: Topology) => {
      for (const name of topology.exchanges) {
        s.upsertExchange.run({ name, type: 'topic' });
      }
      s.upsertExchange.run({
        name: topology.deadLetterExchange,
        type: 'direct',
      });
      const retry = JSON.stringify(topology.retry);
      for (const q of topology.queues) {
        const dlq = deadLetterQueueName(q.name);
        s.upsertQueue.run({
          name: q.name,
          kind: 'main',
          consumer: q.consumer,
          retry,
        });
        s.upsertQueue.run({
          name: dlq,
          kind: 'dlq',
          consumer: q.consumer,
          retry: null,
        });
        for (const key of q.bindingKeys) s.bind.run(q.exchange, q.name, key);
        s.bind.run(topology.deadLetterExchange, dlq, q.name);
      }
    }).immediate,
    teardown: db.transaction((topology: Topology) => {
      for (const q of topology.queues) {
        for (const name of [q.name, deadLetterQueueName(q.name)]) {
          s.deleteQueueMessages.run(name);
          s.deleteQueueBindings.run(name);
          s.deleteQueue.run(name);
        }
      }
      for (const name of [...topology.exchanges, topology.deadLetterExchange]) {
        s.deleteExchangeBindings.run(name);
        s.deleteExchange.run(name);
      }
    }).immediate,
    publish: db.transaction((message: OutgoingMessage): Set<string> => {
      const routes = s.routes.all(message.exchange);
      if (routes.length === 0) {
        throw new Error(`Unknown exchange '${message.exchange}'`);
      }
      // A queue gets one copy however many of its binding keys match.
      const queues = new Set<string>();
      for (const { type, queue, bindingKey } of routes) {
        if (queue === null || bindingKey === null) continue;
        const matches =
          type === 'direct'
            ? bindingKey === message.routingKey
            : topicMatches(bindingKey, message.routingKey);
        if (matches) queues.add(queue);
      }
      const headers = JSON.stringify(message.headers);
      const availableAt = Date.now();
      for (const queue of queues) {
        s.insert.run({
          queue,
          messageId: message.messageId,
          exchange: message.exchange,
          routingKey: message.routingKey,
          contentType: message.contentType ?? null,
          headers,
          body: message.body,
          availableAt,
        });
      }
      return queues;
    }).immediate,
    ack: db.transaction((claims: Claim[]) => {
      for (const claim of claims) s.ack.run(claim);
    }).immediate,
    move: db.transaction(
      (claim: Claim, queue: string, headers: string, availableAt: number) => {
        if (
          s.copyTo.run({ ...claim, queue, headers, availableAt }).changes > 0
        ) {
          s.ack.run(claim);
        }
      },
    ).immediate,
  };
}

function toDelivery(
  queue: string,
  row: ClaimedRow,
  headers: MessageHeaders,
  attemptNumber: number,
): Delivery {
  return {
    queue,
    exchange: row.exchange,
    routingKey: row.routingKey,
    messageId: row.messageId,
    body: row.body,
    headers,
    attempt: attemptNumber,
  };
}
