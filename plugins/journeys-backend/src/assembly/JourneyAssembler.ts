import { LoggerService } from '@backstage/backend-plugin-api';
import {
  InstanceRow,
  InstanceStore,
  RollupCell,
  TraceAssembly,
} from '../database/InstanceStore';
import { TraceRow } from '../types';
import {
  JourneyCatalog,
  JourneyDefinition,
  MESSAGE_ID_KEY,
} from '../catalog/JourneyCatalog';
import { boundsWith, rollupCell } from '../rollups/latencyBuckets';
import { assessInstance } from './instanceStatus';
import { traceVerdict } from './traceVerdict';

export interface AssemblerOptions {
  /** A trace is assembled once no span of it arrived for this long (exporters batch per service). */
  settleMs: number;
  /** A trace whose linked (upstream) trace has not arrived waits this long before standing alone. */
  waitForUpstreamMs: number;
  /** Traces per batch; a run takes batches until none is left or `maxRunMs` has passed. */
  batchSize: number;
  /** A run stops taking new batches after this long (the scheduler starts the next run). */
  maxRunMs?: number;
}

export const DEFAULT_ASSEMBLER_OPTIONS: AssemblerOptions = {
  settleMs: 1500,
  waitForUpstreamMs: 60_000,
  batchSize: 2000,
  maxRunMs: 10_000,
};

/**
 * Groups traces into journey instances. An instance is named after its entry trace (the
 * trace holding a Journey's entry span); a trace belongs to every instance of the traces it
 * links to (async hops start new traces joined by span links), so a nested journey — the
 * ERP sync started by checkout's `order.created` — is its own instance and part of the outer
 * one. A trace without links joins the newest instance sharing one of its business keys, and
 * stands alone (a journey-less instance) otherwise. Spans from the browser receiver
 * (untrusted) index no keys or links and decide no entry, completion or status, so a trace
 * of browser spans alone joins nothing.
 *
 * Work is batched: a batch of settled traces is read with a handful of queries, assembled in
 * memory (in start order, so a hop sees the instances of the trace it continues even within
 * the batch), and written in one transaction; the instances it touched are then assessed
 * (see `assessInstance`) and saved with their rollups, again in bulk.
 */
export class JourneyAssembler {
  constructor(
    private readonly store: InstanceStore,
    private readonly journeys: JourneyCatalog,
    private readonly logger: LoggerService,
    private readonly options: AssemblerOptions = DEFAULT_ASSEMBLER_OPTIONS,
  ) {}

  /** Assembles until no settled trace is left (or the run's time is up); returns how many. */
  async run(nowUs?: number): Promise<number> {
    if (!this.journeys.loaded) return 0;
    const started = Date.now();
    let total = 0;
    // Keyset paging: traces still waiting for their upstream stay dirty and are passed over.
    let after: TraceRow | undefined;
    for (;;) {
      const now = nowUs ?? Date.now() * 1000;
      const batch = await this.runBatch(now, after);
      total += batch.assembled;
      after = batch.last;
      if (
        batch.read < this.options.batchSize ||
        Date.now() - started > (this.options.maxRunMs ?? 10_000)
      )
        break;
    }
    // Instances with no activity may have become stuck.
    const now = nowUs ?? Date.now() * 1000;
    const minStuckMs = Math.min(
      10 * 60_000,
      ...this.journeys.list().map(j => j.stuckAfterMs),
    );
    const quiet = await this.store.quietInFlight(now - minStuckMs * 1000, 500);
    await this.refreshInstances(new Set(quiet), now);
    return total;
  }

  private async runBatch(
    nowUs: number,
    after: TraceRow | undefined,
  ): Promise<{ read: number; assembled: number; last?: TraceRow }> {
    const settledUs = nowUs - this.options.settleMs * 1000;
    const dirty = await this.store.dirtyTraces(
      settledUs,
      this.options.batchSize,
      after,
    );
    if (!dirty.length) return { read: 0, assembled: 0 };
    const ids = dirty.map(t => t.traceId);
    const links = await this.store.linksOf(ids);
    const upstreamIds = [...new Set([...links.values()].flat())];
    const upstreamRows = new Map(
      (await this.store.traces(upstreamIds)).map(t => [t.traceId, t]),
    );
    const memberships = await this.store.membershipsOf([
      ...ids,
      ...upstreamIds,
    ]);
    const spans = await this.store.verdictSpans(ids);
    const keys = await this.store.keysOf(ids);
    const keysByTrace = byTrace(keys);

    const touched = new Set<string>();
    const assemblies: TraceAssembly[] = [];
    /** Batch traces assembled after a trace they continue changed instances: still right. */
    const position = new Map<string, number>();
    const changedAt = new Map<string, number>();
    const batchEntries: Array<{
      traceId: string;
      startUs: number;
      journey: string;
      upstream: string[];
    }> = [];
    for (const trace of dirty) {
      position.set(trace.traceId, assemblies.length);
      const upstream = links.get(trace.traceId) ?? [];
      const known = upstream
        .map(id => upstreamRows.get(id))
        .filter((t): t is TraceRow => !!t);
      const waiting =
        known.length < upstream.length ||
        known.some(t => t.receivedUs > settledUs);
      if (
        waiting &&
        trace.receivedUs > nowUs - this.options.waitForUpstreamMs * 1000
      )
        continue;
      const before = memberships.get(trace.traceId) ?? [];
      const read = spans.get(trace.traceId);
      const traceSpans = read?.spans ?? [];

      if (traceSpans.length === 0) {
        // Only the browser's (untrusted) spans so far: they join no instance and start none;
        // they show once backend spans of the same trace arrive.
        before.forEach(id => touched.add(id));
        memberships.set(trace.traceId, []);
        assemblies.push({
          traceId: trace.traceId,
          receivedUs: trace.receivedUs,
          entryJourney: null,
          completes: [],
          verdict: null,
          ...(before.length && { memberships: [] }),
        });
        continue;
      }

      let entry: string | null = null;
      const completes = new Set<string>();
      for (const span of traceSpans) {
        entry ??= this.journeys.entryOf(span)?.ref ?? null;
        if (span.status !== 2)
          this.journeys.completedBy(span).forEach(j => completes.add(j.ref));
      }

      const joined = new Set(upstream.flatMap(u => memberships.get(u) ?? []));
      if (entry) {
        // A retry of the entry step joins the first attempt's instance instead of starting one.
        // Entries assembled earlier in this batch are not written yet: look there first.
        const inBatch = batchEntries.find(
          e =>
            e.journey === entry &&
            e.startUs <= trace.startUs &&
            e.upstream.some(u => upstream.includes(u)),
        );
        const first =
          inBatch?.traceId ??
          (await this.store.earlierEntryAttempt(
            trace.traceId,
            upstream,
            entry,
            trace.startUs,
          ));
        joined.add(first ?? trace.traceId);
        if (first) entry = null;
        else if (upstream.length)
          batchEntries.push({
            traceId: trace.traceId,
            startUs: trace.startUs,
            journey: entry,
            upstream,
          });
      }
      if (joined.size === 0 && upstream.length === 0) {
        // No hop to follow: the newest earlier instance sharing a business key, if any.
        const candidates = await this.store.instancesByKeys(
          (keysByTrace.get(trace.traceId) ?? []).filter(
            k => k.key !== MESSAGE_ID_KEY,
          ),
          trace.traceId,
        );
        const match =
          candidates.find(c => c.startUs <= trace.startUs && c.journey) ??
          candidates.find(c => c.journey);
        if (match) joined.add(match.id);
      }
      if (joined.size === 0) joined.add(trace.traceId);

      const current = [...joined].sort();
      const changed =
        before.length !== current.length ||
        current.some(id => !before.includes(id));
      memberships.set(trace.traceId, current);
      if (changed) changedAt.set(trace.traceId, assemblies.length);
      assemblies.push({
        traceId: trace.traceId,
        receivedUs: trace.receivedUs,
        entryJourney: entry,
        completes: [...completes],
        verdict: traceVerdict(trace.traceId, traceSpans, [
          ...(read?.services ?? []),
        ]),
        ...(changed && { memberships: current }),
      });
      before.forEach(id => touched.add(id));
      current.forEach(id => touched.add(id));
    }
    const upToDate = new Set(
      assemblies
        .filter(a =>
          (links.get(a.traceId) ?? []).every(
            u => (changedAt.get(u) ?? -1) < position.get(a.traceId)!,
          ),
        )
        .map(a => a.traceId),
    );
    await this.store.saveAssembly(assemblies, upToDate);
    await this.refreshInstances(touched, nowUs);
    if (assemblies.length)
      this.logger.debug(
        `assembled ${assemblies.length} traces into ${touched.size} instances`,
      );
    return {
      read: dirty.length,
      assembled: assemblies.length,
      last: dirty[dirty.length - 1],
    };
  }

  private async refreshInstances(ids: Set<string>, nowUs: number) {
    if (!ids.size) return;
    const members = await this.store.membersOf([...ids]);
    const gone = [...ids].filter(id => !members.has(id));
    if (gone.length) await this.store.deleteInstances(gone, { unroll: true });
    const memberIds = [...new Set([...members.values()].flat())];
    const traces = new Map(
      (await this.store.traces(memberIds)).map(t => [t.traceId, t]),
    );
    const keys = byTrace(await this.store.keysOf(memberIds));
    const rows: Array<InstanceRow & { cell: RollupCell | null }> = [];
    for (const [id, traceIds] of members) {
      const memberTraces = traceIds
        .map(t => traces.get(t))
        .filter((t): t is TraceRow => !!t);
      const entry = traces.get(id);
      const journey = entry?.entryJourney
        ? this.journeys.get(entry.entryJourney)
        : undefined;
      const facts = assessInstance(journey, id, memberTraces, nowUs);
      rows.push({
        id,
        journey: entry?.entryJourney ?? null,
        ...facts,
        businessKeys: this.businessKeys(journey, traceIds, keys),
        cell: journey
          ? rollupCell(journey.ref, facts, this.bounds(journey))
          : null,
      });
    }
    await this.store.saveInstances(rows);
  }

  private boundsCache = new Map<string, number[]>();
  private bounds(journey: JourneyDefinition): number[] {
    const k = journey.latencyThresholdsMs.join(',');
    let b = this.boundsCache.get(k);
    if (!b)
      this.boundsCache.set(k, (b = boundsWith(journey.latencyThresholdsMs)));
    return b;
  }

  /** Keys are data (span attributes): a map without a prototype. */
  private businessKeys(
    journey: JourneyDefinition | undefined,
    traceIds: string[],
    keys: Map<string, Array<{ key: string; value: string }>>,
  ) {
    const out: Record<string, string> = Object.create(null);
    const wanted = journey ? new Set(journey.businessKeys) : undefined;
    for (const k of traceIds.flatMap(t => keys.get(t) ?? [])) {
      if (
        (!wanted || wanted.has(k.key)) &&
        !(k.key in out) &&
        k.key !== MESSAGE_ID_KEY
      )
        out[k.key] = k.value;
    }
    return out;
  }
}

function byTrace<T extends { traceId: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.traceId);
    if (list) list.push(item);
    else out.set(item.traceId, [item]);
  }
  return out;
}
