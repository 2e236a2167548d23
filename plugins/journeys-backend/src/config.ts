import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { AssemblerOptions } from './assembly/JourneyAssembler';
import { FaroRouterOptions } from './faro/FaroReceiver';
import { IngestOptions } from './ingest/SpanIngestor';
import { RetentionOptions } from './retention/SpanRetention';
import { BURN_WINDOWS_MS, BurnRateRule } from './slo/burnRate';
import { SloEvaluatorOptions } from './slo/SloEvaluator';

/** The service name the app's Faro SDK reports (packages/app/src/telemetry). */
export const PORTAL_SERVICE_NAME = 'switchboard-portal';

/** Every `journeys.*` key, read once at start (see config.d.ts and the README). */
export interface JourneysConfig {
  businessKeys: string[];
  /** Largest OTLP request body, before and after inflating. */
  maxBodyBytes: number;
  ingest: IngestOptions;
  assembly: AssemblerOptions;
  assemblyInterval: HumanDuration;
  retention: RetentionOptions;
  retentionInterval: HumanDuration;
  slo: SloEvaluatorOptions;
  sloEvaluationInterval: HumanDuration;
  /** Undefined when `journeys.faro.enabled` is false. */
  faro: Omit<FaroRouterOptions, 'ingestor' | 'logger'> | undefined;
  maxWaterfallSpans: number;
}

const DAY_MS = 24 * 3_600_000;

/**
 * A duration key (`'10s'`, `'7d'`, an ISO 8601 duration or `{ seconds: 10 }`) in
 * milliseconds, or a key of the former convention (a number in `unit`), read with a
 * deprecation warning; `fallback` when neither is set. A duration of 0 or less stops the
 * backend at start with the key's name.
 */
function durationMs(
  c: Config | undefined,
  key: string,
  former: { key: string; unitMs: number } | undefined,
  fallbackMs: number,
  logger: LoggerService,
): number {
  let ms = fallbackMs;
  if (c?.has(key)) {
    ms = durationToMilliseconds(readDurationFromConfig(c, { key }));
  } else if (former && c?.has(former.key)) {
    logger.warn(
      `journeys.${former.key} is deprecated; use journeys.${key} (a duration such as '10s', '7d' or { minutes: 10 })`,
    );
    ms = c.getNumber(former.key) * former.unitMs;
  }
  if (!(ms > 0) || !Number.isFinite(ms))
    throw new Error(`journeys.${key} must be a duration above 0`);
  return ms;
}

function count(c: Config | undefined, key: string, fallback: number): number {
  const value = c?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`journeys.${key} must be a whole number ≥ 1, not ${value}`);
  return value;
}

/** Reads `journeys.*` (and `app.baseUrl` for the Faro receiver's allowed origin). */
export function readJourneysConfig(
  config: Config,
  logger: LoggerService,
): JourneysConfig {
  const c = config.getOptionalConfig('journeys');
  const ms = (
    key: string,
    former: { key: string; unitMs: number } | undefined,
    fallbackMs: number,
  ) => durationMs(c, key, former, fallbackMs, logger);
  const interval = (
    key: string,
    former: { key: string; unitMs: number } | undefined,
    fallbackMs: number,
  ): HumanDuration => ({ milliseconds: ms(key, former, fallbackMs) });
  return {
    businessKeys: c?.getOptionalStringArray('businessKeys') ?? ['app.order.id'],
    maxBodyBytes: count(c, 'ingest.maxBodyBytes', 4 * 1024 * 1024),
    ingest: {
      maxQueuedSpans: count(c, 'ingest.maxQueuedSpans', 200_000),
      maxBatchSpans: count(c, 'ingest.maxBatchSpans', 5_000),
    },
    assembly: {
      settleMs: ms(
        'assembly.settle',
        { key: 'assembly.settleMs', unitMs: 1 },
        1500,
      ),
      waitForUpstreamMs: ms(
        'assembly.waitForUpstream',
        { key: 'assembly.waitForUpstreamMs', unitMs: 1 },
        60_000,
      ),
      batchSize: count(c, 'assembly.batchSize', 2000),
      maxRunMs: 10_000,
    },
    assemblyInterval: interval(
      'assembly.interval',
      { key: 'assembly.intervalSeconds', unitMs: 1000 },
      500,
    ),
    retention: {
      maxAgeMs: ms(
        'retention.maxAge',
        { key: 'retention.maxAgeDays', unitMs: DAY_MS },
        7 * DAY_MS,
      ),
      maxSpans: count(c, 'retention.maxSpans', 10_000_000),
      rollupMaxAgeMs: ms(
        'retention.rollupMaxAge',
        { key: 'retention.rollupMaxAgeDays', unitMs: DAY_MS },
        400 * DAY_MS,
      ),
    },
    retentionInterval: interval(
      'retention.interval',
      { key: 'retention.intervalMinutes', unitMs: 60_000 },
      10 * 60_000,
    ),
    slo: readSloOptions(c),
    sloEvaluationInterval: interval(
      'slo.evaluationInterval',
      undefined,
      60_000,
    ),
    faro: readFaroOptions(config),
    maxWaterfallSpans: count(c, 'maxWaterfallSpans', 20_000),
  };
}

const WINDOWS = Object.keys(BURN_WINDOWS_MS) as Array<
  keyof typeof BURN_WINDOWS_MS
>;

/**
 * `journeys.slo`: the low-traffic guard and, optionally, burn-rate rules that replace the
 * scaled workbook defaults for every objective without its own. A bad rule stops the
 * backend at start with the key that is wrong.
 */
export function readSloOptions(
  config: Config | undefined,
): SloEvaluatorOptions {
  const slo = config?.getOptionalConfig('slo');
  const minValidEvents = slo?.getOptionalNumber('minValidEvents') ?? 10;
  if (!Number.isInteger(minValidEvents) || minValidEvents < 0)
    throw new Error(
      `journeys.slo.minValidEvents must be a whole number ≥ 0, not ${minValidEvents}`,
    );
  const rules = slo?.getOptionalConfigArray('rules')?.map((r, i) => {
    const where = `journeys.slo.rules[${i}]`;
    const severity = r.getString('severity');
    if (severity !== 'page' && severity !== 'ticket')
      throw new Error(`${where}.severity must be page or ticket`);
    const factor = r.getNumber('factor');
    if (!(factor > 0)) throw new Error(`${where}.factor must be above 0`);
    const window = (key: string) => {
      const value = r.getString(key);
      if (!WINDOWS.includes(value as any))
        throw new Error(
          `${where}.${key} must be one of ${WINDOWS.join(', ')}, not ${value}`,
        );
      return BURN_WINDOWS_MS[value as keyof typeof BURN_WINDOWS_MS];
    };
    const rule: BurnRateRule = {
      severity,
      factor,
      longWindowMs: window('longWindow'),
      shortWindowMs: window('shortWindow'),
    };
    if (rule.shortWindowMs > rule.longWindowMs)
      throw new Error(`${where}.shortWindow is longer than its longWindow`);
    return rule;
  });
  return { minValidEvents, rules };
}

/**
 * `journeys.faro.*` and `app.baseUrl` as the receiver's options; undefined when
 * `journeys.faro.enabled` is false.
 */
export function readFaroOptions(
  config: Config,
): Omit<FaroRouterOptions, 'ingestor' | 'logger'> | undefined {
  const faro = config.getOptionalConfig('journeys.faro');
  if (faro?.getOptionalBoolean('enabled') === false) return undefined;
  const appBaseUrl = config.getOptionalString('app.baseUrl');
  return {
    maxBodyBytes: faro?.getOptionalNumber('maxBodyBytes') ?? 1024 * 1024,
    serviceNames: faro?.getOptionalStringArray('serviceNames') ?? [
      PORTAL_SERVICE_NAME,
    ],
    allowedOrigins: [
      ...(appBaseUrl ? [appBaseUrl] : []),
      ...(faro?.getOptionalStringArray('allowedOrigins') ?? []),
    ],
    rateLimit: {
      burst: faro?.getOptionalNumber('rateLimit.burst') ?? 60,
      perSecond: faro?.getOptionalNumber('rateLimit.perSecond') ?? 5,
    },
  };
}
