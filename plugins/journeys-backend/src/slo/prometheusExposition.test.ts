import { Entity } from '@backstage/catalog-model';
import {
  INSTANCE_STATUSES,
  InstanceStatus,
  JourneyLatencyIndicator,
} from '@internal/plugin-journeys-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { JourneyDefinition, toDefinition } from '../catalog/JourneyCatalog';
import { boundsWith, OVERFLOW_LE_MS } from '../rollups/latencyBuckets';
import { objectiveMinutes } from './objectiveEvents';
import {
  parsePrometheusTextFormat,
  samples,
  Sample,
} from '../__testUtils__/prometheus';
import {
  ExposedJourney,
  formatPrometheusFloat,
  renderPrometheus,
  RollupTotal,
} from './prometheusExposition';

/** parse-prometheus-text-format's output (prom2json's shape). */
function select(
  all: Sample[],
  name: string,
  labels: Record<string, string>,
): Sample[] {
  return all.filter(
    s =>
      s.name === name &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

function only(all: Sample[], name: string, labels: Record<string, string>) {
  const found = select(all, name, labels);
  expect(found).toHaveLength(1);
  return found[0].value;
}

const journey = (
  name: string,
  latencyThresholdsMs: number[] = [],
): ExposedJourney => ({
  ref: `journey:default/${name}`,
  title: name[0].toUpperCase() + name.slice(1),
  owner: 'group:default/orders',
  latencyThresholdsMs,
});

const total = (
  name: string,
  outcome: InstanceStatus,
  leMs: number,
  count: number,
): RollupTotal => ({
  journey: `journey:default/${name}`,
  outcome,
  leMs,
  count,
});

const checkoutTotals: RollupTotal[] = [
  total('checkout', 'ok', 1000, 3),
  total('checkout', 'ok', 1000, 1),
  total('checkout', 'ok', 5000, 4),
  total('checkout', 'ok', 6000, 2),
  total('checkout', 'failed', 400, 1),
  total('checkout', 'failed', OVERFLOW_LE_MS, 1),
  total('checkout', 'stuck', 0, 2),
  total('checkout', 'in-flight', 0, 5),
  total('checkout', 'rejected', 20, 1),
  total('checkout', 'recovered-by-replay', 60_000, 2),
];

describe('renderPrometheus', () => {
  const input = {
    journeys: [journey('refund', [750]), journey('checkout', [5000])],
    totals: [
      ...checkoutTotals,
      total('refund', 'ok', 750, 2),
      total('refund', 'ok', 800, 1),
      // 700 is no bound of refund's today (a threshold since removed): counted under 750.
      total('refund', 'failed', 700, 1),
      // Counted for a journey that is no longer in the catalog.
      total('retired', 'ok', 300, 1),
    ],
  };
  const text = renderPrometheus(input);
  const all = samples(text);

  it('declares three families with HELP and TYPE, read back by the parser', () => {
    const families = parsePrometheusTextFormat(text);
    expect(families.map(f => [f.name, f.type])).toEqual([
      ['switchboard_journey_info', 'GAUGE'],
      ['switchboard_journey_instances_total', 'COUNTER'],
      ['switchboard_journey_instances_in_flight', 'GAUGE'],
      ['switchboard_journey_duration_seconds', 'HISTOGRAM'],
    ]);
    for (const f of families) expect(f.help.length).toBeGreaterThan(20);
    expect(families[3].help).toMatch(/_sum is an estimate.*midpoint/);
  });

  it('counts instances by outcome as the rollups hold them, the five outcomes of known journeys; in-flight as a gauge', () => {
    const expected: Record<string, Record<string, number>> = {
      checkout: {
        ok: 10,
        failed: 2,
        rejected: 1,
        'recovered-by-replay': 2,
        stuck: 2,
      },
      refund: {
        ok: 3,
        failed: 1,
        rejected: 0,
        'recovered-by-replay': 0,
        stuck: 0,
      },
      retired: { ok: 1 },
    };
    for (const [name, outcomes] of Object.entries(expected)) {
      const series = select(all, 'switchboard_journey_instances_total', {
        namespace: 'default',
        journey: name,
      });
      expect(
        Object.fromEntries(series.map(s => [s.labels.outcome, s.value])),
      ).toEqual(outcomes);
    }
    expect(Object.keys(expected.checkout).sort()).toEqual(
      INSTANCE_STATUSES.filter(o => o !== 'in-flight').sort(),
    );
    expect(
      select(all, 'switchboard_journey_instances_in_flight', {}).map(s => [
        s.labels.journey,
        s.value,
      ]),
    ).toEqual([
      ['checkout', 5],
      ['refund', 0],
    ]);
  });

  it('names each known journey with its title and owner in an info series', () => {
    expect(
      select(all, 'switchboard_journey_info', {}).map(s => s.labels),
    ).toEqual([
      {
        namespace: 'default',
        journey: 'checkout',
        title: 'Checkout',
        owner: 'group:default/orders',
      },
      {
        namespace: 'default',
        journey: 'refund',
        title: 'Refund',
        owner: 'group:default/orders',
      },
    ]);
    expect(
      select(all, 'switchboard_journey_info', { journey: 'retired' }),
    ).toHaveLength(0);
  });

  it('histograms finished instances (ok + failed) cumulatively over the journey bounds', () => {
    const bucket = (name: string, le: string) =>
      only(all, 'switchboard_journey_duration_seconds_bucket', {
        journey: name,
        le,
      });
    // checkout: failed 400 ms; ok 4 × 1 s, 4 × 5 s, 2 × 6 s; failed in the overflow bucket.
    expect(bucket('checkout', '0.3')).toBe(0);
    expect(bucket('checkout', '0.4')).toBe(1);
    expect(bucket('checkout', '1')).toBe(5);
    expect(bucket('checkout', '4')).toBe(5);
    expect(bucket('checkout', '5')).toBe(9);
    expect(bucket('checkout', '6')).toBe(11);
    expect(bucket('checkout', '10000')).toBe(11);
    expect(bucket('checkout', '+Inf')).toBe(12);
    // refund: failed 700 ms (a retired bound), ok 2 × 750 ms, 1 × 800 ms.
    expect(bucket('refund', '0.6')).toBe(0);
    expect(bucket('refund', '0.75')).toBe(3);
    expect(bucket('refund', '0.8')).toBe(4);
    expect(bucket('retired', '0.3')).toBe(1);

    for (const name of ['checkout', 'refund', 'retired']) {
      const labels = { namespace: 'default', journey: name };
      const buckets = select(
        all,
        'switchboard_journey_duration_seconds_bucket',
        labels,
      );
      const finite = buckets.filter(b => b.labels.le !== '+Inf');
      // Bounds in increasing order, counts never falling.
      const les = finite.map(b => Number(b.labels.le));
      expect(les).toEqual([...les].sort((a, b) => a - b));
      for (let i = 1; i < buckets.length; i++)
        expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
      expect(buckets[buckets.length - 1].labels.le).toBe('+Inf');

      const count = only(
        all,
        'switchboard_journey_duration_seconds_count',
        labels,
      );
      const finished =
        select(all, 'switchboard_journey_instances_total', {
          ...labels,
          outcome: 'ok',
        })[0].value +
        (select(all, 'switchboard_journey_instances_total', {
          ...labels,
          outcome: 'failed',
        })[0]?.value ?? 0);
      expect(buckets[buckets.length - 1].value).toBe(count);
      expect(count).toBe(finished);
    }
  });

  it('uses the default bounds plus the journey thresholds, as seconds the way client libraries print them', () => {
    const les = (name: string) =>
      select(all, 'switchboard_journey_duration_seconds_bucket', {
        journey: name,
      }).map(b => b.labels.le);
    expect(les('checkout')).toEqual([
      ...boundsWith([5000]).map(ms => formatPrometheusFloat(ms / 1000)),
      '+Inf',
    ]);
    expect(les('checkout')).toEqual(
      expect.arrayContaining(['0.001', '0.005', '0.25', '5', '10000']),
    );
    expect(les('checkout')).not.toContain('5.0');
    expect(les('refund')).toContain('0.75');
    expect(les('checkout')).not.toContain('0.75');
    expect(les('retired')).toHaveLength(boundsWith([]).length + 1);
  });

  it('estimates _sum from bucket midpoints and the overflow bucket at its lower bound', () => {
    const sum = (name: string) =>
      only(all, 'switchboard_journey_duration_seconds_sum', { journey: name });
    // checkout: 350 + 4 × 900 + 4 × 4500 + 2 × 5500 ms, and 10,000 s for the overflow.
    expect(sum('checkout')).toBeCloseTo(
      (350 + 3600 + 18_000 + 11_000 + 10_000_000) / 1000,
      9,
    );
    // refund: 700 ms sits between 600 and 750: 650; 2 × 675; 775.
    expect(sum('refund')).toBeCloseTo((650 + 1350 + 775) / 1000, 9);
  });

  it('writes valid metric and label names only', () => {
    for (const s of all) {
      expect(s.name).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
      for (const label of Object.keys(s.labels))
        expect(label).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
    }
  });

  it('escapes hostile journey names and titles', () => {
    const name = 'we"ird\\na}me\nnext{line';
    const title = 'Evil "title" \\ with\na newline, } and {braces}';
    const hostile = renderPrometheus({
      journeys: [
        {
          ref: `journey:default/${name}`,
          title,
          owner: 'group:default/o"wner',
          latencyThresholdsMs: [],
        },
      ],
      totals: [
        {
          journey: `journey:default/${name}`,
          outcome: 'ok',
          leMs: 2,
          count: 3,
        },
      ],
    });
    // Every line is a comment or one whole sample.
    for (const line of hostile.trimEnd().split('\n'))
      expect(line).toMatch(/^(# (HELP|TYPE) \S+ .*|[a-z_]+\{.*\} \S+)$/);
    const read = samples(hostile);
    expect(read.length).toBeGreaterThan(10);
    for (const s of read) expect(s.labels.journey).toBe(name);
    expect(only(read, 'switchboard_journey_info', {})).toBe(1);
    expect(select(read, 'switchboard_journey_info', {})[0].labels).toEqual({
      namespace: 'default',
      journey: name,
      title,
      owner: 'group:default/o"wner',
    });
    expect(
      only(read, 'switchboard_journey_instances_total', { outcome: 'ok' }),
    ).toBe(3);
    expect(
      only(read, 'switchboard_journey_duration_seconds_bucket', {
        le: '0.002',
      }),
    ).toBe(3);
  });

  it('renders the families without samples when there is nothing to export', () => {
    const empty = renderPrometheus({ journeys: [], totals: [] });
    const families = parsePrometheusTextFormat(empty);
    expect(families.map(f => f.name)).toEqual([
      'switchboard_journey_info',
      'switchboard_journey_instances_total',
      'switchboard_journey_instances_in_flight',
      'switchboard_journey_duration_seconds',
    ]);
    for (const f of families) expect(f.metrics).toEqual([]);
    expect(empty.endsWith('\n')).toBe(true);
  });

  it('creates the series of a known journey before anything is counted', () => {
    const fresh = samples(
      renderPrometheus({ journeys: [journey('checkout', [5000])], totals: [] }),
    );
    expect(
      select(fresh, 'switchboard_journey_instances_total', {}).map(
        s => s.value,
      ),
    ).toEqual(INSTANCE_STATUSES.filter(o => o !== 'in-flight').map(() => 0));
    expect(
      only(fresh, 'switchboard_journey_duration_seconds_bucket', { le: '5' }),
    ).toBe(0);
    expect(only(fresh, 'switchboard_journey_duration_seconds_count', {})).toBe(
      0,
    );
  });
});

describe('formatPrometheusFloat', () => {
  it.each([
    [5, '5'],
    [0.005, '0.005'],
    [0.75, '0.75'],
    [0.0001, '0.0001'],
    [0.000015, '1.5e-05'],
    [10_000, '10000'],
    [123_456, '123456'],
    [1_000_000, '1e+06'],
    [2_147_483.646, '2.147483646e+06'],
    [0, '0'],
    [Infinity, '+Inf'],
  ])('%p → %s (Go strconv g, shortest)', (value, text) => {
    expect(formatPrometheusFloat(value)).toBe(text);
  });
});

describe('docs/sloth-checkout.yaml', () => {
  const repoRoot = path.resolve(__dirname, '../../../..');
  const checkout: JourneyDefinition = parseAllDocuments(
    fs.readFileSync(path.join(repoRoot, 'catalog-info/journeys.yaml'), 'utf-8'),
  )
    .map(d => toDefinition(d.toJSON() as Entity))
    .find(j => j.ref === 'journey:default/checkout')!;
  const spec = parse(
    fs.readFileSync(
      path.join(__dirname, '../../docs/sloth-checkout.yaml'),
      'utf-8',
    ),
  );
  // A checkout history the backend's own SLO math and the Sloth queries must agree on.
  const totals = checkoutTotals;
  const exposed = samples(renderPrometheus({ journeys: [checkout], totals }));

  it('is a Sloth prometheus/v1 spec with one SLO per objective of the checkout journey', () => {
    expect(spec.version).toBe('prometheus/v1');
    expect(spec.service).toBe('checkout');
    expect(spec.slos.map((s: { name: string }) => s.name)).toEqual(
      checkout.objectives.map(o => o.name),
    );
    for (const o of checkout.objectives) {
      const slo = spec.slos.find((s: { name: string }) => s.name === o.name);
      expect(slo.objective).toBeCloseTo(o.target * 100, 9);
      expect(slo.description).toBe(o.description);
      expect(slo.alerting.name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      for (const query of [
        slo.sli.events.error_query,
        slo.sli.events.total_query,
      ])
        expect(query).toContain('[{{.window}}]');
    }
  });

  it('selects only metrics and labels that renderPrometheus writes, each matching series', () => {
    for (const slo of spec.slos)
      for (const query of [
        slo.sli.events.error_query,
        slo.sli.events.total_query,
      ])
        for (const selector of selectors(query)) {
          const names = new Set(exposed.map(s => s.name));
          expect(names).toContain(selector.metric);
          const series = exposed.filter(s => s.name === selector.metric);
          const labelNames = new Set(
            series.flatMap(s => Object.keys(s.labels)),
          );
          for (const m of selector.matchers)
            expect(labelNames).toContain(m.label);
          expect(
            series.filter(s => selector.matches(s)).length,
          ).toBeGreaterThan(0);
        }
  });

  it('gives the same good and bad events as the SLO evaluator', () => {
    const cells = totals.map(t => ({
      bucketStartUs: 0,
      outcome: t.outcome as InstanceStatus,
      leMs: t.leMs,
      count: t.count,
    }));
    for (const slo of spec.slos) {
      const objective = checkout.objectives.find(o => o.name === slo.name)!;
      const [{ good, bad }] = objectiveMinutes(objective, cells, 0, 1);
      expect(good + bad).toBeGreaterThan(0);
      expect(bad).toBeGreaterThan(0);
      expect(evaluate(slo.sli.events.error_query, exposed)).toBe(bad);
      expect(evaluate(slo.sli.events.total_query, exposed)).toBe(good + bad);
    }
  });

  it('names the latency threshold as a bucket the exposition has', () => {
    const latency = checkout.objectives.find(o => 'latency' in o.indicator)!;
    const indicator = latency.indicator as JourneyLatencyIndicator;
    const le = formatPrometheusFloat(indicator.latency.thresholdMs / 1000);
    const slo = spec.slos.find(
      (s: { name: string }) => s.name === latency.name,
    );
    expect(slo.sli.events.error_query).toContain(`le="${le}"`);
  });
});

interface Selector {
  metric: string;
  matchers: { label: string; op: string; value: string }[];
  matches(s: Sample): boolean;
}

/** The vector selectors of a PromQL query (only the forms a Sloth spec here uses). */
function selectors(query: string): Selector[] {
  const out: Selector[] = [];
  for (const [, metric, body] of query.matchAll(
    /([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/g,
  )) {
    const matchers = [
      ...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"([^"]*)"/g),
    ].map(([, label, op, value]) => ({ label, op, value }));
    out.push({
      metric,
      matchers,
      matches: s =>
        matchers.every(m => {
          const v = s.labels[m.label] ?? '';
          const re = new RegExp(`^(?:${m.value})$`);
          if (m.op === '=') return v === m.value;
          if (m.op === '!=') return v !== m.value;
          if (m.op === '=~') return re.test(v);
          return !re.test(v);
        }),
    });
  }
  return out;
}

/**
 * A Sloth query over counters that started at 0: `sum(rate(sel[{{.window}}]))` is the sum of
 * the selected series, and terms may be subtracted.
 */
function evaluate(query: string, exposed: Sample[]): number {
  const compact = query.replace(/\s+/g, '');
  const term = /sum\(rate\(([^[]+)\[\{\{\.window\}\}\]\)\)/g;
  let value = 0;
  let sign = 1;
  let at = 0;
  for (const match of compact.matchAll(term)) {
    const between = compact.slice(at, match.index).replace(/[()]/g, '');
    if (between === '-') sign = -1;
    else expect(between).toBe('');
    const [selector] = selectors(match[1]);
    value +=
      sign *
      exposed
        .filter(s => s.name === selector.metric && selector.matches(s))
        .reduce((n, s) => n + s.value, 0);
    at = match.index! + match[0].length;
  }
  expect(compact.slice(at).replace(/[()]/g, '')).toBe('');
  return value;
}
