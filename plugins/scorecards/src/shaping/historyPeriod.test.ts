import { historyRange, parsePeriod } from './historyPeriod';

describe('historyRange', () => {
  const now = Date.UTC(2026, 11, 5, 21, 7, 30);

  it('asks for whole days up to the end of today', () => {
    expect(historyRange('30d', now)).toEqual({
      from: new Date(Date.UTC(2026, 10, 5)),
      to: new Date(Date.UTC(2026, 11, 6)),
      granularity: 'day',
    });
  });

  it("asks for hours over the last 48, within the backend's 7-day limit", () => {
    const r = historyRange('48h', now);
    expect(r).toEqual({
      from: new Date(Date.UTC(2026, 11, 3, 21)),
      to: new Date(Date.UTC(2026, 11, 5, 22)),
      granularity: 'hour',
    });
  });

  it("stays within the backend's 400-day limit for a year", () => {
    const r = historyRange('365d', now);
    expect((r.to.getTime() - r.from.getTime()) / 86_400_000).toBe(366);
  });
});

describe('parsePeriod', () => {
  it('falls back to 30 days for anything unknown', () => {
    expect(parsePeriod('90d')).toBe('90d');
    expect(parsePeriod('7y')).toBe('30d');
    expect(parsePeriod(null)).toBe('30d');
  });
});
