import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  JourneyObjective,
  parseDuration,
} from '@internal/plugin-journeys-common';
import {
  AlertRow,
  AlertSeverity,
  DatabaseAlertStore,
} from '../database/DatabaseAlertStore';
import { InstanceStore } from '../database/InstanceStore';
import { JourneyCatalog, JourneyDefinition } from '../catalog/JourneyCatalog';
import {
  BURN_WINDOWS_MS,
  BurnRateRule,
  burnRate,
  errorBudget,
  evaluateRules,
  RuleEvaluation,
  scaledRules,
  timeToExhaustionMs,
} from './burnRate';
import { EvaluationPlan } from './EvaluationPlan';
import { objectiveFilters } from './objectiveEvents';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface SloEvaluatorOptions {
  /** Low-traffic guard: no alert while the long window holds fewer valid events. */
  minValidEvents: number;
  /**
   * Rules from app-config (`journeys.slo.rules`), used as given for every objective without
   * its own; without them the workbook's 30-day rules are scaled to each objective's window.
   */
  rules?: BurnRateRule[];
}

/**
 * The burn-rate rules of an objective: its own (`alerting.rules`), else app-config's, else
 * the SRE workbook's 30-day rules scaled to its window with Sloth's rule.
 */
export function rulesOf(
  objective: JourneyObjective,
  options: Pick<SloEvaluatorOptions, 'rules'>,
): BurnRateRule[] {
  const own = objective.alerting?.rules;
  if (own?.length)
    return own.map(r => ({
      severity: r.severity,
      factor: r.factor,
      longWindowMs: BURN_WINDOWS_MS[r.longWindow],
      shortWindowMs: BURN_WINDOWS_MS[r.shortWindow],
    }));
  if (options.rules?.length) return options.rules;
  return scaledRules(parseDuration(objective.timeWindow));
}

/** The low-traffic guard of an objective: its own, else app-config's. */
export function minValidEventsOf(
  objective: JourneyObjective,
  options: Pick<SloEvaluatorOptions, 'minValidEvents'>,
): number {
  return objective.alerting?.minValidEvents ?? options.minValidEvents;
}

/** An objective's state at one moment: SLI, budget, burn rates and the alert rules. */
export interface SloReport {
  journey: string;
  objective: string;
  target: number;
  windowMs: number;
  good: number;
  bad: number;
  sli: number | null;
  budget: ReturnType<typeof errorBudget>;
  burnRates: Record<keyof typeof BURN_WINDOWS_MS, number>;
  timeToExhaustionMs: number | null;
  rules: RuleEvaluation[];
}

/**
 * Evaluates every Journey objective from the rollups (run every minute on the scheduler,
 * one backend at a time) and keeps the alert state: a burn-rate alert of a severity opens
 * when any of its rules fires and resolves when none does. Each opening and each resolve is
 * announced once to the journey's owner through Backstage's notifications service; an
 * announcement that failed (or was cut off by a restart) is sent on the next run, under a
 * notification scope per alert and event, so it is never shown twice.
 */
export class SloEvaluator {
  constructor(
    private readonly instances: InstanceStore,
    private readonly alerts: DatabaseAlertStore,
    private readonly journeys: JourneyCatalog,
    private readonly notifications:
      | Pick<NotificationService, 'send'>
      | undefined,
    private readonly logger: LoggerService,
    private readonly options: SloEvaluatorOptions,
  ) {}

  async report(
    journey: JourneyDefinition,
    objective: JourneyObjective,
    nowMs = Date.now(),
  ): Promise<SloReport> {
    const [report] = await this.reportsOf(journey, [objective], nowMs);
    return report;
  }

  /**
   * Reports of some objectives of a journey, from one read of its rollups: the database
   * counts each objective's good and bad events per range of an `EvaluationPlan` (the
   * budget's hourly cells, the burn windows' whole hours and minute edges), so a few numbers
   * per range come back instead of every cell of 3 days and 30 days.
   */
  private async reportsOf(
    journey: JourneyDefinition,
    objectives: readonly JourneyObjective[],
    nowMs: number,
  ): Promise<SloReport[]> {
    // A journey without objectives has nothing to read (and no columns to ask for).
    if (!objectives.length) return [];
    const nowMinute = Math.floor(nowMs / MINUTE_MS);
    const windows = objectives.map(o => parseDuration(o.timeWindow));
    const rules = objectives.map(o => rulesOf(o, this.options));
    const plan = new EvaluationPlan(
      nowMs,
      [
        ...Object.values(BURN_WINDOWS_MS),
        ...rules.flat().flatMap(r => [r.longWindowMs, r.shortWindowMs]),
      ],
      windows,
    );
    const counts = await this.instances.rollupEvents(
      journey.ref,
      plan.ranges,
      objectives.flatMap(o => {
        const { good, bad } = objectiveFilters(o);
        return [good, bad];
      }),
    );
    return objectives.map((objective, i) => {
      const windowMs = windows[i];
      const { budget: budgetOf, burn } = plan.totals(counts, 2 * i, 2 * i + 1);
      const { good, bad } = budgetOf(windowMs);
      const budget = errorBudget(good, bad, objective.target);
      const burnRates = Object.fromEntries(
        Object.entries(BURN_WINDOWS_MS).map(([name, ms]) => {
          const s = burn.sum(nowMinute, ms);
          return [name, burnRate(s.bad, s.good + s.bad, objective.target)];
        }),
      ) as SloReport['burnRates'];
      return {
        journey: journey.ref,
        objective: objective.name,
        target: objective.target,
        windowMs,
        good,
        bad,
        sli: good + bad > 0 ? good / (good + bad) : null,
        budget,
        burnRates,
        timeToExhaustionMs: timeToExhaustionMs(
          budget.remainingFraction,
          burnRates['1h'],
          windowMs,
        ),
        rules: evaluateRules(
          burn,
          nowMinute,
          objective.target,
          rules[i],
          minValidEventsOf(objective, this.options),
        ),
      };
    });
  }

  /** One evaluation of every objective; returns the alerts opened and resolved. */
  async run(nowMs = Date.now()) {
    const opened: AlertRow[] = [];
    const resolved: AlertRow[] = [];
    if (!this.journeys.loaded) return { opened, resolved };
    const open = new Map(
      (await this.alerts.open()).map(a => [
        `${a.journey}\u0000${a.objective}\u0000${a.severity}`,
        a,
      ]),
    );
    for (const journey of this.journeys.list()) {
      // One journey that cannot be evaluated must not hold back the others' alerts.
      let reports: SloReport[];
      try {
        reports = await this.reportsOf(journey, journey.objectives, nowMs);
      } catch (e) {
        this.logger.warn(
          `could not evaluate the objectives of ${journey.ref}: ${
            (e as Error).message
          }`,
        );
        continue;
      }
      for (const [i, objective] of journey.objectives.entries()) {
        const report = reports[i];
        for (const severity of ['page', 'ticket'] as AlertSeverity[]) {
          const firing = report.rules.filter(
            r => r.rule.severity === severity && r.firing,
          );
          const key = `${journey.ref}\u0000${objective.name}\u0000${severity}`;
          const current = open.get(key);
          if (firing.length && !current) {
            const row = await this.alerts.fire({
              journey: journey.ref,
              objective: objective.name,
              severity,
              firingSinceUs: nowMs * 1000,
              figures: figuresOf(report, firing),
            });
            if (row) opened.push(row);
          } else if (!firing.length && current) {
            const row = await this.alerts.resolve(current.id, nowMs * 1000);
            if (row) resolved.push(row);
          }
        }
      }
    }
    await this.announce();
    return { opened, resolved };
  }

  /** Tells the owners of every alert whose firing or resolve was not announced yet. */
  private async announce() {
    if (!this.notifications) return;
    for (const alert of await this.alerts.unannounced()) {
      const journey = this.journeys.get(alert.journey);
      if (!journey) continue;
      const what = alert.notifiedFiring ? 'resolved' : 'firing';
      try {
        await this.notifications.send(notificationOf(journey, alert, what));
        await this.alerts.markNotified(alert.id, what);
      } catch (e) {
        this.logger.warn(
          `could not announce the ${alert.severity} alert on ${alert.journey} ${
            alert.objective
          }; retrying next run: ${(e as Error).message}`,
        );
      }
    }
  }
}

function figuresOf(report: SloReport, firing: RuleEvaluation[]) {
  return {
    target: report.target,
    windowMs: report.windowMs,
    budgetRemaining: report.budget.remainingFraction,
    rules: firing.map(f => ({
      factor: f.rule.factor,
      longWindowMs: f.rule.longWindowMs,
      shortWindowMs: f.rule.shortWindowMs,
      longBurn: f.longBurn,
      shortBurn: f.shortBurn,
      longValid: f.longValid,
    })),
  };
}

const percent = (f: unknown) =>
  typeof f === 'number' ? `${Math.round(f * 1000) / 10} %` : 'unknown';
const duration = (ms: number) => {
  if (ms % (24 * HOUR_MS) === 0) return `${ms / (24 * HOUR_MS)}d`;
  return ms % HOUR_MS === 0 ? `${ms / HOUR_MS}h` : `${ms / MINUTE_MS}m`;
};

function severityOf(severity: AlertSeverity, what: 'firing' | 'resolved') {
  if (what === 'resolved') return 'low' as const;
  return severity === 'page' ? ('critical' as const) : ('high' as const);
}

export function notificationOf(
  journey: JourneyDefinition,
  alert: AlertRow,
  what: 'firing' | 'resolved',
) {
  const { name, namespace } = parseEntityRef(journey.ref);
  const rules = (alert.figures.rules ?? []) as Array<{
    factor: number;
    longWindowMs: number;
    shortWindowMs: number;
    longBurn: number;
    shortBurn: number;
  }>;
  const why = rules
    .map(
      r =>
        `burn ${r.longBurn.toFixed(1)}× over ${duration(
          r.longWindowMs,
        )} and ${r.shortBurn.toFixed(1)}× over ${duration(
          r.shortWindowMs,
        )} (threshold ${Math.round(r.factor * 100) / 100}×)`,
    )
    .join('; ');
  return {
    recipients: { type: 'entity' as const, entityRef: journey.owner },
    payload: {
      title:
        what === 'firing'
          ? `${journey.title}: ${alert.objective} SLO is burning its budget (${alert.severity})`
          : `${journey.title}: ${alert.objective} SLO alert resolved (${alert.severity})`,
      description:
        what === 'firing'
          ? `${why}. Budget left: ${percent(alert.figures.budgetRemaining)}.`
          : `No burn-rate rule of this severity fires any more. It fired since ${new Date(
              alert.firingSinceUs / 1000,
            ).toISOString()}.`,
      link: `/journeys/${namespace}/${name}`,
      severity: severityOf(alert.severity, what),
      topic: 'SLO alerts',
      scope: `journeys-slo-alert:${alert.id}:${what}`,
    },
  };
}
