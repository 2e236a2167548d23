import {
  KpiDefinition,
  ScorecardStatus,
} from '@internal/plugin-scorecards-common';
import { Snapshot, SnapshotStore } from '../database/SnapshotStore';
import { bucketStart, DAY_MS, monthBefore } from '../snapshots/buckets';
import { KpiDelta, kpiDelta } from './kpiDelta';

/** A day and the days its deltas compare with (starts, ms). */
export interface ComparedDays {
  current: number;
  /** The same weekday a week earlier. */
  weekAgo: number;
  /** The same date a calendar month earlier, clamped to month end. */
  monthAgo: number;
}

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

  /** The UTC day holding `day` and the earlier days its deltas compare with (starts, ms). */
  static comparedDays(day: number): ComparedDays {
    const current = bucketStart(day, 'day');
    return {
      current,
      weekAgo: current - 7 * DAY_MS,
      monthAgo: monthBefore(current),
    };
  }

  /** Daily snapshots of the day and of the days its deltas compare with, in one read. */
  async around(
    day: number,
    filter: { entityRefs?: string[]; kpiIds?: string[] } = {},
  ): Promise<{ days: ComparedDays; rows: Snapshot[] }> {
    const days = SnapshotHistory.comparedDays(day);
    const rows = await this.store.at(
      'day',
      [days.current, days.weekAgo, days.monthAgo],
      filter,
    );
    return { days, rows };
  }

  /** Week-over-week and month-over-month deltas of a KPI's value; none without an earlier value. */
  deltas(
    kpiId: string,
    value: number,
    previous: { weekAgo?: number; monthAgo?: number },
  ): Pick<KpiValueWithDeltas, 'weekOverWeek' | 'monthOverMonth'> {
    const direction = this.kpis.get(kpiId)?.direction;
    return {
      weekOverWeek: kpiDelta(value, previous.weekAgo, direction),
      monthOverMonth: kpiDelta(value, previous.monthAgo, direction),
    };
  }

  /**
   * Values of the day holding `day` (any time in it) with their deltas. Deltas compare
   * exact days: a missing earlier snapshot gives no delta rather than a neighbour's value.
   */
  async withDeltas(
    day: number,
    filter: { entityRefs?: string[]; kpiIds?: string[] } = {},
  ): Promise<KpiValueWithDeltas[]> {
    const { days, rows } = await this.around(day, filter);
    return this.withDeltasOf(days, rows);
  }

  /** `withDeltas` over rows already read by `around`. */
  withDeltasOf(
    days: ComparedDays,
    rows: readonly Snapshot[],
  ): KpiValueWithDeltas[] {
    const { current, weekAgo, monthAgo } = days;
    const earlier = new Map<string, Snapshot>();
    for (const row of rows)
      if (row.bucketStart !== current)
        earlier.set(`${row.bucketStart} ${row.entityRef} ${row.kpiId}`, row);
    const previous = (bucket: number, s: Snapshot) =>
      earlier.get(`${bucket} ${s.entityRef} ${s.kpiId}`)?.value;

    return rows
      .filter(s => s.bucketStart === current)
      .map(s => ({
        entityRef: s.entityRef,
        kpiId: s.kpiId,
        day: current,
        value: s.value,
        status: s.status,
        ...this.deltas(s.kpiId, s.value, {
          weekAgo: previous(weekAgo, s),
          monthAgo: previous(monthAgo, s),
        }),
      }));
  }
}
