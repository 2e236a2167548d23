import { Knex } from 'knex';
import { RedKpi, RedKpiStore } from './RedKpiStore';

const TABLE = 'scorecards_red_kpis';
const CHECKS = 'scorecards_red_kpi_checks';
/** Rows per statement: 6 columns stay far below SQLite's and PostgreSQL's bind limits. */
const BATCH = 500;

interface RedKpiRow {
  entity_ref: string;
  kpi_id: string;
  day: string | number;
  since: string | number;
  value: string | number;
  notified_at: string | number | null;
}

export class DatabaseRedKpiStore implements RedKpiStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<RedKpi[]> {
    const rows: RedKpiRow[] = await this.db(TABLE)
      .select('*')
      .orderBy(['entity_ref', 'kpi_id']);
    // PostgreSQL returns bigint as a string; SQLite as a number.
    return rows.map(r => ({
      entityRef: r.entity_ref,
      kpiId: r.kpi_id,
      day: Number(r.day),
      since: Number(r.since),
      value: Number(r.value),
      notifiedAt: r.notified_at === null ? undefined : Number(r.notified_at),
    }));
  }

  async hasChecked(): Promise<boolean> {
    return (await this.db(CHECKS).first('day')) !== undefined;
  }

  async apply(changes: Parameters<RedKpiStore['apply']>[0]): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < changes.turnedRed.length; i += BATCH) {
        await tx(TABLE)
          .insert(
            changes.turnedRed.slice(i, i + BATCH).map(r => ({
              entity_ref: r.entityRef,
              kpi_id: r.kpiId,
              day: r.day,
              since: r.since,
              value: r.value,
              notified_at: r.notifiedAt ?? null,
            })),
          )
          // Another check got there first: its row (and notification) stands.
          .onConflict(['entity_ref', 'kpi_id'])
          .ignore();
      }
      for (const r of changes.stillRed)
        await tx(TABLE)
          .where({ entity_ref: r.entityRef, kpi_id: r.kpiId })
          .andWhere('day', '<', r.day)
          .update({ day: r.day });
      await tx(CHECKS)
        .insert({ day: changes.day, checked_at: changes.checkedAt })
        .onConflict('day')
        .merge(['checked_at']);
      for (const r of changes.cleared)
        await tx(TABLE)
          .where({ entity_ref: r.entityRef, kpi_id: r.kpiId })
          .delete();
    });
  }

  async markNotified(entityRef: string, kpiId: string, at: number) {
    await this.db(TABLE)
      .where({ entity_ref: entityRef, kpi_id: kpiId })
      .update({ notified_at: at });
  }
}
