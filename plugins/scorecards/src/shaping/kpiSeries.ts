import {
  parseThresholdExpression,
  type HistoryPointResponse,
  type Interval,
  type KpiDirection,
  type KpiDomain,
  type KpiUnit,
  type MemberCountsResponse,
  type ScorecardStatus,
  type ThresholdRule,
} from '@internal/plugin-scorecards-common';
import { formatKpiValue } from './kpiFormat';

function intervalOf(rule: ThresholdRule): Interval | undefined {
  try {
    return parseThresholdExpression(rule.expression);
  } catch {
    return undefined;
  }
}

/**
 * The target line: where green begins. Higher-is-better KPIs count from the lowest
 * finite lower bound of a green rule, lower-is-better ones up to the highest upper bound.
 */
export function kpiTarget(
  thresholds: ThresholdRule[],
  direction: KpiDirection,
): number | undefined {
  const bounds = thresholds
    .filter(r => r.status === 'green')
    .map(intervalOf)
    .filter((i): i is Interval => i !== undefined)
    .map(i => (direction === 'higher-is-better' ? i.low : i.high).value)
    .filter(Number.isFinite);
  if (!bounds.length) return undefined;
  return direction === 'higher-is-better'
    ? Math.min(...bounds)
    : Math.max(...bounds);
}

/** One rule for a caption: `≥ 99 %`, `< 5 per 1,000`, `95 % – 99 %`, `= 0`. */
export function formatThresholdRule(
  rule: ThresholdRule,
  unit: KpiUnit,
): string {
  const i = intervalOf(rule);
  if (!i) return rule.expression;
  const f = (v: number) => formatKpiValue(v, unit);
  const lowOpen = !Number.isFinite(i.low.value);
  const highOpen = !Number.isFinite(i.high.value);
  if (lowOpen && highOpen) return 'any value';
  if (lowOpen) return `${i.high.inclusive ? '≤' : '<'} ${f(i.high.value)}`;
  if (highOpen) return `${i.low.inclusive ? '≥' : '>'} ${f(i.low.value)}`;
  if (i.low.value === i.high.value) return `= ${f(i.low.value)}`;
  return `${f(i.low.value)} – ${f(i.high.value)}`;
}

/** `green ≥ 99 % · amber 95 % – 99 % · red < 95 %`: every rule, first match wins. */
export function formatThresholds(
  thresholds: ThresholdRule[],
  unit: KpiUnit,
): string {
  return thresholds
    .map(r => `${r.status} ${formatThresholdRule(r, unit)}`)
    .join(' · ');
}

export interface KpiChartPoint {
  /** Bucket start, epoch milliseconds. */
  t: number;
  value: number;
  status?: ScorecardStatus;
  /** A rollup's members by status in this bucket. */
  members?: MemberCountsResponse;
}

/** History points ready to draw: oldest first, only finite values. */
export function kpiChartData(points: HistoryPointResponse[]): KpiChartPoint[] {
  return points
    .map(p => ({
      t: Date.parse(p.bucketStart),
      value: p.value,
      status: p.status,
      ...(p.members ? { members: p.members } : {}),
    }))
    .filter(p => Number.isFinite(p.t) && Number.isFinite(p.value))
    .sort((a, b) => a.t - b.t);
}

/**
 * The y range: the values and the target, padded by a tenth so neither sits on the
 * frame, kept within the KPI's domain (a percentage never shows 104 %).
 */
export function kpiYDomain(
  points: KpiChartPoint[],
  target?: number,
  domain: KpiDomain = {},
): [number, number] {
  const values = points.map(p => p.value);
  if (target !== undefined) values.push(target);
  if (!values.length) return [domain.min ?? 0, domain.max ?? 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  lo -= pad;
  hi += pad;
  if (domain.min !== undefined) lo = Math.max(lo, domain.min);
  if (domain.max !== undefined) hi = Math.min(hi, domain.max);
  return [lo, hi];
}

/** The date (UTC) a day bucket starts on, `4 Dec`, or with the hour for hourly buckets. */
export function formatBucket(t: number, granularity: 'day' | 'hour'): string {
  const d = new Date(t);
  const day = d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  if (granularity === 'day') return day;
  return `${day} ${String(d.getUTCHours()).padStart(2, '0')}:00`;
}

/** The green rules as a target: `≥ 99 %`, or `no target` without a green rule. */
export function targetText(thresholds: ThresholdRule[], unit: KpiUnit): string {
  const green = thresholds.filter(r => r.status === 'green');
  if (!green.length) return 'no target';
  return green.map(r => formatThresholdRule(r, unit)).join(' or ');
}
