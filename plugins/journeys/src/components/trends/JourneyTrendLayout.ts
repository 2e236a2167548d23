import type {
  JourneyStats,
  SloSummary,
  StatsWindow,
} from '@internal/plugin-journeys-common';
import { niceCeil } from '../slo/SloChartLayout';
import { formatTarget, formatThreshold } from '../slo/SloFigures';

/**
 * What the journey trend charts draw, computed from GET /journeys of the current window
 * and of the previous one (the same window ending where the current one starts): rows keyed
 * by epoch ms with the previous period shifted onto the current time axis, target lines
 * from the journey's objectives and the deltas beside the headline figures. The chart
 * components only hand this to recharts.
 */

const HOUR_MS = 3_600_000;

export const WINDOW_MS: Record<StatsWindow, number> = {
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
};

/** '24h' → '24 h', '7d' → '7 d': the window as the legend and deltas name it. */
export const windowWords = (window: StatsWindow) =>
  window.replace(/^(\d+)([a-z])$/, '$1 $2');

/** 'previous 24 h': the previous period's name in legends and deltas. */
export const previousName = (window: StatsWindow) =>
  `previous ${windowWords(window)}`;

/** Where the current window and the previous one end: now, and now − window. */
export function periodEnds(
  nowMs: number,
  window: StatsWindow,
): { current: string; previous: string } {
  return {
    current: new Date(nowMs).toISOString(),
    previous: new Date(nowMs - WINDOW_MS[window]).toISOString(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A bucket's label on the time axis: '14:30', and the day in front for a week. */
export function bucketLabel(window: StatsWindow) {
  return (t: number) => {
    const d = new Date(t);
    if (Number.isNaN(d.getTime())) return '';
    const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return window === '7d'
      ? `${pad(d.getDate())}.${pad(d.getMonth() + 1)}. ${hm}`
      : hm;
  };
}

/** One time bucket: the current period's figures and the previous period's, shifted. */
export interface TrendRow {
  /** Bucket start, epoch ms, on the current period's axis. */
  t: number;
  /** The stacked outcomes: they add up to the volume. */
  ok: number | null;
  recovered: number | null;
  failed: number | null;
  count: number | null;
  /** failed / started in the bucket; null without instances. */
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** The same bucket one window earlier; null where the previous period has none. */
  prevCount: number | null;
  prevErrorRate: number | null;
  prevP95Ms: number | null;
}

export interface TrendLayout {
  rows: TrendRow[];
  /** False without a single bucket in the current period: say so instead of drawing. */
  hasData: boolean;
  /** True when the previous period holds at least one instance. */
  hasPrevious: boolean;
  xDomain: [number, number];
  /** The buckets' size, for 'instances per 15 min'; 0 with a single bucket. */
  bucketMs: number;
  /**
   * The error-rate axis' top: a round value over both periods' highest rate, at least 1 %
   * (an axis of zeros otherwise reads 0–400 %). Target lines above it extend the axis.
   */
  errorRateTop: number;
  /** Fewer points than this and lines get dots, or they would not show. */
  dots: boolean;
}

const emptyRow = (t: number): TrendRow => ({
  t,
  ok: null,
  recovered: null,
  failed: null,
  count: null,
  errorRate: null,
  p50Ms: null,
  p95Ms: null,
  p99Ms: null,
  prevCount: null,
  prevErrorRate: null,
  prevP95Ms: null,
});

const rate = (failed: number, count: number) =>
  count > 0 ? failed / count : null;

/**
 * The current series with the previous one shifted by the window onto the same buckets.
 * Previous points that land outside the current period's buckets are dropped: the axis is
 * the current period's.
 */
export function trendLayout(
  current: JourneyStats,
  previous?: JourneyStats | null,
): TrendLayout {
  const shift = WINDOW_MS[current.window];
  const rows = new Map<number, TrendRow>();
  for (const p of current.series) {
    const t = Date.parse(p.time);
    if (!Number.isFinite(t)) continue;
    rows.set(t, {
      ...emptyRow(t),
      ok: Math.max(0, p.count - p.failed - (p.recovered ?? 0)),
      recovered: p.recovered ?? 0,
      failed: p.failed,
      count: p.count,
      errorRate: rate(p.failed, p.count),
      p50Ms: p.p50Ms,
      p95Ms: p.p95Ms,
      p99Ms: p.p99Ms,
    });
  }
  let hasPrevious = false;
  if (previous && previous.window === current.window) {
    for (const p of previous.series) {
      const row = rows.get(Date.parse(p.time) + shift);
      if (!row) continue;
      row.prevCount = p.count;
      row.prevErrorRate = rate(p.failed, p.count);
      row.prevP95Ms = p.p95Ms;
      if (p.count > 0) hasPrevious = true;
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.t - b.t);
  const start = sorted.length ? sorted[0].t : 0;
  const end = sorted.length ? sorted[sorted.length - 1].t : 0;
  const points = sorted.filter(r => r.p95Ms !== null).length;
  return {
    rows: sorted,
    hasData: sorted.length > 0,
    hasPrevious,
    xDomain: [start, end],
    bucketMs: sorted.length > 1 ? sorted[1].t - sorted[0].t : 0,
    errorRateTop: niceCeil(
      Math.max(
        0.01,
        ...sorted.map(r => Math.max(r.errorRate ?? 0, r.prevErrorRate ?? 0)),
      ),
    ),
    dots: points < 3,
  };
}

/** A dashed target line across a chart. */
export interface TargetLine {
  /** The objective it comes from. */
  objective: string;
  /** On the chart's own scale: milliseconds, or an error-rate ratio 0..1. */
  value: number;
  /** What the line says, with its unit: 'target p95 ≤ 2 s', 'allowed errors ≤ 1 %'. */
  label: string;
}

export interface TargetLines {
  latency: TargetLine[];
  errorRate: TargetLine[];
}

type Objective = Pick<
  SloSummary,
  'objective' | 'indicator' | 'target' | 'thresholdMs'
>;

/** 0.95 → 'p95', 0.99 → 'p99', 0.999 → 'p99.9', 0.5 → 'p50'. */
export function percentileName(target: number): string {
  return `p${formatTarget(target).replace(' %', '')}`;
}

/**
 * The lines the journey's objectives draw: a latency objective's threshold on the latency
 * chart ('target p95 ≤ 2 s': the target is the share of instances at or under it, so it
 * reads as that percentile), a ratio objective's allowed error rate (1 − target) on the
 * error-rate chart.
 */
export function targetLines(objectives: Objective[]): TargetLines {
  const latency: TargetLine[] = [];
  const errorRate: TargetLine[] = [];
  for (const o of objectives) {
    if (o.indicator === 'latency' && o.thresholdMs !== undefined) {
      latency.push({
        objective: o.objective,
        value: o.thresholdMs,
        label: `target ${percentileName(o.target)} ≤ ${formatThreshold(
          o.thresholdMs,
        )}`,
      });
    } else if (o.indicator === 'ratio') {
      // 1 − 0.995 is 0.0050000000000000044 in floating point.
      const allowed = Number((1 - o.target).toPrecision(10));
      errorRate.push({
        objective: o.objective,
        value: allowed,
        label: `allowed errors ≤ ${formatTarget(allowed)} (${
          o.objective
        } ${formatTarget(o.target)})`,
      });
    }
  }
  return { latency, errorRate };
}

/** Which way is better for a figure: more volume, fewer errors, shorter cycle times. */
export type Direction = 'higher-is-better' | 'lower-is-better';

export interface Delta {
  /** '+12 % vs previous 24 h', '−0.8 pp vs previous 1 h'. */
  text: string;
  verdict: 'better' | 'worse' | 'same';
}

function signed(n: number, digits: number): string {
  const r = Number(n.toFixed(digits));
  if (r === 0) return `±${(0).toFixed(digits)}`;
  return `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(digits)}`;
}

function verdictOf(change: number, direction: Direction): Delta['verdict'] {
  if (change === 0) return 'same';
  return change > 0 === (direction === 'higher-is-better') ? 'better' : 'worse';
}

/**
 * The relative change of a count or a duration against the previous period; null when
 * either has no figure or the previous one is 0 (no base to compare with, never a made-up
 * delta).
 */
export function relativeDelta(
  current: number | null,
  previous: number | null,
  direction: Direction,
  window: StatsWindow,
): Delta | null {
  if (current === null || previous === null) return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (previous <= 0) return null;
  const pct = ((current - previous) / previous) * 100;
  const digits = Math.abs(pct) < 10 ? 1 : 0;
  const text = `${signed(pct, digits)} % vs ${previousName(window)}`;
  const shown = Number(pct.toFixed(digits));
  return { text, verdict: verdictOf(shown, direction) };
}

/**
 * An error rate's change in percentage points (3.1 % → 4.0 % is +0.9 pp): relative change
 * of a rate that was 0 would be infinite. Null when either period has no finished instance.
 */
export function rateDelta(
  current: number | null,
  previous: number | null,
  window: StatsWindow,
): Delta | null {
  if (current === null || previous === null) return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const pp = (current - previous) * 100;
  const digits = Math.abs(pp) < 10 ? 1 : 0;
  const shown = Number(pp.toFixed(digits));
  return {
    text: `${signed(pp, digits)} pp vs ${previousName(window)}`,
    verdict: verdictOf(shown, 'lower-is-better'),
  };
}

export interface HeadlineDeltas {
  volume: Delta | null;
  errorRate: Delta | null;
  p95: Delta | null;
}

/** The deltas beside volume, error rate and p95; all null without a previous period. */
export function headlineDeltas(
  current: JourneyStats,
  previous?: JourneyStats | null,
): HeadlineDeltas {
  if (!previous || previous.volume === 0) {
    return { volume: null, errorRate: null, p95: null };
  }
  return {
    volume: relativeDelta(
      current.volume,
      previous.volume,
      'higher-is-better',
      current.window,
    ),
    errorRate: rateDelta(current.errorRate, previous.errorRate, current.window),
    p95: relativeDelta(
      current.p95Ms,
      previous.p95Ms,
      'lower-is-better',
      current.window,
    ),
  };
}

/** Colours of a delta: green better, red worse, grey unchanged. */
export const DELTA_COLOURS: Record<Delta['verdict'], string> = {
  better: '#2e7d32',
  worse: '#c62828',
  same: '#757575',
};
