import { DlqOverview, Replay } from '@internal/plugin-dlq-common';
import { DLQ_KPI_IDS as K, DlqKpiId } from './dlqKpis';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A KPI's value, or why there is none. */
import type { KpiOutcome } from '@internal/plugin-scorecards-node';

export type { KpiOutcome };
export type DlqKpiOutcomes = Partial<Record<DlqKpiId, KpiOutcome>>;

const none = (reason: string): KpiOutcome => ({ reason });

/**
 * Backlog and age of the oldest message, now, over the dead-letter queues of one queue
 * entity (usually one; a queue served by two runtimes has two).
 */
export function stateKpis(dlqs: readonly DlqOverview[]): DlqKpiOutcomes {
  const backlog = dlqs.reduce(
    (sum, d) => sum + d.failed + d.parked + d.brokerDepth,
    0,
  );
  const ages = dlqs.filter(d => d.failed > 0).map(d => d.oldestAgeSeconds);
  let age: KpiOutcome;
  if (ages.length === 0) age = { value: 0 };
  else if (ages.some(a => a === null))
    age = none('the runtime gave no age for a queue with dead letters');
  else age = { value: Math.max(...(ages as number[])) / 3600 };
  return { [K.backlogDepth]: { value: backlog }, [K.oldestMessageAge]: age };
}

/**
 * Dead letters received in `[from, to)`, as a daily rate, from the queues' inflow buckets
 * (aligned to their size). A period the buckets do not wholly cover gives a reason.
 */
export function inflowKpi(
  dlqs: readonly DlqOverview[],
  from: number,
  to: number,
): DlqKpiOutcomes {
  let total = 0;
  for (const d of dlqs) {
    const buckets = d.inflow.map(b => ({
      start: Date.parse(b.start),
      count: b.count,
    }));
    if (buckets.length === 0)
      return { [K.inflowPerDay]: none('dlq-backend sent no inflow buckets') };
    const size = buckets.length > 1 ? buckets[1].start - buckets[0].start : 0;
    const first = buckets[0].start;
    const end = buckets[buckets.length - 1].start + size;
    if (size <= 0 || from < first || to > end)
      return {
        [K.inflowPerDay]: none(
          `the inflow buckets (${new Date(
            first,
          ).toISOString()} on) do not cover the period`,
        ),
      };
    if ((from - first) % size !== 0 || (to - first) % size !== 0)
      return {
        [K.inflowPerDay]: none(
          `the period is not aligned to the inflow's ${
            size / 60_000
          }-minute buckets`,
        ),
      };
    for (const b of buckets)
      if (b.start >= from && b.start < to) total += b.count;
  }
  return { [K.inflowPerDay]: { value: (total * DAY_MS) / (to - from) } };
}

/**
 * Replay success over replays of the queue that finished in `[from, to)`: replayed /
 * (replayed + failed-again + parked), in percent. `complete` is false when the replay list
 * may have been cut before the period's start (the route answers the newest only).
 */
export function replayKpi(
  replays: readonly Replay[],
  from: number,
  to: number,
  complete: boolean,
): DlqKpiOutcomes {
  let replayed = 0;
  let failed = 0;
  for (const r of replays) {
    if (r.finishedAt === null) continue;
    const finished = Date.parse(r.finishedAt);
    if (!(finished >= from && finished < to)) continue;
    replayed += r.progress.counts.replayed;
    failed += r.progress.counts['failed-again'] + r.progress.counts.parked;
  }
  if (!complete)
    return {
      [K.replaySuccessRate]: none(
        'dlq-backend lists only the newest replays, and they do not reach back to the period',
      ),
    };
  if (replayed + failed === 0)
    return {
      [K.replaySuccessRate]: none(
        'no replayed message of the queue reached an outcome in the period',
      ),
    };
  return {
    [K.replaySuccessRate]: { value: (replayed / (replayed + failed)) * 100 },
  };
}
