import { randomUUID } from 'node:crypto';
import type { RuntimeSchemas } from '@internal/integration-runtime-client';
import {
  FailureHeader,
  REPLAY_COUNT,
  REPLAY_ID,
} from '../broker/failureOutcome';
import { Delivery } from '../broker/types';
import { Db } from '../store/RuntimeDatabase';
import {
  classifyFailure,
  FailureClassification,
  FailureKind,
} from './classification';
import { failureFingerprint } from './fingerprint';

export type FailureStatus = RuntimeSchemas['FailureStatus'];

export interface FailureFilter {
  status?: FailureStatus;
  /** Order id or payment id. */
  businessId?: string;
  fingerprint?: string;
  errorClass?: string;
  classification?: FailureKind;
  /** ISO times, on the last failure. */
  from?: string;
  to?: string;
}

/** The runtime always classifies a failure; the contract lets other runtimes leave it out. */
type Classified<T> = T & { classification: FailureClassification };

export type FailureSummary = Classified<RuntimeSchemas['FailedMessageSummary']>;

export type FailureRecord = Classified<RuntimeSchemas['FailedMessage']>;

export type FingerprintGroup = Classified<RuntimeSchemas['FingerprintGroup']>;

export interface DlqCounts {
  failed: number;
  parked: number;
  archived: number;
  oldestFailureAt: string | null;
}

type Row = Record<string, any>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

/** Business ids from W3C baggage (`app.order.id=...`) first, then from the JSON body. */
export function businessIds(headers: Record<string, unknown>, body: Buffer) {
  const baggage: Record<string, string> = {};
  for (const part of String(headers.baggage ?? '').split(',')) {
    const [k, v] = part.split(';')[0].split('=');
    if (k && v) baggage[k.trim()] = decodeURIComponent(v.trim());
  }
  let json: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(body.toString('utf-8'));
    if (parsed && typeof parsed === 'object') json = parsed;
  } catch {
    // a poison body: no ids from it
  }
  return {
    orderId: baggage['app.order.id'] ?? str(json.orderId) ?? null,
    paymentId: baggage['app.payment.id'] ?? str(json.paymentId) ?? null,
    customerTier:
      baggage['app.customer.tier'] ?? str(json.customerTier) ?? null,
  };
}

function toSummary(r: Row): FailureSummary {
  return {
    id: r.id,
    dlq: r.dlq,
    messageId: r.message_id,
    status: r.status,
    errorClass: r.error_class,
    errorMessage: r.error_message,
    stage: r.stage,
    fingerprint: r.fingerprint,
    attempts: r.attempts,
    replayCount: r.replay_count,
    firstFailureAt: r.first_failure_at,
    lastFailureAt: r.last_failure_at,
    orderId: r.order_id,
    paymentId: r.payment_id,
    traceId: r.trace_id,
    replayJobId: r.replay_job_id,
    classification: {
      kind: r.classification,
      reason: r.classification_reason,
    },
  };
}

function toRecord(r: Row): FailureRecord {
  return {
    ...toSummary(r),
    exchange: r.exchange,
    routingKey: r.routing_key,
    queue: r.dlq,
    consumer: r.consumer,
    contentType: r.content_type,
    headers: JSON.parse(r.headers),
    body: Buffer.from(r.body).toString('utf-8'),
    stack: r.stack,
    spanId: r.span_id,
    idempotencyKey: r.idempotency_key,
    customerTier: r.customer_tier,
    receivedAt: r.received_at,
    statusReason: r.status_reason,
  };
}

export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`cursor '${cursor.slice(0, 40)}' is not one this API returned`);
    this.name = 'InvalidCursorError';
  }
}

export function encodeCursor(lastFailureAt: string, id: string) {
  return Buffer.from(JSON.stringify([lastFailureAt, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf-8'));
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string'
    )
      return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new InvalidCursorError(cursor);
}

/**
 * The standard failure record every broker adapter's dead letters become (as
 * ServiceControl does): inspection reads this store, never the broker, so paging and
 * filtering neither consume nor reorder messages.
 */
export class FailureStore {
  constructor(
    private readonly db: Db,
    private readonly options: { maxReplays: number; maxAttempts?: number },
  ) {}

  /**
   * Stores one dead letter. Idempotent on (queue, message id, last failure time,
   * attempts), also after the record was replayed or purged, so a drain that crashed
   * before acknowledging neither stores it twice nor brings it back.
   */
  insertDeadLetter(
    dlq: string,
    delivery: Delivery,
    contentType = 'application/json',
  ): FailureRecord | undefined {
    const h = delivery.headers;
    const errorClass = str(h[FailureHeader.errorClass]) ?? 'DeadLettered';
    // A broker-level reject has no failure headers; x-death still says why.
    const errorMessage =
      str(h[FailureHeader.errorMessage]) ??
      'rejected by the broker (no failure context from the consumer)';
    const stage = str(h[FailureHeader.stage]) ?? dlq;
    const lastAt = str(h[FailureHeader.lastAt]) ?? new Date().toISOString();
    const replayCount = Number(h[REPLAY_COUNT] ?? 0) || 0;
    const ids = businessIds(h, delivery.body);
    const status: FailureStatus =
      replayCount >= this.options.maxReplays ? 'parked' : 'failed';
    const attempts = Number(h[FailureHeader.attempts] ?? delivery.attempt) || 1;
    const httpStatus = Number(h[FailureHeader.httpStatus]);
    const classification = classifyFailure({
      errorClass,
      errorMessage,
      stage,
      attempts,
      maxAttempts: this.options.maxAttempts ?? 1,
      permanentFlag:
        h[FailureHeader.permanent] === true ||
        h[FailureHeader.permanent] === 'true',
      httpStatus: Number.isInteger(httpStatus) ? httpStatus : undefined,
    });
    const record = {
      id: randomUUID(),
      // One publish fans out to several queues with the same message id: key per DLQ.
      drain_key: `${dlq}|${delivery.messageId}|${lastAt}|${
        h[FailureHeader.attempts] ?? ''
      }`,
      dlq,
      message_id: delivery.messageId,
      exchange: str(h[FailureHeader.exchange]) ?? delivery.exchange,
      routing_key: str(h[FailureHeader.routingKey]) ?? delivery.routingKey,
      consumer: str(h[FailureHeader.consumer]) ?? 'unknown',
      content_type: contentType,
      headers: JSON.stringify(h),
      body: delivery.body,
      error_class: errorClass,
      error_message: errorMessage,
      stack: str(h[FailureHeader.stack]) ?? '',
      stage,
      attempts,
      first_failure_at: str(h[FailureHeader.firstAt]) ?? lastAt,
      last_failure_at: lastAt,
      trace_id: str(h[FailureHeader.traceId]) ?? null,
      span_id: str(h[FailureHeader.spanId]) ?? null,
      idempotency_key: str(h['idempotency-key']) ?? null,
      order_id: ids.orderId,
      payment_id: ids.paymentId,
      customer_tier: ids.customerTier,
      fingerprint: failureFingerprint(errorClass, stage, errorMessage),
      status,
      replay_count: replayCount,
      last_replay_id: str(h[REPLAY_ID]) ?? null,
      received_at: new Date().toISOString(),
      status_reason:
        status === 'parked'
          ? `failed again after ${replayCount} replays (limit ${this.options.maxReplays})`
          : null,
      classification: classification.kind,
      classification_reason: classification.reason,
    };
    const insert = this.db.transaction(() => {
      const fresh = this.db
        .prepare(
          'INSERT OR IGNORE INTO drained_keys (drain_key, drained_at) VALUES (?, ?)',
        )
        .run(record.drain_key, record.received_at);
      if (fresh.changes === 0) return false;
      const res = this.db
        .prepare(
          `INSERT OR IGNORE INTO failures (${Object.keys(record).join(', ')})
           VALUES (${Object.keys(record)
             .map(k => `@${k}`)
             .join(', ')})`,
        )
        .run(record);
      if (res.changes === 0) return false;
      // A replayed message that failed again: its replay item says so.
      if (record.last_replay_id) {
        this.db
          .prepare(
            `UPDATE replay_items SET outcome = ?, detail = ?, updated_at = ?
             WHERE job_id = ? AND message_id = ?`,
          )
          .run(
            status === 'parked' ? 'parked' : 'failed-again',
            `${errorClass}: ${errorMessage}`.slice(0, 500),
            record.received_at,
            record.last_replay_id,
            record.message_id,
          );
      }
      return true;
    });
    return insert() ? this.get(record.id) : undefined;
  }

  get(id: string): FailureRecord | undefined {
    const row = this.db.prepare('SELECT * FROM failures WHERE id = ?').get(id);
    return row ? toRecord(row as Row) : undefined;
  }

  private where(dlq: string, filter: FailureFilter) {
    const clauses = ['dlq = @dlq', 'status = @status'];
    const params: Record<string, unknown> = {
      dlq,
      status: filter.status ?? 'failed',
    };
    if (filter.businessId) {
      clauses.push('(order_id = @businessId OR payment_id = @businessId)');
      params.businessId = filter.businessId;
    }
    if (filter.fingerprint) {
      clauses.push('fingerprint = @fingerprint');
      params.fingerprint = filter.fingerprint;
    }
    if (filter.errorClass) {
      clauses.push('error_class = @errorClass');
      params.errorClass = filter.errorClass;
    }
    if (filter.classification) {
      clauses.push('classification = @classification');
      params.classification = filter.classification;
    }
    if (filter.from) {
      clauses.push('last_failure_at >= @from');
      params.from = new Date(filter.from).toISOString();
    }
    if (filter.to) {
      clauses.push('last_failure_at < @to');
      params.to = new Date(filter.to).toISOString();
    }
    return { sql: clauses.join(' AND '), params };
  }

  /** Newest first, keyset-paged: page 1,000 as fast as page 1. */
  list(
    dlq: string,
    filter: FailureFilter,
    page: { limit: number; cursor?: string },
  ): { items: FailureSummary[]; nextCursor: string | null; total: number } {
    const { sql, params } = this.where(dlq, filter);
    let pageSql = sql;
    if (page.cursor) {
      const [at, id] = decodeCursor(page.cursor);
      pageSql +=
        ' AND (last_failure_at < @cAt OR (last_failure_at = @cAt AND id < @cId))';
      Object.assign(params, { cAt: at, cId: id });
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM failures WHERE ${pageSql}
         ORDER BY last_failure_at DESC, id DESC LIMIT @limit`,
      )
      .all({ ...params, limit: page.limit + 1 }) as Row[];
    const total = (
      this.db
        .prepare(`SELECT count(*) AS n FROM failures WHERE ${sql}`)
        .get(params) as { n: number }
    ).n;
    const items = rows.slice(0, page.limit).map(toSummary);
    const last = items[items.length - 1];
    return {
      items,
      total,
      nextCursor:
        rows.length > page.limit && last
          ? encodeCursor(last.lastFailureAt, last.id)
          : null,
    };
  }

  /** Ids matching a filter, oldest first (the order a replay re-drives them in). */
  idsMatching(dlq: string, filter: FailureFilter, limit: number): string[] {
    const { sql, params } = this.where(dlq, filter);
    return (
      this.db
        .prepare(
          `SELECT id FROM failures WHERE ${sql}
           ORDER BY last_failure_at ASC, id ASC LIMIT @limit`,
        )
        .all({ ...params, limit }) as Array<{ id: string }>
    ).map(r => r.id);
  }

  /**
   * Dead letters received per bucket over the last `hours`, from the drain log (kept after
   * replay or purge), so the series is inflow, not depth. Buckets align to their size.
   */
  inflow(dlq: string, hours: number, bucketMinutes: number, now = Date.now()) {
    const bucketMs = bucketMinutes * 60_000;
    const end = Math.floor(now / bucketMs) * bucketMs + bucketMs;
    const n = Math.ceil((hours * 3_600_000) / bucketMs);
    const start = end - n * bucketMs;
    const counts = new Map<number, number>();
    // drain_key starts with '<dlq>|': a primary-key range scan ('}' follows '|').
    const rows = this.db
      .prepare(
        `SELECT CAST((julianday(drained_at) - julianday(@start)) * 86400000 / @bucketMs AS INTEGER) AS b,
                count(*) AS n
         FROM drained_keys
         WHERE drain_key >= @lo AND drain_key < @hi AND drained_at >= @start
         GROUP BY b`,
      )
      .all({
        lo: `${dlq}|`,
        hi: `${dlq}}`,
        start: new Date(start).toISOString(),
        bucketMs,
      }) as Array<{ b: number; n: number }>;
    for (const r of rows) counts.set(r.b, r.n);
    return {
      bucketSeconds: bucketMs / 1000,
      buckets: Array.from({ length: n }, (_, i) => ({
        start: new Date(start + i * bucketMs).toISOString(),
        count: counts.get(i) ?? 0,
      })),
    };
  }

  groups(dlq: string, status: FailureStatus = 'failed'): FingerprintGroup[] {
    return (
      this.db
        .prepare(
          `WITH g AS (
             SELECT fingerprint, error_class, stage, count(*) AS count,
                    min(first_failure_at) AS first_seen, max(last_failure_at) AS last_seen,
                    max(id) AS sample_id
             FROM failures WHERE dlq = ? AND status = ? GROUP BY fingerprint)
           SELECT g.*, f.error_message AS sample_message,
                  f.classification, f.classification_reason
           FROM g JOIN failures f ON f.id = g.sample_id
           ORDER BY g.count DESC, g.last_seen DESC`,
        )
        .all(dlq, status) as Row[]
    ).map(r => ({
      fingerprint: r.fingerprint,
      errorClass: r.error_class,
      stage: r.stage,
      count: r.count,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      sampleId: r.sample_id,
      sampleMessage: r.sample_message,
      classification: {
        kind: r.classification,
        reason: r.classification_reason,
      },
    }));
  }

  counts(dlq: string): DlqCounts {
    const rows = this.db
      .prepare(
        `SELECT status, count(*) AS n, min(last_failure_at) AS oldest
         FROM failures WHERE dlq = ? GROUP BY status`,
      )
      .all(dlq) as Row[];
    const by = Object.fromEntries(rows.map(r => [r.status, r]));
    return {
      failed: by.failed?.n ?? 0,
      parked: by.parked?.n ?? 0,
      archived: by.archived?.n ?? 0,
      oldestFailureAt: by.failed?.oldest ?? null,
    };
  }

  /** Archives failed or parked messages not taking part in a replay. */
  archive(ids: string[], reason: string): { done: string[]; busy: string[] } {
    const update = this.db.prepare(
      `UPDATE failures SET status = 'archived', status_reason = ? WHERE id = ?`,
    );
    return this.withFree(ids, id => update.run(reason, id));
  }

  /** Deletes messages for good (not those taking part in a replay). */
  purge(ids: string[]): { done: string[]; busy: string[] } {
    const remove = this.db.prepare('DELETE FROM failures WHERE id = ?');
    return this.withFree(ids, id => remove.run(id));
  }

  /** Applies `act` in one transaction to the existing ids no replay job holds. */
  private withFree(ids: string[], act: (id: string) => void) {
    const holder = this.db.prepare(
      'SELECT replay_job_id FROM failures WHERE id = ?',
    );
    return this.db.transaction(() => {
      const done: string[] = [];
      const busy: string[] = [];
      for (const id of ids) {
        const row = holder.get(id) as Row | undefined;
        if (!row) continue;
        if (row.replay_job_id) {
          busy.push(id);
        } else {
          act(id);
          done.push(id);
        }
      }
      return { done, busy };
    })();
  }

  existing(ids: string[]): Set<string> {
    const found = new Set<string>();
    const stmt = this.db.prepare('SELECT id FROM failures WHERE id = ?');
    for (const id of ids) if (stmt.get(id)) found.add(id);
    return found;
  }
}
