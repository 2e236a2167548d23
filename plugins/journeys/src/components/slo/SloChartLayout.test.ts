import {
  burnDownPoints,
  burnRatePoints,
  sloRules,
} from '../../testUtils/fakes';
import {
  burnDownChartLayout,
  burnRateChartLayout,
  niceCeil,
  timeTicks,
} from './SloChartLayout';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe('timeTicks', () => {
  it('puts at most the asked number of ticks on round local times', () => {
    const start = new Date(2026, 0, 1, 10, 7).getTime();
    const ticks = timeTicks(start, start + 24 * HOUR_MS, 7);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(start);
      expect(new Date(t).getMinutes()).toBe(0);
      expect(new Date(t).getHours() % 6).toBe(0);
    }
  });

  it('puts multi-day spans on midnights', () => {
    const start = new Date(2026, 0, 1, 12).getTime();
    const ticks = timeTicks(start, start + 28 * DAY_MS, 7);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect(new Date(t).getHours()).toBe(0);
  });

  it('copes with a single point', () => {
    expect(timeTicks(5, 5)).toEqual([5]);
  });
});

describe('niceCeil', () => {
  it('rounds up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceCeil(16.1)).toBe(20);
    expect(niceCeil(20)).toBe(20);
    expect(niceCeil(2.2)).toBe(2.5);
    expect(niceCeil(0.7)).toBe(1);
    expect(niceCeil(0)).toBe(1);
  });
});

describe('burnDownChartLayout', () => {
  it('keeps a month of hourly points in time order, no dots, 0 … 100 % in view', () => {
    const points = burnDownPoints(28 * 24, 0.42).reverse();
    const layout = burnDownChartLayout(points);
    expect(layout.rows).toHaveLength(28 * 24);
    expect(layout.rows[0].remaining).toBe(1);
    expect(layout.rows[layout.rows.length - 1].remaining).toBeCloseTo(0.42);
    expect(layout.rows[1].t - layout.rows[0].t).toBe(HOUR_MS);
    expect(layout.hasData).toBe(true);
    expect(layout.dots).toBe(false);
    expect(layout.yDomain).toEqual([0, 1]);
    expect(layout.xLabel(layout.xTicks[0])).toMatch(/^\d{1,2} [A-Z][a-z]{2}$/);
  });

  it('goes below zero as far as the budget was blown, the blown part its own series', () => {
    const layout = burnDownChartLayout(burnDownPoints(10, -1.3));
    expect(layout.yDomain).toEqual([-2, 1]);
    const last = layout.rows[layout.rows.length - 1];
    expect(last.left).toBe(0);
    expect(last.blown).toBeCloseTo(-1.3);
    expect(last.remaining).toBeCloseTo(-1.3);
    expect(layout.rows[0]).toMatchObject({ left: 1, blown: 0 });
  });

  it('has no data when no point has a remaining fraction, and dots when few have', () => {
    const empty = burnDownChartLayout(
      burnDownPoints(3, 1).map(p => ({ ...p, remainingFraction: null })),
    );
    expect(empty.hasData).toBe(false);
    expect(burnDownChartLayout([]).hasData).toBe(false);
    expect(burnDownChartLayout(burnDownPoints(2, 0.5)).dots).toBe(true);
  });
});

describe('burnRateChartLayout', () => {
  it('draws the windows the rules use and a threshold per factor, labelled by severity', () => {
    const layout = burnRateChartLayout(burnRatePoints(24, 1.5), sloRules());
    expect(layout.windows).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(layout.rows).toHaveLength(144);
    expect(layout.rows[0]).toMatchObject({ '5m': 1.5, '3d': 1.5 });
    expect(layout.thresholds.map(t => t.label)).toEqual([
      'page 13.4×',
      'page 5.6×',
      'ticket 2.8×',
      'ticket 0.93×',
    ]);
    expect(layout.yMax).toBe(20);
    expect(layout.clipped).toBe(false);
    expect(layout.dots).toBe(false);
    expect(layout.xLabel(layout.xTicks[0])).toMatch(/^\d\d:\d\d$/);
  });

  it('always draws 5m, 1h and 6h, and shares one line between rules of the same factor', () => {
    const [page] = sloRules();
    const layout = burnRateChartLayout(burnRatePoints(1, 0), [
      { ...page, factor: 10, longWindow: '2h', shortWindow: '30m' },
      {
        ...page,
        severity: 'ticket',
        factor: 10,
        longWindow: '1d',
        shortWindow: '2h',
      },
    ]);
    expect(layout.windows).toEqual(['5m', '30m', '1h', '2h', '6h', '1d']);
    expect(layout.thresholds).toEqual([
      { factor: 10, severity: 'page', label: 'page/ticket 10×' },
    ]);
  });

  it("cuts an outage's burn off at three times the highest factor", () => {
    const layout = burnRateChartLayout(burnRatePoints(2, 100), sloRules());
    // 3 × 13.44 = 40.3 → 50
    expect(layout.yMax).toBe(50);
    expect(layout.clipped).toBe(true);
    const mild = burnRateChartLayout(burnRatePoints(2, 30), sloRules());
    expect(mild.yMax).toBe(50);
    expect(mild.clipped).toBe(false);
  });
});
