import type {
  SloAlert,
  SloBudgetStatus,
  SloBurnWindow,
  SloDetail,
  SloRuleState,
  SloSummary,
} from '@internal/plugin-journeys-common';
import { formatDuration, formatMs } from '../format';

/**
 * An objective's figures in words a person can check by hand: SLI against target, the
 * window, what counts, the budget and the burn-rate rules. Pure, so the wording is tested
 * apart from the views that show it.
 */

export const BUDGET_COLOURS: Record<SloBudgetStatus, string> = {
  healthy: '#2e7d32',
  warning: '#ed6c02',
  exhausted: '#d32f2f',
  'no-data': '#757575',
};

export const SEVERITY_COLOURS: Record<SloAlert['severity'], string> = {
  page: '#d32f2f',
  ticket: '#ed6c02',
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const UNIT_MS: Record<string, number> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/** `5m` → 300,000; the burn windows of the contract. */
export function burnWindowMs(window: SloBurnWindow): number {
  const match = /^(\d+)([mhd])$/.exec(window);
  return match ? Number(match[1]) * UNIT_MS[match[2]] : NaN;
}

/** 3,600,000 → `1h`, 300,000 → `5m`: how the rules name a window (alerts carry ms). */
export function burnWindowLabel(ms: number): string {
  if (ms > 0 && ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms > 0 && ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  if (ms > 0 && ms % MINUTE_MS === 0) return `${ms / MINUTE_MS}m`;
  return formatMs(ms);
}

/** Decimals a percentage needs to show `ratio` exactly (up to 3): 0.99 → 0, 0.9995 → 2. */
function percentDecimals(ratio: number): number {
  const pct = ratio * 100;
  for (let d = 0; d < 3; d++) {
    if (Math.abs(pct * 10 ** d - Math.round(pct * 10 ** d)) < 1e-6) return d;
  }
  return 3;
}

/** A target as declared: 0.99 → '99 %', 0.9995 → '99.95 %'. */
export function formatTarget(target: number): string {
  return `${(target * 100).toFixed(percentDecimals(target))} %`;
}

/**
 * The SLI with one decimal more than the target (at least two), cut rather than rounded,
 * so a missed target never reads as met: 0.98999 against 0.99 → '98.99 %', not '99.00 %'.
 */
export function formatSli(sli: number | null, target: number): string {
  if (sli === null || !Number.isFinite(sli)) return '–';
  const d = Math.max(2, percentDecimals(target) + 1);
  const cut = Math.floor(sli * 100 * 10 ** d + 1e-6) / 10 ** d;
  return `${cut.toFixed(d)} %`;
}

/** A budget share or remaining fraction: 0.42 → '42 %', 0.034 → '3.4 %', -1 → '-100 %'. */
export function formatFraction(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–';
  const pct = fraction * 100;
  const digits = Math.abs(pct) >= 10 || Number.isInteger(pct) ? 0 : 1;
  return `${pct.toFixed(digits)} %`;
}

/** A burn rate or factor: 14.4 → '14.4×', 13.44 → '13.4×', 6 → '6×', 0.933 → '0.93×'. */
export function formatBurn(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–';
  return `${rate.toLocaleString('en-US', {
    maximumFractionDigits: Math.abs(rate) < 1 ? 2 : 1,
  })}×`;
}

/** An event count; budgets are fractional (valid × (1 − target)): 1234 → '1,234', 12.34 → '12.3'. */
export function formatEvents(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** '1 event', '12.3 events'. */
export function eventsText(n: number): string {
  return `${formatEvents(n)} ${formatEvents(n) === '1' ? 'event' : 'events'}`;
}

/** A window in words: 28 d → '28 days', 1 d → '1 day', 12 h → '12 hours'. */
export function windowText(windowMs: number): string {
  const plural = (n: number, unit: string) =>
    `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (windowMs > 0 && windowMs % DAY_MS === 0)
    return plural(windowMs / DAY_MS, 'day');
  if (windowMs > 0 && windowMs % HOUR_MS === 0)
    return plural(windowMs / HOUR_MS, 'hour');
  if (windowMs > 0 && windowMs % MINUTE_MS === 0)
    return plural(windowMs / MINUTE_MS, 'minute');
  return formatDuration(windowMs);
}

/** A latency threshold as declared: 5000 → '5 s', 1500 → '1.50 s', 800 → '800 ms'. */
export function formatThreshold(ms: number | undefined): string {
  if (ms !== undefined && ms >= 1000 && ms % 1000 === 0 && ms < 60_000)
    return `${ms / 1000} s`;
  return formatMs(ms);
}

/** What the objective counts: outcome lists for ratios, the threshold for latency. */
export function countsText(slo: SloSummary): {
  good: string;
  bad: string;
  excluded: string;
} {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');
  if (slo.indicator === 'latency') {
    return {
      good: `finished within ${formatThreshold(slo.thresholdMs)}`,
      bad: `finished slower than ${formatThreshold(slo.thresholdMs)}`,
      excluded: list(slo.outcomes.excluded),
    };
  }
  return {
    good: list(slo.outcomes.good),
    bad: list(slo.outcomes.bad),
    excluded: list(slo.outcomes.excluded),
  };
}

/** Valid events in the window: good + bad. */
export const validEvents = (slo: Pick<SloSummary, 'good' | 'bad'>) =>
  slo.good + slo.bad;

/** True when the window holds no finished instance the objective counts. */
export const hasNoData = (slo: SloSummary) =>
  validEvents(slo) === 0 || slo.budget.remainingFraction === null;

/** The plain statement of a blown budget, or null while the budget holds. */
export function exhaustedSentence(slo: SloSummary): string | null {
  const fraction = slo.budget.remainingFraction;
  if (fraction === null || fraction >= 0) return null;
  return (
    `Budget exhausted: ${formatEvents(-slo.budget.remainingEvents)} more bad ` +
    `${-slo.budget.remainingEvents === 1 ? 'event' : 'events'} than the ` +
    `${formatTarget(slo.target)} target allows over the last ${windowText(
      slo.windowMs,
    )}; the objective is not met until they age out of the window.`
  );
}

/** '1h & 5m over 14.4×': the window pair of a rule or of a fired alert's figures. */
export function windowPairText(
  rule:
    | Pick<SloRuleState, 'longWindow' | 'shortWindow' | 'factor'>
    | SloAlert['rules'][number],
): string {
  const [long, short] =
    'longWindow' in rule
      ? [rule.longWindow, rule.shortWindow]
      : [
          burnWindowLabel(rule.longWindowMs),
          burnWindowLabel(rule.shortWindowMs),
        ];
  return `${long} & ${short} over ${formatBurn(rule.factor)}`;
}

export type RuleVerdict = 'firing' | 'held back' | 'quiet';

/** Firing; over the factor but held back by the low-traffic guard; or quiet. */
export function ruleVerdict(rule: SloRuleState): RuleVerdict {
  if (rule.firing) return 'firing';
  if (rule.tooFewEvents) return 'held back';
  return 'quiet';
}

/** The most urgent open alert's severity: a page outranks a ticket. */
export function openSeverity(
  alerts: SloAlert[],
): SloAlert['severity'] | undefined {
  if (alerts.some(a => a.severity === 'page')) return 'page';
  if (alerts.some(a => a.severity === 'ticket')) return 'ticket';
  return undefined;
}

/** One line of the "why": what is computed, how, and the result. */
export interface WhyLine {
  label: string;
  formula: string;
  value: string;
}

/**
 * The numbers behind the budget and the rules, each derivable from the lines above it.
 * The 1h burn rate is recomputed from the rule with a 1h long window (its valid events
 * and burn give the bad events back), so the formula shows real counts.
 */
export function whyLines(slo: SloDetail): WhyLine[] {
  const valid = validEvents(slo);
  const allowedRatio = 1 - slo.target;
  const allowed = formatTarget(allowedRatio);
  const window = windowText(slo.windowMs);
  const lines: WhyLine[] = [
    {
      label: 'Good events',
      formula: `finished instances counted good, last ${window}`,
      value: formatEvents(slo.good),
    },
    {
      label: 'Bad events',
      formula: `finished instances counted bad, last ${window}`,
      value: formatEvents(slo.bad),
    },
    {
      label: 'Valid events',
      formula: `good + bad = ${formatEvents(slo.good)} + ${formatEvents(
        slo.bad,
      )}`,
      value: formatEvents(valid),
    },
    {
      label: 'SLI',
      formula: `good / valid = ${formatEvents(slo.good)} / ${formatEvents(
        valid,
      )}`,
      value: formatSli(slo.sli, slo.target),
    },
    {
      label: 'Allowed bad events (budget)',
      formula: `valid × (1 − target) = ${formatEvents(valid)} × ${allowed}`,
      value: eventsText(slo.budget.totalEvents),
    },
    {
      label: 'Consumed',
      formula: 'the bad events',
      value: eventsText(slo.budget.consumedEvents),
    },
    {
      label: 'Remaining',
      formula: `allowed − consumed = ${formatEvents(
        slo.budget.totalEvents,
      )} − ${formatEvents(slo.budget.consumedEvents)}`,
      value: `${eventsText(slo.budget.remainingEvents)} (${formatFraction(
        slo.budget.remainingFraction,
      )} of the budget)`,
    },
    {
      label: 'Budget as time',
      formula: `(1 − target) × window = ${allowed} × ${window}`,
      value: `${formatDuration(slo.budget.totalTimeMs)} of full outage, ${
        slo.budget.remainingTimeMs === null
          ? '–'
          : formatDuration(slo.budget.remainingTimeMs)
      } left`,
    },
  ];

  const hourly = slo.rules.find(r => r.longWindow === '1h');
  if (hourly && hourly.longValid > 0) {
    const bad = Math.round(hourly.longBurn * allowedRatio * hourly.longValid);
    lines.push({
      label: 'Burn rate 1h',
      formula: `(bad / valid) / (1 − target) = (${formatEvents(
        bad,
      )} / ${formatEvents(hourly.longValid)}) / ${allowed}`,
      value: formatBurn(hourly.longBurn),
    });
  } else {
    lines.push({
      label: 'Burn rate 1h',
      formula: `(bad / valid) / (1 − target) over the last hour${
        hourly ? ': no valid events' : ''
      }`,
      value: formatBurn(slo.burnRates['1h']),
    });
  }

  for (const rule of slo.rules) {
    lines.push({
      label: `Factor, ${rule.severity} ${rule.longWindow} & ${rule.shortWindow}`,
      formula: `budget share × SLO window / long window = ${formatFraction(
        rule.budgetShare,
      )} × ${window} / ${rule.longWindow}`,
      value: formatBurn(rule.factor),
    });
  }
  return lines;
}
