/** The periods a KPI's history can be read over. */
export const HISTORY_PERIODS = ['48h', '30d', '90d', '365d'] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];
export const DEFAULT_PERIOD: HistoryPeriod = '30d';

export const PERIOD_LABEL: Record<HistoryPeriod, string> = {
  '48h': '48 hours, hourly',
  '30d': '30 days',
  '90d': '90 days',
  '365d': 'a year',
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function parsePeriod(value: string | null): HistoryPeriod {
  return (HISTORY_PERIODS as readonly string[]).includes(value ?? '')
    ? (value as HistoryPeriod)
    : DEFAULT_PERIOD;
}

/**
 * The request for a period, in whole UTC buckets up to and including the current one, so
 * the last complete day or hour is always in (the backend's `to` is exclusive).
 */
export function historyRange(
  period: HistoryPeriod,
  now: number,
): { from: Date; to: Date; granularity: 'day' | 'hour' } {
  if (period === '48h') {
    const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
    return {
      from: new Date(hour - 48 * HOUR_MS),
      to: new Date(hour + HOUR_MS),
      granularity: 'hour',
    };
  }
  const days = Number(period.slice(0, -1));
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return {
    from: new Date(today - days * DAY_MS),
    to: new Date(today + DAY_MS),
    granularity: 'day',
  };
}
