import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readJourneysConfig } from './config';

const DAY_MS = 24 * 3_600_000;

function read(journeys: object, app: object = {}) {
  const logger = mockServices.logger.mock();
  const options = readJourneysConfig(
    new ConfigReader({ journeys, app }),
    logger,
  );
  return { options, warnings: logger.warn.mock.calls.map(c => c[0]) };
}

describe('journeys config', () => {
  it('has the documented defaults', () => {
    const { options, warnings } = read({});
    expect(options).toMatchObject({
      businessKeys: ['app.order.id'],
      maxBodyBytes: 4 * 1024 * 1024,
      ingest: { maxQueuedSpans: 200_000, maxBatchSpans: 5_000 },
      assembly: { settleMs: 1500, waitForUpstreamMs: 60_000, batchSize: 2000 },
      assemblyInterval: { milliseconds: 500 },
      retention: {
        maxAgeMs: 7 * DAY_MS,
        maxSpans: 10_000_000,
        rollupMaxAgeMs: 400 * DAY_MS,
      },
      retentionInterval: { milliseconds: 10 * 60_000 },
      sloEvaluationInterval: { milliseconds: 60_000 },
      slo: { minValidEvents: 10 },
      maxWaterfallSpans: 20_000,
    });
    expect(warnings).toEqual([]);
  });

  it('reads durations as strings, ISO 8601 or objects', () => {
    const { options, warnings } = read({
      assembly: {
        interval: '2s',
        settle: { milliseconds: 250 },
        waitForUpstream: 'PT30S',
      },
      retention: { maxAge: '3d', rollupMaxAge: { days: 90 }, interval: '5m' },
      slo: { evaluationInterval: '10s' },
    });
    expect(options.assemblyInterval).toEqual({ milliseconds: 2000 });
    expect(options.assembly.settleMs).toBe(250);
    expect(options.assembly.waitForUpstreamMs).toBe(30_000);
    expect(options.retention.maxAgeMs).toBe(3 * DAY_MS);
    expect(options.retention.rollupMaxAgeMs).toBe(90 * DAY_MS);
    expect(options.retentionInterval).toEqual({ milliseconds: 300_000 });
    expect(options.sloEvaluationInterval).toEqual({ milliseconds: 10_000 });
    expect(warnings).toEqual([]);
  });

  it('still reads the former number keys, each with a deprecation warning', () => {
    const { options, warnings } = read({
      assembly: { intervalSeconds: 1, settleMs: 200, waitForUpstreamMs: 5000 },
      retention: { maxAgeDays: 2, rollupMaxAgeDays: 30, intervalMinutes: 1 },
    });
    expect(options.assemblyInterval).toEqual({ milliseconds: 1000 });
    expect(options.assembly.settleMs).toBe(200);
    expect(options.assembly.waitForUpstreamMs).toBe(5000);
    expect(options.retention.maxAgeMs).toBe(2 * DAY_MS);
    expect(options.retention.rollupMaxAgeMs).toBe(30 * DAY_MS);
    expect(options.retentionInterval).toEqual({ milliseconds: 60_000 });
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toMatch(
      /journeys\.assembly\.settleMs is deprecated; use journeys\.assembly\.settle/,
    );
  });

  it('prefers the new key when both are set', () => {
    const { options, warnings } = read({
      assembly: { settle: '1s', settleMs: 200 },
    });
    expect(options.assembly.settleMs).toBe(1000);
    expect(warnings).toEqual([]);
  });

  it('stops at start on a value that is no duration or no positive count, naming the key', () => {
    expect(() => read({ retention: { maxAge: 'soon' } })).toThrow(
      /retention\.maxAge/,
    );
    expect(() => read({ assembly: { settle: '0s' } })).toThrow(
      'journeys.assembly.settle must be a duration above 0',
    );
    expect(() => read({ ingest: { maxBodyBytes: -1 } })).toThrow(
      'journeys.ingest.maxBodyBytes must be a whole number ≥ 1, not -1',
    );
  });

  it("allows the app's origin and the configured ones to post Faro payloads", () => {
    const { options } = read(
      { faro: { allowedOrigins: ['https://portal.example.com'] } },
      { baseUrl: 'http://localhost:3000' },
    );
    expect(options.faro?.allowedOrigins).toEqual([
      'http://localhost:3000',
      'https://portal.example.com',
    ]);
    expect(read({ faro: { enabled: false } }).options.faro).toBeUndefined();
  });
});
