import { SnapshotGranularity } from '../database/SnapshotStore';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const bucketSize = (granularity: SnapshotGranularity) =>
  granularity === 'day' ? DAY_MS : HOUR_MS;

/** Start of the UTC day or hour holding `at`. */
export function bucketStart(
  at: number,
  granularity: SnapshotGranularity,
): number {
  const size = bucketSize(granularity);
  return Math.floor(at / size) * size;
}

/**
 * The same UTC day one calendar month earlier, clamped to the month's last day (31 March →
 * 28 or 29 February): what month-over-month compares with.
 */
export function monthBefore(dayStart: number): number {
  const d = new Date(dayStart);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() - 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay));
}
