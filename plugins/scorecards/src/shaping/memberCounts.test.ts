import {
  aggregatedFromText,
  aggregationText,
  memberCountsDetail,
  memberCountsText,
} from './memberCounts';

const c = (green: number, amber: number, red: number, none = 0) => ({
  green,
  amber,
  red,
  none,
});

describe('memberCountsText', () => {
  it('puts the worst news first', () => {
    expect(memberCountsText(c(9, 1, 2))).toBe('2 red of 12');
    expect(memberCountsText(c(3, 1, 0))).toBe('1 amber of 4');
    expect(memberCountsText(c(5, 0, 0))).toBe('all 5 green');
    expect(memberCountsText(c(1, 0, 0))).toBe('1 green');
    expect(memberCountsText(c(2, 0, 0, 1))).toBe('2 green of 3');
    expect(memberCountsText(c(0, 0, 0, 3))).toBe('3 without status');
    expect(memberCountsText(c(0, 0, 0))).toBe('no entities');
  });

  it('lists every count in the detail', () => {
    expect(memberCountsDetail(c(8, 1, 2, 1))).toBe(
      '12 entities: 8 green, 1 amber, 2 red, 1 without status',
    );
    expect(memberCountsDetail(c(1, 0, 0))).toBe(
      '1 entity: 1 green, 0 amber, 0 red',
    );
  });
});

describe('aggregationText', () => {
  it('says which end is the worst only when it is', () => {
    expect(aggregationText('min', 'higher-is-better')).toBe(
      'lowest value, the worst',
    );
    expect(aggregationText('max', 'lower-is-better')).toBe(
      'highest value, the worst',
    );
    expect(aggregationText('max', 'higher-is-better')).toBe('highest value');
    expect(aggregationText(undefined)).toBe('mean');
    expect(aggregatedFromText(c(1, 0, 0), 7, 'sum')).toBe(
      'aggregated from 1 entity (sum)',
    );
    expect(aggregatedFromText(undefined, 7, 'median')).toBe(
      'aggregated from 7 entities (median)',
    );
  });
});
