import { SpanDetail, WaterfallSpan } from '@internal/plugin-journeys-common';
import { Knex } from 'knex';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { ErrorStep, NormalizedBatch, SpanRecord } from '../types';
import { SpanStore } from './SpanStore';

/** What a trace contributes to its trace row, computed per write batch. */
interface TraceDelta {
  traceId: string;
  /** The backend spans' time range; the browser spans' only while there are no others. */
  startUs: number;
  endUs: number;
  spanCount: number;
  browserSpans: number;
  errorCount: number;
  rootService: string | null;
  rootName: string | null;
  rootStatus: number | null;
  errorEndUs: number | null;
  errorStep: string | null;
}

const SPAN_COLUMNS = [
  'trace_id',
  'span_id',
  'parent_span_id',
  'name',
  'service',
  'kind',
  'start_us',
  'duration_us',
  'status',
  'route',
  'links',
  'detail',
  'browser',
  'facts',
] as const;

const TRACE_COLUMNS = [
  'trace_id',
  'start_us',
  'end_us',
  'span_count',
  'error_count',
  'root_service',
  'root_name',
  'root_status',
  'error_end_us',
  'error_step',
  'received_us',
  'dirty',
  'browser_spans',
] as const;

function spanValues(s: SpanRecord, sqlite: boolean) {
  return [
    s.traceId,
    s.spanId,
    s.parentSpanId,
    s.name,
    s.service,
    s.kind,
    s.startUs,
    s.durationUs,
    s.status,
    s.route,
    s.links,
    s.detail,
    sqlite ? Number(s.browser) : s.browser,
    s.facts,
  ];
}

/**
 * Browser spans count towards a trace's spans and, while it has no other spans, its time
 * range (so retention finds it); nothing else of a trace's summary comes from them.
 */
function traceDeltas(spans: SpanRecord[]): TraceDelta[] {
  const byTrace = new Map<string, TraceDelta>();
  for (const s of spans) {
    let t = byTrace.get(s.traceId);
    const end = s.startUs + s.durationUs;
    if (!t) {
      t = {
        traceId: s.traceId,
        startUs: s.startUs,
        endUs: end,
        spanCount: 0,
        browserSpans: 0,
        errorCount: 0,
        rootService: null,
        rootName: null,
        rootStatus: null,
        errorEndUs: null,
        errorStep: null,
      };
      byTrace.set(s.traceId, t);
    }
    t.spanCount++;
    if (s.browser) {
      t.browserSpans++;
      if (t.browserSpans === t.spanCount) {
        t.startUs = Math.min(t.startUs, s.startUs);
        t.endUs = Math.max(t.endUs, end);
      }
      continue;
    }
    if (t.browserSpans === t.spanCount - 1) {
      // The first backend span of this trace in the batch: the browser's range goes.
      t.startUs = s.startUs;
      t.endUs = end;
    } else {
      t.startUs = Math.min(t.startUs, s.startUs);
      t.endUs = Math.max(t.endUs, end);
    }
    if (!s.parentSpanId) {
      t.rootService = s.service;
      t.rootName = s.name;
      t.rootStatus = s.status;
    }
    if (s.status === 2) {
      t.errorCount++;
      if (t.errorEndUs === null || end > t.errorEndUs) {
        t.errorEndUs = end;
        const step: ErrorStep = {
          traceId: s.traceId,
          spanId: s.spanId,
          service: s.service,
          name: s.name,
          message: s.statusMessage,
        };
        t.errorStep = JSON.stringify(step);
      }
    }
  }
  return [...byTrace.values()];
}

/**
 * Span storage through the plugin's knex client. Writes are whole batches in one
 * transaction; on SQLite they go through the driver's prepared statements (knex's query
 * builder costs more than the insert itself at tens of thousands of rows per second).
 */
export class DatabaseSpanStore implements SpanStore {
  private readonly sqlite: boolean;

  constructor(private readonly db: Knex) {
    const client = String(db.client.config.client);
    this.sqlite = client === 'better-sqlite3' || client === 'sqlite3';
  }

  private traceUpsertSql(rows: number) {
    const min = this.sqlite ? 'MIN' : 'LEAST';
    const max = this.sqlite ? 'MAX' : 'GREATEST';
    const t = 'journeys_traces';
    const tuple = `(${TRACE_COLUMNS.map(() => '?').join(',')})`;
    const newer = `excluded.error_end_us IS NOT NULL AND (${t}.error_end_us IS NULL OR excluded.error_end_us > ${t}.error_end_us)`;
    // Whether the stored row and the delta hold backend (trusted) spans.
    const had = `(${t}.span_count > ${t}.browser_spans)`;
    const adds = `(excluded.span_count > excluded.browser_spans)`;
    const range = (fn: string, col: string) =>
      `CASE WHEN ${had} = ${adds} THEN ${fn}(${t}.${col}, excluded.${col}) WHEN ${adds} THEN excluded.${col} ELSE ${t}.${col} END`;
    return `INSERT INTO ${t} (${TRACE_COLUMNS.join(',')}) VALUES ${Array(rows)
      .fill(tuple)
      .join(',')}
      ON CONFLICT (trace_id) DO UPDATE SET
        start_us = ${range(min, 'start_us')},
        end_us = ${range(max, 'end_us')},
        span_count = ${t}.span_count + excluded.span_count,
        browser_spans = ${t}.browser_spans + excluded.browser_spans,
        error_count = ${t}.error_count + excluded.error_count,
        root_service = COALESCE(excluded.root_service, ${t}.root_service),
        root_name = COALESCE(excluded.root_name, ${t}.root_name),
        root_status = COALESCE(excluded.root_status, ${t}.root_status),
        error_step = CASE WHEN ${newer} THEN excluded.error_step ELSE ${t}.error_step END,
        error_end_us = CASE WHEN ${newer} THEN excluded.error_end_us ELSE ${t}.error_end_us END,
        received_us = CASE WHEN ${adds} OR NOT ${had} THEN excluded.received_us ELSE ${t}.received_us END,
        dirty = excluded.dirty`;
  }

  private traceValues(d: TraceDelta, receivedUs: number) {
    return [
      d.traceId,
      d.startUs,
      d.endUs,
      d.spanCount,
      d.errorCount,
      d.rootService,
      d.rootName,
      d.rootStatus,
      d.errorEndUs,
      d.errorStep,
      receivedUs,
      this.sqlite ? 1 : true,
      d.browserSpans,
    ];
  }

  /** Stores one batch (spans, trace summaries, business keys, links) atomically. */
  async write(
    batch: Pick<NormalizedBatch, 'spans' | 'keys' | 'links'>,
    receivedUs = Date.now() * 1000,
  ): Promise<void> {
    if (batch.spans.length === 0) return;
    const traces = traceDeltas(batch.spans);
    if (this.sqlite) {
      const conn = (await this.db.client.acquireConnection()) as SqliteDatabase;
      try {
        this.writeSqlite(conn, batch, traces, receivedUs);
      } finally {
        await this.db.client.releaseConnection(conn);
      }
      return;
    }
    await this.db.transaction(async tx => {
      for (let i = 0; i < batch.spans.length; i += 1000) {
        const chunk = batch.spans.slice(i, i + 1000);
        const tuple = `(${SPAN_COLUMNS.map(() => '?').join(',')})`;
        await tx.raw(
          `INSERT INTO journeys_spans (${SPAN_COLUMNS.join(',')}) VALUES ${chunk
            .map(() => tuple)
            .join(',')}`,
          chunk.flatMap(x => spanValues(x, false)),
        );
      }
      for (let i = 0; i < traces.length; i += 1000) {
        const chunk = traces.slice(i, i + 1000);
        await tx.raw(
          this.traceUpsertSql(chunk.length),
          chunk.flatMap(d => this.traceValues(d, receivedUs)),
        );
      }
      for (let i = 0; i < batch.keys.length; i += 1000) {
        const chunk = batch.keys
          .slice(i, i + 1000)
          .map(k => ({ value: k.value, key: k.key, trace_id: k.traceId }));
        await tx('journeys_keys')
          .insert(chunk)
          .onConflict(['value', 'key', 'trace_id'])
          .ignore();
      }
      for (let i = 0; i < batch.links.length; i += 1000) {
        const chunk = batch.links.slice(i, i + 1000).map(([trace, linked]) => ({
          trace_id: trace,
          linked_trace_id: linked,
        }));
        await tx('journeys_trace_links')
          .insert(chunk)
          .onConflict(['trace_id', 'linked_trace_id'])
          .ignore();
      }
    });
  }

  private statements?: ReturnType<DatabaseSpanStore['prepare']>;

  private prepare(conn: SqliteDatabase) {
    // Traces are written in large batches by one writer and read by many: a write-ahead log
    // lets readers work during a write, and NORMAL sync is durable across crashes of the
    // process (a power cut may lose the last batches, acceptable for telemetry).
    if (conn.pragma('journal_mode', { simple: true }) !== 'memory') {
      conn.pragma('journal_mode = WAL');
      conn.pragma('synchronous = NORMAL');
    }
    const ROWS = 50;
    const spanTuple = `(${SPAN_COLUMNS.map(() => '?').join(',')})`;
    const spanSql = (n: number) =>
      `INSERT INTO journeys_spans (${SPAN_COLUMNS.join(',')}) VALUES ${Array(n)
        .fill(spanTuple)
        .join(',')}`;
    return {
      conn,
      rows: ROWS,
      spans: conn.prepare(spanSql(ROWS)),
      span: conn.prepare(spanSql(1)),
      trace: conn.prepare(this.traceUpsertSql(1)),
      key: conn.prepare(
        'INSERT OR IGNORE INTO journeys_keys (value, key, trace_id) VALUES (?, ?, ?)',
      ),
      link: conn.prepare(
        'INSERT OR IGNORE INTO journeys_trace_links (trace_id, linked_trace_id) VALUES (?, ?)',
      ),
    };
  }

  private writeSqlite(
    conn: SqliteDatabase,
    batch: Pick<NormalizedBatch, 'spans' | 'keys' | 'links'>,
    traces: TraceDelta[],
    receivedUs: number,
  ) {
    if (!this.statements || this.statements.conn !== conn)
      this.statements = this.prepare(conn);
    const st = this.statements;
    conn.transaction(() => {
      const spans = batch.spans;
      let i = 0;
      for (; i + st.rows <= spans.length; i += st.rows) {
        const values: unknown[] = [];
        for (let j = i; j < i + st.rows; j++)
          values.push(...spanValues(spans[j], true));
        st.spans.run(values);
      }
      for (; i < spans.length; i++) st.span.run(spanValues(spans[i], true));
      for (const d of traces) st.trace.run(this.traceValues(d, receivedUs));
      for (const k of batch.keys) st.key.run(k.value, k.key, k.traceId);
      for (const [trace, linked] of batch.links) st.link.run(trace, linked);
    })();
  }

  /** The spans of some traces for the waterfall (no details), oldest first, at most `limit`. */
  async waterfall(
    traceIds: string[],
    limit: number,
  ): Promise<{ spans: WaterfallSpan[]; truncated: boolean }> {
    const rows: any[] = [];
    for (let i = 0; i < traceIds.length && rows.length <= limit; i += 500) {
      rows.push(
        ...(await this.db('journeys_spans')
          .whereIn('trace_id', traceIds.slice(i, i + 500))
          .select(
            'trace_id',
            'span_id',
            'parent_span_id',
            'name',
            'service',
            'kind',
            'start_us',
            'duration_us',
            'status',
            'links',
            'browser',
          )
          .limit(limit + 1 - rows.length)),
      );
    }
    const truncated = rows.length > limit;
    const spans = rows.slice(0, limit).map(toWaterfallSpan);
    spans.sort((a, b) => a.startUs - b.startUs);
    return { spans, truncated };
  }

  async span(traceId: string, spanId: string): Promise<SpanDetail | undefined> {
    const row = await this.db('journeys_spans')
      .where({ trace_id: traceId, span_id: spanId })
      .first();
    if (!row) return undefined;
    // JSON.parse keeps `__proto__` as an own key; the maps in `detail` have no prototype.
    const detail = JSON.parse(row.detail);
    return {
      ...toWaterfallSpan(row),
      statusMessage: detail.statusMessage,
      scope: detail.scope,
      attributes: detail.attributes ?? Object.create(null),
      resource: detail.resource ?? Object.create(null),
      events: detail.events ?? [],
      linkAttributes: detail.linkAttributes ?? [],
    };
  }
}

function toWaterfallSpan(r: any): WaterfallSpan {
  return {
    traceId: r.trace_id,
    spanId: r.span_id,
    parentSpanId: r.parent_span_id,
    name: r.name,
    service: r.service,
    kind: Number(r.kind) as WaterfallSpan['kind'],
    startUs: Number(r.start_us),
    durationUs: Number(r.duration_us),
    status: Number(r.status) as WaterfallSpan['status'],
    ...(r.browser === true || Number(r.browser) === 1 ? { browser: true } : {}),
    links: r.links
      ? String(r.links)
          .split(' ')
          .map((l: string) => {
            const [traceId, spanId] = l.split(':');
            return { traceId, spanId };
          })
      : [],
  };
}
