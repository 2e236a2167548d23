import { KpiDefinition } from '../kpi';
import {
  compileThresholdOverrides,
  SCORECARD_THRESHOLDS_ANNOTATION,
  ThresholdResolver,
} from './ThresholdResolver';
import { evaluateThresholds } from './ThresholdRuleSet';

const successRate: KpiDefinition = {
  id: 'journey.successRate',
  title: 'Success rate',
  description: 'Instances that completed, of all that settled.',
  unit: 'percent',
  entityKinds: ['Journey'],
  direction: 'higher-is-better',
  domain: { min: 0, max: 100 },
  defaultThresholds: [
    { status: 'green', expression: '>=99' },
    { status: 'amber', expression: '[95, 99)' },
    { status: 'red', expression: '<95' },
  ],
};

const backlog: KpiDefinition = {
  id: 'dlq.backlogDepth',
  title: 'Backlog',
  description: 'Messages waiting in the dead-letter queue.',
  unit: 'count',
  entityKinds: ['Resource'],
  direction: 'lower-is-better',
  domain: { min: 0 },
  defaultThresholds: [
    { status: 'green', expression: '==0' },
    { status: 'amber', expression: '(0, 100)' },
    { status: 'red', expression: '>=100' },
  ],
};

const kpis = [successRate, backlog];

const configOverrides = {
  'journey.successRate': [
    { status: 'green', expression: '>=99.9' },
    { status: 'amber', expression: '>=99' },
    { status: 'red', expression: '<99' },
  ],
};

describe('ThresholdResolver', () => {
  const resolver = new ThresholdResolver(kpis, configOverrides);

  it('uses config over defaults, and the annotation over config', () => {
    const ref = 'journey:default/checkout';
    const annotation = resolver.parseAnnotation(
      JSON.stringify({
        'journey.successRate': [
          { status: 'green', expression: '>=90' },
          { status: 'red', expression: '<90' },
        ],
      }),
      ref,
    );
    const status = (kpiId: string, value: number, overrides = annotation) =>
      evaluateThresholds(value, resolver.rulesFor(kpiId, overrides));

    // 99.5 is green by default, amber under config, green under the annotation.
    expect(status('journey.successRate', 99.5, new Map())).toBe('amber');
    expect(status('journey.successRate', 99.5)).toBe('green');
    expect(status('journey.successRate', 89.9)).toBe('red');
    expect(resolver.sourceOf('journey.successRate', annotation)).toBe(
      'annotation',
    );
    expect(resolver.sourceOf('journey.successRate')).toBe('config');
    // Backlog has no override: defaults, where 0 is green, 1 and 99 amber, 100 red.
    expect(resolver.sourceOf('dlq.backlogDepth', annotation)).toBe('default');
    expect(status('dlq.backlogDepth', 0)).toBe('green');
    expect(status('dlq.backlogDepth', 1)).toBe('amber');
    expect(status('dlq.backlogDepth', 0.5)).toBe('amber');
    expect(status('dlq.backlogDepth', 99.99)).toBe('amber');
    expect(status('dlq.backlogDepth', 100)).toBe('red');
  });

  it('treats an entity without the annotation as having no overrides', () => {
    expect(resolver.parseAnnotation(undefined, 'journey:default/x').size).toBe(
      0,
    );
  });

  it('refuses an unknown KPI asked for by code', () => {
    expect(() => resolver.rulesFor('journey.nope')).toThrow(
      'unknown KPI "journey.nope"',
    );
  });

  describe('bad annotations name the entity, the annotation and the fault', () => {
    const source = `annotation ${SCORECARD_THRESHOLDS_ANNOTATION} of journey:default/checkout`;
    it.each([
      ['{"journey.successRate": [', `${source}: not valid JSON (`],
      [
        '[]',
        `${source}: expected an object from KPI id to a list of { status, expression } rules`,
      ],
      ['"green"', `${source}: expected an object`],
      [
        '{"journey.sucessRate": []}',
        `${source}: unknown KPI "journey.sucessRate"; known KPIs: dlq.backlogDepth, journey.successRate`,
      ],
      [
        '{"journey.successRate": []}',
        `${source}: KPI "journey.successRate" rules: expected at least one rule`,
      ],
      [
        '{"journey.successRate": [{"status": "green", "expression": ">= 99"}, {"status": "red", "expression": "< 95"}]}',
        `${source}: KPI "journey.successRate" rules: no rule matches [95, 99)`,
      ],
      [
        '{"journey.successRate": [{"status": "green", "expression": "above 99"}]}',
        `${source}: KPI "journey.successRate" rules[0].expression: "above 99" is not a threshold expression`,
      ],
      [
        '{"dlq.backlogDepth": [{"status": "grey", "expression": ">=0"}]}',
        `${source}: KPI "dlq.backlogDepth" rules[0].status: expected one of green, amber, red, got "grey"`,
      ],
    ])('%s', (value, message) => {
      expect(() =>
        resolver.parseAnnotation(value, 'journey:default/checkout'),
      ).toThrow(message);
    });
  });

  it('fails on construction for bad config, naming the config key', () => {
    expect(
      () =>
        new ThresholdResolver(kpis, {
          'dlq.backlogDepth': [{ status: 'green', expression: '<10' }],
        }),
    ).toThrow(
      'scorecards.thresholds: KPI "dlq.backlogDepth" rules: no rule matches [10, inf)',
    );
  });

  it('fails on construction for a KPI whose defaults leave a gap', () => {
    expect(
      () =>
        new ThresholdResolver([
          {
            ...backlog,
            defaultThresholds: [{ status: 'green', expression: '>0' }],
          },
        ]),
    ).toThrow(
      'default thresholds of KPI "dlq.backlogDepth": rules: no rule matches [0, 0]',
    );
  });
});

describe('compileThresholdOverrides', () => {
  it('accepts nothing as no overrides', () => {
    expect(compileThresholdOverrides(undefined, kpis, 'x').size).toBe(0);
    expect(compileThresholdOverrides(null, kpis, 'x').size).toBe(0);
  });
});
