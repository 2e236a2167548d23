import {
  SLO_BURN_WINDOWS,
  type SloBudgetPoint,
  type SloBurnPoint,
  type SloBurnWindow,
  type SloRuleState,
} from '@internal/plugin-journeys-common';
import { formatBurn } from './SloFigures';

/**
 * What the SLO charts draw, computed from the contract's points: rows keyed by epoch ms,
 * axis ticks, domains and threshold lines. The chart components only hand this to recharts.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Below this many points a line without dots would not show. */
const SPARSE_POINTS = 3;

const TICK_STEPS = [
  10 * MINUTE_MS,
  30 * MINUTE_MS,
  HOUR_MS,
  2 * HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
  14 * DAY_MS,
];

/**
 * At most `maxTicks` ticks between `startMs` and `endMs`, on round local times (whole
 * hours, midnights), the smallest step that fits.
 */
export function timeTicks(
  startMs: number,
  endMs: number,
  maxTicks = 7,
): number[] {
  if (!(endMs > startMs)) return Number.isFinite(startMs) ? [startMs] : [];
  const span = endMs - startMs;
  const step =
    TICK_STEPS.find(s => span / s <= maxTicks) ??
    Math.ceil(span / maxTicks / DAY_MS) * DAY_MS;
  const midnight = new Date(startMs);
  midnight.setHours(0, 0, 0, 0);
  const ticks: number[] = [];
  if (step >= DAY_MS) {
    const days = step / DAY_MS;
    const d = midnight;
    while (d.getTime() < startMs) d.setDate(d.getDate() + 1);
    for (; d.getTime() <= endMs; d.setDate(d.getDate() + days)) {
      ticks.push(d.getTime());
    }
    return ticks;
  }
  let t = midnight.getTime();
  t += Math.ceil((startMs - t) / step) * step;
  for (; t <= endMs; t += step) ticks.push(t);
  return ticks;
}

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const pad = (n: number) => String(n).padStart(2, '0');

/** A tick label: '14:30' within about a day and a half, '3 Jan' over longer spans. */
export function tickLabel(spanMs: number) {
  return (t: number) => {
    const d = new Date(t);
    if (Number.isNaN(d.getTime())) return '';
    return spanMs > 36 * HOUR_MS
      ? `${d.getDate()} ${MONTHS[d.getMonth()]}`
      : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above `v`. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(v));
  const step = [1, 2, 2.5, 5, 10].find(m => m * magnitude >= v - 1e-9) ?? 10;
  return step * magnitude;
}

/** The nice value at or below `v` (for negative domain ends): -1.3 → -2. */
const niceFloor = (v: number) => (v >= 0 ? 0 : -niceCeil(-v));

const toTime = (iso: string) => Date.parse(iso);

export interface BurnDownRow {
  t: number;
  /** Remaining budget fraction; null leaves a gap (no valid events yet). */
  remaining: number | null;
  /** The part at or above zero (drawn green) and the part below (drawn red). */
  left: number | null;
  blown: number | null;
}

export interface BurnDownChartLayout {
  rows: BurnDownRow[];
  /** False when no point has a remaining fraction: draw the no-data text instead. */
  hasData: boolean;
  xDomain: [number, number];
  xTicks: number[];
  xLabel: (t: number) => string;
  yDomain: [number, number];
  dots: boolean;
}

/**
 * The burn-down: remaining budget over the SLO window, the zero line in view. The part
 * below zero is its own series, so a blown budget reads red at a glance.
 */
export function burnDownChartLayout(
  points: SloBudgetPoint[],
): BurnDownChartLayout {
  const rows = points
    .map(p => {
      const v = p.remainingFraction;
      return {
        t: toTime(p.time),
        remaining: v,
        left: v === null ? null : Math.max(0, v),
        blown: v === null ? null : Math.min(0, v),
      };
    })
    .filter(r => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);
  const values = rows
    .map(r => r.remaining)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const start = rows.length ? rows[0].t : 0;
  const end = rows.length ? rows[rows.length - 1].t : 0;
  // Budget fractions: 1 untouched; the axis always shows 0 … 100 % and goes below zero
  // as far as the budget was blown.
  const yMin = niceFloor(Math.min(0, ...values));
  const yMax = Math.max(1, niceCeil(Math.max(1, ...values)));
  return {
    rows,
    hasData: values.length > 0,
    xDomain: [start, end],
    xTicks: timeTicks(start, end),
    xLabel: tickLabel(end - start),
    yDomain: [yMin, yMax],
    dots: values.length < SPARSE_POINTS,
  };
}

export interface BurnThreshold {
  factor: number;
  severity: SloRuleState['severity'];
  /** 'page 14.4×'; rules sharing a factor share one line. */
  label: string;
}

export interface BurnRateChartLayout {
  /** One row per point: `t` and a burn rate per drawn window. */
  rows: Array<{ t: number } & Partial<Record<SloBurnWindow, number>>>;
  /** The windows the rules use (and always 5m, 1h and 6h), shortest first. */
  windows: SloBurnWindow[];
  thresholds: BurnThreshold[];
  xDomain: [number, number];
  xTicks: number[];
  xLabel: (t: number) => string;
  yMax: number;
  /** Some burn rate is above yMax and cut off (a full outage burns at 1 / (1 − target)). */
  clipped: boolean;
  dots: boolean;
}

/** Always drawn, so a chart of custom rules can still be compared with the defaults. */
const BASE_WINDOWS: SloBurnWindow[] = ['5m', '1h', '6h'];

/**
 * The burn-rate history: a line per window the rules use and a threshold per factor. The
 * y axis ends a little above the highest factor, or at the highest burn rate up to three
 * times that: an outage's burn of several hundred would otherwise flatten the thresholds.
 */
export function burnRateChartLayout(
  points: SloBurnPoint[],
  rules: SloRuleState[],
): BurnRateChartLayout {
  const used = new Set<SloBurnWindow>(BASE_WINDOWS);
  for (const r of rules) {
    used.add(r.longWindow);
    used.add(r.shortWindow);
  }
  const windows = SLO_BURN_WINDOWS.filter(w => used.has(w));

  const rows = points
    .map(p => {
      const row: BurnRateChartLayout['rows'][number] = { t: toTime(p.time) };
      for (const w of windows) row[w] = p.burnRates[w];
      return row;
    })
    .filter(r => Number.isFinite(r.t))
    .sort((a, b) => a.t - b.t);

  const byFactor = new Map<string, SloRuleState[]>();
  for (const r of [...rules].sort((a, b) => b.factor - a.factor)) {
    const key = formatBurn(r.factor);
    byFactor.set(key, [...(byFactor.get(key) ?? []), r]);
  }
  const thresholds = [...byFactor.entries()].map(([key, same]) => {
    const severities = [...new Set(same.map(r => r.severity))];
    return {
      factor: same[0].factor,
      severity: severities.includes('page') ? 'page' : 'ticket',
      label: `${severities.join('/')} ${key}`,
    } as BurnThreshold;
  });

  let observed = 0;
  for (const row of rows) {
    for (const w of windows) {
      const v = row[w];
      if (v !== undefined && Number.isFinite(v) && v > observed) observed = v;
    }
  }
  const highestFactor = Math.max(1, ...thresholds.map(t => t.factor));
  const yMax = niceCeil(
    Math.max(highestFactor * 1.2, Math.min(observed, highestFactor * 3)),
  );
  const start = rows.length ? rows[0].t : 0;
  const end = rows.length ? rows[rows.length - 1].t : 0;
  return {
    rows,
    windows,
    thresholds,
    xDomain: [start, end],
    xTicks: timeTicks(start, end),
    xLabel: tickLabel(end - start),
    yMax,
    clipped: observed > yMax,
    dots: rows.length < SPARSE_POINTS,
  };
}

/** A colour per burn window, light for the short ones, dark for the long ones. */
export const BURN_WINDOW_COLOURS: Record<SloBurnWindow, string> = {
  '5m': '#81d4fa',
  '30m': '#29b6f6',
  '1h': '#1e88e5',
  '2h': '#3949ab',
  '6h': '#8e24aa',
  '1d': '#6d4c41',
  '3d': '#37474f',
};
