import { KpiDefinition } from '@internal/plugin-scorecards-common';
import { aggregateValues, rollUpKpi } from './kpiAggregation';

const kpi = (aggregation?: KpiDefinition['aggregation']): KpiDefinition => ({
  id: 'k',
  title: 'K',
  description: '',
  unit: 'count',
  entityKinds: ['Journey'],
  direction: 'lower-is-better',
  aggregation,
  defaultThresholds: [],
});

describe('aggregateValues', () => {
  // 4 + 10 + 1 + 7 = 22; sorted 1, 4, 7, 10.
  const values = [4, 10, 1, 7];

  it.each([
    ['sum', 22],
    ['mean', 5.5],
    ['median', 5.5], // (4 + 7) / 2
    ['max', 10],
    ['min', 1],
  ] as const)('%s of 4, 10, 1, 7 is %d', (mode, expected) => {
    expect(aggregateValues(values, mode)).toBe(expected);
  });

  it('takes the middle value of an odd count as the median', () => {
    expect(aggregateValues([9, 2, 5], 'median')).toBe(5);
    expect(aggregateValues([-3], 'median')).toBe(-3);
  });

  it('gives nothing for no values, in every mode', () => {
    for (const mode of ['sum', 'mean', 'median', 'max', 'min'] as const)
      expect(aggregateValues([], mode)).toBeUndefined();
  });

  it('does not reorder the values it is given', () => {
    const given = [3, 1, 2];
    aggregateValues(given, 'median');
    expect(given).toEqual([3, 1, 2]);
  });
});

describe('rollUpKpi', () => {
  const snapshots = [
    { value: 2, status: 'green' as const },
    { value: 30, status: 'red' as const },
    { value: 8, status: 'amber' as const },
    { value: 4 }, // a value no threshold rule matched
  ];

  it('aggregates by the KPI’s mode, mean by default, and takes the worst status', () => {
    expect(rollUpKpi(kpi(), snapshots, 6)).toEqual({
      value: 11, // (2 + 30 + 8 + 4) / 4
      status: 'red',
      // 6 members measured: 3 with a status, 1 with a value only, 2 without a value.
      members: { green: 1, amber: 0 + 1, red: 1, none: 3 },
    });
    expect(rollUpKpi(kpi('sum'), snapshots, 4).value).toBe(44);
    expect(rollUpKpi(kpi('max'), snapshots, 4).value).toBe(30);
  });

  it('is amber when the worst member is amber, and has no status when none has one', () => {
    expect(rollUpKpi(kpi('min'), [snapshots[0], snapshots[2]], 2)).toEqual({
      value: 2,
      status: 'amber',
      members: { green: 1, amber: 1, red: 0, none: 0 },
    });
    expect(rollUpKpi(kpi(), [{ value: 1 }], 3)).toEqual({
      value: 1,
      status: undefined,
      members: { green: 0, amber: 0, red: 0, none: 3 },
    });
  });
});
