import { ConfigReader } from '@backstage/config';
import { readScorecardsOptions } from './config';

describe('readScorecardsOptions', () => {
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

  it.each([
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
      'scorecards.backfill.days (7) must be less than scorecards.retention.days (7)',
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
