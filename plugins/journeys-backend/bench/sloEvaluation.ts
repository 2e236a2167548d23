/*
 * Journeys: how long does one SLO evaluation cycle take at scale, beside a bare SQL aggregate
 * of the same rollup rows? On a SQLite file in a temporary folder (deleted at the end). Not a
 * test.
 *
 *   source .toolchain/env.sh
 *   yarn workspace @internal/plugin-journeys-backend bench:slo
 *   # quick check: BENCH_JOURNEYS=20 yarn workspace @internal/plugin-journeys-backend bench:slo
 *
 * Data: BENCH_JOURNEYS journeys with two objectives each (availability: 99 % of ok among
 * ok/failed/stuck over 30d; latency: 95 % at or under 5000 ms over 30d), BENCH_DAYS days of
 * rollups at about BENCH_PER_DAY instances per journey and day (Poisson per minute, a daily
 * rhythm): outcomes mostly ok with some failed, stuck, rejected and recovered-by-replay,
 * in-flight in the last minutes; latencies log-normal, bucketed with the plugin's bounds
 * (`boundsWith([5000])`, `bucketOf`). One journey in 20 has an outage in the last 45 minutes
 * and one in 20 a slowdown in the last 3 hours, so some alerts open. The hourly table is the
 * sum of the minute cells; the minute table is written for the last BENCH_MINUTE_DAYS days
 * only (an evaluation reads 3 days of it at most; 30 days of minute cells at this size are
 * about 108 million rows, 13 GB, too long to fill). Rows are written in time order, journeys
 * interleaved, as assembly writes them (so a journey's cells are spread over the table's
 * pages as in production), by bare better-sqlite3 (no journal, no fsync: fill only) after the
 * plugin's migrations ran through `connect()`; measured through knex with default settings,
 * as the plugin opens it.
 *
 * Printed:
 * (a) `SloEvaluator.run(now)`: one evaluation of every objective (the first run opens the
 *     alerts, then BENCH_RUNS runs at the same moment), p50 and max;
 * (b) the peer: a bare SQL aggregate of the same rows, per journey
 *     `SELECT outcome, le_ms, SUM(count) … GROUP BY outcome, le_ms` over the minute cells of
 *     the last 3 days (the longest burn window) and the hourly cells of the 30-day SLO window,
 *     BENCH_PEER_RUNS times;
 * (c) the ratio cycle / peer (p50);
 * then, as diagnostics: the ranges the cycle reads now summed by bare SQL (one SUM per
 * range, no classification: how much of the cycle is the reading itself), and
 * BENCH_FORMER_RUNS times the former reading (every objective's report as the evaluator
 * computed it before: all those cells read per objective, classified in JS) with the number
 * of reports of the cycle that differ from it (must be 0).
 *
 * Environment (defaults in brackets): BENCH_JOURNEYS [500], BENCH_DAYS [30],
 * BENCH_PER_DAY [10000], BENCH_MINUTE_DAYS [4], BENCH_RUNS [5], BENCH_PEER_RUNS [3],
 * BENCH_FORMER_RUNS [1] (0 skips it and the check), BENCH_DIR [os.tmpdir()].
 */
import { JourneyObjective } from '@internal/plugin-journeys-common';
import Database from 'better-sqlite3';
import { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { DatabaseAlertStore } from '../src/database/DatabaseAlertStore';
import { DatabaseInstanceStore } from '../src/database/DatabaseInstanceStore';
import {
  JourneyCatalog,
  JourneyDefinition,
} from '../src/catalog/JourneyCatalog';
import {
  boundsWith,
  bucketOf,
  OVERFLOW_LE_MS,
} from '../src/rollups/latencyBuckets';
import { BURN_WINDOWS_MS, scaledRules } from '../src/slo/burnRate';
import { EvaluationPlan } from '../src/slo/EvaluationPlan';
import {
  SloEvaluator,
  SloEvaluatorOptions,
  SloReport,
} from '../src/slo/SloEvaluator';
import { formerSloReport } from '../src/__testUtils__/formerSloReport';
import { benchDir, env } from './support/benchSettings';
import { fmt, quantile } from './support/figures';
import { quietLogger as logger } from './support/quietLogger';
import { MultiInsert, openMigrated } from './support/sqliteFiles';

const JOURNEYS = env('BENCH_JOURNEYS', 500);
const DAYS = env('BENCH_DAYS', 30);
const PER_DAY = env('BENCH_PER_DAY', 10_000);
const MINUTE_DAYS = Math.min(DAYS, env('BENCH_MINUTE_DAYS', 4));
const RUNS = env('BENCH_RUNS', 5);
const PEER_RUNS = env('BENCH_PEER_RUNS', 3);
const FORMER_RUNS = env('BENCH_FORMER_RUNS', 1);

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const THRESHOLD_MS = 5000;
const options: SloEvaluatorOptions = { minValidEvents: 10 };
const SLO_WINDOW = '30d';

const objectives: JourneyObjective[] = [
  {
    name: 'availability',
    target: 0.99,
    timeWindow: SLO_WINDOW,
    indicator: {
      ratio: {
        good: { status: ['ok'] },
        total: { status: ['ok', 'failed', 'stuck'] },
      },
    },
  },
  {
    name: 'latency',
    target: 0.95,
    timeWindow: SLO_WINDOW,
    indicator: { latency: { thresholdMs: THRESHOLD_MS } },
  },
];

const journeyRef = (j: number) =>
  `journey:default/journey-${String(j).padStart(4, '0')}`;
const definitions: JourneyDefinition[] = Array.from(
  { length: JOURNEYS },
  (_, j) => ({
    ref: journeyRef(j),
    title: `Journey ${j}`,
    owner: `group:default/team-${j % 40}`,
    components: [],
    entry: { service: `service-${j}`, route: '/start' },
    businessKeys: ['app.order.id'],
    stuckAfterMs: 10 * MINUTE_MS,
    latencyThresholdsMs: [THRESHOLD_MS],
    objectives,
  }),
);
// What SloEvaluator reads of the catalog.
const catalog = {
  loaded: true,
  list: () => definitions,
  get: (ref: string) => definitions.find(d => d.ref === ref),
} as unknown as JourneyCatalog;

// ---------------------------------------------------------------------------------------
// Synthetic rollups
// ---------------------------------------------------------------------------------------

/** A small seeded generator (mulberry32), so every run writes the same cells. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(lambda: number, rnd: () => number) {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k++;
    p *= rnd();
  }
  return k;
}

const BOUNDS = boundsWith([THRESHOLD_MS]);
const LE = [...BOUNDS, OVERFLOW_LE_MS];

/**
 * Latency buckets of a log-normal distribution (median, sigma), as a table of 4096
 * quantiles: a draw is one lookup.
 */
function latencyTable(medianMs: number, sigma: number, seed: number) {
  const rnd = random(seed);
  const samples = Array.from({ length: 4096 }, () => {
    const u = 1 - rnd();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
    return medianMs * Math.exp(sigma * z);
  }).sort((x, y) => x - y);
  return Uint8Array.from(samples, ms => LE.indexOf(bucketOf(ms, BOUNDS)));
}

const OUTCOMES = [
  'ok',
  'failed',
  'stuck',
  'rejected',
  'recovered-by-replay',
  'in-flight',
] as const;
const [OK, FAILED, STUCK, REJECTED, RECOVERED, IN_FLIGHT] = [0, 1, 2, 3, 4, 5];
const LATENCY = {
  ok: latencyTable(900, 0.7, 1),
  slow: latencyTable(8000, 0.7, 2),
  failed: latencyTable(2500, 1, 3),
  rejected: latencyTable(40, 0.5, 4),
  recovered: latencyTable(30 * MINUTE_MS, 1, 5),
};
const NO_LATENCY = LE.length; // index of le_ms 0 (stuck, in-flight)

const key = (outcome: number, le: number) => outcome * 256 + le;

/**
 * One journey's instances, minute after minute (seeded per journey): its cells per minute,
 * summed per hour.
 */
class JourneyStream {
  private readonly rnd: () => number;
  private readonly ref: string;
  private readonly outage: boolean;
  private readonly slowdown: boolean;
  instances = 0;

  constructor(j: number, private readonly nowMinute: number) {
    this.rnd = random(1000 + j);
    this.ref = journeyRef(j);
    this.outage = j % 20 === 0;
    this.slowdown = j % 20 === 1;
  }

  /**
   * The rows of minutes `from` to `to` (within one hour): minute rows (from `minuteRowsFrom`
   * on) into `minuteRows[offset]`, and each hourly row into `hourRows[offset]` at the minute
   * its first instance started, where assembly would create it.
   */
  hour(
    from: number,
    to: number,
    minuteRowsFrom: number,
    minuteRows: unknown[][][],
    hourRows: unknown[][][],
  ) {
    const rnd = this.rnd;
    const pick = (table: Uint8Array) => table[(rnd() * 4096) | 0];
    const hour = new Map<number, { count: number; first: number }>();
    const hourUs = Math.floor(from / 60) * HOUR_MS * 1000;
    for (let m = from; m < to; m++) {
      const age = this.nowMinute - m;
      // A daily rhythm around PER_DAY / 1440 a minute, busiest mid-afternoon (UTC).
      const dayPhase = ((m % 1440) / 1440 - 0.35) * 2 * Math.PI;
      const n = poisson((PER_DAY / 1440) * (1 + 0.6 * Math.sin(dayPhase)), rnd);
      const failRatio = this.outage && age < 45 ? 0.25 : 0.005;
      const okLatency = this.slowdown && age < 180 ? LATENCY.slow : LATENCY.ok;
      const minute = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        let k: number;
        if (age < 10 && rnd() < (10 - age) / 12) k = key(IN_FLIGHT, NO_LATENCY);
        else {
          const u = rnd();
          if (u < failRatio) k = key(FAILED, pick(LATENCY.failed));
          else if (u < failRatio + 0.002) k = key(STUCK, NO_LATENCY);
          else if (u < failRatio + 0.014)
            k = key(REJECTED, pick(LATENCY.rejected));
          else if (u < failRatio + 0.018)
            k = key(RECOVERED, pick(LATENCY.recovered));
          else k = key(OK, pick(okLatency));
        }
        minute.set(k, (minute.get(k) ?? 0) + 1);
      }
      this.instances += n;
      const offset = m - from;
      for (const [k, count] of minute) {
        if (m >= minuteRowsFrom)
          minuteRows[offset].push(this.row(m * MINUTE_MS * 1000, k, count));
        const cell = hour.get(k);
        if (cell) cell.count += count;
        else hour.set(k, { count, first: offset });
      }
    }
    for (const [k, cell] of hour)
      hourRows[cell.first].push(this.row(hourUs, k, cell.count));
  }

  private row(bucketUs: number, k: number, count: number) {
    const le = k % 256;
    return [
      this.ref,
      bucketUs,
      OUTCOMES[Math.floor(k / 256)],
      le === NO_LATENCY ? 0 : LE[le],
      count,
    ];
  }
}

/**
 * Writes the cells in time order, as assembly does (rows of all journeys interleaved, an
 * hourly row created when its first instance is counted), so the tables' pages hold what
 * they hold in production. Rows go to unindexed staging tables first, one transaction per
 * hour, then into the plugin's tables in that order with one INSERT … SELECT each (the
 * indexes are maintained row by row as in production, only without a statement per row
 * batch from JS, which is 5–8 times slower here). Returns row counts.
 */
function fill(file: string, nowMinute: number) {
  const db = new Database(file);
  // Fill-only settings (this connection only): no journal, no fsync, a bigger page cache.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  const tables = ['journeys_rollups', 'journeys_rollups_hourly'];
  const columns = 'journey,bucket_start_us,outcome,le_ms,count';
  for (const t of tables)
    db.exec(
      `CREATE TEMP TABLE staged_${t} (journey TEXT, bucket_start_us INTEGER, outcome TEXT, le_ms INTEGER, count INTEGER)`,
    );
  const [minutes, hours] = tables.map(
    t => new MultiInsert(db, `INSERT INTO staged_${t} (${columns})`, 5, 100),
  );
  const write = db.transaction(
    (minuteRows: unknown[][], hourRows: unknown[][]) => {
      minutes.run(minuteRows);
      hours.run(hourRows);
    },
  );
  const streams = Array.from(
    { length: JOURNEYS },
    (_, j) => new JourneyStream(j, nowMinute),
  );
  const firstMinute = nowMinute - DAYS * 1440 + 1;
  const minuteRowsFrom = nowMinute - MINUTE_DAYS * 1440 + 1;
  const totals = { minuteRows: 0, hourRows: 0, instances: 0 };
  for (let from = firstMinute; from <= nowMinute; ) {
    const to = Math.min(nowMinute + 1, (Math.floor(from / 60) + 1) * 60);
    const minuteRows = Array.from({ length: 60 }, () => [] as unknown[][]);
    const hourRows = Array.from({ length: 60 }, () => [] as unknown[][]);
    for (const s of streams)
      s.hour(from, to, minuteRowsFrom, minuteRows, hourRows);
    const m = minuteRows.flat();
    const h = hourRows.flat();
    write(m, h);
    totals.minuteRows += m.length;
    totals.hourRows += h.length;
    from = to;
  }
  for (const t of tables) {
    db.exec(
      `INSERT INTO ${t} (${columns}) SELECT ${columns} FROM staged_${t} ORDER BY rowid`,
    );
    db.exec(`DROP TABLE staged_${t}`);
  }
  totals.instances = streams.reduce((n, s) => n + s.instances, 0);
  db.close();
  return totals;
}

// ---------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------

/** The peer: per journey, the minute cells of the last 3 days and the hourly cells of the
 * SLO window, summed per outcome and latency bucket by the database. */
async function peer(db: Knex, nowMs: number) {
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const burnFromUs =
    (nowMinute - BURN_WINDOWS_MS['3d'] / MINUTE_MS + 1) * MINUTE_MS * 1000;
  const windowFromUs =
    Math.floor((nowMs - 30 * DAY_MS) / HOUR_MS) * HOUR_MS * 1000;
  const toUs = (nowMinute + 1) * MINUTE_MS * 1000;
  let cells = 0;
  for (const d of definitions) {
    for (const [table, fromUs] of [
      ['journeys_rollups', burnFromUs],
      ['journeys_rollups_hourly', windowFromUs],
    ] as const) {
      const rows = await db(table)
        .where('journey', d.ref)
        .andWhere('bucket_start_us', '>=', fromUs)
        .andWhere('bucket_start_us', '<', toUs)
        .select('outcome', 'le_ms')
        .sum({ n: 'count' })
        .groupBy('outcome', 'le_ms');
      cells += rows.length;
    }
  }
  return cells;
}

/**
 * Diagnostic: the ranges the cycle reads now (`EvaluationPlan`), summed bare (one
 * `SUM(count)` per range, one statement per journey): how much of the cycle is the reading.
 */
async function planned(db: Knex, nowMs: number) {
  const plan = new EvaluationPlan(
    nowMs,
    [
      ...Object.values(BURN_WINDOWS_MS),
      ...scaledRules(30 * DAY_MS).flatMap(r => [
        r.longWindowMs,
        r.shortWindowMs,
      ]),
    ],
    [30 * DAY_MS],
  );
  for (const d of definitions) {
    const bindings: Array<string | number> = [];
    const sql = plan.ranges
      .map(r => {
        bindings.push(d.ref, r.fromUs, r.toUs);
        return `SELECT SUM(count) AS n FROM ${
          r.table === 'hour' ? 'journeys_rollups_hourly' : 'journeys_rollups'
        } WHERE journey = ? AND bucket_start_us >= ? AND bucket_start_us < ?`;
      })
      .join(' UNION ALL ');
    await db.raw(sql, bindings);
  }
  return plan.ranges.length;
}

async function timed(runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b);
}

async function main() {
  const dir = benchDir('journeys-slo-');
  const file = path.join(dir, 'slo.sqlite');
  let db: Knex | undefined;
  try {
    db = await openMigrated(file);
    const nowMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS + 30_000;
    const nowMinute = Math.floor(nowMs / MINUTE_MS);

    console.log(
      `SLO evaluation: ${fmt(JOURNEYS)} journeys × ${
        objectives.length
      } objectives (${fmt(
        JOURNEYS * objectives.length,
      )}), ${DAYS} days of rollups at ~${fmt(
        PER_DAY,
      )} instances per journey and day; minute cells for the last ${MINUTE_DAYS} days`,
    );
    const t0 = performance.now();
    const size = fill(file, nowMinute);
    console.log(
      `   filled in ${fmt((performance.now() - t0) / 1000, 1)} s: ${fmt(
        size.instances,
      )} instances, ${fmt(size.minuteRows)} minute rows, ${fmt(
        size.hourRows,
      )} hourly rows, ${fmt(fs.statSync(file).size / 2 ** 20)} MiB`,
    );

    const instances = new DatabaseInstanceStore(db);
    const evaluator = new SloEvaluator(
      instances,
      new DatabaseAlertStore(db),
      catalog,
      undefined,
      logger,
      options,
    );
    const knex = db;
    let first: Awaited<ReturnType<SloEvaluator['run']>> | undefined;
    const firstMs = await timed(1, async () => {
      first = await evaluator.run(nowMs);
    });
    const cycles = await timed(RUNS, () => evaluator.run(nowMs));
    let peerCells = 0;
    const peers = await timed(PEER_RUNS, async () => {
      peerCells = await peer(knex, nowMs);
    });
    let rangesPerJourney = 0;
    const bare = await timed(PEER_RUNS, async () => {
      rangesPerJourney = await planned(knex, nowMs);
    });
    // The former reading: each objective's 3 days of minute cells and 30 days of hourly
    // cells, classified in JS (the reports only, without the alert bookkeeping); then every
    // report of the cycle is checked against it.
    const former: SloReport[] = [];
    const formerMs = await timed(FORMER_RUNS, async () => {
      former.length = 0;
      for (const d of definitions)
        for (const o of d.objectives)
          former.push(await formerSloReport(instances, d, o, nowMs, options));
    });
    let differing = 0;
    if (FORMER_RUNS > 0)
      for (const d of definitions)
        for (const o of d.objectives) {
          const now = await evaluator.report(d, o, nowMs);
          if (!isDeepStrictEqual(now, former.shift())) differing++;
        }

    const line = (label: string, ms: number[]) =>
      console.log(
        `   ${label.padEnd(44)} p50 ${fmt(quantile(ms, 0.5))} ms · max ${fmt(
          ms[ms.length - 1],
        )} ms (${ms.length} runs)`,
      );
    console.log(
      `   first cycle ${fmt(firstMs[0])} ms (opened ${
        first?.opened.length
      } alerts)`,
    );
    line('(a) cycle: SloEvaluator.run(now)', cycles);
    line(`(b) peer: SQL GROUP BY (${fmt(peerCells)} cells)`, peers);
    console.log(
      `   (c) ratio cycle / peer = ${fmt(
        quantile(cycles, 0.5) / quantile(peers, 0.5),
        2,
      )} (p50)`,
    );
    line(
      `the cycle's ranges, bare SUM (${rangesPerJourney} per journey)`,
      bare,
    );
    if (FORMER_RUNS > 0) {
      line('former reading (reports only)', formerMs);
      console.log(
        `   reports differing from the former reading: ${differing} of ${fmt(
          JOURNEYS * objectives.length,
        )}`,
      );
    }
  } finally {
    await db?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
