import { Config } from '@backstage/config';
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

/** Everything the plugin reads from `scorecards.*`, with its defaults. */
export function readScorecardsOptions(config: Config): ScorecardsOptions {
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
  const retentionDays = positiveInteger(c, 'retention.days', 400);
  const backfillDays = positiveInteger(c, 'backfill.days', 7);
  // Otherwise retention deletes what backfill writes, and every run writes it again.
  if (backfillDays >= retentionDays)
    throw new TypeError(
      `scorecards.backfill.days (${backfillDays}) must be less than scorecards.retention.days (${retentionDays})`,
    );
  return {
    retention: {
      days: retentionDays,
      hourlyHours: positiveInteger(c, 'retention.hourlyHours', 48),
    },
    backfillDays,
    thresholds: c?.getOptional('thresholds'),
    rollup: rollupOptions,
    notifyTurnedRed:
      c?.getOptionalBoolean('notifications.turnedRed.enabled') ?? true,
  };
}
