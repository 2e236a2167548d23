import {
  INSTANCE_STATUSES,
  JourneyObjective,
} from '@internal/plugin-journeys-common';
import type { CellFilter } from '../database/InstanceStore';
import {
  objectiveFilters,
  objectiveMinutes,
  OutcomeCell,
} from './objectiveEvents';

const minute = (m: number) => m * 60_000_000;
const cells: OutcomeCell[] = [
  { bucketStartUs: minute(100), outcome: 'ok', leMs: 4000, count: 90 },
  { bucketStartUs: minute(100), outcome: 'ok', leMs: 6000, count: 5 },
  { bucketStartUs: minute(100), outcome: 'failed', leMs: 5000, count: 3 },
  { bucketStartUs: minute(100), outcome: 'stuck', leMs: 0, count: 1 },
  { bucketStartUs: minute(100), outcome: 'rejected', leMs: 20, count: 7 },
  { bucketStartUs: minute(101), outcome: 'in-flight', leMs: 0, count: 4 },
  {
    bucketStartUs: minute(101),
    outcome: 'recovered-by-replay',
    leMs: 900_000,
    count: 2,
  },
  { bucketStartUs: minute(99), outcome: 'failed', leMs: 10, count: 50 },
];

describe('objectiveMinutes', () => {
  it('counts a ratio objective over the outcomes it lists, excluding the others', () => {
    const availability: JourneyObjective = {
      name: 'availability',
      target: 0.99,
      timeWindow: '28d',
      indicator: {
        ratio: {
          good: { status: ['ok'] },
          total: { status: ['ok', 'failed', 'stuck'] },
        },
      },
    };
    expect(objectiveMinutes(availability, cells, 100, 2)).toEqual([
      { good: 95, bad: 4 },
      { good: 0, bad: 0 }, // in-flight and recovered-by-replay are not listed
    ]);
  });

  it('counts a latency objective over finished instances at or under the threshold', () => {
    const latency: JourneyObjective = {
      name: 'latency',
      target: 0.95,
      timeWindow: '7d',
      indicator: { latency: { thresholdMs: 5000 } },
    };
    expect(objectiveMinutes(latency, cells, 100, 2)).toEqual([
      { good: 93, bad: 5 },
      { good: 0, bad: 0 },
    ]);
  });

  it('has filters for the database that classify every cell as objectiveMinutes does', () => {
    const objectives: JourneyObjective[] = [
      {
        name: 'availability',
        target: 0.99,
        timeWindow: '30d',
        indicator: {
          ratio: {
            good: { status: ['ok'] },
            total: { status: ['ok', 'failed', 'stuck'] },
          },
        },
      },
      {
        name: 'settled',
        target: 0.9,
        timeWindow: '7d',
        indicator: {
          ratio: {
            good: { status: ['ok', 'recovered-by-replay'] },
            total: {
              status: ['ok', 'failed', 'rejected', 'recovered-by-replay'],
            },
          },
        },
      },
      {
        name: 'everything good',
        target: 0.9,
        timeWindow: '7d',
        indicator: {
          ratio: { good: { status: ['ok'] }, total: { status: ['ok'] } },
        },
      },
      {
        name: 'latency',
        target: 0.95,
        timeWindow: '30d',
        indicator: { latency: { thresholdMs: 5000 } },
      },
    ];
    const matches = (f: CellFilter, c: OutcomeCell) =>
      f.outcomes.includes(c.outcome) &&
      (f.leMsAtMost === undefined || c.leMs <= f.leMsAtMost) &&
      (f.leMsAbove === undefined || c.leMs > f.leMsAbove);
    for (const objective of objectives) {
      const { good, bad } = objectiveFilters(objective);
      for (const outcome of INSTANCE_STATUSES)
        for (const leMs of [0, 20, 4000, 5000, 6000, 2_147_483_647]) {
          const cell = { bucketStartUs: minute(100), outcome, leMs, count: 1 };
          const [expected] = objectiveMinutes(objective, [cell], 100, 1);
          expect([
            objective.name,
            outcome,
            leMs,
            matches(good, cell),
            matches(bad, cell),
          ]).toEqual([
            objective.name,
            outcome,
            leMs,
            expected.good === 1,
            expected.bad === 1,
          ]);
        }
    }
  });
});
