import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  evaluateThresholds,
  KpiDefinition,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import {
  MetricValues,
  MetricWindow,
  ScorecardMetricProvider,
} from '@internal/plugin-scorecards-node';
import {
  Snapshot,
  SnapshotGranularity,
  SnapshotStore,
} from '../database/SnapshotStore';
import { bucketSize, bucketStart } from './buckets';
import { ScorecardEntitySource } from './ScorecardEntitySource';
import { EntityThresholdContext } from './EntityThresholdContext';

export interface SnapshotWriterOptions {
  /** Days before yesterday filled from providers that can backfill. */
  backfillDays: number;
}

export interface SnapshotRunSummary {
  granularity: SnapshotGranularity;
  /** Buckets written per provider id (start times, ms). */
  written: Record<string, number[]>;
  /** Providers whose compute or backfill threw. */
  failed: string[];
  /**
   * What went wrong short of a failure: values dropped (unknown entity or KPI, not a finite
   * number) and annotations ignored (written under config thresholds instead).
   */
  problems: string[];
}

/** How many dropped values a run logs by example; the rest are counted. */
const PROBLEM_EXAMPLES = 5;

/**
 * Writes snapshots for the UTC hour or day that has just ended, and on the daily run also
 * for earlier days without one, from providers that can backfill. Runs are marked per
 * provider and bucket, so running often is cheap and a missed run is caught up.
 */
export class SnapshotWriter {
  private readonly kpisById: Map<string, KpiDefinition>;

  constructor(
    private readonly deps: {
      store: SnapshotStore;
      providers: readonly ScorecardMetricProvider[];
      entities: ScorecardEntitySource;
      thresholds: ThresholdResolver;
      logger: LoggerService;
      clock: () => Date;
    },
    private readonly options: SnapshotWriterOptions,
  ) {
    this.kpisById = new Map(
      deps.providers.flatMap(p => p.kpis.map(k => [k.id, k] as const)),
    );
  }

  async run(granularity: SnapshotGranularity): Promise<SnapshotRunSummary> {
    const now = this.deps.clock();
    const size = bucketSize(granularity);
    const last = bucketStart(now.getTime(), granularity) - size;
    const first =
      granularity === 'day' ? last - this.options.backfillDays * size : last;
    const summary: SnapshotRunSummary = {
      granularity,
      written: {},
      failed: [],
      problems: [],
    };

    for (const provider of this.deps.providers) {
      try {
        const done = new Set(
          await this.deps.store.runBuckets(
            provider.id,
            granularity,
            first,
            last + size,
          ),
        );
        const due: number[] = [];
        for (let b = first; b <= last; b += size) {
          if (done.has(b)) continue;
          if (b === last || provider.backfill) due.push(b);
        }
        if (due.length === 0) continue;

        const entities = await this.deps.entities.entitiesOfKinds(
          kindsOf(provider.kpis),
        );
        const context = new EntityThresholdContext(
          entities,
          this.deps.thresholds,
        );
        for (const b of due) {
          const window: MetricWindow = {
            from: new Date(b),
            to: new Date(b + size),
            now,
          };
          const values =
            b === last
              ? await provider.compute(entities, window)
              : await provider.backfill!(entities, window);
          const snapshots = this.toSnapshots(
            provider,
            values,
            context,
            granularity,
            b,
            summary.problems,
          );
          await this.deps.store.writeRun(
            {
              providerId: provider.id,
              granularity,
              bucketStart: b,
              snapshotCount: snapshots.length,
            },
            snapshots,
          );
          (summary.written[provider.id] ??= []).push(b);
        }
        summary.problems.push(...context.problems);
      } catch (error) {
        summary.failed.push(provider.id);
        this.deps.logger.error(
          `Scorecards: metric provider "${provider.id}" failed on the ${granularity} run; its buckets stay missing and are retried next run`,
          error as Error,
        );
      }
    }

    if (summary.problems.length > 0) {
      const more = summary.problems.length - PROBLEM_EXAMPLES;
      this.deps.logger.warn(
        `Scorecards: ${
          summary.problems.length
        } problem(s) on the ${granularity} run: ${summary.problems
          .slice(0, PROBLEM_EXAMPLES)
          .join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
      );
    }
    return summary;
  }

  private toSnapshots(
    provider: ScorecardMetricProvider,
    values: MetricValues,
    context: EntityThresholdContext,
    granularity: SnapshotGranularity,
    bucket: number,
    problems: string[],
  ): Snapshot[] {
    const snapshots: Snapshot[] = [];
    const own = new Set(provider.kpis.map(k => k.id));
    for (const [entityRef, byKpi] of Object.entries(values ?? {})) {
      const entity = context.entity(entityRef);
      if (!entity) {
        problems.push(
          `provider "${provider.id}" returned values for ${entityRef}, which is not among the entities it was given`,
        );
        continue;
      }
      for (const [kpiId, value] of Object.entries(byKpi ?? {})) {
        const kpi = this.kpisById.get(kpiId);
        if (!kpi || !own.has(kpiId)) {
          problems.push(
            `provider "${provider.id}" returned KPI "${kpiId}" for ${entityRef}, which it does not declare`,
          );
          continue;
        }
        if (!appliesTo(kpi, entity)) {
          problems.push(
            `provider "${
              provider.id
            }" returned KPI "${kpiId}" for ${entityRef}, but the KPI applies to ${kpi.entityKinds.join(
              ', ',
            )} only`,
          );
          continue;
        }
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          problems.push(
            `provider "${provider.id}" returned ${String(
              value,
            )} for KPI "${kpiId}" of ${entityRef}, not a finite number`,
          );
          continue;
        }
        snapshots.push({
          entityRef,
          kpiId,
          granularity,
          bucketStart: bucket,
          value,
          status: evaluateThresholds(
            value,
            this.deps.thresholds.rulesFor(kpiId, context.overrides(entityRef)),
          ),
        });
      }
    }
    return snapshots;
  }
}

function kindsOf(kpis: readonly KpiDefinition[]): string[] {
  return [...new Set(kpis.flatMap(k => k.entityKinds))];
}

function appliesTo(kpi: KpiDefinition, entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return kpi.entityKinds.some(k => k.toLocaleLowerCase('en-US') === kind);
}
