import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readScorecardsOptions as readOptions } from './config';

describe('readScorecardsOptions', () => {
  const logger = mockServices.logger.mock();
  const readScorecardsOptions = (config: ConfigReader) =>
    readOptions(config, logger);
  beforeEach(() => jest.clearAllMocks());

  it('has defaults for everything', () => {
    expect(readScorecardsOptions(new ConfigReader({}))).toEqual({
      retention: { days: 400, hourlyHours: 48 },
      backfillDays: 7,
      thresholds: undefined,
      rollup: {
        mode: 'worst-of',
        weights: undefined,
        scoreThresholds: undefined,
      },
      notifyTurnedRed: true,
    });
  });

  it('reads every key', () => {
    const thresholds = {
      'journey.successRate': [
        { status: 'green', expression: '>=99' },
        { status: 'red', expression: '<99' },
      ],
    };
    expect(
      readScorecardsOptions(
        new ConfigReader({
          scorecards: {
            retention: { days: 90, hourlyHours: 72 },
            backfill: { days: 14 },
            thresholds,
            rollup: { mode: 'weighted', weights: { 'journey.successRate': 3 } },
            notifications: { turnedRed: { enabled: false } },
          },
        }),
      ),
    ).toEqual({
      retention: { days: 90, hourlyHours: 72 },
      backfillDays: 14,
      thresholds,
      rollup: {
        mode: 'weighted',
        weights: { 'journey.successRate': 3 },
        scoreThresholds: undefined,
      },
      notifyTurnedRed: false,
    });
  });

  it('reads the durations', () => {
    const options = readScorecardsOptions(
      new ConfigReader({
        scorecards: {
          retention: { maxAge: '90d', hourlyMaxAge: { days: 3 } },
          backfill: { period: 'P14D' },
        },
      }),
    );
    expect(options.retention).toEqual({ days: 90, hourlyHours: 72 });
    expect(options.backfillDays).toBe(14);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('reads day counts above a year written as a string (read through a 365.25-day year)', () => {
    for (const [maxAge, days] of [
      ['400d', 400],
      ['365d', 365],
      ['731d', 731],
      ['P400D', 400],
    ] as const) {
      expect(
        readScorecardsOptions(
          new ConfigReader({ scorecards: { retention: { maxAge } } }),
        ).retention.days,
      ).toBe(days);
    }
  });

  it('reads the former day and hour counts with a deprecation warning', () => {
    const options = readScorecardsOptions(
      new ConfigReader({
        scorecards: {
          retention: { days: 90, hourlyHours: 72 },
          backfill: { days: 14 },
        },
      }),
    );
    expect(options.retention).toEqual({ days: 90, hourlyHours: 72 });
    expect(options.backfillDays).toBe(14);
    expect(logger.warn.mock.calls.map(([m]) => m)).toEqual([
      "scorecards.retention.days is deprecated; use scorecards.retention.maxAge (a duration such as '7d')",
      "scorecards.retention.hourlyHours is deprecated; use scorecards.retention.hourlyMaxAge (a duration such as '48h')",
      "scorecards.backfill.days is deprecated; use scorecards.backfill.period (a duration such as '7d')",
    ]);
  });

  it('prefers the duration when both keys are set', () => {
    const options = readScorecardsOptions(
      new ConfigReader({
        scorecards: { retention: { maxAge: '30d', days: 90 } },
      }),
    );
    expect(options.retention.days).toBe(30);
  });

  it.each([
    [
      { retention: { maxAge: '36h' } },
      "scorecards.retention.maxAge: expected whole days, at least 1 (such as '7d'), got 129600000 ms",
    ],
    [
      { retention: { hourlyMaxAge: '90m' } },
      "scorecards.retention.hourlyMaxAge: expected whole hours, at least 1 (such as '48h'), got 5400000 ms",
    ],
    [{ backfill: { period: 'a week' } }, 'scorecards.backfill.period'],
    [
      { retention: { maxAge: '7d' } },
      'scorecards.backfill.period (7 days) must be less than scorecards.retention.maxAge (7 days)',
    ],
    [
      { retention: { days: 0 } },
      'scorecards.retention.days: expected a whole number of at least 1, got 0',
    ],
    [
      { retention: { hourlyHours: 1.5 } },
      'scorecards.retention.hourlyHours: expected a whole number of at least 1, got 1.5',
    ],
    [
      { backfill: { days: 'seven' } },
      "Unable to convert config value for key 'scorecards.backfill.days'",
    ],
    [
      { retention: { days: 7 } },
      'scorecards.backfill.period (7 days) must be less than scorecards.retention.days (7 days)',
    ],
    [
      { rollup: { mode: 'average' } },
      'scorecards.rollup.mode: expected "worst-of" or "weighted", got "average"',
    ],
    [
      {
        rollup: {
          mode: 'weighted',
          scoreThresholds: [{ status: 'green', expression: '>50' }],
        },
      },
      'scorecards.rollup.scoreThresholds rules: no rule matches [0, 50]',
    ],
  ])('refuses %j', (scorecards, message) => {
    expect(() =>
      readScorecardsOptions(new ConfigReader({ scorecards })),
    ).toThrow(message);
  });
});
