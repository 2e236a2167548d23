import { ThresholdRule } from '../kpi';
import {
  compileCoveringThresholdRules,
  compileThresholdRules,
  evaluateThresholds,
  findThresholdGaps,
} from './ThresholdRuleSet';

/** Success rate in percent: green from 99, amber from 95, red below. */
const successRate: ThresholdRule[] = [
  { status: 'green', expression: '>=99' },
  { status: 'amber', expression: '[95, 99)' },
  { status: 'red', expression: '<95' },
];

describe('evaluateThresholds', () => {
  const rules = compileThresholdRules(successRate);

  it.each([
    [100, 'green'],
    [99, 'green'],
    [98.99, 'amber'],
    [95, 'amber'],
    [94.99, 'red'],
    [0, 'red'],
  ])('%d%% is %s', (value, status) => {
    expect(evaluateThresholds(value, rules)).toBe(status);
  });

  it('lets the first matching rule win over later, overlapping ones', () => {
    const overlapping = compileThresholdRules([
      { status: 'red', expression: '==0' },
      { status: 'green', expression: '<=5' },
      { status: 'amber', expression: '>=0' },
    ]);
    expect(evaluateThresholds(0, overlapping)).toBe('red');
    expect(evaluateThresholds(5, overlapping)).toBe('green');
    expect(evaluateThresholds(5.5, overlapping)).toBe('amber');
  });

  it('gives no status to NaN, infinities or a value in a gap', () => {
    expect(evaluateThresholds(NaN, rules)).toBeUndefined();
    expect(evaluateThresholds(Infinity, rules)).toBeUndefined();
    const gappy = compileThresholdRules([
      { status: 'green', expression: '>10' },
    ]);
    expect(evaluateThresholds(10, gappy)).toBeUndefined();
  });
});

describe('compileThresholdRules', () => {
  it.each([
    [{}, 'rules: expected a list of { status, expression }'],
    [[], 'rules: expected at least one rule'],
    [['>=1'], 'rules[0]: expected an object { status, expression }'],
    [
      [
        { status: 'green', expression: '>1' },
        { status: 'yellow', expression: '<=1' },
      ],
      'rules[1].status: expected one of green, amber, red, got "yellow"',
    ],
    [
      [{ status: 'red' }],
      'rules[0].expression: expected a string such as ">=99" or "[95, 99)", got undefined',
    ],
    [
      [{ status: 'red', expression: '> 1', colour: 'red' }],
      'rules[0]: unknown field "colour"; a rule has only status and expression',
    ],
    [
      [{ status: 'red', expression: '=> 1' }],
      'rules[0].expression: "=> 1" is not a threshold expression',
    ],
  ])('rejects %j', (rules, message) => {
    expect(() => compileThresholdRules(rules)).toThrow(message);
  });
});

describe('findThresholdGaps', () => {
  const gaps = (
    rules: ThresholdRule[],
    domain?: { min?: number; max?: number },
  ) => findThresholdGaps(compileThresholdRules(rules), domain);

  it('finds none when the rules cover the real line', () => {
    expect(gaps(successRate)).toEqual([]);
  });

  it('reports a boundary value that both neighbours exclude', () => {
    expect(
      gaps([
        { status: 'green', expression: '>99' },
        { status: 'amber', expression: '[95, 99)' },
        { status: 'red', expression: '<95' },
      ]),
    ).toEqual(['[99, 99]']);
  });

  it('reports open stretches, in order', () => {
    expect(
      gaps([
        { status: 'green', expression: '[0, 10)' },
        { status: 'red', expression: '(20, 30]' },
      ]),
    ).toEqual(['(-inf, 0)', '[10, 20]', '(30, inf)']);
  });

  it('needs only the KPI domain covered', () => {
    const percent = { min: 0, max: 100 };
    expect(
      gaps(
        [
          { status: 'green', expression: '>=99' },
          { status: 'red', expression: '[0, 99)' },
        ],
        percent,
      ),
    ).toEqual([]);
    expect(
      gaps([{ status: 'green', expression: '(0, 100)' }], percent),
    ).toEqual(['[0, 0]', '[100, 100]']);
    expect(gaps([{ status: 'green', expression: '==0' }], { min: 0 })).toEqual([
      '(0, inf)',
    ]);
  });

  it('is refused by compileCoveringThresholdRules with the gap named', () => {
    expect(() =>
      compileCoveringThresholdRules(
        [
          { status: 'green', expression: '>=99' },
          { status: 'red', expression: '<95' },
        ],
        { min: 0, max: 100 },
      ),
    ).toThrow(
      'rules: no rule matches [95, 99); the rules must cover every value in [0, 100]',
    );
  });
});
