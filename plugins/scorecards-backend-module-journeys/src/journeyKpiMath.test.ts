import { JourneyStats, SloAlert } from '@internal/plugin-journeys-common';
import {
  countKpis,
  DAY_MS,
  freshnessKpi,
  HOUR_MS,
  median,
  mttrKpis,
  rateKpis,
  sloKpis,
} from './journeyKpiMath';
import { sloSummary, stats } from './__fixtures__/journeysAnswers';

const T0 = Date.parse('2026-12-04T00:00:00.000Z');

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 10, 2])).toBe(3);
  });
});

describe('countKpis', () => {
  it('scales an hour to a daily rate and counts failures per 1,000 started', () => {
    // 50 started in an hour = 1,200 a day; 3 of 50 failed = 60 per 1,000.
    expect(countKpis({ count: 50, failed: 3, recovered: 2 }, HOUR_MS)).toEqual({
      'journey.volumePerDay': { value: 1200 },
      'journey.failuresPerThousand': { value: 60 },
      'journey.recoveredByReplay': { value: 2 },
    });
  });

  it('has volume 0 but no failure rate without traffic', () => {
    expect(countKpis({ count: 0, failed: 0, recovered: 0 }, DAY_MS)).toEqual({
      'journey.volumePerDay': { value: 0 },
      'journey.failuresPerThousand': {
        reason: 'no instance started in the period',
      },
      'journey.recoveredByReplay': { value: 0 },
    });
  });
});

describe('rateKpis', () => {
  it('counts ok and recovered among instances with a verdict', () => {
    // 200 started: 10 in flight and 15 rejected leave 175 with a verdict, of which 7
    // failed and 3 are stuck: 165 finished = 94.2857… %.
    const s: JourneyStats = {
      ...stats('journey:default/checkout', '24h'),
      volume: 200,
      inFlight: 10,
      rejected: 15,
      failed: 7,
      stuck: 3,
      recoveredByReplay: 4,
      p50Ms: 420,
      p95Ms: 1900,
      recoveryP50Ms: 90_000,
    };
    const out = rateKpis(s);
    expect((out['journey.successRate'] as { value: number }).value).toBeCloseTo(
      (165 / 175) * 100,
      10,
    );
    expect(out['journey.cycleTimeP50']).toEqual({ value: 420 });
    expect(out['journey.cycleTimeP95']).toEqual({ value: 1900 });
    expect(out['journey.replayRecoveryP50']).toEqual({ value: 90 });
  });

  it('says why when nothing finished', () => {
    const out = rateKpis({
      ...stats('journey:default/checkout', '1h'),
      volume: 3,
      inFlight: 2,
      rejected: 1,
    });
    expect(out['journey.successRate']).toEqual({
      reason: 'no instance reached a verdict in the period',
    });
    expect(out['journey.cycleTimeP95']).toEqual({
      reason: 'no ok or failed instance in the period',
    });
    expect(out['journey.replayRecoveryP50']).toEqual({
      reason: 'no instance was recovered by a replay in the period',
    });
  });
});

describe('sloKpis', () => {
  it('takes the worst objective for attainment and the least budget left', () => {
    const out = sloKpis([
      // 0.995 / 0.99 = 100.505… %; budget 60 % left
      sloSummary('journey:default/checkout', 'availability', {
        sli: 0.995,
        target: 0.99,
        remainingFraction: 0.6,
      }),
      // 0.97 / 0.98 = 98.979… %; budget blown: -50 %
      sloSummary('journey:default/checkout', 'latency', {
        sli: 0.97,
        target: 0.98,
        remainingFraction: -0.5,
      }),
      // no valid events: left out
      sloSummary('journey:default/checkout', 'quiet', {
        sli: null,
        target: 0.9,
        remainingFraction: null,
      }),
    ]);
    expect(
      (out['journey.sloAttainment'] as { value: number }).value,
    ).toBeCloseTo((0.97 / 0.98) * 100, 10);
    expect(out['journey.errorBudgetRemaining']).toEqual({ value: -50 });
  });

  it('gives reasons without objectives or without events', () => {
    expect(sloKpis([])['journey.sloAttainment']).toEqual({
      reason: 'the journey declares no objective',
    });
    expect(
      sloKpis([
        sloSummary('journey:default/a', 'x', {
          sli: null,
          target: 0.99,
          remainingFraction: null,
        }),
      ])['journey.errorBudgetRemaining'],
    ).toEqual({ reason: 'no objective has valid events in its window' });
  });
});

describe('mttrKpis', () => {
  const alert = (
    id: number,
    firingSince: string,
    resolvedAt: string | null,
  ): SloAlert => ({
    id,
    severity: 'page',
    firingSince,
    resolvedAt,
    budgetRemaining: 0.5,
    rules: [],
  });
  const from = T0;
  const to = T0 + DAY_MS;

  it('averages firing-to-resolve of alerts resolved in the period', () => {
    const out = mttrKpis(
      [
        alert(1, '2026-12-04T01:00:00Z', '2026-12-04T01:30:00Z'), // 0.5 h
        alert(2, '2026-12-03T22:00:00Z', '2026-12-04T02:00:00Z'), // 4 h, fired the day before
        alert(3, '2026-12-04T10:00:00Z', '2026-12-04T11:00:00Z'), // 1 h
        alert(3, '2026-12-04T10:00:00Z', '2026-12-04T11:00:00Z'), // listed twice: once
        alert(4, '2026-12-04T20:00:00Z', null), // still open
        alert(5, '2026-12-04T23:00:00Z', '2026-12-05T00:00:00Z'), // resolved the next day
        alert(6, '2026-12-03T01:00:00Z', '2026-12-03T09:00:00Z'), // the day before
      ],
      from,
      to,
    );
    // (0.5 + 4 + 1) / 3 = 1.8333…; median of 0.5, 1, 4 = 1
    expect((out['journey.mttrMean'] as { value: number }).value).toBeCloseTo(
      5.5 / 3,
      10,
    );
    expect(out['journey.mttrMedian']).toEqual({ value: 1 });
  });

  it('has no value without a resolved alert', () => {
    expect(
      mttrKpis([alert(4, '2026-12-04T20:00:00Z', null)], from, to),
    ).toEqual({
      'journey.mttrMean': { reason: 'no alert was resolved in the period' },
      'journey.mttrMedian': { reason: 'no alert was resolved in the period' },
    });
  });
});

describe('freshnessKpi', () => {
  it('is the hours since the latest ok instance ended', () => {
    expect(
      freshnessKpi('2026-12-04T06:15:00Z', Date.parse('2026-12-05T00:00:00Z')),
    ).toEqual({ 'journey.dataFreshness': { value: 17.75 } });
  });

  it('says so when no instance finished ok', () => {
    expect(freshnessKpi(undefined, T0)).toEqual({
      'journey.dataFreshness': {
        reason: 'no instance of the journey has finished ok',
      },
    });
  });
});
