import type {
  KpiDeltaResponse,
  KpiUnit,
} from '@internal/plugin-scorecards-common';

const numberFormats = new Map<number, Intl.NumberFormat>();
function number(value: number, maxDigits: number): string {
  let format = numberFormats.get(maxDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      maximumFractionDigits: maxDigits,
    });
    numberFormats.set(maxDigits, format);
  }
  // -0 would print as "-0".
  return format.format(value === 0 ? 0 : value);
}

/** Fewer decimals as numbers grow: 0.125 → 0.13, 12.34 → 12.3, 1234.5 → 1,235. */
function digitsFor(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 100) return 0;
  if (abs >= 10) return 1;
  return 2;
}

function percentDigits(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 100) return 0;
  return abs >= 99 ? 2 : 1;
}

/** A duration in milliseconds, in the largest unit that keeps it readable. */
function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${number(ms, 0)} ms`;
  if (abs < 120_000) return `${number(ms / 1000, digitsFor(ms / 1000))} s`;
  if (abs < 7_200_000)
    return `${number(ms / 60_000, digitsFor(ms / 60_000))} min`;
  if (abs < 172_800_000)
    return `${number(ms / 3_600_000, digitsFor(ms / 3_600_000))} h`;
  return `${number(ms / 86_400_000, digitsFor(ms / 86_400_000))} days`;
}

const MS_PER: Partial<Record<KpiUnit, number>> = {
  milliseconds: 1,
  seconds: 1000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** A KPI value with its unit, as a leader reads it: `99.2 %`, `3.4 per 1,000`, `1.2 s`. */
export function formatKpiValue(value: number, unit: KpiUnit): string {
  if (!Number.isFinite(value)) return '—';
  const msPer = MS_PER[unit];
  if (msPer !== undefined) return duration(value * msPer);
  switch (unit) {
    case 'percent':
      // Two decimals where they matter (99.95 % vs 99.9 %), none from 100 % on.
      return `${number(value, percentDigits(value))} %`;
    case 'per-thousand':
      return `${number(value, digitsFor(value))} per 1,000`;
    case 'per-day':
      return `${number(value, digitsFor(value))} / day`;
    case 'count':
    default:
      return number(value, Number.isInteger(value) ? 0 : digitsFor(value));
  }
}

/** The unit as a word for axis labels and CSV headers. */
export function unitLabel(unit: KpiUnit): string {
  switch (unit) {
    case 'percent':
      return '%';
    case 'per-thousand':
      return 'per 1,000';
    case 'per-day':
      return 'per day';
    case 'milliseconds':
      return 'ms';
    case 'count':
      return 'count';
    default:
      return unit;
  }
}

function signed(text: string, change: number): string {
  if (change > 0) return `+${text}`;
  if (change < 0) return `−${text.replace(/^-/, '')}`;
  return text;
}

/**
 * A change from the previous period: `+1.2 pp` for percentages (points, not a ratio),
 * otherwise the change in the KPI's unit with the relative change, `−12 / day (−8 %)`.
 */
export function formatKpiDelta(delta: KpiDeltaResponse, unit: KpiUnit): string {
  const { change, relativeChange } = delta;
  if (unit === 'percent') {
    return signed(`${number(change, digitsFor(change))} pp`, change);
  }
  const absolute = signed(formatKpiValue(change, unit), change);
  if (relativeChange === undefined || change === 0) return absolute;
  const relative = relativeChange * 100;
  return `${absolute} (${signed(
    `${number(relative, Math.abs(relative) >= 10 ? 0 : 1)} %`,
    relative,
  )})`;
}
