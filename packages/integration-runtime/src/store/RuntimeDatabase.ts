import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS processed_keys (
  idempotency_key TEXT PRIMARY KEY,
  service TEXT NOT NULL,
  processed_at TEXT NOT NULL
);
-- No unique constraint on purpose: duplicates must be countable, the ledger prevents them.
CREATE TABLE IF NOT EXISTS side_effects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  service TEXT NOT NULL,
  action TEXT NOT NULL,
  business_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  detail TEXT,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS side_effects_business ON side_effects (business_id);
CREATE INDEX IF NOT EXISTS side_effects_key ON side_effects (idempotency_key);

CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  customer_tier TEXT NOT NULL,
  total TEXT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS failures (
  id TEXT PRIMARY KEY,
  drain_key TEXT NOT NULL UNIQUE,
  dlq TEXT NOT NULL,
  message_id TEXT NOT NULL,
  exchange TEXT NOT NULL,
  routing_key TEXT NOT NULL,
  consumer TEXT NOT NULL,
  content_type TEXT NOT NULL,
  headers TEXT NOT NULL,
  body BLOB NOT NULL,
  error_class TEXT NOT NULL,
  error_message TEXT NOT NULL,
  stack TEXT NOT NULL,
  stage TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  first_failure_at TEXT NOT NULL,
  last_failure_at TEXT NOT NULL,
  trace_id TEXT,
  span_id TEXT,
  idempotency_key TEXT,
  order_id TEXT,
  payment_id TEXT,
  customer_tier TEXT,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL,
  replay_count INTEGER NOT NULL,
  last_replay_id TEXT,
  replay_job_id TEXT,
  received_at TEXT NOT NULL,
  status_reason TEXT
);
CREATE INDEX IF NOT EXISTS failures_page ON failures (dlq, status, last_failure_at, id);
CREATE INDEX IF NOT EXISTS failures_order ON failures (order_id);
CREATE INDEX IF NOT EXISTS failures_payment ON failures (payment_id);
CREATE INDEX IF NOT EXISTS failures_fingerprint ON failures (dlq, fingerprint);
CREATE INDEX IF NOT EXISTS failures_trace ON failures (trace_id);
CREATE INDEX IF NOT EXISTS failures_job ON failures (replay_job_id);

-- Every dead letter ever drained, kept after its failure record is replayed or purged: a
-- broker redelivering an already drained dead letter (drain crashed before its ack)
-- must not bring the record back.
CREATE TABLE IF NOT EXISTS drained_keys (
  drain_key TEXT PRIMARY KEY,
  drained_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS replay_jobs (
  id TEXT PRIMARY KEY,
  dlq TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  requester TEXT NOT NULL,
  rate_per_second REAL NOT NULL,
  idempotency_key TEXT UNIQUE,
  selection TEXT NOT NULL,
  total INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  cancelled_by TEXT,
  error TEXT
);
CREATE TABLE IF NOT EXISTS replay_items (
  job_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  failure_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  order_id TEXT,
  outcome TEXT NOT NULL,
  detail TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
);
CREATE INDEX IF NOT EXISTS replay_items_failure ON replay_items (failure_id);
CREATE INDEX IF NOT EXISTS replay_items_outcome ON replay_items (job_id, outcome);

-- Transactional outbox: written in the transaction of the state change it announces,
-- published by the relay with confirms, then marked sent.
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL UNIQUE,
  exchange TEXT NOT NULL,
  routing_key TEXT NOT NULL,
  content_type TEXT,
  headers TEXT NOT NULL,
  body BLOB NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;

-- Who did what and why: archive, purge, replay, cancel, fault changes. Append-only.
CREATE TABLE IF NOT EXISTS admin_actions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  action TEXT NOT NULL,
  requester TEXT NOT NULL,
  reason TEXT,
  detail TEXT,
  at TEXT NOT NULL
);
`;

/**
 * The runtime's own state in one SQLite file: the dedupe ledger and side effects (in one
 * transaction, so a replay never repeats a side effect), orders, the failure store and
 * replay jobs. Separate from the broker: with RabbitMQ only this file is local.
 */
export function openRuntimeDatabase(file: string): Db {
  if (file !== ':memory:')
    fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL survives a process crash (not a power cut): enough for a demo runtime.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  addFailureClassification(db);
  return db;
}

/**
 * Files written before failures were classified get the columns; their rows say
 * `unknown` until they fail again (the headers they were classified from are kept, but
 * a one-off backfill is not worth a second code path).
 */
function addFailureClassification(db: Db) {
  const columns = new Set(
    (
      db.prepare('PRAGMA table_info(failures)').all() as Array<{
        name: string;
      }>
    ).map(c => c.name),
  );
  if (columns.has('classification')) return;
  db.exec(`
    ALTER TABLE failures ADD COLUMN classification TEXT NOT NULL DEFAULT 'unknown';
    ALTER TABLE failures ADD COLUMN classification_reason TEXT NOT NULL
      DEFAULT 'stored before failures were classified';
    CREATE INDEX IF NOT EXISTS failures_classification
      ON failures (dlq, status, classification);
  `);
}

/** Appends to the runtime's audit trail (admin_actions). */
export function recordAdminAction(
  db: Db,
  action: string,
  requester: string,
  reason: string | null,
  detail: object,
) {
  db.prepare(
    'INSERT INTO admin_actions (action, requester, reason, detail, at) VALUES (?, ?, ?, ?, ?)',
  ).run(
    action,
    requester,
    reason,
    JSON.stringify(detail),
    new Date().toISOString(),
  );
}
