/** A team KPI found red, kept while it stays red. */
export interface RedKpi {
  entityRef: string;
  kpiId: string;
  /** The latest day (start, ms) it was found red. */
  day: number;
  /** The first day of this red spell (start, ms). */
  since: number;
  /** The rolled-up value on the day it turned red. */
  value: number;
  /** When the notification went out (ms); undefined until then. */
  notifiedAt?: number;
}

export interface RedKpiStore {
  list(): Promise<RedKpi[]>;
  /** Whether any check has been recorded (the first one notifies nobody). */
  hasChecked(): Promise<boolean>;
  /**
   * In one transaction: records KPIs that turned red (kept as they are if already
   * recorded), moves still-red ones to a later day, forgets those that left red, and
   * records the check of `day` at `checkedAt`.
   */
  apply(changes: {
    day: number;
    checkedAt: number;
    turnedRed: RedKpi[];
    stillRed: Array<{ entityRef: string; kpiId: string; day: number }>;
    cleared: Array<{ entityRef: string; kpiId: string }>;
  }): Promise<void>;
  markNotified(entityRef: string, kpiId: string, at: number): Promise<void>;
}
