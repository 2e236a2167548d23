import type { JourneyStatsPoint } from '@internal/plugin-journeys-common';
import { journeyStats } from '../../testUtils/fakes';
import {
  headlineDeltas,
  percentileName,
  periodEnds,
  previousName,
  rateDelta,
  relativeDelta,
  targetLines,
  trendLayout,
} from './JourneyTrendLayout';

const point = (
  time: string,
  count: number,
  failed: number,
  p95Ms: number | null,
  recovered = 0,
): JourneyStatsPoint => ({
  time,
  count,
  failed,
  recovered,
  p50Ms: p95Ms === null ? null : p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms === null ? null : p95Ms * 2,
});

describe('periodEnds', () => {
  it('ends the previous period where the current one starts', () => {
    const now = Date.parse('2026-12-06T00:15:00.000Z');
    expect(periodEnds(now, '24h')).toEqual({
      current: '2026-12-06T00:15:00.000Z',
      previous: '2026-12-05T00:15:00.000Z',
    });
    expect(periodEnds(now, '1h').previous).toBe('2026-12-05T23:15:00.000Z');
    expect(periodEnds(now, '6h').previous).toBe('2026-12-05T18:15:00.000Z');
    expect(periodEnds(now, '7d').previous).toBe('2026-11-29T00:15:00.000Z');
  });

  it('names the previous period with its unit', () => {
    expect(previousName('24h')).toBe('previous 24 h');
    expect(previousName('7d')).toBe('previous 7 d');
  });
});

describe('trendLayout', () => {
  // 1h window, minute buckets: the previous hour's 10:00 bucket lands on 11:00.
  const current = journeyStats({
    window: '1h',
    series: [
      point('2026-01-01T11:00:00Z', 10, 1, 800, 2),
      point('2026-01-01T11:01:00Z', 0, 0, null),
      point('2026-01-01T11:02:00Z', 4, 2, 1200),
    ],
  });
  const previous = journeyStats({
    window: '1h',
    series: [
      point('2026-01-01T09:59:00Z', 99, 0, 100), // one bucket before the axis: dropped
      point('2026-01-01T10:00:00Z', 8, 2, 600),
      point('2026-01-01T10:01:00Z', 5, 0, 900),
      point('2026-01-01T10:02:00Z', 0, 0, null),
    ],
  });

  it('shifts the previous series by the window onto the current buckets', () => {
    const layout = trendLayout(current, previous);
    const t0 = Date.parse('2026-01-01T11:00:00Z');
    expect(layout.rows.map(r => r.t)).toEqual([t0, t0 + 60_000, t0 + 120_000]);
    expect(
      layout.rows.map(r => [r.prevCount, r.prevErrorRate, r.prevP95Ms]),
    ).toEqual([
      [8, 0.25, 600],
      [5, 0, 900],
      [0, null, null],
    ]);
    expect(layout.hasPrevious).toBe(true);
    expect(layout.xDomain).toEqual([t0, t0 + 120_000]);
    expect(layout.bucketMs).toBe(60_000);
    // the highest rate is 0.5 (current, 11:02) over 0.25 (previous, 10:00)
    expect(layout.errorRateTop).toBe(0.5);
  });

  it('stacks ok, recovered and failed to the volume, and the error rate per bucket', () => {
    const [first, empty, last] = trendLayout(current, previous).rows;
    expect([first.ok, first.recovered, first.failed]).toEqual([7, 2, 1]);
    expect(first.errorRate).toBe(0.1);
    expect(empty.errorRate).toBeNull();
    expect(last.errorRate).toBe(0.5);
  });

  it('has no previous period when it is missing, empty or of another window', () => {
    expect(trendLayout(current).hasPrevious).toBe(false);
    expect(trendLayout(current).rows[0].prevCount).toBeNull();
    const silent = journeyStats({
      window: '1h',
      series: [point('2026-01-01T10:00:00Z', 0, 0, null)],
    });
    expect(trendLayout(current, silent).hasPrevious).toBe(false);
    const otherWindow = { ...previous, window: '6h' as const };
    expect(trendLayout(current, otherWindow).rows[0].prevCount).toBeNull();
  });

  it('keeps the error-rate axis at 1 % or more when nothing failed', () => {
    const quiet = journeyStats({
      window: '1h',
      series: [point('2026-01-01T11:00:00Z', 3, 0, 100)],
    });
    expect(trendLayout(quiet).errorRateTop).toBe(0.01);
    const someFailed = journeyStats({
      window: '1h',
      series: [point('2026-01-01T11:00:00Z', 30, 1, 100)],
    });
    // 1/30 = 3.3 % → 5 %
    expect(trendLayout(someFailed).errorRateTop).toBe(0.05);
  });

  it('says when there is nothing to draw', () => {
    expect(trendLayout(journeyStats({ series: [] })).hasData).toBe(false);
  });
});

describe('targetLines', () => {
  it('draws the threshold of each latency objective and the error rate a ratio objective allows', () => {
    const lines = targetLines([
      {
        objective: 'checkout-latency',
        indicator: 'latency',
        target: 0.95,
        thresholdMs: 2000,
      },
      {
        objective: 'checkout-fast',
        indicator: 'latency',
        target: 0.999,
        thresholdMs: 1500,
      },
      { objective: 'checkout-availability', indicator: 'ratio', target: 0.995 },
    ]);
    expect(lines.latency).toEqual([
      {
        objective: 'checkout-latency',
        value: 2000,
        label: 'target p95 ≤ 2 s',
      },
      {
        objective: 'checkout-fast',
        value: 1500,
        label: 'target p99.9 ≤ 1.50 s',
      },
    ]);
    expect(lines.errorRate).toEqual([
      {
        objective: 'checkout-availability',
        value: 0.005,
        label: 'allowed errors ≤ 0.5 % (checkout-availability 99.5 %)',
      },
    ]);
  });

  it('draws nothing for a journey without objectives', () => {
    expect(targetLines([])).toEqual({ latency: [], errorRate: [] });
  });

  it('names the percentile a latency target stands for', () => {
    expect(percentileName(0.99)).toBe('p99');
    expect(percentileName(0.5)).toBe('p50');
  });
});

describe('deltas', () => {
  it('computes relative changes by hand-checked numbers', () => {
    // 1344 / 1200 = 1.12
    expect(relativeDelta(1344, 1200, 'higher-is-better', '24h')).toEqual({
      text: '+12 % vs previous 24 h',
      verdict: 'better',
    });
    // 1830.2 / 2000 − 1 = −0.0849 → −8.5 %, shorter is better
    expect(relativeDelta(1830.2, 2000, 'lower-is-better', '1h')).toEqual({
      text: '−8.5 % vs previous 1 h',
      verdict: 'better',
    });
    // 450 / 400 − 1 = +12.5 % → '+13 %' from 10 % on; slower is worse
    expect(relativeDelta(450, 400, 'lower-is-better', '7d')).toEqual({
      text: '+13 % vs previous 7 d',
      verdict: 'worse',
    });
    expect(relativeDelta(100, 100, 'higher-is-better', '6h')).toEqual({
      text: '±0.0 % vs previous 6 h',
      verdict: 'same',
    });
  });

  it('gives no delta without a previous figure or from a previous 0', () => {
    expect(relativeDelta(10, 0, 'higher-is-better', '24h')).toBeNull();
    expect(relativeDelta(10, null, 'lower-is-better', '24h')).toBeNull();
    expect(relativeDelta(null, 10, 'lower-is-better', '24h')).toBeNull();
    expect(rateDelta(0.03, null, '24h')).toBeNull();
  });

  it('gives error-rate changes in percentage points, higher is worse', () => {
    // 3.02 % − 2.12 % = +0.9 pp
    expect(rateDelta(0.0302, 0.0212, '24h')).toEqual({
      text: '+0.9 pp vs previous 24 h',
      verdict: 'worse',
    });
    // from 0 % a relative change would be infinite; points are not
    expect(rateDelta(0, 0.125, '1h')).toEqual({
      text: '−13 pp vs previous 1 h',
      verdict: 'better',
    });
  });

  it('gives the headline deltas, none when the previous period had no instance', () => {
    const now = journeyStats({ volume: 1200, errorRate: 0.0302, p95Ms: 1830 });
    const before = journeyStats({ volume: 1000, errorRate: 0.05, p95Ms: 1525 });
    expect(headlineDeltas(now, before)).toEqual({
      volume: { text: '+20 % vs previous 24 h', verdict: 'better' },
      errorRate: { text: '−2.0 pp vs previous 24 h', verdict: 'better' },
      p95: { text: '+20 % vs previous 24 h', verdict: 'worse' },
    });
    const silent = journeyStats({
      volume: 0,
      errorRate: null,
      p95Ms: null,
      series: [],
    });
    expect(headlineDeltas(now, silent)).toEqual({
      volume: null,
      errorRate: null,
      p95: null,
    });
    expect(headlineDeltas(now, undefined).volume).toBeNull();
  });
});
