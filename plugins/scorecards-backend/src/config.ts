import { LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  createStatusRollup,
  RollupOptions,
  ThresholdRule,
} from '@internal/plugin-scorecards-common';

export interface ScorecardsOptions {
  retention: { days: number; hourlyHours: number };
  backfillDays: number;
  /** `scorecards.thresholds` as written; the ThresholdResolver validates it against the KPIs. */
  thresholds: unknown;
  rollup: RollupOptions;
  /** Whether teams are told when one of their KPIs turns red (default true). */
  notifyTurnedRed: boolean;
}

function positiveInteger(
  c: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(
      `scorecards.${key}: expected a whole number of at least 1, got ${value}`,
    );
  return value;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAYS = { name: 'days', ms: DAY_MS, example: '7d' };
const HOURS = { name: 'hours', ms: HOUR_MS, example: '48h' };

/**
 * A duration key (`'400d'`, `'P7D'`, `{ days: 7 }`) as a whole number of days or hours,
 * or a key of the former convention (a plain number of them), read with a deprecation
 * warning; `fallback` when neither is set. Returns the value and the key it came from.
 */
function wholeUnits(
  config: Config,
  key: string,
  formerKey: string,
  unit: typeof DAYS,
  fallback: number,
  logger: LoggerService,
): { value: number; key: string } {
  const c = config.getOptionalConfig('scorecards');
  if (c?.has(key)) {
    // Read from the root, so that a bad value is named by its whole key.
    const duration = readDurationFromConfig(config, {
      key: `scorecards.${key}`,
    });
    const ms = durationToMilliseconds(duration);
    // A string such as '400d' is read through a 365.25-day year ({ years: 1, …,
    // hours: 18 }) that durationToMilliseconds counts as 365 days: up to 6 hours a year
    // short, which is rounding, not a part of a day.
    const value = Math.round(ms / unit.ms);
    const slack = (duration.years ?? 0) * 6 * HOUR_MS;
    if (Math.abs(ms - value * unit.ms) > slack || value < 1)
      throw new TypeError(
        `scorecards.${key}: expected whole ${unit.name}, at least 1 (such as '${unit.example}'), got ${ms} ms`,
      );
    return { value, key };
  }
  if (c?.has(formerKey)) {
    logger.warn(
      `scorecards.${formerKey} is deprecated; use scorecards.${key} (a duration such as '${unit.example}')`,
    );
    return { value: positiveInteger(c, formerKey, fallback), key: formerKey };
  }
  return { value: fallback, key };
}

/** Everything the plugin reads from `scorecards.*`, with its defaults. */
export function readScorecardsOptions(
  config: Config,
  logger: LoggerService,
): ScorecardsOptions {
  const c = config.getOptionalConfig('scorecards');
  const rollup = c?.getOptionalConfig('rollup');
  const rollupOptions: RollupOptions = {
    mode: (rollup?.getOptionalString('mode') ??
      'worst-of') as RollupOptions['mode'],
    weights: rollup?.getOptional<Record<string, number>>('weights'),
    scoreThresholds: rollup?.getOptional<ThresholdRule[]>('scoreThresholds'),
  };
  try {
    createStatusRollup(rollupOptions);
  } catch (e) {
    throw new TypeError(`scorecards.${(e as Error).message}`);
  }
  const retention = wholeUnits(
    config,
    'retention.maxAge',
    'retention.days',
    DAYS,
    400,
    logger,
  );
  const hourly = wholeUnits(
    config,
    'retention.hourlyMaxAge',
    'retention.hourlyHours',
    HOURS,
    48,
    logger,
  );
  const backfill = wholeUnits(
    config,
    'backfill.period',
    'backfill.days',
    DAYS,
    7,
    logger,
  );
  // Otherwise retention deletes what backfill writes, and every run writes it again.
  if (backfill.value >= retention.value)
    throw new TypeError(
      `scorecards.${backfill.key} (${backfill.value} days) must be less than scorecards.${retention.key} (${retention.value} days)`,
    );
  return {
    retention: { days: retention.value, hourlyHours: hourly.value },
    backfillDays: backfill.value,
    thresholds: c?.getOptional('thresholds'),
    rollup: rollupOptions,
    notifyTurnedRed:
      c?.getOptionalBoolean('notifications.turnedRed.enabled') ?? true,
  };
}
