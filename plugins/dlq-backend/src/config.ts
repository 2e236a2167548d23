import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DLQ_LIMITS } from '@internal/plugin-dlq-common';
import { durationToMilliseconds } from '@backstage/types';

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

/** Everything under `dlq` except the runtimes (RuntimeRegistry reads those), checked at startup. */
export function readDlqSettings(config: Config): DlqSettings {
  const maxRatePerSecond = bounded(config, 'dlq.replay.maxRatePerSecond', 500, {
    min: DLQ_LIMITS.minRatePerSecond,
    max: RUNTIME_MAX_RATE,
  });
  const windowKey = 'dlq.approvalWindow';
  const approvalWindowMs = config.has(windowKey)
    ? durationToMilliseconds(readDurationFromConfig(config, { key: windowKey }))
    : 60 * 60 * 1000;
  const maxWindowMs = 30 * 24 * 60 * 60 * 1000;
  if (
    !Number.isFinite(approvalWindowMs) ||
    approvalWindowMs <= 0 ||
    approvalWindowMs > maxWindowMs
  ) {
    throw new InputError(
      `${windowKey} must be longer than 0 and at most 30 days, got ${approvalWindowMs} ms`,
    );
  }
  const ttlKey = 'dlq.replay.plannedTtl';
  const plannedTtlMs = config.has(ttlKey)
    ? durationToMilliseconds(readDurationFromConfig(config, { key: ttlKey }))
    : 30 * 60 * 1000;
  if (
    !Number.isFinite(plannedTtlMs) ||
    plannedTtlMs < 1000 ||
    plannedTtlMs > maxWindowMs
  ) {
    throw new InputError(
      `${ttlKey} must be at least 1 second and at most 30 days, got ${plannedTtlMs} ms`,
    );
  }
  return {
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
      canarySettleMs: bounded(config, 'dlq.replay.canarySettleMs', 3000, {
        min: 0,
        max: 600_000,
        integer: true,
      }),
      plannedTtlMs,
    },
  };
}
