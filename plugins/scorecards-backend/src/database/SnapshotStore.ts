import { ScorecardStatus } from '@internal/plugin-scorecards-common';

export type SnapshotGranularity = 'day' | 'hour';

/** One KPI's value for one entity over one UTC day or hour. */
export interface Snapshot {
  entityRef: string;
  kpiId: string;
  granularity: SnapshotGranularity;
  /** Start of the bucket, ms since the epoch. */
  bucketStart: number;
  value: number;
  /** Status under the thresholds in force when written; undefined if no rule matched. */
  status?: ScorecardStatus;
}

export interface SnapshotQuery {
  granularity: SnapshotGranularity;
  /** Bucket starts in `[from, to)`, ms. */
  from: number;
  to: number;
  entityRefs?: string[];
  kpiIds?: string[];
}

/** That a provider has been run for a bucket, whatever it returned. */
export interface ProviderRun {
  providerId: string;
  granularity: SnapshotGranularity;
  bucketStart: number;
  snapshotCount: number;
}

export interface SnapshotStore {
  /**
   * Writes the snapshots and marks the provider's bucket as run, in one transaction;
   * writing a bucket again replaces its values.
   */
  writeRun(run: ProviderRun, snapshots: Snapshot[]): Promise<void>;
  /** Bucket starts in `[from, to)` the provider has been run for. */
  runBuckets(
    providerId: string,
    granularity: SnapshotGranularity,
    from: number,
    to: number,
  ): Promise<number[]>;
  /** Snapshots ordered by entity, KPI and bucket. */
  list(query: SnapshotQuery): Promise<Snapshot[]>;
  /** Snapshots at exactly these bucket starts (a delta's current and earlier buckets). */
  at(
    granularity: SnapshotGranularity,
    bucketStarts: number[],
    filter?: { entityRefs?: string[]; kpiIds?: string[] },
  ): Promise<Snapshot[]>;
  /** Deletes snapshots and run marks of a granularity older than `before`; returns snapshots deleted. */
  deleteBefore(
    granularity: SnapshotGranularity,
    before: number,
  ): Promise<number>;
}
