/*
 * Journeys: OTLP ingest throughput (with its bare-SQLite peer) and business-key lookup
 * latency at 1M and 10M stored spans, measured in one run. Not a test.
 *
 *   source .toolchain/env.sh
 *   yarn workspace @internal/plugin-journeys-backend bench
 *
 * Environment overrides (defaults in brackets):
 *   BENCH_INGEST_SPANS [300000]   spans sent through POST /v1/traces (1,000 per request)
 *   BENCH_CLIENTS [4]             concurrent HTTP clients
 *   BENCH_ENCODING [protobuf]     protobuf | json
 *   BENCH_INGEST_MAX_SECONDS [900] the clients stop sending after this
 *   BENCH_SPANS_SMALL [1000000]   stored spans for the first lookup measurement
 *   BENCH_SPANS_LARGE [10000000]  stored spans for the second (0 skips it)
 *   BENCH_LOOKUPS [2000]          searches per size
 *   BENCH_DIR [os.tmpdir()]       where the temporary database files go (deleted at the end)
 *
 * The traffic is in ingest/checkoutTraffic.ts, the three measurements in ingest/receiverIngest.ts,
 * ingest/bareSqlitePeer.ts and ingest/businessKeyLookup.ts, the header and summary table in
 * ingest/report.ts; support/ holds what the three benches share.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JourneyCatalog } from '../src/catalog/JourneyCatalog';
import { decodeRequest } from '../src/ingest/OtlpDecoder';
import { DEFAULT_LIMITS, SpanNormalizer } from '../src/ingest/SpanNormalizer';
import { peer } from './ingest/bareSqlitePeer';
import { fill, lookups } from './ingest/businessKeyLookup';
import { buildRequest, OtlpTrace, traceStream } from './ingest/checkoutTraffic';
import { ingest } from './ingest/receiverIngest';
import { printMachine, printSummary } from './ingest/report';
import {
  BUSINESS_KEYS,
  CLIENTS,
  ENCODING,
  INGEST_SPANS,
  LOOKUPS,
  PEER_BATCH,
  SPANS_LARGE,
  SPANS_PER_REQUEST,
  SPANS_SMALL,
  TARGET_INGEST,
  TARGET_P99_MS,
  TARGET_RATIO,
  TRACES_PER_REQUEST,
} from './ingest/settings';
import { benchDir } from './support/benchSettings';
import { fmt, log, mb, percentiles } from './support/figures';
import { quietLogger as logger } from './support/quietLogger';
import { fileSize, openMigrated } from './support/sqliteFiles';

async function main() {
  const dir = benchDir('journeys-bench-');
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    printMachine(dir);

    // Request bodies, built before any timing.
    const requests = Math.ceil(INGEST_SPANS / SPANS_PER_REQUEST);
    let t = performance.now();
    const stream = traceStream(0, (Date.now() - 3_600_000) * 1000);
    const bodies: Buffer[] = [];
    for (let r = 0; r < requests; r++) {
      const traces: OtlpTrace[] = [];
      for (let i = 0; i < TRACES_PER_REQUEST; i++)
        traces.push(stream.next().value as OtlpTrace);
      bodies.push(buildRequest(traces, ENCODING === 'json'));
    }
    // Sanity: the first body decodes and normalizes to 1,000 good spans.
    const checkCatalog = JourneyCatalog.fixed([], logger, BUSINESS_KEYS);
    const normalizer = new SpanNormalizer(
      () => checkCatalog.businessKeys(),
      DEFAULT_LIMITS,
    );
    const first = normalizer.normalize(decodeRequest(bodies[0], ENCODING));
    if (first.spans.length !== SPANS_PER_REQUEST || first.rejected)
      throw new Error(
        `the first request normalizes to ${first.spans.length} spans, ${
          first.rejected
        } rejected: ${first.errors.join('; ')}`,
      );
    log(
      `1. OTLP ingest: ${fmt(requests)} requests × ${fmt(
        SPANS_PER_REQUEST,
      )} spans (${ENCODING}, ${mb(
        bodies.reduce((n, b) => n + b.length, 0) / requests,
      )} each, built in ${fmt(
        (performance.now() - t) / 1000,
        1,
      )} s), ${CLIENTS} concurrent clients`,
    );
    log(
      `   stored detail JSON per span: ${fmt(
        first.spans.reduce((n, s) => n + s.detail.length, 0) /
          first.spans.length,
      )} bytes; ${first.keys.length} key rows and ${
        first.links.length
      } link rows per request`,
    );
    const ing = await ingest(dir, bodies);
    log(
      `   ${fmt(ing.spans)} spans in ${fmt(ing.seconds, 2)} s → ${fmt(
        ing.spansPerSecond,
      )} spans/s (target ≥ ${fmt(TARGET_INGEST)})${
        ing.stoppedEarly ? ' [stopped at the time limit]' : ''
      }`,
    );
    log(
      `   request latency p50 ${fmt(ing.requestP50, 1)} ms, p99 ${fmt(
        ing.requestP99,
        1,
      )} ms; 429 retries ${ing.retries}; spans in the database ${fmt(
        ing.stored,
      )}; DB file ${mb(ing.dbBytes)}`,
    );
    log(
      `   store: ${fmt(ing.writes)} transactions, ${fmt(
        ing.spans / ing.writes,
      )} spans each on average; ${fmt(
        ing.writeSeconds,
        2,
      )} s inside DatabaseSpanStore.write (${fmt(
        (100 * ing.writeSeconds) / ing.seconds,
      )}% of the wall time)`,
    );
    if (ing.stored !== ing.spans)
      throw new Error(
        `the database holds ${ing.stored} spans, ${ing.spans} were acknowledged`,
      );

    // Peer on the same rows.
    t = performance.now();
    const batches = bodies.map(b =>
      normalizer.normalize(decodeRequest(b, ENCODING)),
    );
    bodies.length = 0;
    log();
    log(
      `2. Peer: bare better-sqlite3, the same ${fmt(
        batches.reduce((n, b) => n + b.spans.length, 0),
      )} rows pre-normalised (${fmt(
        (performance.now() - t) / 1000,
        1,
      )} s, untimed), ${fmt(PEER_BATCH)} spans per transaction`,
    );
    const peers = [];
    for (const rows of [50, 200]) {
      const p = await peer(dir, batches, rows, PEER_BATCH);
      peers.push({ rows, ...p });
      log(
        `   ${rows} rows per INSERT: ${fmt(p.spans)} spans in ${fmt(
          p.seconds,
          2,
        )} s → ${fmt(p.spansPerSecond)} spans/s (${p.pragmas}); DB file ${mb(
          p.dbBytes,
        )}`,
      );
    }
    // Diagnostics (not the peer): the transaction size the ingestor actually committed, and WAL.
    const txSize = Math.max(1, Math.round(ing.spans / ing.writes));
    const diagnostics = [];
    const variants: Array<[number, { wal?: boolean; cacheMiB?: number }]> = [
      [txSize, {}],
      [txSize, { wal: true }],
      [PEER_BATCH, { wal: true }],
      [PEER_BATCH, { wal: true, cacheMiB: 64 }],
    ];
    for (const [tx, tuning] of variants) {
      const p = await peer(dir, batches, 50, tx, tuning);
      const label = `${fmt(tx)} spans per transaction${
        tuning.wal ? ', WAL + synchronous=NORMAL' : ''
      }${tuning.cacheMiB ? `, ${tuning.cacheMiB} MiB page cache` : ''}`;
      diagnostics.push({ label, ...p });
      log(
        `   diagnostic, 50 rows per INSERT, ${label}: ${fmt(
          p.spansPerSecond,
        )} spans/s (${p.pragmas})`,
      );
    }
    batches.length = 0;
    const best = peers.reduce((a, b) =>
      b.spansPerSecond > a.spansPerSecond ? b : a,
    );
    // The ratio is taken against the fastest bare configuration measured, WAL variants
    // included (the store itself runs SQLite in WAL mode), so tuning cannot flatter it.
    const fastest = Math.max(
      best.spansPerSecond,
      ...diagnostics.map(d => d.spansPerSecond),
    );
    const ratio = ing.spansPerSecond / fastest;
    log(
      `   ratio ingest / fastest bare configuration (${fmt(
        fastest,
      )} spans/s): ${ratio.toFixed(
        2,
      )} (target ≥ ${TARGET_RATIO}); against the default-journal peer (${
        best.rows
      } rows): ${(ing.spansPerSecond / best.spansPerSecond).toFixed(2)}`,
    );

    // Lookups.
    log();
    log(
      `3. Business-key lookup: JourneyQueries.search(orderId), ${fmt(
        LOOKUPS,
      )} random existing order ids per size`,
    );
    log(
      "   fill: bare better-sqlite3 inserts into the plugin's tables (schema from its migration): spans, traces, keys, links, one instance per order (3 traces, 30 spans)",
    );
    const file = path.join(dir, 'lookup.sqlite');
    await (await openMigrated(file)).destroy();
    const rows: Array<{
      spans: number;
      search: ReturnType<typeof percentiles>;
      raw: ReturnType<typeof percentiles>;
      dbBytes: number;
      fillSeconds: number;
    }> = [];
    let orders = 0;
    const t0Us = (Date.now() - 7 * 24 * 3_600_000) * 1000;
    for (const target of [SPANS_SMALL, SPANS_LARGE].filter(n => n > 0)) {
      const upTo = Math.ceil(target / 30);
      log(`   filling to ${fmt(upTo * 30)} spans (${fmt(upTo)} orders)…`);
      const f = fill(file, orders, upTo, t0Us);
      orders = upTo;
      log(
        `   filled ${fmt(f.spans)} spans in ${fmt(f.seconds, 1)} s (${fmt(
          f.spans / f.seconds,
        )} spans/s, detail ${fmt(f.detailBytes)} bytes/span); DB file ${mb(
          fileSize(file),
        )}`,
      );
      const l = await lookups(file, orders);
      log(`   sample: ${l.sample}`);
      log(
        `   at ${fmt(orders * 30)} spans: search p50 ${fmt(
          l.search.p50,
          2,
        )} ms, p99 ${fmt(l.search.p99, 2)} ms, max ${fmt(
          l.search.max,
          1,
        )} ms (target p99 ≤ ${TARGET_P99_MS} ms); tracesByValue+instancesOf p50 ${fmt(
          l.raw.p50,
          2,
        )} ms, p99 ${fmt(l.raw.p99, 2)} ms`,
      );
      rows.push({
        spans: orders * 30,
        search: l.search,
        raw: l.raw,
        dbBytes: fileSize(file),
        fillSeconds: f.seconds,
      });
    }

    printSummary({ ing, peers, ratio, diagnostics, rows, best });
  } finally {
    cleanup();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
