import { InstanceStatus } from '@internal/plugin-journeys-common';
import { InstanceFacts, TraceRow, TraceVerdict, VerdictSpan } from '../types';

/** A trace's assembly: its instances, entry, completions and verdict. */
export interface TraceAssembly {
  traceId: string;
  /** The trace's received_us when it was read: a trace that got spans since stays dirty. */
  receivedUs: number;
  entryJourney: string | null;
  completes: string[];
  verdict: TraceVerdict | null;
  /** New memberships, when they changed. */
  memberships?: string[];
}

export interface InstanceRow extends InstanceFacts {
  id: string;
  journey: string | null;
  businessKeys: Record<string, string>;
}

/** The rollup cell an instance counts in (see the migration 20261201200000_verdicts). */
export interface RollupCell {
  journey: string;
  bucketStartUs: number;
  outcome: string;
  leMs: number;
}

/** A range of rollup buckets, `fromUs` included, `toUs` excluded, of the minute or hourly table. */
export interface RollupRange {
  table: 'minute' | 'hour';
  fromUs: number;
  toUs: number;
}

/** Rollup cells to count: their outcome is listed and their latency bucket in bounds. */
export interface CellFilter {
  outcomes: readonly string[];
  /** Only latency buckets at or under this bound. */
  leMsAtMost?: number;
  /** Only latency buckets above this bound. */
  leMsAbove?: number;
}

/**
 * Traces, their links and keys, and the journey instances assembled from them, with the
 * rollups counted from the instances. `DatabaseInstanceStore` keeps them in the plugin's
 * tables; an adapter to another store implements the same interface.
 */
export interface InstanceStore {
  /** Settled traces to assemble, in start order, after `after` (keyset paging). */
  dirtyTraces(
    receivedBeforeUs: number,
    limit: number,
    after?: Pick<TraceRow, 'startUs' | 'traceId'>,
  ): Promise<TraceRow[]>;
  traces(ids: string[]): Promise<TraceRow[]>;
  /**
   * The spans of some traces as the verdict reads them, by trace: `spans` are the backend
   * spans (browser spans never make an entry, a completion or a verdict), `services` every
   * service, the browser's included.
   */
  verdictSpans(traceIds: string[]): Promise<
    Map<
      string,
      {
        spans: Array<VerdictSpan & { route: string | null }>;
        services: Set<string>;
      }
    >
  >;
  /**
   * Writes a pass's assembly at once: memberships that changed (and marks the traces hopping
   * from those dirty: they inherit the instances), entries, completions and verdicts. A trace
   * that received spans while it was assembled stays dirty.
   */
  saveAssembly(
    assemblies: TraceAssembly[],
    upToDate: Set<string>,
  ): Promise<void>;
  /** Marks the traces that ended since `sinceUs` for assembly again. */
  markDirtySince(sinceUs: number): Promise<void>;
  /** Linked (upstream) traces of each trace. */
  linksOf(traceIds: string[]): Promise<Map<string, string[]>>;
  /** The instances each trace belongs to. */
  membershipsOf(traceIds: string[]): Promise<Map<string, string[]>>;
  /** The member traces of each instance. */
  membersOf(instanceIds: string[]): Promise<Map<string, string[]>>;
  /**
   * An earlier attempt of the same entry: a trace linking to one of the same upstream traces
   * whose entry span is of the same journey (a redelivered message starts a new trace).
   */
  earlierEntryAttempt(
    traceId: string,
    upstream: string[],
    journey: string,
    startUs: number,
  ): Promise<string | undefined>;
  instancesOf(traceIds: string[]): Promise<string[]>;
  keysOf(
    traceIds: string[],
  ): Promise<Array<{ key: string; value: string; traceId: string }>>;
  /** Instances holding traces that carry the given key values (newest first). */
  instancesByKeys(
    pairs: Array<{ key: string; value: string }>,
    excludeTrace: string,
  ): Promise<Array<{ id: string; startUs: number; journey: string }>>;
  memberIds(instanceId: string): Promise<string[]>;
  /**
   * Saves instances and moves their rollup counts at once: an instance whose cell changed
   * leaves its old cell and enters the new one, so it is counted once. Journey-less instances
   * are not rolled up.
   */
  saveInstances(
    rows: Array<InstanceRow & { cell: RollupCell | null }>,
  ): Promise<void>;
  /**
   * Removes instances and every trace's membership in them. `unroll` takes them out of the
   * rollups too (assembly merged them into another instance); retention does not.
   */
  deleteInstances(ids: string[], options: { unroll: boolean }): Promise<void>;
  /** Rollup cells from `sinceUs` on (and before `untilUs`, when given), summed per bucket. */
  rollups(
    journey: string,
    sinceUs: number,
    bucketUs: number,
    untilUs?: number,
  ): Promise<
    Array<{
      bucketStartUs: number;
      outcome: InstanceStatus;
      leMs: number;
      count: number;
    }>
  >;
  /**
   * Events of a journey for the SLO math: per range, the sum of the counts of the cells each
   * filter matches (as `result[range][filter]`).
   */
  rollupEvents(
    journey: string,
    ranges: readonly RollupRange[],
    filters: readonly CellFilter[],
  ): Promise<number[][]>;
  /** Every journey's counts by outcome and latency bucket, including what retention folded away. */
  rollupTotals(): Promise<
    Array<{ journey: string; outcome: string; leMs: number; count: number }>
  >;
  /** Retention of rollups: deletes hours before `beforeUs`, keeping the totals; returns how many. */
  deleteRollupsBefore(beforeUs: number): Promise<number>;
  instance(id: string): Promise<InstanceRow | undefined>;
  instancesById(ids: string[]): Promise<InstanceRow[]>;
  /** Unfinished instances quiet since before `beforeUs`: candidates for stuck. */
  quietInFlight(beforeUs: number, limit: number): Promise<string[]>;
  listInstances(filter: {
    journey?: string;
    status?: InstanceStatus;
    /** Any of these statuses. */
    statuses?: readonly InstanceStatus[];
    sinceUs?: number;
    /** Only instances whose own run took longer. */
    longerThanUs?: number;
    sort?: 'recent' | 'duration';
    limit: number;
  }): Promise<InstanceRow[]>;
  /** Trace ids carrying a business key value, with the key that matched. */
  tracesByValue(
    value: string,
    limit: number,
  ): Promise<Array<{ key: string; traceId: string }>>;
  /** Retention: the oldest traces ending before `beforeUs`, at most `limit`. */
  tracesEndedBefore(beforeUs: number, limit: number): Promise<string[]>;
  oldestTraces(limit: number): Promise<string[]>;
  spanTotal(): Promise<number>;
  /** Deletes traces with their spans, keys, links and memberships; returns touched instances. */
  deleteTraces(traceIds: string[]): Promise<string[]>;
}
