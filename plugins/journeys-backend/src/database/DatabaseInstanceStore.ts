import { InstanceStatus } from '@internal/plugin-journeys-common';
import { Knex } from 'knex';
import { ErrorStep, TraceRow, TraceVerdict, VerdictSpan } from '../types';
import {
  CellFilter,
  InstanceRow,
  InstanceStore,
  RollupCell,
  RollupRange,
  TraceAssembly,
} from './InstanceStore';

const HOUR_US = 3_600_000_000;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const CHUNK = 500;

function toTraceRow(r: any): TraceRow {
  return {
    traceId: r.trace_id,
    startUs: Number(r.start_us),
    endUs: Number(r.end_us),
    spanCount: Number(r.span_count),
    errorCount: Number(r.error_count),
    rootService: r.root_service ?? null,
    rootName: r.root_name ?? null,
    rootStatus: num(r.root_status),
    entryJourney: r.entry_journey ?? null,
    completes: r.completes ? JSON.parse(r.completes) : [],
    errorEndUs: num(r.error_end_us),
    errorStep: r.error_step ? (JSON.parse(r.error_step) as ErrorStep) : null,
    receivedUs: Number(r.received_us),
    browserSpans: Number(r.browser_spans ?? 0),
    verdict: r.verdict ? (JSON.parse(r.verdict) as TraceVerdict) : null,
  };
}

const cellKey = (c: RollupCell) =>
  `${c.bucketStartUs}|${c.outcome}|${c.leMs}|${c.journey}`;
function parseCell(key: string): RollupCell {
  const [bucket, outcome, le, ...journey] = key.split('|');
  return {
    bucketStartUs: Number(bucket),
    outcome,
    leMs: Number(le),
    journey: journey.join('|'),
  };
}

function toInstanceRow(r: any): InstanceRow {
  return {
    id: r.id,
    journey: r.journey ?? null,
    status: r.status as InstanceStatus,
    startUs: Number(r.start_us),
    endUs: Number(r.end_us),
    lastActivityUs: Number(r.last_activity_us),
    traceCount: Number(r.trace_count),
    spanCount: Number(r.span_count),
    errorCount: Number(r.error_count),
    services: JSON.parse(r.services),
    businessKeys: JSON.parse(r.business_keys),
    failingStep: r.failing_step ? JSON.parse(r.failing_step) : null,
    durationUs:
      r.duration_us === null || r.duration_us === undefined
        ? Number(r.end_us) - Number(r.start_us)
        : Number(r.duration_us),
    firstFailureUs: num(r.first_failure_us),
    recoveredUs: num(r.recovered_us),
    recoveredSteps: r.recovered_steps ? JSON.parse(r.recovered_steps) : [],
  };
}

function group(rows: any[], key: string, value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r[key]);
    if (list) list.push(r[value]);
    else out.set(r[key], [r[value]]);
  }
  for (const list of out.values()) list.sort();
  return out;
}

async function chunked<T, R>(
  items: T[],
  fn: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

/** Traces, their links and keys, and the journey instances assembled from them. */
export class DatabaseInstanceStore implements InstanceStore {
  constructor(private readonly db: Knex) {}

  private get truthy() {
    return String(this.db.client.config.client) === 'pg' ? true : 1;
  }
  private get falsy() {
    return String(this.db.client.config.client) === 'pg' ? false : 0;
  }

  /** Settled traces to assemble, in start order, after `after` (keyset paging). */
  async dirtyTraces(
    receivedBeforeUs: number,
    limit: number,
    after?: Pick<TraceRow, 'startUs' | 'traceId'>,
  ): Promise<TraceRow[]> {
    const q = this.db('journeys_traces')
      .where('dirty', this.truthy)
      .andWhere('received_us', '<', receivedBeforeUs);
    if (after)
      q.andWhere(w =>
        w
          .where('start_us', '>', after.startUs)
          .orWhere(x =>
            x
              .where('start_us', after.startUs)
              .andWhere('trace_id', '>', after.traceId),
          ),
      );
    const rows = await q.orderBy(['start_us', 'trace_id']).limit(limit);
    return rows.map(toTraceRow);
  }

  async traces(ids: string[]): Promise<TraceRow[]> {
    const rows = await chunked(ids, c =>
      this.db('journeys_traces').whereIn('trace_id', c),
    );
    return rows.map(toTraceRow);
  }

  /**
   * The spans of some traces as the verdict reads them, by trace: `spans` are the backend
   * spans (browser spans never make an entry, a completion or a verdict), `services` every
   * service, the browser's included.
   */
  async verdictSpans(traceIds: string[]): Promise<
    Map<
      string,
      {
        spans: Array<VerdictSpan & { route: string | null }>;
        services: Set<string>;
      }
    >
  > {
    const rows = await chunked(traceIds, c =>
      this.db('journeys_spans')
        .whereIn('trace_id', c)
        .select(
          'trace_id',
          'span_id',
          'parent_span_id',
          'service',
          'name',
          'route',
          'kind',
          'start_us',
          'duration_us',
          'status',
          'links',
          'facts',
          'browser',
        ),
    );
    const out = new Map<
      string,
      {
        spans: Array<VerdictSpan & { route: string | null }>;
        services: Set<string>;
      }
    >();
    for (const r of rows) {
      let trace = out.get(r.trace_id);
      if (!trace) {
        trace = { spans: [], services: new Set() };
        out.set(r.trace_id, trace);
      }
      trace.services.add(r.service);
      if (r.browser === true || Number(r.browser) === 1) continue;
      trace.spans.push({
        spanId: r.span_id,
        parentSpanId: r.parent_span_id,
        service: r.service,
        name: r.name,
        route: r.route ?? null,
        kind: Number(r.kind),
        startUs: Number(r.start_us),
        durationUs: Number(r.duration_us),
        status: Number(r.status),
        links: r.links ?? null,
        facts: r.facts ? JSON.parse(r.facts) : null,
      });
    }
    return out;
  }

  /**
   * Writes a pass's assembly in one transaction: memberships that changed (and marks the
   * traces hopping from those dirty: they inherit the instances), entries, completions and
   * verdicts. A trace that received spans while it was assembled stays dirty.
   */
  async saveAssembly(assemblies: TraceAssembly[], upToDate: Set<string>) {
    if (!assemblies.length) return;
    const changed = assemblies.filter(a => a.memberships);
    await this.db.transaction(async tx => {
      // One UPDATE … FROM (VALUES …) per chunk (PostgreSQL, and SQLite since 3.33).
      const pg = String(this.db.client.config.client) === 'pg';
      const tuple = pg
        ? '(?::text, ?::bigint, ?::text, ?::text, ?::text)'
        : '(?, ?, ?, ?, ?)';
      for (let i = 0; i < assemblies.length; i += CHUNK) {
        const c = assemblies.slice(i, i + CHUNK);
        await tx.raw(
          `UPDATE journeys_traces SET
             dirty = CASE WHEN journeys_traces.received_us = v.column2 THEN ? ELSE journeys_traces.dirty END,
             entry_journey = v.column3, completes = v.column4, verdict = v.column5
           FROM (VALUES ${c.map(() => tuple).join(',')}) AS v
           WHERE journeys_traces.trace_id = v.column1`,
          [
            this.falsy,
            ...c.flatMap(a => [
              a.traceId,
              a.receivedUs,
              a.entryJourney,
              a.completes.length ? JSON.stringify(a.completes) : null,
              a.verdict ? JSON.stringify(a.verdict) : null,
            ]),
          ],
        );
      }
      for (let i = 0; i < changed.length; i += CHUNK) {
        const c = changed.slice(i, i + CHUNK);
        await tx('journeys_instance_traces')
          .whereIn(
            'trace_id',
            c.map(a => a.traceId),
          )
          .delete();
        const rows = c.flatMap(a =>
          a.memberships!.map(id => ({ instance_id: id, trace_id: a.traceId })),
        );
        for (let j = 0; j < rows.length; j += CHUNK)
          await tx('journeys_instance_traces').insert(rows.slice(j, j + CHUNK));
        const downstream = (
          await tx('journeys_trace_links')
            .whereIn(
              'linked_trace_id',
              c.map(a => a.traceId),
            )
            .select('trace_id')
        )
          .map(r => r.trace_id as string)
          .filter(id => !upToDate.has(id));
        for (let j = 0; j < downstream.length; j += CHUNK)
          await tx('journeys_traces')
            .whereIn('trace_id', downstream.slice(j, j + CHUNK))
            .update({ dirty: this.truthy });
      }
    });
  }

  /** Marks the traces that ended since `sinceUs` for assembly again. */
  async markDirtySince(sinceUs: number) {
    await this.db('journeys_traces')
      .where('end_us', '>=', sinceUs)
      .update({ dirty: this.truthy });
  }

  /** Linked (upstream) traces of each trace. */
  linksOf(traceIds: string[]) {
    return this.lookup(
      'journeys_trace_links',
      'trace_id',
      'linked_trace_id',
      traceIds,
    );
  }

  /** The instances each trace belongs to. */
  membershipsOf(traceIds: string[]) {
    return this.lookup(
      'journeys_instance_traces',
      'trace_id',
      'instance_id',
      traceIds,
    );
  }

  /** The member traces of each instance. */
  membersOf(instanceIds: string[]) {
    return this.lookup(
      'journeys_instance_traces',
      'instance_id',
      'trace_id',
      instanceIds,
    );
  }

  /** `value`s by `key` for the given keys of a two-column relation. */
  private async lookup(
    table: string,
    key: string,
    value: string,
    keys: string[],
  ): Promise<Map<string, string[]>> {
    const rows = await chunked(keys, c =>
      this.db(table).whereIn(key, c).select(key, value),
    );
    return group(rows, key, value);
  }

  /**
   * An earlier attempt of the same entry: a trace linking to one of the same upstream traces
   * whose entry span is of the same journey (a redelivered message starts a new trace).
   */
  async earlierEntryAttempt(
    traceId: string,
    upstream: string[],
    journey: string,
    startUs: number,
  ): Promise<string | undefined> {
    if (!upstream.length) return undefined;
    const row = await this.db('journeys_trace_links as l')
      .join('journeys_traces as t', 't.trace_id', 'l.trace_id')
      .whereIn('l.linked_trace_id', upstream)
      .andWhere('t.entry_journey', journey)
      .andWhereNot('t.trace_id', traceId)
      .andWhere('t.start_us', '<=', startUs)
      .orderBy('t.start_us')
      .first('t.trace_id');
    return row?.trace_id;
  }

  async instancesOf(traceIds: string[]): Promise<string[]> {
    const rows = await chunked(traceIds, c =>
      this.db('journeys_instance_traces')
        .whereIn('trace_id', c)
        .distinct('instance_id'),
    );
    return [...new Set(rows.map(r => r.instance_id as string))];
  }

  async keysOf(
    traceIds: string[],
  ): Promise<Array<{ key: string; value: string; traceId: string }>> {
    const rows = await chunked(traceIds, c =>
      this.db('journeys_keys')
        .whereIn('trace_id', c)
        .select('key', 'value', 'trace_id'),
    );
    return rows.map(r => ({ key: r.key, value: r.value, traceId: r.trace_id }));
  }

  /** Instances holding traces that carry the given key values (newest first). */
  async instancesByKeys(
    pairs: Array<{ key: string; value: string }>,
    excludeTrace: string,
  ) {
    if (!pairs.length) return [];
    const rows = await this.db('journeys_keys as k')
      .join('journeys_instance_traces as m', 'm.trace_id', 'k.trace_id')
      .join('journeys_instances as i', 'i.id', 'm.instance_id')
      .where(q => {
        for (const p of pairs)
          q.orWhere(w => w.where('k.value', p.value).andWhere('k.key', p.key));
      })
      .andWhereNot('k.trace_id', excludeTrace)
      .distinct('i.id', 'i.start_us', 'i.journey')
      .orderBy('i.start_us', 'desc')
      .limit(20);
    return rows.map(r => ({
      id: r.id as string,
      startUs: Number(r.start_us),
      journey: (r.journey as string) ?? null,
    }));
  }

  async memberIds(instanceId: string): Promise<string[]> {
    const rows = await this.db('journeys_instance_traces')
      .where('instance_id', instanceId)
      .select('trace_id');
    return rows.map(r => r.trace_id);
  }

  /**
   * Saves instances and moves their rollup counts in one transaction: an instance whose
   * cell changed (a late span changed its verdict, it settled, it grew) leaves its old cell
   * and enters the new one, so it is counted once. Journey-less instances are not rolled up.
   */
  async saveInstances(rows: Array<InstanceRow & { cell: RollupCell | null }>) {
    if (!rows.length) return;
    const before = new Map<string, string | null>();
    for (const r of await chunked(
      rows.map(x => x.id),
      c =>
        this.db('journeys_instances').whereIn('id', c).select('id', 'rolled'),
    ))
      before.set(r.id, r.rolled ?? null);
    const deltas = new Map<string, number>();
    const move = (key: string | null | undefined, by: number) => {
      if (key) deltas.set(key, (deltas.get(key) ?? 0) + by);
    };
    const records = rows.map(row => {
      const rolled = row.cell ? cellKey(row.cell) : null;
      if (before.get(row.id) !== rolled) {
        move(before.get(row.id), -1);
        move(rolled, 1);
      }
      return {
        id: row.id,
        journey: row.journey,
        status: row.status,
        start_us: row.startUs,
        end_us: row.endUs,
        last_activity_us: row.lastActivityUs,
        duration_us: row.durationUs,
        first_failure_us: row.firstFailureUs,
        recovered_us: row.recoveredUs,
        trace_count: row.traceCount,
        span_count: row.spanCount,
        error_count: row.errorCount,
        services: JSON.stringify(row.services),
        business_keys: JSON.stringify(row.businessKeys),
        failing_step: row.failingStep ? JSON.stringify(row.failingStep) : null,
        recovered_steps: row.recoveredSteps.length
          ? JSON.stringify(row.recoveredSteps)
          : null,
        rolled,
      };
    });
    await this.db.transaction(async tx => {
      // 17 columns: 50 rows per statement stays under SQLite's bound-parameter limit.
      for (let i = 0; i < records.length; i += 50)
        await tx('journeys_instances')
          .insert(records.slice(i, i + 50))
          .onConflict('id')
          .merge();
      await this.moveRollups(tx, deltas);
    });
  }

  /** Applies count deltas to the minute and hour cells; cells back at 0 go. */
  private async moveRollups(tx: Knex, deltas: Map<string, number>) {
    const minutes = [...deltas.entries()]
      .filter(([, by]) => by !== 0)
      .map(([key, by]) => ({ ...parseCell(key), by }));
    const hours = new Map<string, RollupCell & { by: number }>();
    for (const c of minutes) {
      const hour = {
        ...c,
        bucketStartUs: c.bucketStartUs - (c.bucketStartUs % HOUR_US),
      };
      const k = cellKey(hour);
      const seen = hours.get(k);
      if (seen) seen.by += c.by;
      else hours.set(k, hour);
    }
    for (const [table, cells] of [
      ['journeys_rollups', minutes],
      ['journeys_rollups_hourly', [...hours.values()].filter(c => c.by !== 0)],
    ] as const) {
      for (let i = 0; i < cells.length; i += 100) {
        const chunk = cells.slice(i, i + 100);
        await tx(table)
          .insert(
            chunk.map(c => ({
              journey: c.journey,
              bucket_start_us: c.bucketStartUs,
              outcome: c.outcome,
              le_ms: c.leMs,
              count: c.by,
            })),
          )
          .onConflict(['journey', 'bucket_start_us', 'outcome', 'le_ms'])
          .merge({ count: tx.raw(`${table}.count + excluded.count`) });
        const emptied = chunk.filter(c => c.by < 0);
        if (emptied.length)
          await tx(table)
            .where('count', 0)
            .andWhere(q => {
              for (const c of emptied)
                q.orWhere({
                  journey: c.journey,
                  bucket_start_us: c.bucketStartUs,
                  outcome: c.outcome,
                  le_ms: c.leMs,
                });
            })
            .delete();
      }
    }
  }

  /**
   * Removes instances and every trace's membership in them. `unroll` takes them out of the
   * rollups too: assembly merged them into another instance. Retention does not: rollups
   * outlive the spans they were counted from.
   */
  async deleteInstances(ids: string[], options: { unroll: boolean }) {
    await this.db.transaction(async tx => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const c = ids.slice(i, i + CHUNK);
        if (options.unroll) {
          const deltas = new Map<string, number>();
          for (const r of await tx('journeys_instances')
            .whereIn('id', c)
            .whereNotNull('rolled')
            .select('rolled'))
            deltas.set(r.rolled, (deltas.get(r.rolled) ?? 0) - 1);
          await this.moveRollups(tx, deltas);
        }
        await tx('journeys_instance_traces').whereIn('instance_id', c).delete();
        await tx('journeys_instances').whereIn('id', c).delete();
      }
    });
  }

  /**
   * A journey's rollup counts from `sinceUs` on, summed in the database per bucket of
   * `bucketUs` (a multiple of a minute), outcome and latency bucket; hour-aligned requests
   * read the hourly table.
   */
  /** Rollup cells from `sinceUs` on (and before `untilUs`, when given), summed per bucket. */
  async rollups(
    journey: string,
    sinceUs: number,
    bucketUs: number,
    untilUs?: number,
  ) {
    const hourly =
      bucketUs % HOUR_US === 0 &&
      sinceUs % HOUR_US === 0 &&
      (untilUs === undefined || untilUs % HOUR_US === 0);
    const query = this.db(
      hourly ? 'journeys_rollups_hourly' : 'journeys_rollups',
    )
      .where('journey', journey)
      .andWhere('bucket_start_us', '>=', sinceUs);
    if (untilUs !== undefined) query.andWhere('bucket_start_us', '<', untilUs);
    const rows = await query
      .select(
        this.db.raw('(bucket_start_us / ?) * ? as bucket', [
          bucketUs,
          bucketUs,
        ]),
        'outcome',
        'le_ms',
      )
      .sum({ n: 'count' })
      .groupBy('bucket', 'outcome', 'le_ms');
    return (rows as any[])
      .map(r => ({
        bucketStartUs: Number(r.bucket),
        outcome: r.outcome as InstanceStatus,
        leMs: Number(r.le_ms),
        count: Number(r.n),
      }))
      .filter(r => r.count > 0);
  }

  /**
   * Events of a journey for the SLO math, counted by the database: per range of the minute
   * or the hourly rollups, the sum of the counts of the cells each filter matches (as
   * `result[range][filter]`). Cells at 0 or below count for nothing, as `rollups` drops them.
   * Few statements whatever the number of ranges and filters.
   */
  async rollupEvents(
    journey: string,
    ranges: readonly RollupRange[],
    filters: readonly CellFilter[],
  ): Promise<number[][]> {
    const columns = filters.map((f, i) => {
      if (!f.outcomes.length) return { sql: `0 AS c${i}`, bindings: [] };
      const when = [`outcome IN (${f.outcomes.map(() => '?').join(', ')})`];
      const bindings: Array<string | number> = [...f.outcomes];
      if (f.leMsAtMost !== undefined) {
        when.push('le_ms <= ?');
        bindings.push(f.leMsAtMost);
      }
      if (f.leMsAbove !== undefined) {
        when.push('le_ms > ?');
        bindings.push(f.leMsAbove);
      }
      return {
        sql: `SUM(CASE WHEN ${when.join(
          ' AND ',
        )} THEN "count" ELSE 0 END) AS c${i}`,
        bindings,
      };
    });
    const select = columns.map(c => c.sql).join(', ');
    const columnBindings = columns.flatMap(c => c.bindings);
    const out: number[][] = ranges.map(() => filters.map(() => 0));
    // Well under SQLite's limits of bound parameters and of SELECTs in a UNION.
    const perStatement = Math.max(
      1,
      Math.min(100, Math.floor(5000 / (columnBindings.length + 3))),
    );
    for (let i = 0; i < ranges.length; i += perStatement) {
      const chunk = ranges.slice(i, i + perStatement);
      const { rows } = await this.raw(
        chunk
          .map(
            (r, j) =>
              `SELECT ${i + j} AS arm, ${select} FROM ${
                r.table === 'hour'
                  ? 'journeys_rollups_hourly'
                  : 'journeys_rollups'
              } WHERE journey = ? AND bucket_start_us >= ? AND bucket_start_us < ? AND "count" > 0`,
          )
          .join(' UNION ALL '),
        chunk.flatMap(r => [...columnBindings, journey, r.fromUs, r.toUs]),
      );
      for (const row of rows)
        out[Number(row.arm)] = filters.map((_, k) => Number(row[`c${k}`] ?? 0));
    }
    return out;
  }

  /** A raw SELECT's rows on either client (better-sqlite3 answers an array, pg a result). */
  private async raw(sql: string, bindings: Array<string | number>) {
    const result = await this.db.raw(sql, bindings);
    return { rows: (Array.isArray(result) ? result : result.rows) as any[] };
  }

  /**
   * Every journey's counts by outcome and latency bucket: the kept hourly rollups plus what
   * retention folded away (so the sums never fall when old hours are deleted).
   */
  async rollupTotals() {
    const totals = new Map<
      string,
      { journey: string; outcome: string; leMs: number; count: number }
    >();
    for (const table of ['journeys_rollups_hourly', 'journeys_rollups_retired'])
      for (const r of (await this.db(table)
        .select('journey', 'outcome', 'le_ms')
        .sum({ n: 'count' })
        .groupBy('journey', 'outcome', 'le_ms')) as any[]) {
        const key = `${r.journey}\u0000${r.outcome}\u0000${r.le_ms}`;
        const seen = totals.get(key);
        if (seen) seen.count += Number(r.n);
        else
          totals.set(key, {
            journey: r.journey,
            outcome: r.outcome,
            leMs: Number(r.le_ms),
            count: Number(r.n),
          });
      }
    return [...totals.values()];
  }

  /**
   * Retention of rollups (kept longer than spans). The hours deleted are first added to
   * `journeys_rollups_retired`, in the same transaction, so the totals stay.
   */
  async deleteRollupsBefore(beforeUs: number): Promise<number> {
    return this.db.transaction(async tx => {
      const gone = (await tx('journeys_rollups_hourly')
        .where('bucket_start_us', '<', beforeUs)
        .whereNot('outcome', 'in-flight')
        .select('journey', 'outcome', 'le_ms')
        .sum({ n: 'count' })
        .groupBy('journey', 'outcome', 'le_ms')) as any[];
      for (let i = 0; i < gone.length; i += 100)
        await tx('journeys_rollups_retired')
          .insert(
            gone.slice(i, i + 100).map(r => ({
              journey: r.journey,
              outcome: r.outcome,
              le_ms: Number(r.le_ms),
              count: Number(r.n),
            })),
          )
          .onConflict(['journey', 'outcome', 'le_ms'])
          .merge({
            count: tx.raw('journeys_rollups_retired.count + excluded.count'),
          });
      let n = 0;
      for (const table of ['journeys_rollups', 'journeys_rollups_hourly'])
        n += await tx(table).where('bucket_start_us', '<', beforeUs).delete();
      return n;
    });
  }

  async instance(id: string): Promise<InstanceRow | undefined> {
    const row = await this.db('journeys_instances').where('id', id).first();
    return row ? toInstanceRow(row) : undefined;
  }

  async instancesById(ids: string[]): Promise<InstanceRow[]> {
    const rows = await chunked(ids, c =>
      this.db('journeys_instances').whereIn('id', c),
    );
    return rows.map(toInstanceRow);
  }

  /** Unfinished instances quiet since before `beforeUs`: candidates for stuck. */
  async quietInFlight(beforeUs: number, limit: number): Promise<string[]> {
    const rows = await this.db('journeys_instances')
      .where('status', 'in-flight')
      .andWhere('last_activity_us', '<', beforeUs)
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }

  async listInstances(filter: {
    journey?: string;
    status?: InstanceStatus;
    /** Any of these statuses. */
    statuses?: readonly InstanceStatus[];
    sinceUs?: number;
    /** Only instances whose own run took longer. */
    longerThanUs?: number;
    sort?: 'recent' | 'duration';
    limit: number;
  }): Promise<InstanceRow[]> {
    const q = this.db('journeys_instances');
    if (filter.journey) q.where('journey', filter.journey);
    if (filter.status) q.where('status', filter.status);
    if (filter.statuses) q.whereIn('status', filter.statuses);
    if (filter.sinceUs) q.where('start_us', '>=', filter.sinceUs);
    if (filter.longerThanUs !== undefined)
      q.where('duration_us', '>', filter.longerThanUs);
    if (filter.sort === 'duration') q.orderBy('duration_us', 'desc');
    else q.orderBy('start_us', 'desc');
    return (await q.limit(filter.limit)).map(toInstanceRow);
  }

  /** Trace ids carrying a business key value, with the key that matched. */
  async tracesByValue(value: string, limit: number) {
    const rows = await this.db('journeys_keys')
      .where('value', value)
      .select('key', 'trace_id')
      .limit(limit);
    return rows.map(r => ({
      key: r.key as string,
      traceId: r.trace_id as string,
    }));
  }

  /** Retention: the oldest traces ending before `beforeUs`, at most `limit`. */
  async tracesEndedBefore(beforeUs: number, limit: number): Promise<string[]> {
    const rows = await this.db('journeys_traces')
      .where('end_us', '<', beforeUs)
      .orderBy('end_us')
      .limit(limit)
      .select('trace_id');
    return rows.map(r => r.trace_id);
  }

  async oldestTraces(limit: number): Promise<string[]> {
    const rows = await this.db('journeys_traces')
      .orderBy('end_us')
      .limit(limit)
      .select('trace_id');
    return rows.map(r => r.trace_id);
  }

  async spanTotal(): Promise<number> {
    const row = await this.db('journeys_traces')
      .sum({ n: 'span_count' })
      .first();
    return Number(row?.n ?? 0);
  }

  /** Deletes traces with their spans, keys, links and memberships; returns touched instances. */
  async deleteTraces(traceIds: string[]): Promise<string[]> {
    const touched = await this.instancesOf(traceIds);
    await this.db.transaction(async tx => {
      for (let i = 0; i < traceIds.length; i += CHUNK) {
        const c = traceIds.slice(i, i + CHUNK);
        await tx('journeys_spans').whereIn('trace_id', c).delete();
        await tx('journeys_keys').whereIn('trace_id', c).delete();
        await tx('journeys_trace_links').whereIn('trace_id', c).delete();
        await tx('journeys_instance_traces').whereIn('trace_id', c).delete();
        await tx('journeys_traces').whereIn('trace_id', c).delete();
      }
    });
    return touched;
  }
}
