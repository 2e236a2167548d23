import { ms } from '../__testUtils__/time';
import { bucketStart, monthBefore } from './buckets';

describe('bucketStart', () => {
  it('floors to the UTC day or hour, boundaries included', () => {
    expect(bucketStart(ms('2026-12-05T23:59:59.999Z'), 'day')).toBe(
      ms('2026-12-05T00:00:00Z'),
    );
    expect(bucketStart(ms('2026-12-06T00:00:00Z'), 'day')).toBe(
      ms('2026-12-06T00:00:00Z'),
    );
    expect(bucketStart(ms('2026-12-05T13:00:00Z'), 'hour')).toBe(
      ms('2026-12-05T13:00:00Z'),
    );
    expect(bucketStart(ms('2026-12-05T13:59:59Z'), 'hour')).toBe(
      ms('2026-12-05T13:00:00Z'),
    );
  });
});

describe('monthBefore', () => {
  it.each([
    ['2026-12-05', '2026-11-05'],
    ['2027-01-15', '2026-12-15'],
    ['2027-03-31', '2027-02-28'],
    ['2028-03-31', '2028-02-29'],
    ['2026-10-31', '2026-09-30'],
    ['2026-03-01', '2026-02-01'],
  ])('%s → %s', (day, expected) => {
    expect(new Date(monthBefore(ms(`${day}T00:00:00Z`))).toISOString()).toBe(
      `${expected}T00:00:00.000Z`,
    );
  });
});
