export interface Config {
  /** KPI scorecards (scorecards-backend). */
  scorecards?: {
    retention?: {
      /** Days of daily snapshots kept (default 400, so month-over-month holds for a year). */
      days?: number;
      /** Hours of hourly snapshots kept (default 48). */
      hourlyHours?: number;
    };
    backfill?: {
      /**
       * Days before yesterday filled on first start (and after an outage) from providers
       * that can backfill (default 7).
       */
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
