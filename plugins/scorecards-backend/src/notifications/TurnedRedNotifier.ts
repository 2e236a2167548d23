import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { KpiDefinition, KpiUnit } from '@internal/plugin-scorecards-common';
import { RedKpi, RedKpiStore } from '../database/RedKpiStore';
import { aggregationOf, RolledKpi } from '../rollup/kpiAggregation';
import { RollupEntity } from '../rollup/CatalogMembership';
import { RollupScorecards } from '../rollup/RollupScorecards';
import { bucketStart, DAY_MS } from '../snapshots/buckets';

export interface TurnedRedSummary {
  /** The day checked (start, ms). */
  day: number;
  /** The first check of all: red KPIs were recorded without notifying. */
  baseline: boolean;
  turnedRed: Array<{ entityRef: string; kpiId: string }>;
  cleared: Array<{ entityRef: string; kpiId: string }>;
  notified: number;
  /** Notifications that could not be sent; retried on the next check. */
  failed: number;
}

const key = (entityRef: string, kpiId: string) => `${entityRef}\u0000${kpiId}`;

/**
 * After the daily snapshots, tells each team which of its KPIs turned red: per group, the
 * rollup over what it owns itself (sub-groups are told about their own, so a parent is not
 * told about every child), compared with the red KPIs recorded at the previous check.
 * One notification per turn to red; none while it stays red; leaving red forgets it, so a
 * later turn notifies again. The very first check only records what is red (a new
 * installation does not announce every red KPI at once). A KPI without a value on the day leaves the record as it is
 * (a provider that failed is not a recovery). A notification that could not be sent is
 * retried on the next check, under a scope per red spell so it is never shown twice.
 */
export class TurnedRedNotifier {
  private readonly kpisById: Map<string, KpiDefinition>;

  constructor(
    private readonly deps: {
      rollups: RollupScorecards;
      store: RedKpiStore;
      notifications: Pick<NotificationService, 'send'> | undefined;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      kpis: readonly KpiDefinition[];
      logger: LoggerService;
      clock: () => Date;
    },
  ) {
    this.kpisById = new Map(deps.kpis.map(k => [k.id, k]));
  }

  /** Checks `day` (default yesterday, the day the daily run has just written). */
  async check(day?: number): Promise<TurnedRedSummary> {
    const checked =
      day ?? bucketStart(this.deps.clock().getTime(), 'day') - DAY_MS;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const teams = await this.deps.rollups.directGroupRollups(
      credentials,
      checked,
    );
    const recorded = new Map(
      (await this.deps.store.list()).map(r => [key(r.entityRef, r.kpiId), r]),
    );
    // The first check of all has nothing to compare with: what is red is recorded as told.
    const baseline = !(await this.deps.store.hasChecked());
    const now = this.deps.clock().getTime();

    const turnedRed: RedKpi[] = [];
    const stillRed: Array<{ entityRef: string; kpiId: string; day: number }> =
      [];
    const cleared: Array<{ entityRef: string; kpiId: string }> = [];
    const teamsByRef = new Map<string, RollupEntity>();
    const rolledByKey = new Map<string, RolledKpi>();
    for (const { group, kpis } of teams) {
      teamsByRef.set(group.ref, group);
      for (const [kpiId, rolled] of kpis) {
        if (rolled.value === undefined) continue;
        const k = key(group.ref, kpiId);
        rolledByKey.set(k, rolled);
        const before = recorded.get(k);
        // A check of an earlier day than recorded says nothing about now.
        if (before && before.day > checked) continue;
        if (rolled.status === 'red') {
          if (!before)
            turnedRed.push({
              entityRef: group.ref,
              kpiId,
              day: checked,
              since: checked,
              value: rolled.value,
              notifiedAt: baseline ? now : undefined,
            });
          else if (before.day < checked)
            stillRed.push({ entityRef: group.ref, kpiId, day: checked });
        } else if (before) {
          cleared.push({ entityRef: group.ref, kpiId });
        }
      }
    }
    // Teams gone from the catalog, and KPIs no longer defined, are forgotten.
    for (const r of recorded.values())
      if (!teamsByRef.has(r.entityRef) || !this.kpisById.has(r.kpiId))
        cleared.push({ entityRef: r.entityRef, kpiId: r.kpiId });

    await this.deps.store.apply({
      day: checked,
      checkedAt: now,
      turnedRed,
      stillRed,
      cleared,
    });
    if (baseline && turnedRed.length)
      this.deps.logger.info(
        `Scorecards: first turned-red check; ${turnedRed.length} red team KPI(s) recorded without notifying`,
      );
    const { notified, failed } = await this.announce(teamsByRef, rolledByKey);
    return {
      day: checked,
      baseline,
      turnedRed: turnedRed.map(({ entityRef, kpiId }) => ({
        entityRef,
        kpiId,
      })),
      cleared,
      notified,
      failed,
    };
  }

  /** Sends every recorded red KPI not announced yet. */
  private async announce(
    teams: Map<string, RollupEntity>,
    rolled: Map<string, RolledKpi>,
  ) {
    let notified = 0;
    let failed = 0;
    if (!this.deps.notifications) return { notified, failed };
    for (const red of await this.deps.store.list()) {
      if (red.notifiedAt !== undefined) continue;
      const team = teams.get(red.entityRef);
      const kpi = this.kpisById.get(red.kpiId);
      if (!team || !kpi) continue;
      try {
        await this.deps.notifications.send(
          turnedRedNotification(
            team,
            kpi,
            red,
            rolled.get(key(red.entityRef, red.kpiId)),
          ),
        );
        await this.deps.store.markNotified(
          red.entityRef,
          red.kpiId,
          this.deps.clock().getTime(),
        );
        notified++;
      } catch (e) {
        failed++;
        this.deps.logger.warn(
          `Scorecards: could not tell ${red.entityRef} that ${
            red.kpiId
          } turned red; retrying on the next check: ${(e as Error).message}`,
        );
      }
    }
    return { notified, failed };
  }
}

const UNIT_SUFFIX: Record<KpiUnit, string> = {
  count: '',
  percent: ' %',
  'per-thousand': ' per 1,000',
  'per-day': ' per day',
  milliseconds: ' ms',
  seconds: ' s',
  hours: ' h',
  days: ' d',
};

/** `95.3 %`, `3,000 ms`, `12`: what a title can show of a value. */
export function formatKpiValue(value: number, unit: KpiUnit): string {
  const abs = Math.abs(value);
  let digits = 2;
  if (abs >= 100) digits = 0;
  else if (abs >= 10) digits = 1;
  return `${new Intl.NumberFormat('en-US', {
    maximumFractionDigits: digits,
  }).format(value)}${UNIT_SUFFIX[unit]}`;
}

const AGGREGATION_WORDS = {
  sum: 'the sum',
  mean: 'the mean',
  median: 'the median',
  max: 'the highest',
  min: 'the lowest',
} as const;

export function turnedRedNotification(
  team: RollupEntity,
  kpi: KpiDefinition,
  red: RedKpi,
  rolled: RolledKpi | undefined,
) {
  const day = new Date(red.since).toISOString().slice(0, 10);
  const counts = rolled?.members;
  const of = counts
    ? ` of ${counts.green + counts.amber + counts.red + counts.none} (${
        counts.red
      } red, ${counts.amber} amber, ${counts.green} green${
        counts.none ? `, ${counts.none} without status` : ''
      })`
    : '';
  return {
    recipients: { type: 'entity' as const, entityRef: team.ref },
    payload: {
      title: `${team.title}: ${kpi.title} turned red (${formatKpiValue(
        red.value,
        kpi.unit,
      )})`,
      description: `${kpi.title} of what ${
        team.title
      } owns directly was ${formatKpiValue(red.value, kpi.unit)} on ${day}: ${
        AGGREGATION_WORDS[aggregationOf(kpi)]
      } over its entities${of}. Not repeated while it stays red.`,
      link: `/scorecards/group/${encodeURIComponent(
        team.namespace,
      )}/${encodeURIComponent(team.name)}/kpis/${encodeURIComponent(kpi.id)}`,
      severity: 'high' as const,
      topic: 'scorecards',
      scope: `scorecards-turned-red:${team.ref}:${kpi.id}:${red.since}`,
    },
  };
}
