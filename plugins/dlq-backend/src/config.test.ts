import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readDlqSettings } from './config';

const read = (dlq: object) => readDlqSettings(new ConfigReader({ dlq }));

describe('readDlqSettings', () => {
  it('defaults to 100 messages per requester and queue per hour', () => {
    expect(read({}).replay).toEqual({
      approvalThreshold: 100,
      approvalWindowMs: 3_600_000,
      defaultRatePerSecond: 50,
      maxRatePerSecond: 500,
      maxMessages: 100_000,
      canarySettleMs: 3000,
      plannedTtlMs: 1_800_000,
    });
  });

  it.each([
    ['10m', 600_000],
    [{ hours: 2 }, 7_200_000],
  ])(
    'reads the planned replays’ lifetime %p as a Backstage duration',
    (value, ms) => {
      expect(read({ replay: { plannedTtl: value } }).replay.plannedTtlMs).toBe(
        ms,
      );
    },
  );

  it.each([
    ['30m', 1_800_000],
    ['PT2H', 7_200_000],
    [{ hours: 1, minutes: 30 }, 5_400_000],
  ])('reads the approval window %p as a Backstage duration', (value, ms) => {
    expect(read({ approvalWindow: value }).replay.approvalWindowMs).toBe(ms);
  });

  it.each([
    [{ approvalWindow: '0s' }, /dlq.approvalWindow must be longer than 0/],
    [{ approvalWindow: '60d' }, /at most 30 days/],
    [{ approvalWindow: 'soon' }, /Invalid duration/],
    [
      { approvalThreshold: -1 },
      /dlq.approvalThreshold must be an integer from 0/,
    ],
    [{ approvalThreshold: 1.5 }, /dlq.approvalThreshold must be an integer/],
    [
      { replay: { maxRatePerSecond: 0.5 } },
      /maxRatePerSecond must be a number from 1 to 100000/,
    ],
    [
      { replay: { maxRatePerSecond: 10, defaultRatePerSecond: 50 } },
      /defaultRatePerSecond must be a number from 1 to 10, got 50/,
    ],
    [{ replay: { maxMessages: 0 } }, /maxMessages must be an integer from 1/],
    [
      { replay: { canarySettleMs: -5 } },
      /canarySettleMs must be an integer from 0/,
    ],
    [{ replay: { plannedTtl: '0s' } }, /plannedTtl must be at least 1 second/],
    [{ replay: { plannedTtl: '90d' } }, /at most 30 days/],
    [{ replay: { plannedTtl: 'later' } }, /Invalid duration/],
  ])('refuses %p at startup', (dlq, message) => {
    expect(() => read(dlq)).toThrow(message);
  });

  it.each([
    ['500ms', 500],
    [{ seconds: 2 }, 2000],
    ['0s', 0],
  ])('reads the canary settle time %p as a Backstage duration', (value, ms) => {
    expect(
      read({ replay: { canarySettle: value } }).replay.canarySettleMs,
    ).toBe(ms);
  });

  it('still reads canarySettleMs and timeoutMs, with a deprecation warning', () => {
    const logger = mockServices.logger.mock();
    const settings = readDlqSettings(
      new ConfigReader({
        dlq: {
          runtimes: [
            { name: 'rt', baseUrl: 'http://rt', token: 't', timeoutMs: 2500 },
          ],
          replay: { canarySettleMs: 700 },
        },
      }),
      logger,
    );
    expect(settings.replay.canarySettleMs).toBe(700);
    expect(settings.runtimes[0].timeoutMs).toBe(2500);
    expect(logger.warn).toHaveBeenCalledWith(
      "dlq.replay.canarySettleMs is deprecated; use dlq.replay.canarySettle (a duration such as '3s' or { seconds: 3 })",
    );
    expect(logger.warn).toHaveBeenCalledWith(
      "dlq.runtimes[0].timeoutMs is deprecated; use dlq.runtimes[0].timeout (a duration such as '3s' or { seconds: 3 })",
    );
  });

  it('reads the runtimes with their timeout as a duration (default 10 s)', () => {
    const logger = mockServices.logger.mock();
    const settings = readDlqSettings(
      new ConfigReader({
        dlq: {
          runtimes: [
            {
              name: 'a',
              title: 'A',
              baseUrl: 'http://a',
              token: 't',
              timeout: '2s',
            },
            { name: 'b', baseUrl: 'http://b', token: 'u' },
          ],
        },
      }),
      logger,
    );
    expect(settings.runtimes).toEqual([
      {
        name: 'a',
        title: 'A',
        baseUrl: 'http://a',
        token: 't',
        timeoutMs: 2000,
      },
      {
        name: 'b',
        title: 'b',
        baseUrl: 'http://b',
        token: 'u',
        timeoutMs: 10_000,
      },
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      { replay: { canarySettle: '11m' } },
      /dlq.replay.canarySettle must be at most 10 minutes/,
    ],
    [
      {
        runtimes: [
          { name: 'a', baseUrl: 'http://a', token: 't', timeout: '0s' },
        ],
      },
      /dlq.runtimes\[0\].timeout must be longer than 0/,
    ],
    [
      {
        runtimes: [
          { name: 'a', baseUrl: 'http://a', token: 't', timeoutMs: -1 },
        ],
      },
      /dlq.runtimes\[0\].timeoutMs must be an integer from 1/,
    ],
    [
      { runtimes: [{ name: 'A_b', baseUrl: 'http://a', token: 't' }] },
      /name 'A_b' must be lower-case letters, digits and dashes/,
    ],
    [
      {
        runtimes: [
          { name: 'a', baseUrl: 'http://a', token: 't' },
          { name: 'a', baseUrl: 'http://b', token: 't' },
        ],
      },
      /'a' is configured twice/,
    ],
  ])('refuses %p at startup', (dlq, message) => {
    expect(() => read(dlq)).toThrow(message);
  });
});
