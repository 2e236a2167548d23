/** 87 → '87 ms', 1530 → '1.53 s', 185000 → '3 min 5 s'. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms > 0 && ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** Microseconds (span timings) in the same words. */
export const formatUs = (us: number) => formatMs(us / 1000);

/** A whole number of milliseconds for table cells, or a dash. */
export const roundMs = (ms: number | null | undefined) =>
  ms === null || ms === undefined || !Number.isFinite(ms)
    ? '–'
    : Math.round(ms).toLocaleString('en-US');

/** 0.0312 → '3.1 %'. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio))
    return '–';
  const pct = ratio * 100;
  return `${pct === 0 || pct >= 10 ? pct.toFixed(0) : pct.toFixed(1)} %`;
}

/** First characters of a trace or span id, enough to tell them apart on screen. */
export const shortId = (id: string, length = 8) =>
  id.length > length ? `${id.slice(0, length)}…` : id;

/**
 * A long span in the two largest units, for budgets and windows: 45 s, '12 min',
 * '4 h 12 min', '3 d 4 h'. Rounded to minutes from an hour on, to hours from a day on.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 3_600_000) return sign + formatMs(abs);
  const minutes = Math.round(abs / 60_000);
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    return `${sign}${h} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  }
  const hours = Math.round(abs / 3_600_000);
  const d = Math.floor(hours / 24);
  return `${sign}${d} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}
