import { Knex } from 'knex';

export type AlertSeverity = 'page' | 'ticket';

export interface AlertRow {
  id: number;
  journey: string;
  objective: string;
  severity: AlertSeverity;
  firingSinceUs: number;
  resolvedAtUs: number | null;
  figures: Record<string, unknown>;
  notifiedFiring: boolean;
  notifiedResolved: boolean;
}

const toRow = (r: any): AlertRow => ({
  id: Number(r.id),
  journey: r.journey,
  objective: r.objective,
  severity: r.severity,
  firingSinceUs: Number(r.firing_since_us),
  resolvedAtUs:
    r.resolved_at_us === null || r.resolved_at_us === undefined
      ? null
      : Number(r.resolved_at_us),
  figures: JSON.parse(r.figures),
  notifiedFiring: r.notified_firing === true || Number(r.notified_firing) === 1,
  notifiedResolved:
    r.notified_resolved === true || Number(r.notified_resolved) === 1,
});

/** journeys_slo_alerts: SLO burn-rate alerts, open and resolved. */
export class DatabaseAlertStore {
  constructor(private readonly db: Knex) {}

  private get truthy() {
    return String(this.db.client.config.client) === 'pg' ? true : 1;
  }
  private get falsy() {
    return String(this.db.client.config.client) === 'pg' ? false : 0;
  }

  async open(): Promise<AlertRow[]> {
    return (
      await this.db('journeys_slo_alerts').whereNull('resolved_at_us')
    ).map(toRow);
  }

  /** Opens an alert unless one is open for the same journey, objective and severity. */
  async fire(alert: {
    journey: string;
    objective: string;
    severity: AlertSeverity;
    firingSinceUs: number;
    figures: Record<string, unknown>;
  }): Promise<AlertRow | undefined> {
    return this.db.transaction(async tx => {
      const open = await tx('journeys_slo_alerts')
        .where({
          journey: alert.journey,
          objective: alert.objective,
          severity: alert.severity,
        })
        .whereNull('resolved_at_us')
        .first();
      if (open) return undefined;
      const [row] = await tx('journeys_slo_alerts')
        .insert({
          journey: alert.journey,
          objective: alert.objective,
          severity: alert.severity,
          firing_since_us: alert.firingSinceUs,
          figures: JSON.stringify(alert.figures),
        })
        .returning('*');
      return toRow(row);
    });
  }

  async resolve(id: number, atUs: number): Promise<AlertRow | undefined> {
    const [row] = await this.db('journeys_slo_alerts')
      .where('id', id)
      .whereNull('resolved_at_us')
      .update({ resolved_at_us: atUs })
      .returning('*');
    return row ? toRow(row) : undefined;
  }

  async markNotified(id: number, what: 'firing' | 'resolved') {
    await this.db('journeys_slo_alerts')
      .where('id', id)
      .update({ [`notified_${what}`]: this.truthy });
  }

  /** Alerts whose firing or resolve nobody was told of yet (a restart in between). */
  async unannounced(): Promise<AlertRow[]> {
    const rows = await this.db('journeys_slo_alerts')
      .where('notified_firing', this.falsy)
      .orWhere(q =>
        q
          .whereNotNull('resolved_at_us')
          .andWhere('notified_resolved', this.falsy),
      );
    return rows.map(toRow);
  }

  async list(journey: string, limit: number): Promise<AlertRow[]> {
    return (
      await this.db('journeys_slo_alerts')
        .where('journey', journey)
        .orderBy('firing_since_us', 'desc')
        .limit(limit)
    ).map(toRow);
  }
}
