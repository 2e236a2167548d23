import { formatKpiDelta, formatKpiValue, unitLabel } from './kpiFormat';

describe('formatKpiValue', () => {
  it.each([
    [99.234, 'percent', '99.23 %'],
    [87.25, 'percent', '87.3 %'],
    [-1112.123, 'percent', '-1,112 %'],
    [100, 'percent', '100 %'],
    [3.456, 'per-thousand', '3.46 per 1,000'],
    [1234, 'count', '1,234'],
    [2.5, 'count', '2.5'],
    [120.4, 'per-day', '120 / day'],
    [850, 'milliseconds', '850 ms'],
    [1250, 'milliseconds', '1.25 s'],
    [45, 'seconds', '45 s'],
    [600, 'seconds', '10 min'],
    [3.5, 'hours', '3.5 h'],
    [72, 'hours', '3 days'],
    [0.25, 'days', '6 h'],
    [-0, 'count', '0'],
  ] as const)('%p %s → %s', (value, unit, text) => {
    expect(formatKpiValue(value, unit)).toBe(text);
  });

  it('shows a dash for a value that is not a number', () => {
    expect(formatKpiValue(NaN, 'percent')).toBe('—');
  });
});

describe('formatKpiDelta', () => {
  it('gives percentages as points, signed', () => {
    expect(
      formatKpiDelta(
        { previous: 98, change: 1.2, relativeChange: 0.012 },
        'percent',
      ),
    ).toBe('+1.2 pp');
    expect(formatKpiDelta({ previous: 99, change: -0.5 }, 'percent')).toBe(
      '−0.5 pp',
    );
  });

  it('adds the relative change to other units', () => {
    expect(
      formatKpiDelta(
        { previous: 150, change: -12, relativeChange: -0.08 },
        'per-day',
      ),
    ).toBe('−12 / day (−8 %)');
    expect(
      formatKpiDelta(
        { previous: 400, change: 250, relativeChange: 0.625 },
        'milliseconds',
      ),
    ).toBe('+250 ms (+63 %)');
  });

  it('leaves out the relative change when the previous value was 0', () => {
    expect(formatKpiDelta({ previous: 0, change: 4 }, 'count')).toBe('+4');
    expect(
      formatKpiDelta({ previous: 5, change: 0, relativeChange: 0 }, 'count'),
    ).toBe('0');
  });
});

describe('unitLabel', () => {
  it('names units for axes and headers', () => {
    expect(unitLabel('per-thousand')).toBe('per 1,000');
    expect(unitLabel('hours')).toBe('hours');
  });
});
