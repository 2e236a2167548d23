import { kpiDelta } from './kpiDelta';

describe('kpiDelta', () => {
  it('says a rise is better when higher is better', () => {
    expect(kpiDelta(99, 96, 'higher-is-better')).toEqual({
      previous: 96,
      change: 3,
      relativeChange: 3 / 96,
      trend: 'better',
    });
  });

  it('says a rise is worse when lower is better, with the ratio against |previous|', () => {
    expect(kpiDelta(-2, -4, 'lower-is-better')).toEqual({
      previous: -4,
      change: 2,
      relativeChange: 0.5,
      trend: 'worse',
    });
    expect(kpiDelta(10, 40, 'lower-is-better')).toMatchObject({
      change: -30,
      relativeChange: -0.75,
      trend: 'better',
    });
  });

  it('has no ratio from zero, no trend for no change or an unknown KPI, nothing without a previous value', () => {
    expect(kpiDelta(5, 0, 'lower-is-better')).toEqual({
      previous: 0,
      change: 5,
      relativeChange: undefined,
      trend: 'worse',
    });
    expect(kpiDelta(7, 7, 'higher-is-better')).toMatchObject({
      change: 0,
      trend: 'unchanged',
    });
    expect(kpiDelta(7, 6, undefined)).toMatchObject({
      change: 1,
      trend: undefined,
    });
    expect(kpiDelta(7, undefined, 'higher-is-better')).toBeUndefined();
  });
});
