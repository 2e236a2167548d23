import { HumanDuration } from '@backstage/types';

export interface Config {
  /** KPI scorecards (scorecards-backend). Time spans are durations in whole days or hours. */
  scorecards?: {
    retention?: {
      /**
       * How long daily snapshots are kept, whole days such as `400d` or { days: 400 }
       * (default 400 days, so month-over-month holds for a year).
       */
      maxAge?: string | HumanDuration;
      /** @deprecated use `maxAge`. Days. */
      days?: number;
      /** How long hourly snapshots are kept, whole hours such as `48h` (default 48 hours). */
      hourlyMaxAge?: string | HumanDuration;
      /** @deprecated use `hourlyMaxAge`. Hours. */
      hourlyHours?: number;
    };
    backfill?: {
      /**
       * How far before yesterday is filled on first start (and after an outage) from
       * providers that can backfill, whole days such as `7d` (default 7 days); shorter
       * than `retention.maxAge`.
       */
      period?: string | HumanDuration;
      /** @deprecated use `period`. Days. */
      days?: number;
    };
    /**
     * Threshold rules per KPI id, replacing the KPI's defaults (an entity's
     * `switchboard.dev/scorecard-thresholds` annotation replaces these in turn). First
     * match wins; the rules must cover every value the KPI can take.
     */
    thresholds?: {
      [kpiId: string]: Array<{
        /** green, amber or red. */
        status: string;
        /** `<x`, `<=x`, `>x`, `>=x`, `==x`, or a range such as `[95, 99)`. */
        expression: string;
      }>;
    };
    /** How a journey's or team's status is rolled up from its KPIs. */
    rollup?: {
      /** `worst-of` (default) or `weighted` (a score 0–100). */
      mode?: 'worst-of' | 'weighted';
      /** Weight per KPI id in the score (default 1). */
      weights?: { [kpiId: string]: number };
      /** Rules over the score 0–100 (default green >= 80, amber [50, 80), red < 50). */
      scoreThresholds?: Array<{ status: string; expression: string }>;
    };
    notifications?: {
      /**
       * After each daily snapshot run, tell a team (a Backstage notification to the group)
       * when a KPI of what it owns directly turns red; once per turn.
       */
      turnedRed?: {
        /** Default true. */
        enabled?: boolean;
      };
    };
  };
}
