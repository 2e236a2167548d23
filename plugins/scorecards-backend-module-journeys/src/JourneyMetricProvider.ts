import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { SloSummary, StatsWindow } from '@internal/plugin-journeys-common';
import {
  MetricRun,
  MetricRunCollector,
  MetricWindow,
  ScorecardMetricProvider,
} from '@internal/plugin-scorecards-node';
import {
  JOURNEY_KPIS,
  JOURNEY_KPI_IDS as K,
  JourneyKpiId,
} from './journeyKpis';
import {
  countKpis,
  DAY_MS,
  freshnessKpi,
  HOUR_MS,
  mttrKpis,
  rateKpis,
  sloKpis,
} from './journeyKpiMath';
import { JourneysApi } from './JourneysClient';

export type JourneyMetricRun = MetricRun;

/** The journeys stats window as long as each period the provider computes. */
const PERIODS: Record<number, StatsWindow> = {
  [HOUR_MS]: '1h',
  [DAY_MS]: '24h',
};

const SLO_KPIS = [K.sloAttainment, K.errorBudgetRemaining];
const MTTR_KPIS = [K.mttrMean, K.mttrMedian];

/** Journeys answered at once per run (instances and SLO detail, one call each). */
const CONCURRENCY = 8;
/** How many missing values a run logs by example; the rest are counted. */
const MISSING_EXAMPLES = 5;

/**
 * Per-journey KPIs from journeys-backend's REST API. Counts, rates and percentiles come
 * from the stats window that ends where the period ends (journeys-backend reads its
 * rollups for it), so an earlier day is as complete as yesterday while the rollups keep
 * it; MTTR from the alert histories. SLO attainment, budget and data freshness are a
 * reading of now: only the run just after the period ends records them. A route that
 * fails for one journey leaves that journey's KPIs without a value and says why; a
 * failure of the stats list itself throws, so the scorecards backend retries the period
 * on its next run.
 */
export class JourneyMetricProvider implements ScorecardMetricProvider {
  readonly id = 'journeys';
  readonly kpis = JOURNEY_KPIS;

  constructor(
    private readonly deps: { api: JourneysApi; logger: LoggerService },
  ) {}

  async compute(entities: Entity[], window: MetricWindow) {
    const run = await this.computeRun(entities, window);
    this.report(run, 'compute', window);
    return run.values;
  }

  async backfill(entities: Entity[], day: MetricWindow) {
    const run = await this.backfillRun(entities, day);
    this.report(run, 'backfill', day);
    return run.values;
  }

  computeRun(entities: Entity[], window: MetricWindow) {
    return this.run(entities, window, 'compute');
  }

  /** An earlier day: everything but the readings of now (SLO state, freshness). */
  backfillRun(entities: Entity[], day: MetricWindow) {
    return this.run(entities, day, 'backfill');
  }

  private async run(
    entities: Entity[],
    window: MetricWindow,
    what: 'compute' | 'backfill',
  ): Promise<JourneyMetricRun> {
    const run = new MetricRunCollector();
    const from = window.from.getTime();
    const to = window.to.getTime();
    const now = window.now.getTime();
    const periodMs = to - from;
    const statsWindow = PERIODS[periodMs];
    const journeys = entities.map(e => ({
      ref: stringifyEntityRef(e),
      namespace: e.metadata.namespace ?? 'default',
      name: e.metadata.name,
    }));
    if (!statsWindow) {
      for (const j of journeys)
        run.missing(
          j.ref,
          JOURNEY_KPIS.map(k => k.id as JourneyKpiId),
          'periods of one hour or one day only',
        );
      return run.result();
    }

    const lagMs = now - to;
    const readsNow =
      what === 'compute' && lagMs <= Math.min(periodMs / 4, HOUR_MS);
    const notNow = `a reading of now, recorded only by the run just after the period; this period ended ${Math.round(
      lagMs / 60_000,
    )} min ago`;
    const [stats, slos] = await Promise.all([
      this.deps.api.stats(statsWindow, window.to),
      settle(this.deps.api.slos()),
    ]);
    const statsByRef = new Map(
      stats.items.map(s => [s.ref.toLocaleLowerCase('en-US'), s]),
    );
    const slosByRef = new Map<string, SloSummary[]>();
    if ('value' in slos)
      for (const o of slos.value.items) {
        const key = o.journey.toLocaleLowerCase('en-US');
        slosByRef.set(key, [...(slosByRef.get(key) ?? []), o]);
      }

    await forEachLimited(journeys, CONCURRENCY, async j => {
      const key = j.ref.toLocaleLowerCase('en-US');
      const figures = statsByRef.get(key);
      if (!figures) {
        run.missing(
          j.ref,
          JOURNEY_KPIS.map(k => k.id as JourneyKpiId),
          'journeys-backend does not list this journey (GET /journeys)',
        );
        return;
      }
      run.add(
        j.ref,
        countKpis(
          {
            count: figures.volume,
            failed: figures.failed,
            recovered: figures.recoveredByReplay,
          },
          periodMs,
        ),
      );
      run.add(j.ref, rateKpis(figures));

      const objectives = slosByRef.get(key) ?? [];
      if ('reason' in slos) run.missing(j.ref, SLO_KPIS, slos.reason);
      else if (!readsNow) run.missing(j.ref, SLO_KPIS, notNow);
      else run.add(j.ref, sloKpis(objectives));

      if ('reason' in slos) run.missing(j.ref, MTTR_KPIS, slos.reason);
      else await this.addMttr(run, j, from, to, objectives.length > 0);

      if (!readsNow) {
        run.missing(j.ref, [K.dataFreshness], notNow);
        return;
      }
      const latest = await settle(
        this.deps.api.latestOkInstance(j.namespace, j.name),
      );
      if ('reason' in latest)
        run.missing(j.ref, [K.dataFreshness], latest.reason);
      else run.add(j.ref, freshnessKpi(latest.value.items[0]?.endedAt, now));
    });
    return run.result();
  }

  private async addMttr(
    run: MetricRunCollector,
    journey: { ref: string; namespace: string; name: string },
    from: number,
    to: number,
    hasObjectives: boolean,
  ) {
    if (!hasObjectives) {
      run.missing(
        journey.ref,
        MTTR_KPIS,
        'the journey declares no objective, so it has no alerts',
      );
      return;
    }
    const detail = await settle(
      this.deps.api.journeySlos(journey.namespace, journey.name),
    );
    if ('reason' in detail) run.missing(journey.ref, MTTR_KPIS, detail.reason);
    else
      run.add(
        journey.ref,
        mttrKpis(
          detail.value.objectives.flatMap(o => o.alertHistory),
          from,
          to,
        ),
      );
  }

  private report(run: JourneyMetricRun, what: string, window: MetricWindow) {
    if (run.missing.length === 0) return;
    const more = run.missing.length - MISSING_EXAMPLES;
    this.deps.logger.info(
      `Scorecards journeys ${what} ${window.from.toISOString()}–${window.to.toISOString()}: ${
        run.missing.length
      } value(s) without data: ${run.missing
        .slice(0, MISSING_EXAMPLES)
        .map(m => `${m.entityRef} ${m.kpiId}: ${m.reason}`)
        .join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    );
  }
}

/** A call's answer, or its error's message as the reason there is no value. */
async function settle<T>(
  promise: Promise<T>,
): Promise<{ value: T } | { reason: string }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}
