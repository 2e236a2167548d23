import { ConfigReader } from '@backstage/config';
import { JourneyObjective } from '@internal/plugin-journeys-common';
import { minValidEventsOf, rulesOf } from './SloEvaluator';
import { readSloOptions } from '../config';

const HOUR = 3_600_000;
const objective: JourneyObjective = {
  name: 'availability',
  target: 0.99,
  timeWindow: '28d',
  indicator: {
    ratio: { good: { status: ['ok'] }, total: { status: ['ok', 'failed'] } },
  },
};

describe('alert rules of an objective', () => {
  it('scales the workbook rules to the window by default (Sloth: share × window / long window)', () => {
    const rules = rulesOf(objective, {});
    expect(rules.map(r => [r.severity, r.longWindowMs / HOUR])).toEqual([
      ['page', 1],
      ['page', 6],
      ['ticket', 24],
      ['ticket', 72],
    ]);
    // 14.4 over 1h spends 2 % of a 30-day budget; 2 % of 28 days in 1 hour is 13.44.
    expect(rules[0].factor).toBeCloseTo(13.44, 9);
    expect(rules[3].factor).toBeCloseTo((28 / 30) * 1, 9);
  });

  it("takes app-config's rules for every objective, and an objective's own over both", () => {
    const config = readSloOptions(
      new ConfigReader({
        slo: {
          minValidEvents: 50,
          rules: [
            {
              severity: 'page',
              factor: 10,
              longWindow: '30m',
              shortWindow: '5m',
            },
          ],
        },
      }),
    );
    expect(config.minValidEvents).toBe(50);
    expect(rulesOf(objective, config)).toEqual([
      {
        severity: 'page',
        factor: 10,
        longWindowMs: 30 * 60_000,
        shortWindowMs: 5 * 60_000,
      },
    ]);
    const own: JourneyObjective = {
      ...objective,
      alerting: {
        minValidEvents: 3,
        rules: [
          {
            severity: 'ticket',
            factor: 2,
            longWindow: '1d',
            shortWindow: '2h',
          },
        ],
      },
    };
    expect(rulesOf(own, config)).toEqual([
      {
        severity: 'ticket',
        factor: 2,
        longWindowMs: 24 * HOUR,
        shortWindowMs: 2 * HOUR,
      },
    ]);
    expect(minValidEventsOf(own, config)).toBe(3);
    expect(minValidEventsOf(objective, config)).toBe(50);
  });

  it('refuses bad rules in app-config, naming the key', () => {
    const read = (rule: object) => () =>
      readSloOptions(new ConfigReader({ slo: { rules: [rule] } }));
    const good = {
      severity: 'page',
      factor: 14.4,
      longWindow: '1h',
      shortWindow: '5m',
    };
    expect(read(good)).not.toThrow();
    expect(read({ ...good, severity: 'sms' })).toThrow(
      'journeys.slo.rules[0].severity must be page or ticket',
    );
    expect(read({ ...good, factor: 0 })).toThrow(
      'journeys.slo.rules[0].factor must be above 0',
    );
    expect(read({ ...good, longWindow: '7d' })).toThrow(
      'journeys.slo.rules[0].longWindow must be one of 5m, 30m, 1h, 2h, 6h, 1d, 3d, not 7d',
    );
    expect(read({ ...good, shortWindow: '6h' })).toThrow(
      'shortWindow is longer than its longWindow',
    );
    expect(() =>
      readSloOptions(new ConfigReader({ slo: { minValidEvents: -1 } })),
    ).toThrow('minValidEvents');
    expect(readSloOptions(undefined)).toEqual({
      minValidEvents: 10,
      rules: undefined,
    });
  });
});
