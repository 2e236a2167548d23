import { Db } from './RuntimeDatabase';

/**
 * The key a consumer dedupes on: the message's idempotency key (business id + event)
 * plus the consuming queue (the action). Replay planning asks the same question.
 */
export const actionKey = (messageKey: string, queue: string) =>
  `${messageKey}@${queue}`;

export interface SideEffect {
  service: string;
  action: string;
  businessId: string;
  detail?: object;
}

/**
 * Dedupe ledger + side-effect journal in one transaction: a replayed or duplicated
 * message never repeats a side effect. Side effects are journaled without a unique
 * constraint on purpose, so a duplicate would be visible (and tests count them).
 */
export class Ledger {
  constructor(private readonly db: Db) {}

  isProcessed(key: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM processed_keys WHERE idempotency_key = ?')
      .get(key);
  }

  /** Records the side effect unless the key was processed; true when it was recorded now. */
  record(key: string, effect: SideEffect): boolean {
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      const res = this.db
        .prepare(
          'INSERT OR IGNORE INTO processed_keys (idempotency_key, service, processed_at) VALUES (?, ?, ?)',
        )
        .run(key, effect.service, now);
      if (res.changes === 0) return false;
      this.db
        .prepare(
          `INSERT INTO side_effects (service, action, business_id, idempotency_key, detail, at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          effect.service,
          effect.action,
          effect.businessId,
          key,
          effect.detail ? JSON.stringify(effect.detail) : null,
          now,
        );
      return true;
    })();
  }

  sideEffects(options: { businessId?: string; limit: number }) {
    const items = this.db
      .prepare(
        `SELECT service, action, business_id AS businessId, idempotency_key AS idempotencyKey, at
         FROM side_effects WHERE (@b IS NULL OR business_id = @b)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ b: options.businessId ?? null, limit: options.limit }) as Array<{
      service: string;
      action: string;
      businessId: string;
      idempotencyKey: string;
      at: string;
    }>;
    const { total, duplicates } = this.db
      .prepare(
        `SELECT count(*) AS total, count(*) - count(DISTINCT idempotency_key) AS duplicates
         FROM side_effects WHERE (@b IS NULL OR business_id = @b)`,
      )
      .get({ b: options.businessId ?? null }) as {
      total: number;
      duplicates: number;
    };
    return { items, total, duplicates };
  }
}
