import Database from 'better-sqlite3';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NormalizedBatch, SpanRecord } from '../../src/types';
import { fileSize, MultiInsert, openMigrated } from '../support/sqliteFiles';
import {
  SPAN_HEAD,
  spanRow,
  TRACE_HEAD,
  TRACE_UPSERT_TAIL,
} from './journeysTables';

// 2. Peer: bare better-sqlite3, the same rows pre-normalised, 5,000 spans per transaction

/** The trace rows the store derives from a batch (same rules as DatabaseSpanStore), precomputed for the peer. */
function traceRows(spans: SpanRecord[], receivedUs: number): unknown[][] {
  const byTrace = new Map<
    string,
    {
      start: number;
      end: number;
      count: number;
      errors: number;
      rootService: string | null;
      rootName: string | null;
      rootStatus: number | null;
      errorEnd: number | null;
      errorStep: string | null;
    }
  >();
  for (const s of spans) {
    let t = byTrace.get(s.traceId);
    const end = s.startUs + s.durationUs;
    if (!t)
      byTrace.set(
        s.traceId,
        (t = {
          start: s.startUs,
          end,
          count: 0,
          errors: 0,
          rootService: null,
          rootName: null,
          rootStatus: null,
          errorEnd: null,
          errorStep: null,
        }),
      );
    t.start = Math.min(t.start, s.startUs);
    t.end = Math.max(t.end, end);
    t.count++;
    if (!s.parentSpanId)
      [t.rootService, t.rootName, t.rootStatus] = [s.service, s.name, s.status];
    if (s.status === 2) {
      t.errors++;
      if (t.errorEnd === null || end > t.errorEnd) {
        t.errorEnd = end;
        const message = s.statusMessage;
        t.errorStep = JSON.stringify({
          traceId: s.traceId,
          spanId: s.spanId,
          service: s.service,
          name: s.name,
          message,
        });
      }
    }
  }
  return [...byTrace.entries()].map(([id, t]) => [
    id,
    t.start,
    t.end,
    t.count,
    t.errors,
    t.rootService,
    t.rootName,
    t.rootStatus,
    t.errorEnd,
    t.errorStep,
    receivedUs,
    1,
  ]);
}

export async function peer(
  dir: string,
  batches: NormalizedBatch[],
  rowsPerStatement: number,
  spansPerTx: number,
  tuning: { wal?: boolean; cacheMiB?: number } = {},
) {
  const file = path.join(
    dir,
    `peer-${rowsPerStatement}-${spansPerTx}-${tuning.wal ? 'wal' : 'delete'}-${
      tuning.cacheMiB ?? 0
    }.sqlite`,
  );
  await (await openMigrated(file)).destroy(); // same schema and indexes as the plugin's
  // Pre-normalised outside the timing: merge requests into 5,000-span batches as the
  // ingestor does, and derive the trace rows.
  const receivedUs = Date.now() * 1000;
  const work: Array<{
    spans: unknown[][];
    traces: unknown[][];
    keys: unknown[][];
    links: unknown[][];
  }> = [];
  for (let i = 0; i < batches.length; ) {
    const take: NormalizedBatch[] = [];
    let n = 0;
    while (
      i < batches.length &&
      (take.length === 0 || n + batches[i].spans.length <= spansPerTx)
    ) {
      n += batches[i].spans.length;
      take.push(batches[i++]);
    }
    const spans = take.flatMap(b => b.spans);
    work.push({
      spans: spans.map(spanRow),
      traces: traceRows(spans, receivedUs),
      keys: take.flatMap(b => b.keys.map(k => [k.value, k.key, k.traceId])),
      links: take.flatMap(b => b.links.map(l => [l[0], l[1]])),
    });
  }
  const db = new Database(file); // the driver's defaults, as knex opens it
  // Diagnostics only: what a WAL journal with synchronous=NORMAL, or a bigger page cache, would give.
  if (tuning.wal) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  if (tuning.cacheMiB) db.pragma(`cache_size = -${tuning.cacheMiB * 1024}`);
  const spansSt = new MultiInsert(db, SPAN_HEAD, 12, rowsPerStatement);
  const tracesSt = new MultiInsert(
    db,
    TRACE_HEAD,
    12,
    Math.min(rowsPerStatement, 100),
    TRACE_UPSERT_TAIL,
  );
  const keysSt = new MultiInsert(
    db,
    'INSERT OR IGNORE INTO journeys_keys (value,key,trace_id)',
    3,
    rowsPerStatement,
  );
  const linksSt = new MultiInsert(
    db,
    'INSERT OR IGNORE INTO journeys_trace_links (trace_id,linked_trace_id)',
    2,
    rowsPerStatement,
  );
  const write = db.transaction((w: (typeof work)[number]) => {
    spansSt.run(w.spans);
    tracesSt.run(w.traces);
    keysSt.run(w.keys);
    linksSt.run(w.links);
  });
  const t0 = performance.now();
  let spans = 0;
  for (const w of work) {
    write(w);
    spans += w.spans.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const journal = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  const cache = db.pragma('cache_size', { simple: true });
  db.close();
  return {
    spansPerSecond: spans / seconds,
    spans,
    seconds,
    dbBytes: fileSize(file),
    pragmas: `journal_mode=${journal}, synchronous=${sync}, cache_size=${cache}`,
  };
}
