import Database from 'better-sqlite3';
import os from 'node:os';
import { fmt, log, mb, percentiles } from '../support/figures';
import { IngestResult } from './receiverIngest';
import {
  CLIENTS,
  ENCODING,
  TARGET_INGEST,
  TARGET_P99_MS,
  TARGET_RATIO,
} from './settings';

interface PeerFigures {
  spansPerSecond: number;
  dbBytes: number;
}

/** The machine and versions the figures were measured on. */
export function printMachine(dir: string) {
  const cpus = os.cpus();
  const sqliteVersion = (() => {
    const d = new Database(':memory:');
    const v = d.prepare('select sqlite_version() v').get() as { v: string };
    d.close();
    return v.v;
  })();
  log('Journeys: OTLP ingest and business-key lookup');
  log(
    `  machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, ${mb(
      os.totalmem(),
    )} RAM, load average ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  log(
    `  node ${process.version}, better-sqlite3 ${
      require('better-sqlite3/package.json').version
    } (SQLite ${sqliteVersion}), ${os.platform()} ${os.release()}`,
  );
  log(`  temp dir: ${dir}`);
  log();
}

/** The closing table (markdown) of every figure with its target. */
export function printSummary({
  ing,
  peers,
  ratio,
  diagnostics,
  rows,
  best,
}: {
  ing: IngestResult;
  peers: Array<PeerFigures & { rows: number }>;
  ratio: number;
  diagnostics: Array<PeerFigures & { label: string }>;
  rows: Array<{
    spans: number;
    search: ReturnType<typeof percentiles>;
    dbBytes: number;
  }>;
  best: PeerFigures;
}) {
  log();
  log('Summary');
  log(`| figure | value | target |`);
  log(`| --- | ---: | --- |`);
  log(
    `| OTLP ingest (${ENCODING}, HTTP, ${CLIENTS} clients) | ${fmt(
      ing.spansPerSecond,
    )} spans/s | ≥ ${fmt(TARGET_INGEST)} ${
      ing.spansPerSecond >= TARGET_INGEST ? '(met)' : '(NOT met)'
    } |`,
  );
  for (const p of peers)
    log(
      `| peer: bare better-sqlite3, ${p.rows} rows per INSERT | ${fmt(
        p.spansPerSecond,
      )} spans/s | |`,
    );
  log(
    `| ratio ingest / fastest bare configuration | ${ratio.toFixed(
      2,
    )} | ≥ ${TARGET_RATIO} ${ratio >= TARGET_RATIO ? '(met)' : '(NOT met)'} |`,
  );
  for (const d of diagnostics)
    log(
      `| diagnostic: bare, ${d.label} | ${fmt(d.spansPerSecond)} spans/s | |`,
    );
  for (const r of rows) {
    log(
      `| search by order id at ${fmt(r.spans)} spans, p50 / p99 | ${fmt(
        r.search.p50,
        2,
      )} / ${fmt(r.search.p99, 2)} ms | p99 ≤ ${TARGET_P99_MS} ms ${
        r.search.p99 <= TARGET_P99_MS ? '(met)' : '(NOT met)'
      } |`,
    );
  }
  log();
  log(
    `DB files: ingest ${mb(ing.dbBytes)} (${fmt(ing.stored)} spans), peer ${mb(
      best.dbBytes,
    )}, lookup ${rows
      .map(r => `${mb(r.dbBytes)} at ${fmt(r.spans)} spans`)
      .join(', ')}`,
  );
  log(
    `load average at the end: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
}
