import {
  InstanceStatus,
  InstanceSummary,
} from '@internal/plugin-journeys-common';
import { Knex } from 'knex';
import { InstanceFacts } from '../assembly/instanceStatus';
import { SpanIdentity } from '../journeys/JourneyCatalog';
import { ErrorStep, TraceRow } from './DatabaseSpanStore';

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
  };
}

export interface InstanceRow extends InstanceFacts {
  id: string;
  journey: string | null;
  services: string[];
  businessKeys: Record<string, string>;
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
  };
}

export function toSummary(row: InstanceRow): InstanceSummary {
  return {
    id: row.id,
    journey: row.journey,
    status: row.status,
    startedAt: new Date(row.startUs / 1000).toISOString(),
    endedAt: new Date(row.endUs / 1000).toISOString(),
    durationMs: Math.round((row.endUs - row.startUs) / 1000),
    traceCount: row.traceCount,
    spanCount: row.spanCount,
    errorCount: row.errorCount,
    services: row.services,
    businessKeys: row.businessKeys,
    failingStep: row.failingStep ?? undefined,
  };
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
export class DatabaseInstanceStore {
  constructor(private readonly db: Knex) {}

  private get truthy() {
    return String(this.db.client.config.client) === 'pg' ? true : 1;
  }
  private get falsy() {
    return String(this.db.client.config.client) === 'pg' ? false : 0;
  }

  async dirtyTraces(
    receivedBeforeUs: number,
    limit: number,
  ): Promise<TraceRow[]> {
    const rows = await this.db('journeys_traces')
      .where('dirty', this.truthy)
      .andWhere('received_us', '<', receivedBeforeUs)
      .orderBy('start_us')
      .limit(limit);
    return rows.map(toTraceRow);
  }

  async traces(ids: string[]): Promise<TraceRow[]> {
    const rows = await chunked(ids, c =>
      this.db('journeys_traces').whereIn('trace_id', c),
    );
    return rows.map(toTraceRow);
  }

  /** The trace's backend spans: browser spans never make an entry or a completion. */
  async spanIdentities(
    traceId: string,
  ): Promise<Array<SpanIdentity & { status: number }>> {
    return this.db('journeys_spans')
      .where({ trace_id: traceId, browser: this.falsy })
      .select('service', 'name', 'route', 'status');
  }

  async markAssembled(
    traceId: string,
    entryJourney: string | null,
    completes: string[],
  ) {
    await this.db('journeys_traces')
      .where('trace_id', traceId)
      .update({
        dirty: this.falsy,
        entry_journey: entryJourney,
        completes: completes.length ? JSON.stringify(completes) : null,
      });
  }

  async upstreamOf(traceId: string): Promise<string[]> {
    const rows = await this.db('journeys_trace_links')
      .where('trace_id', traceId)
      .select('linked_trace_id');
    return rows.map(r => r.linked_trace_id);
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

  async markDownstreamDirty(traceId: string) {
    await this.db('journeys_traces')
      .whereIn(
        'trace_id',
        this.db('journeys_trace_links')
          .where('linked_trace_id', traceId)
          .select('trace_id'),
      )
      .update({ dirty: this.truthy });
  }

  async instancesOf(traceIds: string[]): Promise<string[]> {
    const rows = await chunked(traceIds, c =>
      this.db('journeys_instance_traces')
        .whereIn('trace_id', c)
        .distinct('instance_id'),
    );
    return [...new Set(rows.map(r => r.instance_id as string))];
  }

  async setMemberships(traceId: string, instanceIds: string[]) {
    await this.db.transaction(async tx => {
      await tx('journeys_instance_traces').where('trace_id', traceId).delete();
      if (instanceIds.length) {
        await tx('journeys_instance_traces').insert(
          instanceIds.map(id => ({ instance_id: id, trace_id: traceId })),
        );
      }
    });
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

  async servicesOf(traceIds: string[]): Promise<string[]> {
    const rows = await chunked(traceIds, c =>
      this.db('journeys_spans').whereIn('trace_id', c).distinct('service'),
    );
    return [...new Set(rows.map(r => r.service as string))].sort();
  }

  async saveInstance(row: InstanceRow) {
    const record = {
      id: row.id,
      journey: row.journey,
      status: row.status,
      start_us: row.startUs,
      end_us: row.endUs,
      last_activity_us: row.lastActivityUs,
      trace_count: row.traceCount,
      span_count: row.spanCount,
      error_count: row.errorCount,
      services: JSON.stringify(row.services),
      business_keys: JSON.stringify(row.businessKeys),
      failing_step: row.failingStep ? JSON.stringify(row.failingStep) : null,
    };
    await this.db('journeys_instances').insert(record).onConflict('id').merge();
  }

  /** Removes instances and every trace's membership in them. */
  async deleteInstances(ids: string[]) {
    await this.db.transaction(async tx => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const c = ids.slice(i, i + CHUNK);
        await tx('journeys_instance_traces').whereIn('instance_id', c).delete();
        await tx('journeys_instances').whereIn('id', c).delete();
      }
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
    sinceUs?: number;
    sort?: 'recent' | 'duration';
    limit: number;
  }): Promise<InstanceRow[]> {
    const q = this.db('journeys_instances');
    if (filter.journey) q.where('journey', filter.journey);
    if (filter.status) q.where('status', filter.status);
    if (filter.sinceUs) q.where('start_us', '>=', filter.sinceUs);
    if (filter.sort === 'duration') q.orderByRaw('(end_us - start_us) desc');
    else q.orderBy('start_us', 'desc');
    return (await q.limit(filter.limit)).map(toInstanceRow);
  }

  /** start, end and status of a journey's instances started since `sinceUs` (for statistics). */
  async outcomes(journey: string, sinceUs: number) {
    const rows = await this.db('journeys_instances')
      .where('journey', journey)
      .andWhere('start_us', '>=', sinceUs)
      .select('start_us', 'end_us', 'status');
    return rows.map(r => ({
      startUs: Number(r.start_us),
      endUs: Number(r.end_us),
      status: r.status as InstanceStatus,
    }));
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
