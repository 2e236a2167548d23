import { Entity } from '@backstage/catalog-model';
import {
  JourneyLatencyIndicator,
  JourneyObjective,
  JourneyRatioIndicator,
} from '@internal/plugin-journeys-common';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { JourneyDefinition, toDefinition } from '../catalog/JourneyCatalog';
import { openSloDuration, toOpenSlo } from './openSloExport';
import { renderPrometheus } from './prometheusExposition';

/** The official OpenSLO v1 JSON schema (see __fixtures__/openslo/README.md). */
const validate = (() => {
  const root = path.join(__dirname, '__fixtures__/openslo/v1');
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap(e =>
        e.isDirectory()
          ? files(path.join(dir, e.name))
          : [path.join(dir, e.name)],
      );
  // strict off: the schema is used as published, and it does not follow Ajv's strict rules.
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const file of files(root))
    ajv.addSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
  return ajv.getSchema('https://openslo.com/schemas/v1/openslo.schema.json')!;
})();

const RFC1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

type Doc = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    displayName?: string;
    annotations?: Record<string, string>;
  };
  spec: any;
};

function documents(yaml: string): Doc[] {
  return parseAllDocuments(yaml).map(d => {
    expect(d.errors).toEqual([]);
    return d.toJSON();
  });
}

/** Every document valid against the schema, with names OpenSLO's prose asks for. */
function expectValid(docs: Doc[]) {
  expect(docs.length).toBeGreaterThan(0);
  for (const doc of docs) {
    const valid = validate(doc);
    expect({ doc: doc.metadata.name, errors: validate.errors ?? [] }).toEqual({
      doc: doc.metadata.name,
      errors: [],
    });
    expect(valid).toBe(true);
    expect(doc.apiVersion).toBe('openslo/v1');
    expect(doc.metadata.name).toMatch(RFC1123_LABEL);
    expect(doc.metadata.name.length).toBeLessThanOrEqual(63);
  }
  for (const kind of ['Service', 'SLI', 'SLO']) {
    const names = docs.filter(d => d.kind === kind).map(d => d.metadata.name);
    expect(new Set(names).size).toBe(names.length);
  }
  for (const slo of docs.filter(d => d.kind === 'SLO')) {
    expect(
      docs.some(
        d => d.kind === 'SLI' && d.metadata.name === slo.spec.indicatorRef,
      ),
    ).toBe(true);
    expect(
      docs.some(
        d => d.kind === 'Service' && d.metadata.name === slo.spec.service,
      ),
    ).toBe(true);
  }
}

const definition = (
  over: Partial<JourneyDefinition> & Pick<JourneyDefinition, 'ref'>,
): JourneyDefinition => ({
  title: 'A journey',
  owner: 'group:default/orders',
  components: [],
  entry: { service: 'storefront', route: '/x' },
  businessKeys: [],
  stuckAfterMs: 600_000,
  latencyThresholdsMs: [],
  objectives: [],
  ...over,
});

const availability = (name: string, timeWindow = '28d'): JourneyObjective => ({
  name,
  target: 0.99,
  timeWindow,
  indicator: {
    ratio: { good: { status: ['ok'] }, total: { status: ['ok', 'failed'] } },
  },
});

const query = (sli: Doc, part: 'good' | 'bad' | 'total'): string =>
  sli.spec.ratioMetric[part].metricSource.spec.query;

/** The outcomes an instances query selects. */
function outcomesOf(q: string): string[] {
  const match = /outcome(=~|=)"([^"]*)"/.exec(q);
  return match ? match[2].split('|').sort() : [];
}

describe('toOpenSlo', () => {
  describe('the demo journeys of catalog-info/journeys.yaml', () => {
    const repoRoot = path.resolve(__dirname, '../../../..');
    const journeys = parseAllDocuments(
      fs.readFileSync(
        path.join(repoRoot, 'catalog-info/journeys.yaml'),
        'utf-8',
      ),
    ).map(d => toDefinition(d.toJSON() as Entity));
    const docs = documents(toOpenSlo(journeys));
    const checkout = journeys.find(j => j.ref === 'journey:default/checkout')!;

    it('validates against the OpenSLO v1 schema', () => {
      expect(journeys.length).toBeGreaterThanOrEqual(2);
      expectValid(docs);
    });

    it('has a Service per journey and an SLI and SLO per objective', () => {
      expect(docs.filter(d => d.kind === 'Service')).toHaveLength(
        journeys.length,
      );
      const objectives = journeys.flatMap(j => j.objectives).length;
      expect(objectives).toBeGreaterThanOrEqual(2);
      expect(docs.filter(d => d.kind === 'SLI')).toHaveLength(objectives);
      expect(docs.filter(d => d.kind === 'SLO')).toHaveLength(objectives);
      const service = docs.find(d => d.metadata.name === 'checkout')!;
      expect(service).toMatchObject({
        kind: 'Service',
        metadata: {
          displayName: 'Checkout',
          annotations: {
            'switchboard.dev/journey': 'journey:default/checkout',
            'switchboard.dev/owner': 'group:default/orders',
          },
        },
        spec: { description: checkout.description },
      });
    });

    it("turns each checkout objective into an SLO over the objective's window", () => {
      for (const o of checkout.objectives) {
        const slo = docs.find(
          d => d.kind === 'SLO' && d.metadata.name === `checkout-${o.name}`,
        )!;
        expect(slo.spec).toEqual({
          description: o.description,
          service: 'checkout',
          indicatorRef: `checkout-${o.name}`,
          timeWindow: [{ duration: o.timeWindow, isRolling: true }],
          budgetingMethod: 'Occurrences',
          objectives: [{ displayName: o.name, target: o.target }],
        });
      }
    });

    const exposition = renderPrometheus({ journeys, totals: [] });
    const labels = 'namespace="default",journey="checkout"';
    /** The exposition has the series a query selects, before anything is counted. */
    const exposed = (metric: string, selector: string) =>
      expect(exposition).toContain(`\n${metric}{${selector}} `);
    const sliOf = (o: JourneyObjective) => {
      const sli = docs.find(
        d => d.kind === 'SLI' && d.metadata.name === `checkout-${o.name}`,
      )!;
      expect(sli.spec.ratioMetric.counter).toBe(true);
      for (const part of ['good', 'total'] as const)
        expect(sli.spec.ratioMetric[part].metricSource.type).toBe('Prometheus');
      return sli;
    };

    it('reads the latency SLI from the duration histogram', () => {
      const o = checkout.objectives.find(x => 'latency' in x.indicator)!;
      const { thresholdMs } = (o.indicator as JourneyLatencyIndicator).latency;
      const sli = sliOf(o);
      const le = `le="${thresholdMs / 1000}"`;
      expect(query(sli, 'good')).toBe(
        `sum(switchboard_journey_duration_seconds_bucket{${labels},${le}})`,
      );
      expect(query(sli, 'total')).toBe(
        `sum(switchboard_journey_duration_seconds_count{${labels}})`,
      );
      exposed('switchboard_journey_duration_seconds_bucket', `${labels},${le}`);
      exposed('switchboard_journey_duration_seconds_count', labels);
    });

    it("reads a ratio SLI from the instances counter, good among the objective's total", () => {
      const ratios = checkout.objectives.filter(x => 'ratio' in x.indicator);
      expect(ratios.length).toBeGreaterThan(0);
      for (const o of ratios) {
        const { good, total } = (o.indicator as JourneyRatioIndicator).ratio;
        const sli = sliOf(o);
        expect(outcomesOf(query(sli, 'good'))).toEqual(
          good.status.filter(s => total.status.includes(s)).sort(),
        );
        expect(outcomesOf(query(sli, 'total'))).toEqual(
          [...total.status].sort(),
        );
        for (const part of ['good', 'total'] as const) {
          expect(query(sli, part)).toMatch(
            /^sum\(switchboard_journey_instances_total\{namespace="default",journey="checkout",outcome=~?"[a-z|-]+"\}\)$/,
          );
          for (const outcome of outcomesOf(query(sli, part)))
            exposed(
              'switchboard_journey_instances_total',
              `${labels},outcome="${outcome}"`,
            );
        }
      }
    });
  });

  it('sanitises odd names into RFC 1123 labels and keeps the originals', () => {
    const description = 'Ä very long description. '.repeat(60);
    const docs = documents(
      toOpenSlo([
        definition({
          ref: 'journey:Team_A/Weird_Name.v2',
          title: 'Ünïcode "Quoted" journey',
          description,
          owner: 'group:Team_A/Ops',
          objectives: [
            {
              name: 'p95 Latency (EU) ✓',
              target: 0.9,
              timeWindow: '90s',
              indicator: { latency: { thresholdMs: 750 } },
            },
            availability('Availability / 7 days', '1w'),
            availability('hourly', '3600000ms'),
            availability('---', '2h'),
          ],
        }),
      ]),
    );
    expectValid(docs);
    expect(docs.map(d => [d.kind, d.metadata.name])).toEqual([
      ['Service', 'team-a-weird-name-v2'],
      ['SLI', 'team-a-weird-name-v2-p95-latency-eu'],
      ['SLO', 'team-a-weird-name-v2-p95-latency-eu'],
      ['SLI', 'team-a-weird-name-v2-availability-7-days'],
      ['SLO', 'team-a-weird-name-v2-availability-7-days'],
      ['SLI', 'team-a-weird-name-v2-hourly'],
      ['SLO', 'team-a-weird-name-v2-hourly'],
      ['SLI', 'team-a-weird-name-v2'],
      ['SLO', 'team-a-weird-name-v2'],
    ]);
    const [service, latencySli, latencySlo, weekly, , , hourly] = docs;
    expect(service.metadata.displayName).toBe('Ünïcode "Quoted" journey');
    expect(service.metadata.annotations).toEqual({
      'switchboard.dev/journey': 'journey:Team_A/Weird_Name.v2',
      'switchboard.dev/owner': 'group:Team_A/Ops',
    });
    expect(service.spec.description).toHaveLength(1050);
    expect(latencySlo.metadata.displayName).toBe(
      'Ünïcode "Quoted" journey: p95 Latency (EU) ✓',
    );
    expect(latencySlo.spec.objectives).toEqual([
      { displayName: 'p95 Latency (EU) ✓', target: 0.9 },
    ]);
    // 90 s is not a whole number of minutes: rounded up, the original kept beside it.
    expect(latencySlo.spec.timeWindow).toEqual([
      { duration: '2m', isRolling: true },
    ]);
    expect(latencySlo.metadata.annotations).toMatchObject({
      'switchboard.dev/objective': 'p95 Latency (EU) ✓',
      'switchboard.dev/time-window': '90s',
    });
    expect(query(latencySli, 'good')).toBe(
      'sum(switchboard_journey_duration_seconds_bucket{namespace="Team_A",journey="Weird_Name.v2",le="0.75"})',
    );
    expect(docs[4].spec.timeWindow).toEqual([
      { duration: '1w', isRolling: true },
    ]);
    expect(weekly.spec.ratioMetric.good.metricSource.spec.query).toContain(
      'outcome="ok"',
    );
    expect(hourly.spec.timeWindow).toEqual([
      { duration: '60m', isRolling: true },
    ]);
    expect(hourly.metadata.annotations).not.toHaveProperty(
      'switchboard.dev/time-window',
    );
  });

  it('gives objectives and journeys whose sanitised names clash distinct names', () => {
    const long = 'a-very-long-objective-name-that-goes-on-'.repeat(3);
    const docs = documents(
      toOpenSlo([
        definition({
          ref: 'journey:default/a.b',
          objectives: [
            availability('P95 latency'),
            availability('p95_latency'),
            availability('p95-latency'),
            availability(`${long}one`),
            availability(`${long}two`),
          ],
        }),
        definition({
          ref: 'journey:default/a-b',
          objectives: [availability('P95 latency')],
        }),
      ]),
    );
    expectValid(docs);
    const names = (kind: string) =>
      docs.filter(d => d.kind === kind).map(d => d.metadata.name);
    expect(names('Service')).toEqual(['a-b', 'a-b-2']);
    expect(names('SLO').slice(0, 3)).toEqual([
      'a-b-p95-latency',
      'a-b-p95-latency-2',
      'a-b-p95-latency-3',
    ]);
    const [one, two] = names('SLO').slice(3, 5);
    expect(one).toHaveLength(63);
    expect(two).toMatch(/-2$/);
    expect(two.length).toBeLessThanOrEqual(63);
    expect(names('SLO')[5]).toBe('a-b-2-p95-latency');
    // Each SLO points at its own SLI and its own journey's Service.
    const slos = docs.filter(d => d.kind === 'SLO');
    expect(slos.map(s => s.spec.indicatorRef)).toEqual(names('SLO'));
    expect(slos.map(s => s.spec.service)).toEqual([
      ...Array(5).fill('a-b'),
      'a-b-2',
    ]);
  });

  it('counts everything as bad when no outcome of `good` is in `total`', () => {
    const [, sli] = documents(
      toOpenSlo([
        definition({
          ref: 'journey:default/refund',
          objectives: [
            {
              name: 'odd',
              target: 0.5,
              timeWindow: '1d',
              indicator: {
                ratio: {
                  good: { status: ['ok'] },
                  total: { status: ['failed', 'stuck'] },
                },
              },
            },
          ],
        }),
      ]),
    );
    expectValid([sli]);
    expect(sli.spec.ratioMetric.good).toBeUndefined();
    expect(outcomesOf(query(sli, 'bad'))).toEqual(['failed', 'stuck']);
  });

  it('writes nothing for no journeys, and only a Service for a journey without objectives', () => {
    expect(toOpenSlo([])).toBe('');
    const docs = documents(
      toOpenSlo([definition({ ref: 'journey:default/invoice-sync' })]),
    );
    expectValid(docs);
    expect(docs.map(d => d.kind)).toEqual(['Service']);
  });

  it('has a schema that rejects what OpenSLO does not allow', () => {
    const [, , slo] = documents(
      toOpenSlo([
        definition({
          ref: 'journey:default/checkout',
          objectives: [availability('availability')],
        }),
      ]),
    );
    expect(validate(slo)).toBe(true);
    const broken = (change: (d: Doc) => void) => {
      const copy = structuredClone(slo);
      change(copy);
      return validate(copy);
    };
    expect(broken(d => (d.spec.timeWindow[0].duration = '90s'))).toBe(false);
    expect(broken(d => (d.metadata.name = 'Checkout Availability'))).toBe(
      false,
    );
    expect(broken(d => delete d.spec.budgetingMethod)).toBe(false);
    expect(broken(d => (d.spec.objectives[0].target = 1))).toBe(false);
    expect(broken(d => (d.apiVersion = 'openslo/v2alpha'))).toBe(false);
  });
});

describe('openSloDuration', () => {
  it.each([
    ['28d', '28d', true],
    ['1w', '1w', true],
    ['90m', '90m', true],
    ['2h', '2h', true],
    ['120s', '2m', true],
    ['90s', '2m', false],
    ['3600000ms', '60m', true],
    ['500ms', '1m', false],
  ])('%s → %s (exact: %s)', (text, duration, exact) => {
    expect(openSloDuration(text)).toEqual({ duration, exact });
  });
});
