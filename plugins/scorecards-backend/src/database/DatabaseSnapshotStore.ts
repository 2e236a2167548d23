import { ScorecardStatus } from '@internal/plugin-scorecards-common';
import { Knex } from 'knex';
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
    const q = this.db<SnapshotRow>(SNAPSHOTS)
      .select(
        'entity_ref',
        'kpi_id',
        'granularity',
        'bucket_start',
        'value',
        'status',
      )
      .where('granularity', query.granularity)
      .andWhere('bucket_start', '>=', query.from)
      .andWhere('bucket_start', '<', query.to);
    if (query.entityRefs) q.whereIn('entity_ref', query.entityRefs);
    if (query.kpiIds) q.whereIn('kpi_id', query.kpiIds);
    const rows = await q.orderBy(['entity_ref', 'kpi_id', 'bucket_start']);
    return rows.map(toSnapshot);
  }

  async at(
    granularity: SnapshotGranularity,
    bucketStarts: number[],
    filter: { entityRefs?: string[]; kpiIds?: string[] } = {},
  ): Promise<Snapshot[]> {
    if (bucketStarts.length === 0) return [];
    const q = this.db<SnapshotRow>(SNAPSHOTS)
      .select(
        'entity_ref',
        'kpi_id',
        'granularity',
        'bucket_start',
        'value',
        'status',
      )
      .where('granularity', granularity)
      .whereIn('bucket_start', bucketStarts);
    if (filter.entityRefs) q.whereIn('entity_ref', filter.entityRefs);
    if (filter.kpiIds) q.whereIn('kpi_id', filter.kpiIds);
    const rows = await q.orderBy(['entity_ref', 'kpi_id', 'bucket_start']);
    return rows.map(toSnapshot);
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
