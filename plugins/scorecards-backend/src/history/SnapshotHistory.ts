import {
  KpiDefinition,
  ScorecardStatus,
} from '@internal/plugin-scorecards-common';
import { Snapshot, SnapshotStore } from '../database/SnapshotStore';
import { bucketStart, DAY_MS, monthBefore } from '../snapshots/buckets';
import { KpiDelta, kpiDelta } from './kpiDelta';

export interface KpiValueWithDeltas {
  entityRef: string;
  kpiId: string;
  /** The day the value is for (start, ms). */
  day: number;
  value: number;
  status?: ScorecardStatus;
  /** Against the same weekday a week earlier; absent without a snapshot that day. */
  weekOverWeek?: KpiDelta;
  /** Against the same date a calendar month earlier (clamped to month end). */
  monthOverMonth?: KpiDelta;
}

/** Reads daily snapshots with week-over-week and month-over-month deltas. */
export class SnapshotHistory {
  private readonly kpis: Map<string, KpiDefinition>;

  constructor(
    private readonly store: SnapshotStore,
    kpis: readonly KpiDefinition[],
  ) {
    this.kpis = new Map(kpis.map(k => [k.id, k]));
  }

  /**
   * Values of the day holding `day` (any time in it) with their deltas. Deltas compare
   * exact days: a missing earlier snapshot gives no delta rather than a neighbour's value.
   */
  async withDeltas(
    day: number,
    filter: { entityRefs?: string[]; kpiIds?: string[] } = {},
  ): Promise<KpiValueWithDeltas[]> {
    const current = bucketStart(day, 'day');
    const weekAgo = current - 7 * DAY_MS;
    const monthAgo = monthBefore(current);
    const rows = await this.store.at(
      'day',
      [current, weekAgo, monthAgo],
      filter,
    );
    const earlier = new Map<string, Snapshot>();
    for (const row of rows)
      if (row.bucketStart !== current)
        earlier.set(`${row.bucketStart} ${row.entityRef} ${row.kpiId}`, row);
    const previous = (bucket: number, s: Snapshot) =>
      earlier.get(`${bucket} ${s.entityRef} ${s.kpiId}`)?.value;

    return rows
      .filter(s => s.bucketStart === current)
      .map(s => {
        const direction = this.kpis.get(s.kpiId)?.direction;
        return {
          entityRef: s.entityRef,
          kpiId: s.kpiId,
          day: current,
          value: s.value,
          status: s.status,
          weekOverWeek: kpiDelta(s.value, previous(weekAgo, s), direction),
          monthOverMonth: kpiDelta(s.value, previous(monthAgo, s), direction),
        };
      });
  }
}
