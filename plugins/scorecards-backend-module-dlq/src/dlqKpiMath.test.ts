import { DAY_MS, HOUR_MS, inflowKpi, replayKpi, stateKpis } from './dlqKpiMath';
import { dlq, inflow, replay } from './__fixtures__/dlqAnswers';

const DAY = Date.parse('2026-12-04T00:00:00.000Z');

describe('stateKpis', () => {
  it('adds failed, parked and broker depth over the queue’s DLQs and takes the oldest age', () => {
    expect(
      stateKpis([
        dlq('a', 'orders', {
          failed: 7,
          parked: 2,
          brokerDepth: 1,
          archived: 40,
          oldestAgeSeconds: 5400,
        }),
        dlq('b', 'orders', { failed: 3, oldestAgeSeconds: 36_000 }),
      ]),
    ).toEqual({
      'dlq.backlogDepth': { value: 13 },
      'dlq.oldestMessageAge': { value: 10 },
    });
  });

  it('gives age 0 when no failed message waits, whatever is parked', () => {
    expect(stateKpis([dlq('a', 'orders', { parked: 4 })])).toEqual({
      'dlq.backlogDepth': { value: 4 },
      'dlq.oldestMessageAge': { value: 0 },
    });
  });

  it('says so when failed messages have no age', () => {
    expect(
      stateKpis([dlq('a', 'orders', { failed: 1 })])['dlq.oldestMessageAge'],
    ).toEqual({
      reason: 'the runtime gave no age for a queue with dead letters',
    });
  });
});

describe('inflowKpi', () => {
  const now = DAY + DAY_MS + 20 * 60_000;
  const counts: Record<string, number> = {
    '2026-12-04T00:00:00.000Z': 3,
    '2026-12-04T12:00:00.000Z': 5,
    '2026-12-04T18:00:00.000Z': 2,
    '2026-12-05T00:00:00.000Z': 99,
  };
  const buckets = inflow(now, 26, t => counts[new Date(t).toISOString()] ?? 0);

  it('sums the day’s 6-hour buckets of every DLQ of the queue', () => {
    expect(buckets[0].start).toBe('2026-12-04T00:00:00.000Z');
    expect(
      inflowKpi(
        [
          dlq('a', 'orders', { inflow: buckets }),
          dlq('b', 'orders', { inflow: inflow(now, 26, () => 1) }),
        ],
        DAY,
        DAY + DAY_MS,
      ),
    ).toEqual({ 'dlq.inflowPerDay': { value: 10 + 4 } });
  });

  it('scales an hour to a daily rate', () => {
    const hourNow = DAY + 11 * HOUR_MS + 5 * 60_000;
    const hourly = inflow(hourNow, 3, t => (t === DAY + 10 * HOUR_MS ? 2 : 7));
    expect(
      inflowKpi(
        [dlq('a', 'orders', { inflow: hourly })],
        DAY + 10 * HOUR_MS,
        DAY + 11 * HOUR_MS,
      ),
    ).toEqual({ 'dlq.inflowPerDay': { value: 48 } });
  });

  it('gives a reason when the buckets do not cover or fit the period', () => {
    expect(
      inflowKpi(
        [dlq('a', 'orders', { inflow: buckets.slice(1) })],
        DAY,
        DAY + DAY_MS,
      ),
    ).toEqual({
      'dlq.inflowPerDay': {
        reason:
          'the inflow buckets (2026-12-04T06:00:00.000Z on) do not cover the period',
      },
    });
    expect(
      inflowKpi(
        [dlq('a', 'orders', { inflow: buckets })],
        DAY + HOUR_MS,
        DAY + 2 * HOUR_MS,
      ),
    ).toEqual({
      'dlq.inflowPerDay': {
        reason: "the period is not aligned to the inflow's 360-minute buckets",
      },
    });
  });
});

describe('replayKpi', () => {
  const replays = [
    replay('r1', {
      createdAt: '2026-12-04T09:00:00.000Z',
      finishedAt: '2026-12-04T10:00:00.000Z',
      counts: {
        replayed: 18,
        'failed-again': 1,
        parked: 1,
        'skipped-duplicate': 5,
      },
    }),
    replay('r2', {
      createdAt: '2026-12-03T22:00:00.000Z',
      finishedAt: '2026-12-03T23:00:00.000Z',
      counts: { 'failed-again': 10 },
    }),
    replay('r3', {
      status: 'cancelled',
      createdAt: '2026-12-04T11:00:00.000Z',
      finishedAt: '2026-12-04T12:00:00.000Z',
      counts: { replayed: 2, pending: 30 },
    }),
    replay('r4', {
      status: 'running',
      createdAt: '2026-12-04T20:00:00.000Z',
      finishedAt: null,
      counts: { replayed: 50 },
    }),
  ];

  it('shares replayed among messages that reached an outcome, in replays finished in the period', () => {
    // r1 and r3: 20 replayed, 1 failed again, 1 parked → 20 / 22.
    expect(replayKpi(replays, DAY, DAY + DAY_MS, true)).toEqual({
      'dlq.replaySuccessRate': { value: (20 / 22) * 100 },
    });
  });

  it('has no value without finished replays, or when the list may be cut', () => {
    expect(replayKpi(replays.slice(1, 2), DAY, DAY + DAY_MS, true)).toEqual({
      'dlq.replaySuccessRate': {
        reason:
          'no replayed message of the queue reached an outcome in the period',
      },
    });
    expect(
      replayKpi(replays, DAY, DAY + DAY_MS, false)['dlq.replaySuccessRate'],
    ).toEqual({
      reason:
        'dlq-backend lists only the newest replays, and they do not reach back to the period',
    });
  });
});
