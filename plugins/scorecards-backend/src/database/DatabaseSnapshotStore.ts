import { ScorecardStatus } from '@internal/plugin-scorecards-common';
import { Knex } from 'knex';
import { codeUnitOrder } from '../rollup/codeUnitOrder';
import {
  ProviderRun,
  Snapshot,
  SnapshotGranularity,
  SnapshotQuery,
  SnapshotStore,
} from './SnapshotStore';

const SNAPSHOTS = 'scorecards_snapshots';
const RUNS = 'scorecards_provider_runs';
/** Rows per insert: 7 columns stay far below SQLite's and PostgreSQL's bind limits. */
const BATCH = 500;

interface SnapshotRow {
  entity_ref: string;
  kpi_id: string;
  granularity: string;
  bucket_start: string | number;
  value: string | number;
  status: string | null;
}

const COLUMNS = [
  'entity_ref',
  'kpi_id',
  'granularity',
  'bucket_start',
  'value',
  'status',
] as const;

/** PostgreSQL returns bigint as a string; SQLite as a number. */
const toSnapshot = (row: SnapshotRow): Snapshot => ({
  entityRef: row.entity_ref,
  kpiId: row.kpi_id,
  granularity: row.granularity as SnapshotGranularity,
  bucketStart: Number(row.bucket_start),
  value: Number(row.value),
  status: (row.status ?? undefined) as ScorecardStatus | undefined,
});

export class DatabaseSnapshotStore implements SnapshotStore {
  constructor(
    private readonly db: Knex,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async writeRun(run: ProviderRun, snapshots: Snapshot[]): Promise<void> {
    const writtenAt = this.clock().getTime();
    await this.db.transaction(async tx => {
      for (let i = 0; i < snapshots.length; i += BATCH) {
        await tx(SNAPSHOTS)
          .insert(
            snapshots.slice(i, i + BATCH).map(s => ({
              entity_ref: s.entityRef,
              kpi_id: s.kpiId,
              granularity: s.granularity,
              bucket_start: s.bucketStart,
              value: s.value,
              status: s.status ?? null,
              written_at: writtenAt,
            })),
          )
          .onConflict(['entity_ref', 'kpi_id', 'granularity', 'bucket_start'])
          .merge(['value', 'status', 'written_at']);
      }
      await tx(RUNS)
        .insert({
          provider_id: run.providerId,
          granularity: run.granularity,
          bucket_start: run.bucketStart,
          snapshot_count: run.snapshotCount,
          finished_at: writtenAt,
        })
        .onConflict(['provider_id', 'granularity', 'bucket_start'])
        .merge(['snapshot_count', 'finished_at']);
    });
  }

  async runBuckets(
    providerId: string,
    granularity: SnapshotGranularity,
    from: number,
    to: number,
  ): Promise<number[]> {
    const rows: Array<{ bucket_start: string | number }> = await this.db(RUNS)
      .select('bucket_start')
      .where({ provider_id: providerId, granularity })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .orderBy('bucket_start');
    return rows.map(r => Number(r.bucket_start));
  }

  async list(query: SnapshotQuery): Promise<Snapshot[]> {
    return this.byRefChunks(query.entityRefs, refs => {
      const q = this.db<SnapshotRow>(SNAPSHOTS)
        .select(...COLUMNS)
        .where('granularity', query.granularity)
        .andWhere('bucket_start', '>=', query.from)
        .andWhere('bucket_start', '<', query.to);
      if (refs) q.whereIn('entity_ref', refs);
      if (query.kpiIds) q.whereIn('kpi_id', query.kpiIds);
      return q;
    });
  }

  async at(
    granularity: SnapshotGranularity,
    bucketStarts: number[],
    filter: { entityRefs?: string[]; kpiIds?: string[] } = {},
  ): Promise<Snapshot[]> {
    if (bucketStarts.length === 0) return [];
    return this.byRefChunks(filter.entityRefs, refs => {
      const q = this.db<SnapshotRow>(SNAPSHOTS)
        .select(...COLUMNS)
        .where('granularity', granularity)
        .whereIn('bucket_start', bucketStarts);
      if (refs) q.whereIn('entity_ref', refs);
      if (filter.kpiIds) q.whereIn('kpi_id', filter.kpiIds);
      return q;
    });
  }

  /**
   * Runs the query once per chunk of at most BATCH entity refs (a rollup's members can be
   * thousands; bind variables are limited) and merges the rows in entity, KPI and bucket
   * order.
   */
  private async byRefChunks(
    entityRefs: string[] | undefined,
    query: (refs: string[] | undefined) => Knex.QueryBuilder<SnapshotRow>,
  ): Promise<Snapshot[]> {
    if (!entityRefs || entityRefs.length <= BATCH) {
      if (entityRefs?.length === 0) return [];
      const rows: SnapshotRow[] = await query(entityRefs).orderBy([
        'entity_ref',
        'kpi_id',
        'bucket_start',
      ]);
      return rows.map(toSnapshot);
    }
    const snapshots: Snapshot[] = [];
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const rows: SnapshotRow[] = await query(entityRefs.slice(i, i + BATCH));
      for (const row of rows) snapshots.push(toSnapshot(row));
    }
    // Ordered here: the database's collation may order refs unlike JavaScript.
    return snapshots.sort(
      (a, b) =>
        codeUnitOrder(a.entityRef, b.entityRef) ||
        codeUnitOrder(a.kpiId, b.kpiId) ||
        a.bucketStart - b.bucketStart,
    );
  }

  async deleteBefore(
    granularity: SnapshotGranularity,
    before: number,
  ): Promise<number> {
    let deleted = 0;
    await this.db.transaction(async tx => {
      await tx(RUNS)
        .where({ granularity })
        .andWhere('bucket_start', '<', before)
        .delete();
      deleted = await tx(SNAPSHOTS)
        .where({ granularity })
        .andWhere('bucket_start', '<', before)
        .delete();
    });
    return deleted;
  }
}
