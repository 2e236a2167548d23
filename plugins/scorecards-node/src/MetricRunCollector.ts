import { MetricValues } from './MetricProvider';
/** A KPI value, or why there is none. */
export type KpiOutcome = { value: number } | { reason: string };

/** A KPI left without a value, and why. */
export interface MissingValue {
  entityRef: string;
  kpiId: string;
  reason: string;
}

/** A run's values, and the values it could not give with their reasons. */
export interface MetricRun {
  values: MetricValues;
  missing: MissingValue[];
}

/** Collects a run's values and the reasons for those it leaves out. */
export class MetricRunCollector {
  private readonly values: MetricValues = {};
  private readonly gaps: MissingValue[] = [];

  add(entityRef: string, outcomes: Record<string, KpiOutcome | undefined>) {
    for (const [kpiId, outcome] of Object.entries(outcomes)) {
      if (!outcome) continue;
      if ('value' in outcome)
        (this.values[entityRef] ??= {})[kpiId] = outcome.value;
      else this.gaps.push({ entityRef, kpiId, reason: outcome.reason });
    }
  }

  missing(entityRef: string, kpiIds: readonly string[], reason: string) {
    for (const kpiId of kpiIds) this.gaps.push({ entityRef, kpiId, reason });
  }

  result(): MetricRun {
    return { values: this.values, missing: this.gaps };
  }
}
