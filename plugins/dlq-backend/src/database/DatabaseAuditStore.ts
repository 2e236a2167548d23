import {
  AuditAction,
  AuditEntry,
  AuditOutcome,
  AuditPage,
} from '@internal/plugin-dlq-common';
import { Knex } from 'knex';

export type NewAuditEntry = {
  actor: string;
  action: AuditAction;
  runtime: string;
  dlq?: string | null;
  replayId?: string | null;
  messageCount?: number;
  reason?: string | null;
  outcome: AuditOutcome;
  detail?: string | null;
};

export interface AuditQuery {
  runtime?: string;
  dlq?: string;
  replayId?: string;
  before?: number;
  limit: number;
}

/**
 * The append-only audit trail. This class only inserts and reads; the table's triggers
 * refuse UPDATE and DELETE from anyone.
 */
export class DatabaseAuditStore {
  constructor(private readonly db: Knex) {}

  async append(entry: NewAuditEntry): Promise<void> {
    await this.db('dlq_audit').insert({
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      runtime: entry.runtime,
      dlq: entry.dlq ?? null,
      replay_id: entry.replayId ?? null,
      message_count: entry.messageCount ?? 0,
      reason: entry.reason ?? null,
      outcome: entry.outcome,
      detail: entry.detail?.slice(0, 4000) ?? null,
    });
  }

  /** Newest first, keyset-paged on the entry id. */
  async list(query: AuditQuery): Promise<AuditPage> {
    const q = this.db('dlq_audit')
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (query.runtime) q.where('runtime', query.runtime);
    if (query.dlq) q.where('dlq', query.dlq);
    if (query.replayId) q.where('replay_id', query.replayId);
    if (query.before !== undefined) q.where('id', '<', query.before);
    const rows = await q;
    const items = rows.slice(0, query.limit).map(toEntry);
    return {
      items,
      nextBefore: rows.length > query.limit ? items[items.length - 1].id : null,
    };
  }
}

function toEntry(r: any): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    runtime: r.runtime,
    dlq: r.dlq,
    replayId: r.replay_id,
    messageCount: Number(r.message_count),
    reason: r.reason,
    outcome: r.outcome,
    detail: r.detail,
  };
}
