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
  DatabaseInstanceStore,
  toSummary,
} from '../database/DatabaseInstanceStore';
import { DatabaseSpanStore } from '../database/DatabaseSpanStore';
import {
  JourneyCatalog,
  JourneyDefinition,
  MESSAGE_ID_KEY,
} from '../journeys/JourneyCatalog';

const WINDOWS: Record<StatsWindow, { spanMs: number; bucketMs: number }> = {
  '1h': { spanMs: 3_600_000, bucketMs: 60_000 },
  '6h': { spanMs: 6 * 3_600_000, bucketMs: 5 * 60_000 },
  '24h': { spanMs: 24 * 3_600_000, bucketMs: 15 * 60_000 },
  '7d': { spanMs: 7 * 24 * 3_600_000, bucketMs: 3_600_000 },
};

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[
    Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
    )
  ];
}

const FINISHED: InstanceStatus[] = ['ok', 'failed'];

/** Read side of journeys: statistics, instance lists, search and the waterfall. */
export class JourneyQueries {
  constructor(
    private readonly instances: DatabaseInstanceStore,
    private readonly spans: DatabaseSpanStore,
    private readonly journeys: JourneyCatalog,
    private readonly maxWaterfallSpans: number,
  ) {}

  async stats(
    window: StatsWindow,
    component?: string,
    nowMs = Date.now(),
  ): Promise<JourneyStats[]> {
    const journeys = this.journeys
      .list()
      .filter(j => !component || j.components.includes(component));
    return Promise.all(journeys.map(j => this.journeyStats(j, window, nowMs)));
  }

  private async journeyStats(
    journey: JourneyDefinition,
    window: StatsWindow,
    nowMs: number,
  ): Promise<JourneyStats> {
    const { spanMs, bucketMs } = WINDOWS[window];
    const firstBucket = Math.floor((nowMs - spanMs) / bucketMs) * bucketMs;
    const outcomes = await this.instances.outcomes(
      journey.ref,
      firstBucket * 1000,
    );
    const buckets = new Map<
      number,
      { count: number; failed: number; durations: number[] }
    >();
    for (let t = firstBucket; t <= nowMs; t += bucketMs)
      buckets.set(t, { count: 0, failed: 0, durations: [] });
    const durations: number[] = [];
    let failed = 0;
    let stuck = 0;
    let inFlight = 0;
    for (const o of outcomes) {
      const b = buckets.get(Math.floor(o.startUs / 1000 / bucketMs) * bucketMs);
      const ms = (o.endUs - o.startUs) / 1000;
      if (o.status === 'failed') failed++;
      if (o.status === 'stuck') stuck++;
      if (o.status === 'in-flight') inFlight++;
      if (FINISHED.includes(o.status)) durations.push(ms);
      if (!b) continue;
      b.count++;
      if (o.status === 'failed') b.failed++;
      if (FINISHED.includes(o.status)) b.durations.push(ms);
    }
    durations.sort((a, b) => a - b);
    const series: JourneyStatsPoint[] = [...buckets.entries()].map(([t, b]) => {
      b.durations.sort((x, y) => x - y);
      return {
        time: new Date(t).toISOString(),
        count: b.count,
        failed: b.failed,
        p50Ms: percentile(b.durations, 50),
        p95Ms: percentile(b.durations, 95),
        p99Ms: percentile(b.durations, 99),
      };
    });
    const finished = outcomes.length - inFlight;
    return {
      ref: journey.ref,
      title: journey.title,
      description: journey.description,
      owner: journey.owner,
      components: journey.components,
      businessKeys: journey.businessKeys,
      window,
      volume: outcomes.length,
      failed,
      stuck,
      inFlight,
      errorRate: finished > 0 ? failed / finished : null,
      p50Ms: percentile(durations, 50),
      p95Ms: percentile(durations, 95),
      p99Ms: percentile(durations, 99),
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
