import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS external_requests (
  system TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  step TEXT NOT NULL,
  business_id TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  first_at TEXT NOT NULL,
  repeats INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (system, idempotency_key)
);
CREATE INDEX IF NOT EXISTS external_requests_business ON external_requests (business_id);
`;

export interface ExternalAnswer {
  status: number;
  body: object;
}

export interface ExternalCounts {
  total: number;
  repeatedKeys: number;
  doubled: number;
  bySystem: Record<string, number>;
}

/**
 * The simulated external systems' own memory (payment provider, ERP, email service), in
 * a file of their own: like a Stripe-style `Idempotency-Key`, a request is performed once
 * per key and a repeated key gets the first answer back, also after their restart. It is
 * also the tap that counts what those systems saw, independent of the runtime's ledger.
 */
export class ExternalSystemsStore {
  private readonly db: Database.Database;
  private readonly find: Database.Statement;
  private readonly repeat: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(file: string) {
    if (file !== ':memory:')
      fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.find = this.db.prepare(
      'SELECT status, response FROM external_requests WHERE system = ? AND idempotency_key = ?',
    );
    this.repeat = this.db.prepare(
      'UPDATE external_requests SET repeats = repeats + 1 WHERE system = ? AND idempotency_key = ?',
    );
    this.insert = this.db.prepare(
      `INSERT INTO external_requests (system, idempotency_key, step, business_id, status, response, first_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Answers a known key with its first answer; otherwise performs the request and keeps
   * its answer when it succeeded (a refusal or an outage may be retried with the same
   * key, as with real providers). Synchronous, so two requests with one key cannot race.
   */
  once(
    system: string,
    key: string,
    request: { step: string; businessId: string },
    perform: () => ExternalAnswer,
  ): ExternalAnswer & { repeated: boolean } {
    return this.db.transaction(() => {
      const known = this.find.get(system, key) as
        | { status: number; response: string }
        | undefined;
      if (known) {
        this.repeat.run(system, key);
        return {
          status: known.status,
          body: JSON.parse(known.response),
          repeated: true,
        };
      }
      const answer = perform();
      if (answer.status >= 200 && answer.status < 300) {
        this.insert.run(
          system,
          key,
          request.step,
          request.businessId,
          answer.status,
          JSON.stringify(answer.body),
          new Date().toISOString(),
        );
      }
      return { ...answer, repeated: false };
    })();
  }

  /** What the external systems performed, optionally for one business id. */
  counts(businessId?: string): ExternalCounts {
    const b = businessId ?? null;
    const totals = this.db
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(repeats), 0) AS repeatedKeys,
                count(*) - count(DISTINCT system || '|' || step || '|' || business_id) AS doubled
         FROM external_requests WHERE (@b IS NULL OR business_id = @b)`,
      )
      .get({ b }) as { total: number; repeatedKeys: number; doubled: number };
    const rows = this.db
      .prepare(
        `SELECT system, count(*) AS n FROM external_requests
         WHERE (@b IS NULL OR business_id = @b) GROUP BY system`,
      )
      .all({ b }) as Array<{ system: string; n: number }>;
    return {
      ...totals,
      bySystem: Object.fromEntries(rows.map(r => [r.system, r.n])),
    };
  }

  close() {
    this.db.close();
  }
}
