import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  JourneyStats,
  SloSummary,
  StatsWindow,
} from '@internal/plugin-journeys-common';
import {
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
  sumSeries,
} from './journeyKpiMath';
import { JourneysApi } from './JourneysClient';
import {
  MetricRun,
  MetricRunCollector,
} from '@internal/plugin-scorecards-node';

export type JourneyMetricRun = MetricRun;

/**
 * The journeys API's windows that serve a period: `rolling` answers outcome counts and
 * percentiles for the window ending now; `series` has buckets small enough to sum the
 * period exactly.
 */
const PERIODS: Record<
  number,
  { rolling: StatsWindow; series: StatsWindow; bucketMs: number }
> = {
  [HOUR_MS]: { rolling: '1h', series: '6h', bucketMs: 5 * 60_000 },
  [DAY_MS]: { rolling: '24h', series: '7d', bucketMs: HOUR_MS },
};

const COUNT_KPIS = [K.volumePerDay, K.failuresPerThousand, K.recoveredByReplay];
const RATE_KPIS = [
  K.successRate,
  K.cycleTimeP50,
  K.cycleTimeP95,
  K.replayRecoveryP50,
];
const SLO_KPIS = [K.sloAttainment, K.errorBudgetRemaining];
const MTTR_KPIS = [K.mttrMean, K.mttrMedian];

/** Journeys answered at once per run (instances and SLO detail, one call each). */
const CONCURRENCY = 8;
/** How many missing values a run logs by example; the rest are counted. */
const MISSING_EXAMPLES = 5;

/**
 * Per-journey KPIs from journeys-backend's REST API. Counts (volume, failures, recovered)
 * are summed exactly from the stats series; figures that need the rolling window's
 * outcome counts or latency histograms (success rate, percentiles) and current state
 * (SLOs) are taken only when the period ended recently enough for the window ending now to
 * stand for it. A route that fails for one journey leaves that journey's KPIs without a
 * value and says why; a failure of the stats list itself throws, so the scorecards backend
 * retries the period on its next run.
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

  async computeRun(
    entities: Entity[],
    window: MetricWindow,
  ): Promise<JourneyMetricRun> {
    const run = new MetricRunCollector();
    const from = window.from.getTime();
    const to = window.to.getTime();
    const now = window.now.getTime();
    const periodMs = to - from;
    const period = PERIODS[periodMs];
    const journeys = entities.map(e => ({
      ref: stringifyEntityRef(e),
      namespace: e.metadata.namespace ?? 'default',
      name: e.metadata.name,
    }));
    if (!period) {
      for (const j of journeys)
        run.missing(
          j.ref,
          JOURNEY_KPIS.map(k => k.id as JourneyKpiId),
          'periods of one hour or one day only',
        );
      return run.result();
    }

    const lagMs = now - to;
    const recentEnough = lagMs <= Math.min(periodMs / 4, HOUR_MS);
    const [series, rolling, slos] = await Promise.all([
      this.deps.api.stats(period.series),
      recentEnough ? this.deps.api.stats(period.rolling) : undefined,
      settle(this.deps.api.slos()),
    ]);
    const seriesByRef = byRef(series.items);
    const rollingByRef = byRef(rolling?.items ?? []);
    const slosByRef = new Map<string, SloSummary[]>();
    if ('value' in slos)
      for (const o of slos.value.items) {
        const key = o.journey.toLocaleLowerCase('en-US');
        slosByRef.set(key, [...(slosByRef.get(key) ?? []), o]);
      }
    const stale = `the journeys API answers windows ending now only, and this period ended ${Math.round(
      lagMs / 60_000,
    )} min ago`;

    await forEachLimited(journeys, CONCURRENCY, async j => {
      const key = j.ref.toLocaleLowerCase('en-US');
      const stats = seriesByRef.get(key);
      if (!stats) {
        run.missing(
          j.ref,
          JOURNEY_KPIS.map(k => k.id as JourneyKpiId),
          'journeys-backend does not list this journey (GET /journeys)',
        );
        return;
      }
      this.addCounts(run, j.ref, stats, period.bucketMs, from, to);

      const rates = rollingByRef.get(key);
      if (!recentEnough) run.missing(j.ref, RATE_KPIS, stale);
      else if (!rates)
        run.missing(
          j.ref,
          RATE_KPIS,
          `journeys-backend does not list this journey for window ${period.rolling}`,
        );
      else run.add(j.ref, rateKpis(rates));

      const objectives = slosByRef.get(key) ?? [];
      if ('reason' in slos) run.missing(j.ref, SLO_KPIS, slos.reason);
      else if (!recentEnough) run.missing(j.ref, SLO_KPIS, stale);
      else run.add(j.ref, sloKpis(objectives));

      if ('reason' in slos) run.missing(j.ref, MTTR_KPIS, slos.reason);
      else await this.addMttr(run, j, from, to, objectives.length > 0);

      const latest = await settle(
        this.deps.api.latestOkInstance(j.namespace, j.name),
      );
      if ('reason' in latest)
        run.missing(j.ref, [K.dataFreshness], latest.reason);
      else run.add(j.ref, freshnessKpi(latest.value.items[0]?.endedAt, now));
    });
    return run.result();
  }

  /**
   * An earlier day: the counts, while the 7-day series still covers it, and MTTR from the
   * alert histories. Rates, percentiles and SLO state exist only for the window ending now.
   */
  async backfillRun(
    entities: Entity[],
    day: MetricWindow,
  ): Promise<JourneyMetricRun> {
    const run = new MetricRunCollector();
    const from = day.from.getTime();
    const to = day.to.getTime();
    const period = PERIODS[to - from];
    if (period !== PERIODS[DAY_MS]) return run.result();
    const [series, slos] = await Promise.all([
      this.deps.api.stats(period.series),
      settle(this.deps.api.slos()),
    ]);
    const seriesByRef = byRef(series.items);
    const withObjectives = new Set(
      'value' in slos
        ? slos.value.items.map(o => o.journey.toLocaleLowerCase('en-US'))
        : [],
    );
    await forEachLimited(entities, CONCURRENCY, async entity => {
      const ref = stringifyEntityRef(entity);
      const key = ref.toLocaleLowerCase('en-US');
      const stats = seriesByRef.get(key);
      if (stats) this.addCounts(run, ref, stats, period.bucketMs, from, to);
      if ('reason' in slos) run.missing(ref, MTTR_KPIS, slos.reason);
      else
        await this.addMttr(
          run,
          {
            ref,
            namespace: entity.metadata.namespace ?? 'default',
            name: entity.metadata.name,
          },
          from,
          to,
          withObjectives.has(key),
        );
    });
    return run.result();
  }

  private addCounts(
    run: MetricRunCollector,
    ref: string,
    stats: JourneyStats,
    bucketMs: number,
    from: number,
    to: number,
  ) {
    const totals = sumSeries(stats.series, bucketMs, from, to);
    if ('reason' in totals) run.missing(ref, COUNT_KPIS, totals.reason);
    else run.add(ref, countKpis(totals, to - from));
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

function byRef(items: readonly JourneyStats[]) {
  return new Map(items.map(s => [s.ref.toLocaleLowerCase('en-US'), s]));
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
