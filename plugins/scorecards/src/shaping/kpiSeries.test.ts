import {
  formatBucket,
  formatThresholdRule,
  formatThresholds,
  kpiChartData,
  kpiTarget,
  kpiYDomain,
  targetText,
} from './kpiSeries';

const SUCCESS_RULES = [
  { status: 'green' as const, expression: '>=99' },
  { status: 'amber' as const, expression: '[95, 99)' },
  { status: 'red' as const, expression: '<95' },
];

describe('kpiTarget', () => {
  it('is where green begins for higher-is-better KPIs', () => {
    expect(kpiTarget(SUCCESS_RULES, 'higher-is-better')).toBe(99);
    // Two green rules: the target is the most lenient one.
    expect(
      kpiTarget(
        [
          { status: 'green', expression: '>=99.9' },
          { status: 'green', expression: '[99, 99.9)' },
          { status: 'red', expression: '<99' },
        ],
        'higher-is-better',
      ),
    ).toBe(99);
  });

  it('is where green ends for lower-is-better KPIs, the most lenient green rule', () => {
    expect(
      kpiTarget(
        [
          { status: 'green', expression: '<=10' },
          { status: 'green', expression: '[10, 20)' },
          { status: 'red', expression: '>=20' },
        ],
        'lower-is-better',
      ),
    ).toBe(20);
  });

  it('has none without a bounded green rule', () => {
    expect(
      kpiTarget([{ status: 'red', expression: '<5' }], 'higher-is-better'),
    ).toBeUndefined();
    expect(
      kpiTarget(
        [{ status: 'green', expression: 'nonsense' }],
        'lower-is-better',
      ),
    ).toBeUndefined();
  });
});

describe('formatThresholds', () => {
  it('writes each rule with the unit', () => {
    expect(formatThresholds(SUCCESS_RULES, 'percent')).toBe(
      'green ≥ 99 % · amber 95 % – 99 % · red < 95 %',
    );
    expect(
      formatThresholdRule({ status: 'green', expression: '==0' }, 'count'),
    ).toBe('= 0');
    expect(
      formatThresholdRule({ status: 'red', expression: '>2' }, 'hours'),
    ).toBe('> 2 h');
  });
});

describe('kpiChartData', () => {
  it('sorts oldest first and drops points it cannot draw', () => {
    expect(
      kpiChartData([
        { bucketStart: '2026-12-02T00:00:00Z', value: 2, status: 'red' },
        { bucketStart: '2026-12-01T00:00:00Z', value: 1 },
        { bucketStart: 'garbage', value: 3 },
      ]),
    ).toEqual([
      { t: Date.UTC(2026, 11, 1), value: 1, status: undefined },
      { t: Date.UTC(2026, 11, 2), value: 2, status: 'red' },
    ]);
  });
});

describe('kpiYDomain', () => {
  const pts = (...values: number[]) => values.map((value, t) => ({ t, value }));

  it('includes the target and pads by a tenth of the spread', () => {
    const [lo, hi] = kpiYDomain(pts(96, 98), 99);
    expect(lo).toBeCloseTo(95.7, 9);
    expect(hi).toBeCloseTo(99.3, 9);
  });

  it('stays within the domain', () => {
    expect(kpiYDomain(pts(90, 100), 99, { min: 0, max: 100 })).toEqual([
      89, 100,
    ]);
  });

  it('pads a flat line', () => {
    expect(kpiYDomain(pts(50, 50))).toEqual([45, 55]);
    expect(kpiYDomain(pts(0))).toEqual([-1, 1]);
    expect(kpiYDomain([], undefined, { min: 0, max: 100 })).toEqual([0, 100]);
  });
});

describe('formatBucket', () => {
  it('names days and hours in UTC', () => {
    const t = Date.UTC(2026, 11, 4, 7);
    expect(formatBucket(t, 'day')).toBe('4 Dec');
    expect(formatBucket(t, 'hour')).toBe('4 Dec 07:00');
  });
});

describe('targetText', () => {
  it('is the green rules', () => {
    expect(targetText(SUCCESS_RULES, 'percent')).toBe('≥ 99 %');
    expect(
      targetText(
        [
          { status: 'green', expression: '==0' },
          { status: 'green', expression: '(0, 2]' },
          { status: 'red', expression: '>2' },
        ],
        'count',
      ),
    ).toBe('= 0 or 0 – 2');
    expect(targetText([{ status: 'red', expression: '>2' }], 'count')).toBe(
      'no target',
    );
  });
});
