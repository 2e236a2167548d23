import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DLQ_LIMITS } from '@internal/plugin-dlq-common';
import { durationToMilliseconds } from '@backstage/types';
import type { RuntimeSettings } from './runtime/RuntimeClient';

/** Runtime names: lower-case letters, digits and dashes (also a URL path segment). */
export const RUNTIME_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The runtime admin API accepts at most this many messages per second (its contract). */
const RUNTIME_MAX_RATE = 100_000;

export interface ReplayPolicy {
  /** More messages than this, per requester and queue within the window, need a second person. */
  approvalThreshold: number;
  /** The rolling window the threshold applies to. */
  approvalWindowMs: number;
  defaultRatePerSecond: number;
  maxRatePerSecond: number;
  maxMessages: number;
  /**
   * How long a canary's or a main job's replayed messages get to come back (fail again)
   * before the canary goes on or the replay is called completed.
   */
  canarySettleMs: number;
  /** A plan not submitted within this time expires (`dlq.replay.plannedTtl`). */
  plannedTtlMs: number;
}

export interface DlqSettings {
  /** `dlq.runtimes`: the integration runtimes whose admin API the portal operates. */
  runtimes: RuntimeSettings[];
  maskFields: string[];
  traceUrl: string;
  replay: ReplayPolicy;
}

const DEFAULT_MASK = [
  'customerId',
  'email',
  'phone',
  'address',
  'card.number',
  'iban',
];

function bounded(
  config: Config,
  key: string,
  fallback: number,
  range: { min: number; max: number; integer?: boolean },
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (range.integer && !Number.isInteger(value))
  ) {
    throw new InputError(
      `${key} must be ${range.integer ? 'an integer' : 'a number'} from ${
        range.min
      } to ${range.max}, got ${value}`,
    );
  }
  return value;
}

/**
 * A duration key (`'3s'`, `{ seconds: 3 }`) within its range, or the number of
 * milliseconds under the key it replaced if any (read as before, with a deprecation
 * warning), or the fallback.
 */
function durationMs(
  config: Config,
  keys: { key: string; former?: string; where?: string },
  fallbackMs: number,
  range: { min: number; max: number; words: string },
  logger?: LoggerService,
): number {
  const { key, former, where = '' } = keys;
  if (config.has(key)) {
    const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
    if (!Number.isFinite(ms) || ms < range.min || ms > range.max)
      throw new InputError(
        `${where}${key} must be ${range.words}, got ${ms} ms`,
      );
    return ms;
  }
  if (former && config.has(former)) {
    logger?.warn(
      `${where}${former} is deprecated; use ${where}${key} (a duration such as '3s' or { seconds: 3 })`,
    );
    const ms = config.getNumber(former);
    if (!Number.isInteger(ms) || ms < range.min || ms > range.max)
      throw new InputError(
        `${where}${former} must be an integer from ${range.min} to ${range.max}, got ${ms}`,
      );
    return ms;
  }
  return fallbackMs;
}

/** `dlq.runtimes`, checked at startup: names, no duplicates, a timeout per runtime. */
export function readRuntimeSettings(
  config: Config,
  logger?: LoggerService,
): RuntimeSettings[] {
  const seen = new Set<string>();
  return (config.getOptionalConfigArray('dlq.runtimes') ?? []).map(
    (c, index) => {
      const name = c.getString('name');
      if (!RUNTIME_NAME_PATTERN.test(name)) {
        throw new InputError(
          `dlq.runtimes: name '${name}' must be lower-case letters, digits and dashes`,
        );
      }
      if (seen.has(name))
        throw new InputError(`dlq.runtimes: '${name}' is configured twice`);
      seen.add(name);
      const timeoutMs = durationMs(
        c,
        {
          key: 'timeout',
          former: 'timeoutMs',
          where: `dlq.runtimes[${index}].`,
        },
        10_000,
        { min: 1, max: 600_000, words: 'longer than 0 and at most 10 minutes' },
        logger,
      );
      return {
        name,
        title: c.getOptionalString('title') ?? name,
        baseUrl: c.getString('baseUrl'),
        token: c.getString('token'),
        timeoutMs,
      };
    },
  );
}

/**
 * Everything under `dlq`, checked at startup. Keys that were numbers of milliseconds
 * (`dlq.replay.canarySettleMs`, a runtime's `timeoutMs`) are durations now; the old keys
 * still work, with a deprecation warning.
 */
export function readDlqSettings(
  config: Config,
  logger?: LoggerService,
): DlqSettings {
  const maxRatePerSecond = bounded(config, 'dlq.replay.maxRatePerSecond', 500, {
    min: DLQ_LIMITS.minRatePerSecond,
    max: RUNTIME_MAX_RATE,
  });
  const maxWindowMs = 30 * 24 * 60 * 60 * 1000;
  const approvalWindowMs = durationMs(
    config,
    { key: 'dlq.approvalWindow' },
    60 * 60 * 1000,
    { min: 1, max: maxWindowMs, words: 'longer than 0 and at most 30 days' },
  );
  const plannedTtlMs = durationMs(
    config,
    { key: 'dlq.replay.plannedTtl' },
    30 * 60 * 1000,
    {
      min: 1000,
      max: maxWindowMs,
      words: 'at least 1 second and at most 30 days',
    },
  );
  return {
    runtimes: readRuntimeSettings(config, logger),
    maskFields: config.getOptionalStringArray('dlq.maskFields') ?? DEFAULT_MASK,
    traceUrl:
      config.getOptionalString('dlq.traceUrl') ?? '/journeys?q={traceId}',
    replay: {
      approvalThreshold: bounded(config, 'dlq.approvalThreshold', 100, {
        min: 0,
        max: 1_000_000,
        integer: true,
      }),
      approvalWindowMs,
      defaultRatePerSecond: bounded(
        config,
        'dlq.replay.defaultRatePerSecond',
        Math.min(50, maxRatePerSecond),
        { min: DLQ_LIMITS.minRatePerSecond, max: maxRatePerSecond },
      ),
      maxRatePerSecond,
      maxMessages: bounded(config, 'dlq.replay.maxMessages', 100_000, {
        min: 1,
        max: 100_000,
        integer: true,
      }),
      canarySettleMs: durationMs(
        config,
        {
          key: 'dlq.replay.canarySettle',
          former: 'dlq.replay.canarySettleMs',
        },
        3000,
        { min: 0, max: 600_000, words: 'at most 10 minutes' },
        logger,
      ),
      plannedTtlMs,
    },
  };
}
