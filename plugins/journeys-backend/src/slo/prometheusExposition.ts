import { parseEntityRef } from '@backstage/catalog-model';
import { INSTANCE_STATUSES } from '@internal/plugin-journeys-common';
import type { JourneyDefinition } from '../catalog/JourneyCatalog';
import {
  boundsWith,
  CYCLE_TIME_OUTCOMES,
  OVERFLOW_LE_MS,
} from '../rollups/latencyBuckets';

/** One journey × outcome × latency bucket, summed over all kept hourly rollups. */
export interface RollupTotal {
  /** Entity ref, e.g. `journey:default/checkout`. */
  journey: string;
  outcome: string;
  /** Upper bound of the latency bucket in ms; 0 for in-flight and stuck. */
  leMs: number;
  count: number;
}

/** What a journey contributes to the exposition besides its counts. */
export type ExposedJourney = Pick<
  JourneyDefinition,
  'ref' | 'title' | 'owner' | 'latencyThresholdsMs'
>;

export interface PrometheusExpositionInput {
  journeys: readonly ExposedJourney[];
  totals: readonly RollupTotal[];
}

export const JOURNEY_INFO_METRIC = 'switchboard_journey_info';
export const JOURNEY_INSTANCES_METRIC = 'switchboard_journey_instances_total';
export const JOURNEY_IN_FLIGHT_METRIC =
  'switchboard_journey_instances_in_flight';
/** In-flight is a state, not an outcome: it falls as instances settle, so it is a gauge. */
const IN_FLIGHT = 'in-flight';
export const JOURNEY_DURATION_METRIC = 'switchboard_journey_duration_seconds';

/** Prometheus text exposition format version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE =
  'text/plain; version=0.0.4; charset=utf-8';

interface Series {
  namespace: string;
  journey: string;
  info?: { title: string; owner: string };
  bounds: number[];
  outcomes: Map<string, number>;
  /** Finished instances (ok, failed) by latency bucket. */
  finished: Map<number, number>;
}

/**
 * The journeys' rollup totals as Prometheus metrics, so Sloth, Pyrra or plain recording
 * rules can compute SLOs from a scrape:
 * - `switchboard_journey_info{namespace,journey,title,owner} 1`;
 * - `switchboard_journey_instances_total{namespace,journey,outcome}`, the five outcomes of
 *   every known journey (0 until counted);
 * - `switchboard_journey_instances_in_flight{namespace,journey}`, a gauge;
 * - `switchboard_journey_duration_seconds` histogram of finished instances (ok, failed), the
 *   journey's latency buckets (defaults plus its objectives' thresholds) as `le` in seconds.
 */
export function renderPrometheus(input: PrometheusExpositionInput): string {
  const series = collect(input);
  const lines: string[] = [];

  family(
    lines,
    JOURNEY_INFO_METRIC,
    'gauge',
    'A Journey entity of the catalog with its title and owner (always 1).',
  );
  for (const s of series)
    if (s.info)
      sample(
        lines,
        JOURNEY_INFO_METRIC,
        [
          ['namespace', s.namespace],
          ['journey', s.journey],
          ['title', s.info.title],
          ['owner', s.info.owner],
        ],
        1,
      );

  family(
    lines,
    JOURNEY_INSTANCES_METRIC,
    'counter',
    'Journey instances by outcome (in-flight apart), counted from the journey rollups: kept hours plus those retention folded away. A verdict corrected later (a late span turning stuck into ok) moves the instance to its new outcome, which Prometheus reads as a counter reset of the old one.',
  );
  for (const s of series)
    for (const [outcome, count] of s.outcomes)
      if (outcome !== IN_FLIGHT)
        sample(
          lines,
          JOURNEY_INSTANCES_METRIC,
          [
            ['namespace', s.namespace],
            ['journey', s.journey],
            ['outcome', outcome],
          ],
          count,
        );

  family(
    lines,
    JOURNEY_IN_FLIGHT_METRIC,
    'gauge',
    'Journey instances started and not yet decided (no outcome yet, within stuckAfter).',
  );
  for (const s of series)
    if (s.info || s.outcomes.has(IN_FLIGHT))
      sample(
        lines,
        JOURNEY_IN_FLIGHT_METRIC,
        [
          ['namespace', s.namespace],
          ['journey', s.journey],
        ],
        s.outcomes.get(IN_FLIGHT) ?? 0,
      );

  family(
    lines,
    JOURNEY_DURATION_METRIC,
    'histogram',
    'Cycle time of finished journey instances (outcomes ok and failed: what latency objectives count), from the journey rollups. The rollups keep counts per bucket, not durations: _sum is an estimate that puts each instance at the midpoint of its bucket and the overflow bucket at its lower bound.',
  );
  for (const s of series) histogram(lines, s);

  return `${lines.join('\n')}\n`;
}

function collect(input: PrometheusExpositionInput): Series[] {
  const byKey = new Map<string, Series>();
  const seriesOf = (ref: string) => {
    const { namespace, journey } = labelsOf(ref);
    const key = `${namespace}\u0000${journey}`;
    let s = byKey.get(key);
    if (!s) {
      s = {
        namespace,
        journey,
        bounds: boundsWith([]),
        outcomes: new Map(),
        finished: new Map(),
      };
      byKey.set(key, s);
    }
    return s;
  };

  for (const j of input.journeys) {
    const s = seriesOf(j.ref);
    s.info = { title: j.title, owner: j.owner };
    s.bounds = boundsWith([...s.bounds, ...j.latencyThresholdsMs]);
    // Series exist from the start, so rate() sees the first instances.
    for (const outcome of INSTANCE_STATUSES)
      if (!s.outcomes.has(outcome)) s.outcomes.set(outcome, 0);
  }

  for (const t of input.totals) {
    if (!Number.isFinite(t.count)) continue;
    const s = seriesOf(t.journey);
    s.outcomes.set(t.outcome, (s.outcomes.get(t.outcome) ?? 0) + t.count);
    if ((CYCLE_TIME_OUTCOMES as readonly string[]).includes(t.outcome))
      s.finished.set(t.leMs, (s.finished.get(t.leMs) ?? 0) + t.count);
  }

  return [...byKey.values()].sort(
    (a, b) =>
      compare(a.namespace, b.namespace) || compare(a.journey, b.journey),
  );
}

function histogram(lines: string[], s: Series) {
  const labels: [string, string][] = [
    ['namespace', s.namespace],
    ['journey', s.journey],
  ];
  const cells = [...s.finished.entries()].sort(([a], [b]) => a - b);
  let i = 0;
  let below = 0;
  for (const bound of s.bounds) {
    // A bucket counts every cell at or under its bound, also cells whose bound is no longer
    // one of the journey's (a threshold that was removed): their instances are under it.
    while (i < cells.length && cells[i][0] <= bound) below += cells[i++][1];
    sample(
      lines,
      `${JOURNEY_DURATION_METRIC}_bucket`,
      [...labels, ['le', formatPrometheusFloat(bound / 1000)]],
      below,
    );
  }
  const total = cells.reduce((n, [, count]) => n + count, 0);
  sample(
    lines,
    `${JOURNEY_DURATION_METRIC}_bucket`,
    [...labels, ['le', '+Inf']],
    total,
  );
  sample(lines, `${JOURNEY_DURATION_METRIC}_sum`, labels, estimatedSum(s));
  sample(lines, `${JOURNEY_DURATION_METRIC}_count`, labels, total);
}

/**
 * Seconds, each instance at the midpoint of its bucket, the overflow bucket at its lower
 * bound. A bucket's lower bound is the journey's previous bound today (also for a cell whose
 * bound was a threshold since removed).
 */
function estimatedSum(s: Series): number {
  let sumMs = 0;
  for (const [le, count] of s.finished) {
    const lower = s.bounds.filter(b => b < le).pop() ?? 0;
    sumMs += count * (le >= OVERFLOW_LE_MS ? lower : (lower + le) / 2);
  }
  return sumMs / 1000;
}

function labelsOf(ref: string): { namespace: string; journey: string } {
  try {
    const { namespace, name } = parseEntityRef(ref, {
      defaultKind: 'journey',
      defaultNamespace: 'default',
    });
    return { namespace, journey: name };
  } catch {
    // Not an entity ref (never written by the assembler): keep it whole, still exported.
    return { namespace: 'default', journey: ref };
  }
}

function family(lines: string[], name: string, type: string, help: string) {
  lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
}

function sample(
  lines: string[],
  name: string,
  labels: readonly (readonly [string, string])[],
  value: number,
) {
  const text = labels
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(',');
  lines.push(`${name}{${text}} ${formatPrometheusFloat(value)}`);
}

/** Label values: backslash, double quote and line feed escaped (format 0.0.4). */
export function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * A float as Prometheus' Go client writes it (strconv 'g', shortest): `5`, `0.75`, `1e+06`,
 * so `le` values match what users write in queries (`le="5"`, not `le="5.0"`).
 */
export function formatPrometheusFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return String(value);
}

function compare(a: string, b: string) {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
