import {
  errorBudget,
  evaluateRules,
  MinuteCounts,
  MinuteSeries,
  scaledRules,
  timeToExhaustionMs,
  WORKBOOK_RULES_30D,
} from './burnRate';

const TARGET = 0.999;
const PER_MINUTE = 1000;

/** A stream of minutes: `clean` minutes at 0 % errors, then `ratio` errors. */
function stream(parts: Array<{ minutes: number; errorRatio: number }>) {
  const out: MinuteCounts[] = [];
  for (const p of parts)
    for (let i = 0; i < p.minutes; i++) {
      const bad = Math.round(PER_MINUTE * p.errorRatio);
      out.push({ good: PER_MINUTE - bad, bad });
    }
  return out;
}

/** The first minute (from `from`) at which a rule of `severity` with `factor` fires. */
function firstFiring(
  minutes: MinuteCounts[],
  from: number,
  factor: number,
  min = 0,
): number | undefined {
  const series = new MinuteSeries(0, minutes);
  for (let m = from; m < minutes.length; m++) {
    const e = evaluateRules(series, m, TARGET, WORKBOOK_RULES_30D, min).find(
      x => x.rule.factor === factor,
    )!;
    if (e.firing) return m;
  }
  return undefined;
}

describe('multiwindow, multi-burn-rate alerts (SRE workbook, 99.9 % over 30 d)', () => {
  const clean = 3 * 24 * 60; // three clean days first, so every window has history

  it('pages within about a minute of a total outage', () => {
    const minutes = stream([
      { minutes: clean, errorRatio: 0 },
      { minutes: 60, errorRatio: 1 },
    ]);
    const fired = firstFiring(minutes, clean, 14.4)!;
    // Burn 1000: the 1h window crosses 14.4 once 14.4/1000 of it (52 s) is errors.
    expect(fired - clean).toBeLessThanOrEqual(1);
  });

  it('never pages at 14.4 for a 1 % error stream (burn 10), and fires the 6h/30m pair after about 3.6 h', () => {
    const minutes = stream([
      { minutes: clean, errorRatio: 0 },
      { minutes: 8 * 60, errorRatio: 0.01 },
    ]);
    expect(firstFiring(minutes, clean, 14.4)).toBeUndefined();
    const fired = firstFiring(minutes, clean, 6)!;
    // Burn 10 over the 6h window reaches 6 when 6/10 of it is errors: 3.6 h.
    expect((fired - clean) / 60).toBeCloseTo(3.6, 1);
  });

  it('resolves one short window after the errors stop', () => {
    const minutes = stream([
      { minutes: clean, errorRatio: 0 },
      { minutes: 30, errorRatio: 1 },
      { minutes: 60, errorRatio: 0 },
    ]);
    const series = new MinuteSeries(0, minutes);
    const page = (m: number) =>
      evaluateRules(series, m, TARGET, WORKBOOK_RULES_30D)[0].firing;
    const stop = clean + 30;
    expect(page(stop - 1)).toBe(true);
    expect(page(stop + 3)).toBe(true);
    // The 5m short window holds no error 5 minutes after they stopped.
    expect(page(stop + 5)).toBe(false);
  });

  it('keeps quiet while the long window holds too few events', () => {
    const minutes = stream([{ minutes: 120, errorRatio: 1 }]).map(() => ({
      good: 0,
      bad: 1,
    }));
    expect(firstFiring(minutes, 0, 14.4)).toBe(0);
    expect(firstFiring(minutes, 0, 14.4, 30)).toBe(29); // the 30th event in the 1h window
    // A 1h window never holds 100 events at one per minute: the page never fires.
    expect(firstFiring(minutes, 0, 14.4, 100)).toBeUndefined();
  });
});

describe('error budget', () => {
  it('matches 1 − period burn and goes negative when blown', () => {
    // 1,000,000 events at 99.9 %: 1,000 may fail.
    expect(errorBudget(999_750, 250, TARGET)).toMatchObject({
      totalEvents: expect.closeTo(1000, 6),
      consumedEvents: 250,
      remainingEvents: expect.closeTo(750, 6),
      remainingFraction: expect.closeTo(0.75, 6),
    });
    const blown = errorBudget(998_500, 1500, TARGET);
    expect(blown.remainingFraction).toBeCloseTo(-0.5, 6);
    expect(blown.remainingEvents).toBeCloseTo(-500, 6);
    expect(errorBudget(0, 0, TARGET).remainingFraction).toBeNull();
  });

  it('runs out at the current burn rate', () => {
    const month = 30 * 24 * 3_600_000;
    // Half the budget left, burning at 10×: a tenth of half a month.
    expect(timeToExhaustionMs(0.5, 10, month)).toBe(month / 20);
    expect(timeToExhaustionMs(0.5, 0, month)).toBeNull();
    expect(timeToExhaustionMs(-0.1, 10, month)).toBeNull();
  });
});

describe('scaledRules (Sloth)', () => {
  it('keeps the workbook factors for 30 d and scales them for other windows', () => {
    expect(scaledRules(30 * 24 * 3_600_000).map(r => r.factor)).toEqual(
      WORKBOOK_RULES_30D.map(r => expect.closeTo(r.factor, 9)),
    );
    const week = scaledRules(7 * 24 * 3_600_000);
    expect(week[0].factor).toBeCloseTo((14.4 * 7) / 30, 9);
    // The same share of budget (2 % in the 1h window) whatever the SLO window.
    expect((week[0].factor * 3_600_000) / (7 * 24 * 3_600_000)).toBeCloseTo(
      0.02,
      9,
    );
  });
});
