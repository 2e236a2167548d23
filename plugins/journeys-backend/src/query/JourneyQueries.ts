import { NotFoundError } from '@backstage/errors';
import {
  InstanceDetail,
  InstanceStatus,
  InstanceSummary,
  JourneyStats,
  JourneyStatsPoint,
  SearchMatchKind,
  SearchResult,
  SpanDetail,
  StatsWindow,
} from '@internal/plugin-journeys-common';
import { criticalPath } from '../assembly/criticalPath';
import {
  boundsWith,
  CYCLE_TIME_OUTCOMES,
  quantileFromBuckets,
} from '../rollups/latencyBuckets';
import { InstanceRow, InstanceStore } from '../database/InstanceStore';
import { SpanStore } from '../database/SpanStore';
import {
  JourneyCatalog,
  JourneyDefinition,
  MESSAGE_ID_KEY,
} from '../catalog/JourneyCatalog';

const WINDOWS: Record<StatsWindow, { spanMs: number; bucketMs: number }> = {
  '1h': { spanMs: 3_600_000, bucketMs: 60_000 },
  '6h': { spanMs: 6 * 3_600_000, bucketMs: 5 * 60_000 },
  '24h': { spanMs: 24 * 3_600_000, bucketMs: 15 * 60_000 },
  '7d': { spanMs: 7 * 24 * 3_600_000, bucketMs: 3_600_000 },
};

/** Read side of journeys: statistics, instance lists, search and the waterfall. */
export class JourneyQueries {
  constructor(
    private readonly instances: InstanceStore,
    private readonly spans: SpanStore,
    private readonly journeys: JourneyCatalog,
    private readonly maxWaterfallSpans: number,
  ) {}

  /**
   * Per journey, the window ending at `endMs` (default now): instances that started in
   * it, by their start's rollup minute. An earlier end reads the same rollups, so a
   * past day's figures stay as they were for as long as the rollups are kept.
   */
  async stats(
    window: StatsWindow,
    component?: string,
    endMs?: number,
  ): Promise<JourneyStats[]> {
    const nowMs = endMs ?? Date.now();
    const journeys = this.journeys
      .list()
      .filter(j => !component || j.components.includes(component));
    return Promise.all(journeys.map(j => this.journeyStats(j, window, nowMs)));
  }

  /** From the rollups: counts by outcome and latency buckets, never the instances table. */
  private async journeyStats(
    journey: JourneyDefinition,
    window: StatsWindow,
    nowMs: number,
  ): Promise<JourneyStats> {
    const { spanMs, bucketMs } = WINDOWS[window];
    const firstBucket = Math.floor((nowMs - spanMs) / bucketMs) * bucketMs;
    const cells = await this.instances.rollups(
      journey.ref,
      firstBucket * 1000,
      bucketMs * 1000,
      nowMs * 1000,
    );
    const bounds = boundsWith(journey.latencyThresholdsMs);
    const newBucket = () => ({
      count: 0,
      failed: 0,
      recovered: 0,
      latency: new Map<number, number>(),
    });
    const buckets = new Map<number, ReturnType<typeof newBucket>>();
    for (let t = firstBucket; t <= nowMs; t += bucketMs)
      buckets.set(t, newBucket());
    const byOutcome = new Map<InstanceStatus, number>();
    const latency = new Map<number, number>();
    const recovery = new Map<number, number>();
    const add = (m: Map<number, number>, le: number, n: number) =>
      m.set(le, (m.get(le) ?? 0) + n);
    for (const c of cells) {
      byOutcome.set(c.outcome, (byOutcome.get(c.outcome) ?? 0) + c.count);
      if (CYCLE_TIME_OUTCOMES.includes(c.outcome))
        add(latency, c.leMs, c.count);
      if (c.outcome === 'recovered-by-replay') add(recovery, c.leMs, c.count);
      const b = buckets.get(
        Math.floor(c.bucketStartUs / 1000 / bucketMs) * bucketMs,
      );
      if (!b) continue;
      b.count += c.count;
      if (c.outcome === 'failed') b.failed += c.count;
      if (c.outcome === 'recovered-by-replay') b.recovered += c.count;
      if (CYCLE_TIME_OUTCOMES.includes(c.outcome))
        add(b.latency, c.leMs, c.count);
    }
    const series: JourneyStatsPoint[] = [...buckets.entries()].map(
      ([t, b]) => ({
        time: new Date(t).toISOString(),
        count: b.count,
        failed: b.failed,
        recovered: b.recovered,
        p50Ms: quantileFromBuckets(b.latency, 0.5, bounds),
        p95Ms: quantileFromBuckets(b.latency, 0.95, bounds),
        p99Ms: quantileFromBuckets(b.latency, 0.99, bounds),
      }),
    );
    const count = (s: InstanceStatus) => byOutcome.get(s) ?? 0;
    const volume = [...byOutcome.values()].reduce((a, b) => a + b, 0);
    const finished = volume - count('in-flight') - count('rejected');
    return {
      ref: journey.ref,
      title: journey.title,
      description: journey.description,
      owner: journey.owner,
      components: journey.components,
      businessKeys: journey.businessKeys,
      window,
      volume,
      failed: count('failed'),
      stuck: count('stuck'),
      inFlight: count('in-flight'),
      rejected: count('rejected'),
      recoveredByReplay: count('recovered-by-replay'),
      errorRate: finished > 0 ? count('failed') / finished : null,
      p50Ms: quantileFromBuckets(latency, 0.5, bounds),
      p95Ms: quantileFromBuckets(latency, 0.95, bounds),
      p99Ms: quantileFromBuckets(latency, 0.99, bounds),
      recoveryP50Ms: quantileFromBuckets(recovery, 0.5, bounds),
      recoveryP95Ms: quantileFromBuckets(recovery, 0.95, bounds),
      series,
    };
  }

  async instancesOf(
    journey: string,
    filter: {
      status?: InstanceStatus;
      sort?: 'recent' | 'duration';
      limit: number;
      window?: StatsWindow;
    },
    nowMs = Date.now(),
  ): Promise<InstanceSummary[]> {
    if (!this.journeys.get(journey))
      throw new NotFoundError(`no journey ${journey} in the catalog`);
    const sinceUs = filter.window
      ? (nowMs - WINDOWS[filter.window].spanMs) * 1000
      : undefined;
    const rows = await this.instances.listInstances({
      journey,
      status: filter.status,
      sort: filter.sort,
      limit: filter.limit,
      sinceUs,
    });
    return rows.map(toSummary);
  }

  /** An order id (any business key), a trace id, a message id or an instance id. */
  async search(query: string): Promise<SearchResult> {
    const hits = new Map<
      string,
      { matchedBy: SearchMatchKind; key?: string }
    >();
    if (/^[0-9a-f]{32}$/i.test(query)) {
      const traceId = query.toLowerCase();
      for (const id of await this.instances.instancesOf([traceId])) {
        hits.set(id, {
          matchedBy: id === traceId ? 'instance-id' : 'trace-id',
        });
      }
    }
    for (const { key, traceId } of await this.instances.tracesByValue(
      query,
      2000,
    )) {
      for (const id of await this.instances.instancesOf([traceId])) {
        if (!hits.has(id))
          hits.set(id, {
            matchedBy: key === MESSAGE_ID_KEY ? 'message-id' : 'business-key',
            key,
          });
      }
    }
    const rows = await this.instances.instancesById([...hits.keys()]);
    const ids = new Set(rows.map(r => r.id));
    // An instance inside another match (the ERP sync inside its checkout) is not a separate answer.
    const nested = new Set<string>();
    for (const r of rows) {
      const containers = await this.instances.instancesOf([r.id]);
      if (containers.some(c => c !== r.id && ids.has(c))) nested.add(r.id);
    }
    const matches = rows
      .filter(r => !nested.has(r.id))
      .sort(
        (a, b) =>
          Number(!!b.journey) - Number(!!a.journey) || b.startUs - a.startUs,
      )
      .slice(0, 50)
      .map(r => ({ instance: toSummary(r), ...hits.get(r.id)! }));
    return { query, matches };
  }

  async instance(id: string): Promise<InstanceDetail> {
    const row = await this.instances.instance(id);
    if (!row) throw new NotFoundError(`no journey instance ${id}`);
    const members = await this.instances.memberIds(id);
    const { spans, truncated } = await this.spans.waterfall(
      members,
      this.maxWaterfallSpans,
    );
    return {
      instance: toSummary(row),
      spans,
      criticalPath: criticalPath(spans),
      truncated,
    };
  }

  async span(traceId: string, spanId: string): Promise<SpanDetail> {
    const span = await this.spans.span(traceId, spanId);
    if (!span) throw new NotFoundError(`no span ${spanId} in trace ${traceId}`);
    return span;
  }
}

/** An instance row as the REST answer shows it. */
function toSummary(row: InstanceRow): InstanceSummary {
  return {
    id: row.id,
    journey: row.journey,
    status: row.status,
    startedAt: new Date(row.startUs / 1000).toISOString(),
    endedAt: new Date(row.endUs / 1000).toISOString(),
    durationMs: Math.round(row.durationUs / 1000),
    ...(row.firstFailureUs !== null && {
      timeToFirstFailureMs: Math.round(
        (row.firstFailureUs - row.startUs) / 1000,
      ),
    }),
    ...(row.recoveredUs !== null &&
      row.firstFailureUs !== null && {
        recoveryMs: Math.round((row.recoveredUs - row.firstFailureUs) / 1000),
      }),
    ...(row.recoveredSteps.length && { recoveredSteps: row.recoveredSteps }),
    traceCount: row.traceCount,
    spanCount: row.spanCount,
    errorCount: row.errorCount,
    services: row.services,
    businessKeys: row.businessKeys,
    failingStep: row.failingStep ?? undefined,
  };
}
