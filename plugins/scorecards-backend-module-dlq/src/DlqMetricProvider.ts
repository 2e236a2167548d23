import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DlqOverview } from '@internal/plugin-dlq-common';
import {
  MetricWindow,
  ScorecardMetricProvider,
} from '@internal/plugin-scorecards-node';
import { DLQ_KPIS, DLQ_KPI_IDS as K } from './dlqKpis';
import { DAY_MS, HOUR_MS, inflowKpi, replayKpi, stateKpis } from './dlqKpiMath';
import { DlqApi, REPLAY_LIST_LIMIT } from './DlqClient';
import {
  MetricRun,
  MetricRunCollector,
} from '@internal/plugin-scorecards-node';

export interface DlqMetricRun extends MetricRun {
  /** What concerns no single queue entity: runtimes down, queues not in the catalog. */
  problems: string[];
}

/** The most hours of inflow dlq-backend answers (`inflowHours`, 1 to 720). */
const MAX_INFLOW_HOURS = 720;
/** Queues whose replays are asked for at once. */
const CONCURRENCY = 8;
/** How many missing values and problems a run logs by example; the rest are counted. */
const EXAMPLES = 5;

/**
 * Per dead-letter-queue KPIs from dlq-backend's REST API, attributed to the consumer
 * queue's catalog entity (a Resource of `spec.type: queue`, which dlq-backend resolves and
 * which carries the owner), so team rollups count them for the queue's owner.
 */
export class DlqMetricProvider implements ScorecardMetricProvider {
  readonly id = 'dlq';
  readonly kpis = DLQ_KPIS;

  constructor(private readonly deps: { api: DlqApi; logger: LoggerService }) {}

  async compute(entities: Entity[], window: MetricWindow) {
    const run = await this.run(entities, window, true);
    this.report(run, 'compute', window);
    return run.values;
  }

  /** Earlier days: inflow and replay success, from the history the runtime and dlq keep. */
  async backfill(entities: Entity[], day: MetricWindow) {
    const run = await this.run(entities, day, false);
    this.report(run, 'backfill', day);
    return run.values;
  }

  async run(
    entities: Entity[],
    window: MetricWindow,
    current: boolean,
  ): Promise<DlqMetricRun> {
    const run = new MetricRunCollector();
    const problems: string[] = [];
    const from = window.from.getTime();
    const to = window.to.getTime();
    const now = window.now.getTime();
    const periodMs = to - from;
    if (periodMs !== HOUR_MS && periodMs !== DAY_MS)
      return {
        ...run.result(),
        problems: ['periods of one hour or one day only'],
      };

    // One hour more than the period needs, so the bucket holding `now` never cuts it.
    const hours = Math.min(
      MAX_INFLOW_HOURS,
      Math.ceil((now - from) / HOUR_MS) + 1,
    );
    const list = await this.deps.api.list(hours);
    for (const e of list.errors)
      problems.push(
        `runtime ${e.runtime} could not be read, its queues have no values: ${e.message}`,
      );

    const byEntity = new Map<string, DlqOverview[]>();
    for (const d of list.items) {
      const queue = d.entities.queue?.toLocaleLowerCase('en-US');
      if (!queue) {
        problems.push(
          `dead-letter queue ${d.deadLetterQueue} (runtime ${d.runtime}, queue ${d.name}) has no queue Resource in the catalog`,
        );
        continue;
      }
      byEntity.set(queue, [...(byEntity.get(queue) ?? []), d]);
    }

    const lagMs = now - to;
    const recentEnough = lagMs <= Math.min(periodMs / 4, HOUR_MS);
    const targets = entities
      .map(e => ({ ref: stringifyEntityRef(e) }))
      .map(e => ({
        ...e,
        dlqs: byEntity.get(e.ref.toLocaleLowerCase('en-US')),
      }))
      .filter((e): e is { ref: string; dlqs: DlqOverview[] } => !!e.dlqs);

    await forEachLimited(targets, CONCURRENCY, async ({ ref, dlqs }) => {
      if (current) {
        if (recentEnough) run.add(ref, stateKpis(dlqs));
        else
          run.missing(
            ref,
            [K.backlogDepth, K.oldestMessageAge],
            `a queue's backlog is read now, and this period ended ${Math.round(
              lagMs / 60_000,
            )} min ago`,
          );
      }
      if (now - from > MAX_INFLOW_HOURS * HOUR_MS)
        run.missing(
          ref,
          [K.inflowPerDay],
          `dlq-backend answers inflow for the last ${MAX_INFLOW_HOURS} hours only`,
        );
      else run.add(ref, inflowKpi(dlqs, from, to));

      try {
        const replays = await Promise.all(
          dlqs.map(d => this.deps.api.finishedReplays(d.runtime, d.name)),
        );
        const complete = replays.every(
          r =>
            r.items.length < REPLAY_LIST_LIMIT ||
            r.items.some(x => Date.parse(x.createdAt) < from),
        );
        run.add(
          ref,
          replayKpi(
            replays.flatMap(r => r.items),
            from,
            to,
            complete,
          ),
        );
      } catch (error) {
        run.missing(ref, [K.replaySuccessRate], (error as Error).message);
      }
    });
    return { ...run.result(), problems };
  }

  private report(run: DlqMetricRun, what: string, window: MetricWindow) {
    const lines = [
      ...run.problems,
      ...run.missing.map(m => `${m.entityRef} ${m.kpiId}: ${m.reason}`),
    ];
    if (lines.length === 0) return;
    const more = lines.length - EXAMPLES;
    this.deps.logger.info(
      `Scorecards dlq ${what} ${window.from.toISOString()}–${window.to.toISOString()}: ${
        run.missing.length
      } value(s) without data, ${run.problems.length} problem(s): ${lines
        .slice(0, EXAMPLES)
        .join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    );
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
