import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { JourneyCatalog } from '../../src/catalog/JourneyCatalog';
import { DatabaseInstanceStore } from '../../src/database/DatabaseInstanceStore';
import { DatabaseSpanStore } from '../../src/database/DatabaseSpanStore';
import { JourneyQueries } from '../../src/query/JourneyQueries';
import { fmt, log, percentiles } from '../support/figures';
import { quietLogger as logger } from '../support/quietLogger';
import { MultiInsert, openKnex } from '../support/sqliteFiles';
import {
  Attr,
  GenSpan,
  orderId,
  orderIds,
  orderSpans,
  SERVICES,
} from './checkoutTraffic';
import { SPAN_HEAD, TRACE_HEAD } from './journeysTables';
import { BUSINESS_KEYS, LOOKUPS } from './settings';

// 3. Business-key lookup at 1M and 10M stored spans

/** Bare inserts of everything the store and the assembler would have written for `orders` orders. */
export function fill(
  file: string,
  fromOrder: number,
  toOrder: number,
  t0Us: number,
) {
  const db = new Database(file);
  // Fill-only settings (this connection only): no journal, no fsync, a bigger page cache.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  const spansSt = new MultiInsert(db, SPAN_HEAD, 12, 100);
  const tracesSt = new MultiInsert(db, TRACE_HEAD, 12, 100);
  const keysSt = new MultiInsert(
    db,
    'INSERT INTO journeys_keys (value,key,trace_id)',
    3,
    100,
  );
  const linksSt = new MultiInsert(
    db,
    'INSERT INTO journeys_trace_links (trace_id,linked_trace_id)',
    2,
    100,
  );
  const instSt = new MultiInsert(
    db,
    'INSERT INTO journeys_instances (id,journey,status,start_us,end_us,last_activity_us,trace_count,span_count,error_count,services,business_keys,failing_step)',
    12,
    100,
  );
  const membersSt = new MultiInsert(
    db,
    'INSERT INTO journeys_instance_traces (instance_id,trace_id)',
    2,
    100,
  );
  const write = db.transaction((rows: Record<string, unknown[][]>) => {
    spansSt.run(rows.spans);
    tracesSt.run(rows.traces);
    keysSt.run(rows.keys);
    linksSt.run(rows.links);
    instSt.run(rows.instances);
    membersSt.run(rows.members);
  });
  const ORDERS_PER_TX = 2_000; // 60,000 spans
  const started = performance.now();
  let lastReport = started;
  let detailBytes = 0;
  let spanCount = 0;
  for (let from = fromOrder; from < toOrder; from += ORDERS_PER_TX) {
    const rows: Record<string, unknown[][]> = {
      spans: [],
      traces: [],
      keys: [],
      links: [],
      instances: [],
      members: [],
    };
    for (let n = from; n < Math.min(toOrder, from + ORDERS_PER_TX); n++) {
      const ids = orderIds();
      const gen = orderSpans(n, t0Us + n * 50_000);
      const order = orderId(n);
      const errorSpans: GenSpan[] = [];
      for (const g of gen) {
        const attributes: Record<string, Attr> = {};
        for (const [k, v] of g.attributes) attributes[k] = v;
        const route = attributes['http.route'];
        // Smaller than what the normalizer stores (no copied resource, no scope version) to keep
        // 10M spans within a few GB; ~200 bytes.
        const detail = JSON.stringify({
          attributes,
          resource: { 'service.name': g.service },
          events: [],
          linkAttributes: g.link !== undefined ? [{}] : [],
          statusMessage: g.error,
        });
        detailBytes += detail.length;
        rows.spans.push([
          ids.traces[g.trace],
          ids.spans[g.index],
          g.parent >= 0 ? ids.spans[g.parent] : '',
          g.name,
          g.service,
          g.kind,
          g.startUs,
          g.durationUs,
          g.error ? 2 : 0,
          typeof route === 'string' ? route : null,
          g.link !== undefined
            ? `${ids.traces[Math.floor(g.link / 10)]}:${ids.spans[g.link]}`
            : null,
          detail,
        ]);
        if (g.error) errorSpans.push(g);
      }
      const instanceErrors = errorSpans.length;
      for (let t = 0; t < 3; t++) {
        const ts = gen.slice(t * 10, t * 10 + 10);
        const start = ts[0].startUs;
        const end = Math.max(...ts.map(s => s.startUs + s.durationUs));
        const errs = ts.filter(s => s.error);
        const last = errs.length
          ? errs.reduce((a, b) =>
              a.startUs + a.durationUs >= b.startUs + b.durationUs ? a : b,
            )
          : undefined;
        rows.traces.push([
          ids.traces[t],
          start,
          end,
          10,
          errs.length,
          ts[0].service,
          ts[0].name,
          ts[0].error ? 2 : 0,
          last ? last.startUs + last.durationUs : null,
          last
            ? JSON.stringify({
                traceId: ids.traces[t],
                spanId: ids.spans[last.index],
                service: last.service,
                name: last.name,
                message: last.error,
              })
            : null,
          end,
          0,
        ]);
        rows.keys.push([order, 'app.order.id', ids.traces[t]]);
        rows.members.push([ids.traces[0], ids.traces[t]]);
      }
      rows.keys.push(
        [`msg-${n.toString(36)}-oc`, 'messaging.message.id', ids.traces[0]],
        [`msg-${n.toString(36)}-oc`, 'messaging.message.id', ids.traces[1]],
      );
      rows.keys.push(
        [`msg-${n.toString(36)}-pc`, 'messaging.message.id', ids.traces[1]],
        [`msg-${n.toString(36)}-pc`, 'messaging.message.id', ids.traces[2]],
      );
      rows.links.push(
        [ids.traces[1], ids.traces[0]],
        [ids.traces[2], ids.traces[1]],
      );
      const first = gen[0].startUs;
      const lastEnd = Math.max(...gen.map(s => s.startUs + s.durationUs));
      const failing = errorSpans.length
        ? errorSpans[errorSpans.length - 1]
        : undefined;
      rows.instances.push([
        ids.traces[0],
        'journey:default/checkout',
        failing ? 'failed' : 'ok',
        first,
        lastEnd,
        lastEnd,
        3,
        30,
        instanceErrors,
        JSON.stringify(SERVICES),
        JSON.stringify({ 'app.order.id': order }),
        failing
          ? JSON.stringify({
              traceId: ids.traces[failing.trace],
              spanId: ids.spans[failing.index],
              service: failing.service,
              name: failing.name,
              message: failing.error,
            })
          : null,
      ]);
      spanCount += 30;
    }
    write(rows);
    const now = performance.now();
    if (now - lastReport > 15_000) {
      lastReport = now;
      const total = Math.min(toOrder, from + ORDERS_PER_TX) * 30;
      log(
        `    … ${fmt(total)} spans stored (${fmt(
          spanCount / ((now - started) / 1000),
        )} spans/s)`,
      );
    }
  }
  db.close();
  return {
    spans: spanCount,
    seconds: (performance.now() - started) / 1000,
    detailBytes: detailBytes / spanCount,
  };
}

export async function lookups(file: string, orders: number) {
  const db = openKnex(file); // the plugin's path: knex on better-sqlite3, default settings
  const instances = new DatabaseInstanceStore(db);
  const queries = new JourneyQueries(
    instances,
    new DatabaseSpanStore(db),
    JourneyCatalog.fixed([], logger, BUSINESS_KEYS),
    20_000,
  );
  const pick = () => Math.floor(Math.random() * orders);

  // A sample answer, checked in full.
  const sample = orderId(pick());
  const answer = await queries.search(sample);
  const m = answer.matches[0];
  if (
    answer.matches.length !== 1 ||
    m.matchedBy !== 'business-key' ||
    m.instance.traceCount !== 3 ||
    m.instance.businessKeys['app.order.id'] !== sample
  ) {
    throw new Error(
      `search(${sample}) gave an unexpected answer: ${JSON.stringify(
        answer,
      ).slice(0, 500)}`,
    );
  }

  const search: number[] = [];
  const raw: number[] = [];
  let empty = 0;
  for (let i = 0; i < LOOKUPS; i++) {
    const id = orderId(pick());
    let t = performance.now();
    const r = await queries.search(id);
    search.push(performance.now() - t);
    if (r.matches.length === 0) empty++;
    // The two store calls the search is built on, alone.
    const id2 = orderId(pick());
    t = performance.now();
    const traces = await instances.tracesByValue(id2, 2000);
    await instances.instancesOf(traces.map(x => x.traceId));
    raw.push(performance.now() - t);
  }
  await db.destroy();
  if (empty)
    throw new Error(
      `${empty} of ${LOOKUPS} searches for existing order ids found nothing`,
    );
  return {
    search: percentiles(search),
    raw: percentiles(raw),
    sample: `${sample} → instance ${m.instance.id.slice(0, 8)}…, ${
      m.instance.status
    }, ${m.instance.traceCount} traces, ${m.instance.spanCount} spans`,
  };
}
