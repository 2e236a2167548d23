/*
 * Journeys: does assembly keep up with ingest, and do the stats read rollups fast? Two
 * measurements in one run, on SQLite files in a temporary folder (deleted at the end).
 * Not a test.
 *
 *   source .toolchain/env.sh
 *   yarn workspace @internal/plugin-journeys-backend bench:assembly
 *
 * 0. Peak: BENCH_BACKLOG settled traces stored first, then one assembler run drains them.
 * 1. Sustained ingest: OTLP/protobuf export requests (traces of 10 spans: half entry traces of
 *    a declared journey with a producer span, half consumer traces linked to one; 2 % fail
 *    below their root) go through the receiver's decoder and the real SpanIngestor (normaliser, write
 *    gathering, DatabaseSpanStore) at
 *    BENCH_RATE traces/s for BENCH_SECONDS, while the real JourneyAssembler runs as the
 *    scheduler would run it (a run, then BENCH_INTERVAL_MS pause), in the same process and
 *    event loop as the backend has them. Printed: the ingest rate reached, the assembly rate
 *    (traces assembled per second), and the lag per trace from its last span written to its
 *    instance membership being visible (p50/p95/p99, polled every 100 ms).
 * 2. Stats at scale: BENCH_INSTANCES instances of one journey spread over 7 days, written
 *    straight into the instances table and, from the same rows, into the rollups; then the
 *    7-day stats (`JourneyQueries.stats('7d')`, which reads rollups) beside the same figures
 *    computed from the instances table (the former code path: read the window's rows) and
 *    beside a SQL GROUP BY over the instances table.
 *
 * Environment (defaults in brackets): BENCH_RATE [2500], BENCH_SECONDS [60],
 * BENCH_INTERVAL_MS [500], BENCH_SETTLE_MS [1500], BENCH_INSTANCES [1000000],
 * BENCH_STATS_RUNS [20], BENCH_BACKLOG [20000], BENCH_DIR [os.tmpdir()].
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { JourneyAssembler } from '../src/assembly/JourneyAssembler';
import { DatabaseInstanceStore } from '../src/database/DatabaseInstanceStore';
import { DatabaseSpanStore } from '../src/database/DatabaseSpanStore';
import { decodeRequest } from '../src/ingest/OtlpDecoder';
import { SpanIngestor } from '../src/ingest/SpanIngestor';
import { SpanNormalizer } from '../src/ingest/SpanNormalizer';
import {
  JourneyCatalog,
  JourneyDefinition,
} from '../src/catalog/JourneyCatalog';
import { JourneyQueries } from '../src/query/JourneyQueries';
import { exportRequest, TestSpan } from '../src/__testUtils__/otlp';
import { order } from './orderTraces';
import { boundsWith, rollupCell } from '../src/rollups/latencyBuckets';
import { benchDir, env } from './support/benchSettings';
import { fmt, quantile } from './support/figures';
import { quietLogger as logger } from './support/quietLogger';
import { openMigrated } from './support/sqliteFiles';

const RATE = env('BENCH_RATE', 2500);
const SECONDS = env('BENCH_SECONDS', 60);
const INTERVAL_MS = env('BENCH_INTERVAL_MS', 500);
const SETTLE_MS = env('BENCH_SETTLE_MS', 1500);
const INSTANCES = env('BENCH_INSTANCES', 1_000_000);
const STATS_RUNS = env('BENCH_STATS_RUNS', 20);
const BACKLOG = env('BENCH_BACKLOG', 20_000);
const TICK_MS = 100;

const journey: JourneyDefinition = {
  ref: 'journey:default/checkout',
  title: 'Checkout',
  owner: 'group:default/orders',
  components: [],
  entry: { service: 'storefront', route: '/checkout' },
  businessKeys: ['app.order.id'],
  stuckAfterMs: 10 * 60_000,
  latencyThresholdsMs: [5000],
  objectives: [],
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const open = openMigrated;

/** Peak: a backlog of settled traces, assembled with nothing else running. */
async function backlog(dir: string) {
  const db = await open(path.join(dir, 'backlog.sqlite'));
  const spans = new DatabaseSpanStore(db);
  const instances = new DatabaseInstanceStore(db);
  const journeys = JourneyCatalog.fixed([journey], logger, ['app.order.id']);
  const normalizer = new SpanNormalizer(() => journeys.businessKeys());
  const assembler = new JourneyAssembler(instances, journeys, logger, {
    settleMs: 0,
    waitForUpstreamMs: 60_000,
    batchSize: 2000,
    maxRunMs: 3_600_000,
  });
  for (let i = 0; i < BACKLOG / 2; i += 500) {
    const byService = new Map<string, TestSpan[]>();
    for (let j = i; j < Math.min(BACKLOG / 2, i + 500); j++)
      for (const [service, list] of order(j, Date.now() - 60_000))
        byService.set(service, [...(byService.get(service) ?? []), ...list]);
    for (const [service, list] of byService)
      await spans.write(normalizer.normalize(exportRequest(service, list)));
  }
  const t0 = performance.now();
  const n = await assembler.run();
  const seconds = (performance.now() - t0) / 1000;
  await db.destroy();
  return { traces: n, perS: n / seconds };
}

async function sustainedIngest(dir: string) {
  const db = await open(path.join(dir, 'ingest.sqlite'));
  const spans = new DatabaseSpanStore(db);
  const instances = new DatabaseInstanceStore(db);
  const journeys = JourneyCatalog.fixed([journey], logger, ['app.order.id']);
  const normalizer = new SpanNormalizer(() => journeys.businessKeys());
  const assembler = new JourneyAssembler(instances, journeys, logger, {
    settleMs: SETTLE_MS,
    waitForUpstreamMs: 60_000,
    batchSize: 2000,
    maxRunMs: 10_000,
  });

  const lastWrite = new Map<string, number>();
  let sentTraces = 0;
  let sentSpans = 0;
  let stop = false;
  const started = performance.now();

  // Exporters in a worker thread; the receiver (parse, normalise, store) here, as in the backend.
  const worker = new Worker(path.join(__dirname, 'assemblyTraffic.ts'), {
    workerData: { rate: RATE, seconds: SECONDS, tickMs: TICK_MS },
  });
  const ingestor = new SpanIngestor(
    normalizer,
    spans,
    { maxQueuedSpans: 10_000_000, maxBatchSpans: 5_000 },
    logger,
  );
  const inFlight = new Set<Promise<void>>();
  const ingest = new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on(
      'message',
      (m: {
        done?: true;
        body: Uint8Array;
        traceIds: string[];
        spans: number;
      }) => {
        if (m.done) {
          void Promise.all(inFlight).then(() => resolve());
          return;
        }
        // As the receiver does: decode, then the ingestor (normalise, gather, store).
        const p = ingestor
          .ingest(decodeRequest(Buffer.from(m.body), 'protobuf'))
          .then(() => {
            const at = performance.now();
            for (const id of m.traceIds) lastWrite.set(id, at);
            sentSpans += m.spans;
            sentTraces += m.traceIds.length;
          }, reject)
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      },
    );
  });

  // The scheduler: a run, a pause, a run, until the backlog is gone after ingest stopped.
  let assembled = 0;
  let firstAssembled = 0;
  let lastAssembled = 0;
  const assembly = (async () => {
    for (;;) {
      if (process.env.BENCH_NO_ASSEMBLY) {
        if (stop) break;
        await sleep(INTERVAL_MS);
        continue;
      }
      const n = await assembler.run();
      if (n) {
        firstAssembled ||= performance.now();
        lastAssembled = performance.now();
        assembled += n;
      }
      // After the last export, until every trace is visible (or a minute has passed).
      if (
        stop &&
        (lastWrite.size === 0 ||
          performance.now() - started > (SECONDS + 60) * 1000)
      )
        break;
      await sleep(INTERVAL_MS);
    }
  })();

  // Visibility: memberships appearing (rowid order), polled every 100 ms.
  const lags: number[] = [];
  let cursor = 0;
  const poll = async () => {
    const rows = await db('journeys_instance_traces')
      .where('rowid', '>', cursor)
      .select('rowid', 'trace_id')
      .orderBy('rowid');
    const at = performance.now();
    for (const r of rows) {
      cursor = Math.max(cursor, Number(r.rowid));
      const w = lastWrite.get(r.trace_id);
      if (w !== undefined) {
        lags.push(at - w);
        lastWrite.delete(r.trace_id);
      }
    }
  };
  const watcher = (async () => {
    while (!stop || (lastWrite.size && !process.env.BENCH_NO_ASSEMBLY)) {
      await poll();
      await sleep(TICK_MS);
      if (stop && performance.now() - started > (SECONDS + 120) * 1000) break;
    }
  })();

  await ingest;
  await worker.terminate();
  const ingestSeconds = (performance.now() - started) / 1000;
  stop = true;
  await assembly;
  await watcher;
  await db.destroy();
  lags.sort((a, b) => a - b);
  const assemblySeconds = Math.max(
    0.001,
    (lastAssembled - firstAssembled) / 1000,
  );
  return {
    ingestTracesPerS: sentTraces / ingestSeconds,
    ingestSpansPerS: sentSpans / ingestSeconds,
    sentTraces,
    assembled,
    assembledPerS: assembled / assemblySeconds,
    unassembled: lastWrite.size,
    lagP50: quantile(lags, 0.5),
    lagP95: quantile(lags, 0.95),
    lagP99: quantile(lags, 0.99),
  };
}

async function statsAtScale(dir: string) {
  const db = await open(path.join(dir, 'stats.sqlite'));
  const instances = new DatabaseInstanceStore(db);
  const spans = new DatabaseSpanStore(db);
  const journeys = JourneyCatalog.fixed([journey], logger);
  const queries = new JourneyQueries(instances, spans, journeys, 1000);
  const bounds = boundsWith(journey.latencyThresholdsMs);
  const nowMs = Date.now();
  const fromUs = (nowMs - 7 * 24 * 3_600_000) * 1000;
  const cells = new Map<string, number>();
  const statuses = [
    'ok',
    'ok',
    'ok',
    'ok',
    'ok',
    'ok',
    'ok',
    'ok',
    'failed',
    'stuck',
  ] as const;
  const t0 = performance.now();
  for (let i = 0; i < INSTANCES; i += 10_000) {
    const rows = [];
    for (let j = i; j < Math.min(INSTANCES, i + 10_000); j++) {
      const startUs =
        fromUs + Math.floor(((j + 0.5) / INSTANCES) * 7 * 24 * 3_600_000_000);
      const durationUs = Math.round(200_000 + ((j * 7919) % 5000) * 1000);
      const status = statuses[j % statuses.length];
      const facts = {
        status,
        startUs,
        endUs: startUs + durationUs,
        lastActivityUs: startUs + durationUs,
        durationUs,
        firstFailureUs: null,
        recoveredUs: null,
        traceCount: 2,
        spanCount: 20,
        errorCount: status === 'failed' ? 2 : 0,
        failingStep: null,
        recoveredSteps: [],
        services: ['storefront', 'order-worker'],
      };
      const cell = rollupCell(journey.ref, facts, bounds);
      const key = `${cell.bucketStartUs}|${cell.outcome}|${cell.leMs}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
      rows.push({
        id: j.toString(16).padStart(32, '0'),
        journey: journey.ref,
        status,
        start_us: startUs,
        end_us: startUs + durationUs,
        last_activity_us: startUs + durationUs,
        duration_us: durationUs,
        trace_count: 2,
        span_count: 20,
        error_count: facts.errorCount,
        services: '["order-worker","storefront"]',
        business_keys: `{"app.order.id":"ord-${j}"}`,
      });
    }
    await db.batchInsert('journeys_instances', rows, 500);
  }
  const rollupRows = [...cells.entries()].map(([k, count]) => {
    const [bucket, outcome, le] = k.split('|');
    return {
      journey: journey.ref,
      bucket_start_us: Number(bucket),
      outcome,
      le_ms: Number(le),
      count,
    };
  });
  await db.batchInsert('journeys_rollups', rollupRows, 500);
  const hours = new Map<string, (typeof rollupRows)[number]>();
  for (const r of rollupRows) {
    const bucket = r.bucket_start_us - (r.bucket_start_us % 3_600_000_000);
    const k = `${bucket}|${r.outcome}|${r.le_ms}`;
    const seen = hours.get(k);
    if (seen) seen.count += r.count;
    else hours.set(k, { ...r, bucket_start_us: bucket });
  }
  await db.batchInsert('journeys_rollups_hourly', [...hours.values()], 500);
  const fillSeconds = (performance.now() - t0) / 1000;

  const time = async (fn: () => Promise<unknown>) => {
    await fn(); // warm
    const ms: number[] = [];
    for (let i = 0; i < STATS_RUNS; i++) {
      const s = performance.now();
      await fn();
      ms.push(performance.now() - s);
    }
    return ms.sort((a, b) => a - b);
  };
  let check: unknown;
  const rollups = await time(async () => {
    check = (await queries.stats('7d', undefined, nowMs))[0];
  });
  // The former code path: every instance row of the window, bucketed and sorted in JS.
  const rows = await time(async () => {
    const list = await db('journeys_instances')
      .where('journey', journey.ref)
      .andWhere('start_us', '>=', fromUs)
      .select('start_us', 'end_us', 'status');
    const durations = list
      .filter(r => r.status === 'ok' || r.status === 'failed')
      .map(r => (Number(r.end_us) - Number(r.start_us)) / 1000)
      .sort((a, b) => a - b);
    return quantile(durations, 0.99);
  });
  const groupBy = await time(() =>
    db('journeys_instances')
      .where('journey', journey.ref)
      .andWhere('start_us', '>=', fromUs)
      .select(db.raw('(start_us / 3600000000) as hour'), 'status')
      .count({ n: '*' })
      .groupBy('hour', 'status'),
  );
  await db.destroy();
  return {
    fillSeconds,
    rollupRows: rollupRows.length,
    rollups,
    rows,
    groupBy,
    volume: (check as { volume: number }).volume,
  };
}

async function main() {
  const dir = benchDir('journeys-assembly-');
  try {
    const b = await backlog(dir);
    console.log(
      `0. backlog: ${fmt(
        b.traces,
      )} settled traces of 10 spans assembled at ${fmt(
        b.perS,
      )} traces/s (nothing else running)`,
    );
    console.log(
      `1. sustained ingest: ${fmt(
        RATE,
      )} traces/s of 10 spans for ${SECONDS} s, assembler every ${INTERVAL_MS} ms, settle ${SETTLE_MS} ms`,
    );
    const a = await sustainedIngest(dir);
    console.log(
      `   ingest      ${fmt(a.ingestTracesPerS)} traces/s (${fmt(
        a.ingestSpansPerS,
      )} spans/s), ${fmt(a.sentTraces)} traces`,
    );
    console.log(
      `   assembly    ${fmt(a.assembledPerS)} traces/s, ${fmt(
        a.assembled,
      )} assembled, ${fmt(a.unassembled)} never visible`,
    );
    console.log(
      `   ratio       assembly / ingest = ${fmt(
        a.assembledPerS / a.ingestTracesPerS,
        2,
      )}`,
    );
    console.log(
      `   lag         p50 ${fmt(a.lagP50 / 1000, 2)} s · p95 ${fmt(
        a.lagP95 / 1000,
        2,
      )} s · p99 ${fmt(
        a.lagP99 / 1000,
        2,
      )} s (last span written → instance visible; settle ${fmt(
        SETTLE_MS / 1000,
        1,
      )} s included)`,
    );
    console.log(
      `2. 7-day stats of one journey with ${fmt(INSTANCES)} instances`,
    );
    const s = await statsAtScale(dir);
    const line = (label: string, ms: number[]) =>
      console.log(
        `   ${label.padEnd(34)} p50 ${fmt(quantile(ms, 0.5), 1)} ms · p95 ${fmt(
          quantile(ms, 0.95),
          1,
        )} ms`,
      );
    console.log(
      `   filled in ${fmt(s.fillSeconds, 1)} s; ${fmt(
        s.rollupRows,
      )} rollup rows; stats volume ${fmt(s.volume)}`,
    );
    line('stats from rollups', s.rollups);
    line('instances table, rows read (former)', s.rows);
    line('instances table, SQL GROUP BY', s.groupBy);
    console.log(
      `   ratio rollups / former = ${fmt(
        quantile(s.rollups, 0.5) / quantile(s.rows, 0.5),
        3,
      )}, rollups / GROUP BY = ${fmt(
        quantile(s.rollups, 0.5) / quantile(s.groupBy, 0.5),
        3,
      )} (p50)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
