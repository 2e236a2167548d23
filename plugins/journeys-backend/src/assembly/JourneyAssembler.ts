import { LoggerService } from '@backstage/backend-plugin-api';
import { DatabaseInstanceStore } from '../database/DatabaseInstanceStore';
import { TraceRow } from '../database/DatabaseSpanStore';
import { JourneyCatalog } from '../journeys/JourneyCatalog';
import { assessInstance } from './instanceStatus';

export interface AssemblerOptions {
  /** A trace is assembled once no span of it arrived for this long (exporters batch per service). */
  settleMs: number;
  /** A trace whose linked (upstream) trace has not arrived waits this long before standing alone. */
  waitForUpstreamMs: number;
  /** Traces per run. */
  batchSize: number;
}

export const DEFAULT_ASSEMBLER_OPTIONS: AssemblerOptions = {
  settleMs: 1500,
  waitForUpstreamMs: 60_000,
  batchSize: 2000,
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
 */
export class JourneyAssembler {
  constructor(
    private readonly store: DatabaseInstanceStore,
    private readonly journeys: JourneyCatalog,
    private readonly logger: LoggerService,
    private readonly options: AssemblerOptions = DEFAULT_ASSEMBLER_OPTIONS,
  ) {}

  /** One pass; returns how many traces were assembled. Runs on the scheduler. */
  async run(nowUs = Date.now() * 1000): Promise<number> {
    if (!this.journeys.loaded) return 0;
    const dirty = await this.store.dirtyTraces(
      nowUs - this.options.settleMs * 1000,
      this.options.batchSize,
    );
    const touched = new Set<string>();
    let assembled = 0;
    for (const trace of dirty) {
      if (await this.assemble(trace, nowUs, touched)) assembled++;
    }
    // Instances with no activity may have become stuck.
    const minStuckMs = Math.min(
      10 * 60_000,
      ...this.journeys.list().map(j => j.stuckAfterMs),
    );
    for (const id of await this.store.quietInFlight(
      nowUs - minStuckMs * 1000,
      500,
    ))
      touched.add(id);
    for (const id of touched) await this.refreshInstance(id, nowUs);
    if (assembled)
      this.logger.debug(
        `assembled ${assembled} traces into ${touched.size} instances`,
      );
    return assembled;
  }

  private async assemble(
    trace: TraceRow,
    nowUs: number,
    touched: Set<string>,
  ): Promise<boolean> {
    const upstream = await this.store.upstreamOf(trace.traceId);
    const known = upstream.length ? await this.store.traces(upstream) : [];
    const waiting =
      known.length < upstream.length ||
      known.some(t => t.receivedUs > nowUs - this.options.settleMs * 1000);
    if (
      waiting &&
      trace.receivedUs > nowUs - this.options.waitForUpstreamMs * 1000
    )
      return false;

    if (trace.browserSpans >= trace.spanCount) {
      // Only the browser's (untrusted) spans so far: they join no instance and start none;
      // they show once backend spans of the same trace arrive.
      const before = await this.store.instancesOf([trace.traceId]);
      if (before.length) await this.store.setMemberships(trace.traceId, []);
      await this.store.markAssembled(trace.traceId, null, []);
      before.forEach(id => touched.add(id));
      return true;
    }

    let entry: string | null = null;
    const completes = new Set<string>();
    for (const span of await this.store.spanIdentities(trace.traceId)) {
      entry ??= this.journeys.entryOf(span)?.ref ?? null;
      if (span.status !== 2)
        this.journeys.completedBy(span).forEach(j => completes.add(j.ref));
    }

    const memberships = new Set(await this.store.instancesOf(upstream));
    if (entry) {
      // A retry of the entry step joins the first attempt's instance instead of starting one.
      const first = await this.store.earlierEntryAttempt(
        trace.traceId,
        upstream,
        entry,
        trace.startUs,
      );
      memberships.add(first ?? trace.traceId);
      if (first) entry = null;
    }
    if (memberships.size === 0 && upstream.length === 0) {
      // No hop to follow: the newest earlier instance sharing a business key, if any.
      const keys = await this.store.keysOf([trace.traceId]);
      const candidates = await this.store.instancesByKeys(keys, trace.traceId);
      const match =
        candidates.find(c => c.startUs <= trace.startUs && c.journey) ??
        candidates.find(c => c.journey);
      if (match) memberships.add(match.id);
    }
    if (memberships.size === 0) memberships.add(trace.traceId);

    const before = new Set(await this.store.instancesOf([trace.traceId]));
    const after = [...memberships].sort();
    const changed =
      before.size !== after.length || after.some(id => !before.has(id));
    if (changed) {
      await this.store.setMemberships(trace.traceId, after);
      // Traces that hop from this one inherit its instances: assemble them again.
      await this.store.markDownstreamDirty(trace.traceId);
    }
    await this.store.markAssembled(trace.traceId, entry, [...completes]);
    before.forEach(id => touched.add(id));
    after.forEach(id => touched.add(id));
    return true;
  }

  private async refreshInstance(id: string, nowUs: number) {
    const memberIds = await this.store.memberIds(id);
    if (memberIds.length === 0) {
      await this.store.deleteInstances([id]);
      return;
    }
    const members = await this.store.traces(memberIds);
    const entry = members.find(m => m.traceId === id);
    const journey = entry?.entryJourney
      ? this.journeys.get(entry.entryJourney)
      : undefined;
    const facts = assessInstance(journey, members, nowUs);
    // Keys are data (span attributes): a map without a prototype.
    const businessKeys: Record<string, string> = Object.create(null);
    const wanted = journey ? new Set(journey.businessKeys) : undefined;
    for (const k of await this.store.keysOf(memberIds)) {
      if (
        (!wanted || wanted.has(k.key)) &&
        !(k.key in businessKeys) &&
        k.key !== 'messaging.message.id'
      )
        businessKeys[k.key] = k.value;
    }
    await this.store.saveInstance({
      id,
      journey: entry?.entryJourney ?? null,
      ...facts,
      services: await this.store.servicesOf(memberIds),
      businessKeys,
    });
  }
}
