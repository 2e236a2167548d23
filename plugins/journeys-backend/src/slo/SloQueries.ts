import { NotFoundError } from '@backstage/errors';
import {
  budgetStatus,
  INSTANCE_STATUSES,
  InstanceStatus,
  JourneyObjective,
  JourneySlos,
  SloAlert,
  SloBudgetPoint,
  SloBurnPoint,
  SloBurnWindow,
  SloDetail,
  SloSummary,
} from '@internal/plugin-journeys-common';
import { AlertRow, DatabaseAlertStore } from '../database/DatabaseAlertStore';
import { InstanceStore } from '../database/InstanceStore';
import { JourneyCatalog, JourneyDefinition } from '../catalog/JourneyCatalog';
import { CYCLE_TIME_OUTCOMES } from '../rollups/latencyBuckets';
import { BURN_WINDOWS_MS, burnRate, MinuteSeries } from './burnRate';
import { objectiveMinutes } from './objectiveEvents';
import {
  minValidEventsOf,
  SloEvaluator,
  SloEvaluatorOptions,
  SloReport,
} from './SloEvaluator';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WINDOW_NAMES = Object.keys(BURN_WINDOWS_MS) as SloBurnWindow[];
/** Burn-rate history: the last day, a point every 10 minutes. */
const HISTORY_MS = DAY_MS;
const HISTORY_STEP_MS = 10 * MINUTE_MS;
const BURNING_INSTANCES = 10;
const ALERT_HISTORY = 20;

const iso = (ms: number) => new Date(ms).toISOString();

/** Which outcomes are good, bad and excluded for an objective (as the evaluator counts). */
export function outcomesOf(
  objective: JourneyObjective,
): SloSummary['outcomes'] {
  const indicator = objective.indicator;
  let good: InstanceStatus[];
  let valid: InstanceStatus[];
  if ('ratio' in indicator) {
    valid = indicator.ratio.total.status;
    good = indicator.ratio.good.status.filter(s => valid.includes(s));
  } else {
    // Latency: finished instances count, good when at or under the threshold.
    valid = [...CYCLE_TIME_OUTCOMES];
    good = [...CYCLE_TIME_OUTCOMES];
  }
  return {
    good,
    bad: 'ratio' in indicator ? valid.filter(s => !good.includes(s)) : valid,
    excluded: INSTANCE_STATUSES.filter(s => !valid.includes(s)),
  };
}

function toAlert(row: AlertRow): SloAlert {
  const figures = row.figures as {
    budgetRemaining?: number | null;
    rules?: SloAlert['rules'];
  };
  return {
    id: row.id,
    severity: row.severity,
    firingSince: iso(row.firingSinceUs / 1000),
    resolvedAt: row.resolvedAtUs === null ? null : iso(row.resolvedAtUs / 1000),
    budgetRemaining: figures.budgetRemaining ?? null,
    rules: figures.rules ?? [],
  };
}

const windowName = (ms: number): SloBurnWindow =>
  WINDOW_NAMES.find(n => BURN_WINDOWS_MS[n] === ms) ?? '1h';

/**
 * The SLO routes' answers: each Journey objective evaluated now (the evaluator's report),
 * with the figures a person needs to check it by hand, and for one journey the budget's
 * burn-down over the window, the burn rates over the last day, its alerts and the instances
 * that counted as bad events.
 */
export class SloQueries {
  constructor(
    private readonly evaluator: SloEvaluator,
    private readonly instances: InstanceStore,
    private readonly alerts: DatabaseAlertStore,
    private readonly journeys: JourneyCatalog,
    private readonly options: SloEvaluatorOptions,
  ) {}

  /** Every objective, least budget left first (no data last), optionally of one owner. */
  async list(filter: { owner?: string } = {}, nowMs = Date.now()) {
    const owner = filter.owner?.toLocaleLowerCase('en-US');
    const open = await this.alerts.open();
    const items: SloSummary[] = [];
    for (const journey of this.journeys.list()) {
      if (owner && journey.owner.toLocaleLowerCase('en-US') !== owner) continue;
      for (const objective of journey.objectives) {
        const report = await this.evaluator.report(journey, objective, nowMs);
        items.push(this.summary(journey, objective, report, open));
      }
    }
    const rank = (s: SloSummary) =>
      s.budget.remainingFraction ?? Number.POSITIVE_INFINITY;
    return items.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        a.journeyTitle.localeCompare(b.journeyTitle) ||
        a.objective.localeCompare(b.objective),
    );
  }

  /** One journey's objectives with everything behind their figures. */
  async journey(ref: string, nowMs = Date.now()): Promise<JourneySlos> {
    const journey = this.journeys.get(ref);
    if (!journey) throw new NotFoundError(`no journey ${ref} in the catalog`);
    const open = await this.alerts.open();
    const history = await this.alerts.list(journey.ref, 500);
    const objectives: SloDetail[] = [];
    for (const objective of journey.objectives) {
      const report = await this.evaluator.report(journey, objective, nowMs);
      objectives.push({
        ...this.summary(journey, objective, report, open),
        rules: report.rules.map(r => ({
          severity: r.rule.severity,
          factor: r.rule.factor,
          budgetShare: (r.rule.factor * r.rule.longWindowMs) / report.windowMs,
          longWindow: windowName(r.rule.longWindowMs),
          shortWindow: windowName(r.rule.shortWindowMs),
          longBurn: r.longBurn,
          shortBurn: r.shortBurn,
          longValid: r.longValid,
          firing: r.firing,
          tooFewEvents: r.tooFewEvents,
        })),
        minValidEvents: minValidEventsOf(objective, this.options),
        burnDown: await this.burnDown(journey, objective, report, nowMs),
        burnRateHistory: await this.burnRateHistory(journey, objective, nowMs),
        alertHistory: history
          .filter(a => a.objective === objective.name)
          .slice(0, ALERT_HISTORY)
          .map(toAlert),
        burningInstances: await this.burningInstances(
          journey,
          objective,
          report.windowMs,
          nowMs,
        ),
      });
    }
    return {
      journey: journey.ref,
      journeyTitle: journey.title,
      owner: journey.owner,
      objectives,
    };
  }

  private summary(
    journey: JourneyDefinition,
    objective: JourneyObjective,
    report: SloReport,
    open: AlertRow[],
  ): SloSummary {
    const totalTimeMs = (1 - report.target) * report.windowMs;
    const remaining = report.budget.remainingFraction;
    return {
      journey: journey.ref,
      journeyTitle: journey.title,
      owner: journey.owner,
      objective: objective.name,
      ...(objective.description ? { description: objective.description } : {}),
      indicator: 'ratio' in objective.indicator ? 'ratio' : 'latency',
      ...('latency' in objective.indicator
        ? { thresholdMs: objective.indicator.latency.thresholdMs }
        : {}),
      outcomes: outcomesOf(objective),
      target: report.target,
      timeWindow: objective.timeWindow,
      windowMs: report.windowMs,
      good: report.good,
      bad: report.bad,
      sli: report.sli,
      budget: {
        totalEvents: report.budget.totalEvents,
        consumedEvents: report.budget.consumedEvents,
        remainingEvents: report.budget.remainingEvents,
        remainingFraction: remaining,
        totalTimeMs,
        remainingTimeMs: remaining === null ? null : remaining * totalTimeMs,
      },
      budgetStatus: budgetStatus(remaining),
      burnRates: report.burnRates,
      timeToExhaustionMs: report.timeToExhaustionMs,
      openAlerts: open
        .filter(
          a => a.journey === journey.ref && a.objective === objective.name,
        )
        .map(toAlert),
    };
  }

  /**
   * The budget spent since the window's start: at each point, 1 − bad so far / the budget
   * of the whole window (its valid events × (1 − target)); it ends at the remaining
   * fraction of now. Hourly points up to 7 days, every 4 hours beyond.
   */
  private async burnDown(
    journey: JourneyDefinition,
    objective: JourneyObjective,
    report: SloReport,
    nowMs: number,
  ): Promise<SloBudgetPoint[]> {
    const stepMs = report.windowMs <= 7 * DAY_MS ? HOUR_MS : 4 * HOUR_MS;
    const sinceMs = Math.floor((nowMs - report.windowMs) / HOUR_MS) * HOUR_MS;
    const hours = Math.ceil((nowMs - sinceMs) / HOUR_MS) + 1;
    const perMinute = objectiveMinutes(
      objective,
      await this.instances.rollups(journey.ref, sinceMs * 1000, HOUR_MS * 1000),
      sinceMs / MINUTE_MS,
      hours * 60,
    );
    const total = report.budget.totalEvents;
    const points: SloBudgetPoint[] = [];
    let bad = 0;
    for (let i = 0, t = sinceMs; t <= nowMs; t += stepMs) {
      for (; i < (t - sinceMs) / MINUTE_MS && i < perMinute.length; i++)
        bad += perMinute[i].bad;
      points.push({
        time: iso(t),
        consumedEvents: bad,
        totalEvents: total,
        remainingFraction: total > 0 ? 1 - bad / total : null,
      });
    }
    points.push({
      time: iso(nowMs),
      consumedEvents: report.budget.consumedEvents,
      totalEvents: total,
      remainingFraction: report.budget.remainingFraction,
    });
    return points;
  }

  /** Burn rates over every window, every 10 minutes of the last day. */
  private async burnRateHistory(
    journey: JourneyDefinition,
    objective: JourneyObjective,
    nowMs: number,
  ): Promise<SloBurnPoint[]> {
    const nowMinute = Math.floor(nowMs / MINUTE_MS);
    const minutes = (HISTORY_MS + BURN_WINDOWS_MS['3d']) / MINUTE_MS;
    const firstMinute = nowMinute - minutes + 1;
    const series = new MinuteSeries(
      firstMinute,
      objectiveMinutes(
        objective,
        await this.instances.rollups(
          journey.ref,
          firstMinute * MINUTE_MS * 1000,
          MINUTE_MS * 1000,
        ),
        firstMinute,
        minutes,
      ),
    );
    const points: SloBurnPoint[] = [];
    const stepMinutes = HISTORY_STEP_MS / MINUTE_MS;
    for (
      let m = nowMinute - HISTORY_MS / MINUTE_MS;
      m <= nowMinute;
      m += stepMinutes
    ) {
      const burnRates = Object.fromEntries(
        WINDOW_NAMES.map(name => {
          const s = series.sum(m, BURN_WINDOWS_MS[name]);
          return [name, burnRate(s.bad, s.good + s.bad, objective.target)];
        }),
      ) as SloBurnPoint['burnRates'];
      points.push({ time: iso((m + 1) * MINUTE_MS), burnRates });
    }
    return points;
  }

  /**
   * The instances in the window that were bad events: for latency the slowest over the
   * threshold, for a ratio the latest with a bad outcome.
   */
  private async burningInstances(
    journey: JourneyDefinition,
    objective: JourneyObjective,
    windowMs: number,
    nowMs: number,
  ) {
    const sinceUs = (nowMs - windowMs) * 1000;
    const indicator = objective.indicator;
    const rows =
      'latency' in indicator
        ? await this.instances.listInstances({
            journey: journey.ref,
            statuses: CYCLE_TIME_OUTCOMES,
            longerThanUs: indicator.latency.thresholdMs * 1000,
            sinceUs,
            sort: 'duration',
            limit: BURNING_INSTANCES,
          })
        : await this.instances.listInstances({
            journey: journey.ref,
            statuses: outcomesOf(objective).bad as InstanceStatus[],
            sinceUs,
            sort: 'recent',
            limit: BURNING_INSTANCES,
          });
    return rows.map(r => ({
      id: r.id,
      status: r.status,
      startedAt: iso(r.startUs / 1000),
      durationMs: r.durationUs === null ? null : r.durationUs / 1000,
      businessKeys: r.businessKeys,
    }));
  }
}
