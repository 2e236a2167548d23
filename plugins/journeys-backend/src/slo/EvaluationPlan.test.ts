import type { RollupRange } from '../database/InstanceStore';
import { BURN_WINDOWS_MS, MinuteCounts, MinuteSeries } from './burnRate';
import { EvaluationPlan } from './EvaluationPlan';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_US = MINUTE_MS * 1000;

/** Seeded, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Good and bad events per minute from `fromMinute` to `toMinute` (some minutes empty, some
 * after now: they must not count in burn windows), and the same summed per hour, as the
 * minute and hourly tables hold them.
 */
function stream(fromMinute: number, toMinute: number, seed: number) {
  const rnd = random(seed);
  const minutes = new Map<number, MinuteCounts>();
  const hours = new Map<number, MinuteCounts>();
  for (let m = fromMinute; m < toMinute; m++) {
    if (rnd() < 0.2) continue;
    const c = {
      good: Math.floor(rnd() * 20),
      bad: rnd() < 0.3 ? Math.floor(rnd() * 5) : 0,
    };
    minutes.set(m, c);
    const h = Math.floor(m / 60) * 60;
    const sum = hours.get(h) ?? { good: 0, bad: 0 };
    sum.good += c.good;
    sum.bad += c.bad;
    hours.set(h, sum);
  }
  return { minutes, hours };
}

/** What the database answers for a range: its cells' sums (good in column 0, bad in 1). */
function count(
  data: ReturnType<typeof stream>,
  range: RollupRange,
): [number, number] {
  const cells = range.table === 'hour' ? data.hours : data.minutes;
  let good = 0;
  let bad = 0;
  for (const [minute, c] of cells) {
    const us = minute * MINUTE_US;
    if (us >= range.fromUs && us < range.toUs) {
      good += c.good;
      bad += c.bad;
    }
  }
  return [good, bad];
}

/** The former reading: 3 days of minute cells, and the hourly cells of the SLO window. */
function former(data: ReturnType<typeof stream>, nowMs: number) {
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const minutes = BURN_WINDOWS_MS['3d'] / MINUTE_MS;
  const firstMinute = nowMinute - minutes + 1;
  const series = new MinuteSeries(
    firstMinute,
    Array.from(
      { length: minutes },
      (_, i) => data.minutes.get(firstMinute + i) ?? { good: 0, bad: 0 },
    ),
  );
  const budget = (windowMs: number) => {
    const sinceMs = Math.floor((nowMs - windowMs) / HOUR_MS) * HOUR_MS;
    const windowMinutes = Math.ceil((nowMs - sinceMs) / MINUTE_MS) + 1;
    const since = sinceMs / MINUTE_MS;
    let good = 0;
    let bad = 0;
    for (const [h, c] of data.hours)
      if (h >= since && h < since + windowMinutes) {
        good += c.good;
        bad += c.bad;
      }
    return { good, bad };
  };
  return { series, budget, nowMinute };
}

const BURN_WINDOWS = [
  ...Object.values(BURN_WINDOWS_MS),
  7 * MINUTE_MS,
  90 * MINUTE_MS,
  1, // rounds up to a minute, as MinuteSeries does
  4 * DAY_MS, // longer than the 3 days kept: clipped, as MinuteSeries does
];
const SLO_WINDOWS = [
  30 * DAY_MS,
  28 * DAY_MS,
  7 * DAY_MS,
  HOUR_MS,
  30 * MINUTE_MS,
];

describe('EvaluationPlan', () => {
  const hour = 29_500_000 * 60; // an epoch minute on an hour boundary
  const data = stream(hour - 32 * 24 * 60, hour + 3 * 60, 7);

  it.each([
    ['on an hour boundary', hour * MINUTE_MS],
    ['30 s into an hour', hour * MINUTE_MS + 30_000],
    ['in the last minute of an hour', (hour + 59) * MINUTE_MS + 30_000],
    ['at the start of the last minute of an hour', (hour + 59) * MINUTE_MS],
    ['in the first minute of an hour', (hour + 60) * MINUTE_MS + 59_999],
    ['at minute 29', (hour + 29) * MINUTE_MS + 1],
    ['at minute 30', (hour + 30) * MINUTE_MS + 15_000],
    ['at minute 31', (hour + 31) * MINUTE_MS],
    ['at minute 44', (hour + 44) * MINUTE_MS + 10_000],
  ])(
    'gives the burn windows and budgets of the per-minute reading, %s',
    (_, nowMs) => {
      const plan = new EvaluationPlan(nowMs, BURN_WINDOWS, SLO_WINDOWS);
      const counts = plan.ranges.map(r => count(data, r));
      const { budget, burn } = plan.totals(counts, 0, 1);
      const expected = former(data, nowMs);
      for (const windowMs of BURN_WINDOWS)
        expect([windowMs, burn.sum(expected.nowMinute, windowMs)]).toEqual([
          windowMs,
          expected.series.sum(expected.nowMinute, windowMs),
        ]);
      for (const windowMs of SLO_WINDOWS)
        expect([windowMs, budget(windowMs)]).toEqual([
          windowMs,
          expected.budget(windowMs),
        ]);
    },
  );

  it('reads every cell once, and few of them from the minute table', () => {
    const nowMs = (hour + 44) * MINUTE_MS + 10_000;
    const plan = new EvaluationPlan(nowMs, Object.values(BURN_WINDOWS_MS), [
      30 * DAY_MS,
    ]);
    for (const table of ['minute', 'hour'] as const) {
      const ranges = plan.ranges
        .filter(r => r.table === table)
        .sort((a, b) => a.fromUs - b.fromUs);
      for (let i = 1; i < ranges.length; i++)
        expect(ranges[i].fromUs).toBeGreaterThanOrEqual(ranges[i - 1].toUs);
    }
    const minutes = plan.ranges
      .filter(r => r.table === 'minute')
      .reduce((n, r) => n + (r.toUs - r.fromUs) / MINUTE_US, 0);
    // The current hour's 45 minutes, then at most 30 at each window start (15 here, 5 windows
    // of whole hours) instead of 4,320.
    expect(minutes).toBe(45 + 5 * 15);
  });

  it('refuses a window it was not planned for instead of answering a wrong sum', () => {
    const nowMs = (hour + 10) * MINUTE_MS;
    const plan = new EvaluationPlan(nowMs, [HOUR_MS], [DAY_MS]);
    const { budget, burn } = plan.totals(
      plan.ranges.map(() => [0, 0]),
      0,
      1,
    );
    expect(() => burn.sum(hour + 10, 2 * HOUR_MS)).toThrow(/not planned/);
    expect(() => burn.sum(hour + 9, HOUR_MS)).toThrow(/end at minute/);
    expect(() => budget(7 * DAY_MS)).toThrow(/not planned/);
  });
});
