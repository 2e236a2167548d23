import type { WaterfallSpan } from '@internal/plugin-journeys-common';

/** One span, by its ids: what the waterfall selects and the drawer shows. */
export interface SpanRef {
  traceId: string;
  spanId: string;
}

/** `traceId:spanId`, the form `criticalPath` uses. */
export const spanKey = (s: SpanRef) => `${s.traceId}:${s.spanId}`;

/** The thin header above the spans of one trace. */
export interface TraceRow {
  type: 'trace';
  key: string;
  traceId: string;
  /** Service of the trace's first root span. */
  service: string;
  startUs: number;
  spanCount: number;
  errorCount: number;
  /** The trace continues another trace through a span link (an async hop). */
  async: boolean;
}

export interface SpanRow {
  type: 'span';
  key: string;
  span: WaterfallSpan;
  /** Nesting under its parent within its trace; 0 for a root. */
  depth: number;
  critical: boolean;
  error: boolean;
  /** Starts a new trace from a message: a CONSUMER span with links (or a linked root). */
  asyncEntry: boolean;
  producer: boolean;
  /** The span this one continues through its first link, when it is part of the instance. */
  linkedFrom: {
    key: string;
    service: string;
    startUs: number;
    endUs: number;
  } | null;
}

export type WaterfallRow = TraceRow | SpanRow;

export interface WaterfallLayout {
  rows: WaterfallRow[];
  /** Earliest span start and latest span end, microseconds since the epoch. */
  startUs: number;
  endUs: number;
  spanCount: number;
  traceCount: number;
}

const SPAN_KIND_PRODUCER = 4;
const SPAN_KIND_CONSUMER = 5;
const STATUS_ERROR = 2;

const byStart = (a: WaterfallSpan, b: WaterfallSpan) =>
  a.startUs - b.startUs || a.spanId.localeCompare(b.spanId);

/**
 * Orders the spans of every trace of an instance for the waterfall: traces by their first start
 * (so hops read top to bottom in time), spans depth-first under their parent, siblings by start.
 * A span whose parent is not in the instance counts as a root of its trace.
 */
export function layoutWaterfall(
  spans: WaterfallSpan[],
  criticalPath: string[],
): WaterfallLayout {
  const critical = new Set(criticalPath);
  const byKey = new Map<string, WaterfallSpan>();
  const traces = new Map<string, WaterfallSpan[]>();
  let startUs = Infinity;
  let endUs = -Infinity;
  for (const s of spans) {
    byKey.set(spanKey(s), s);
    let list = traces.get(s.traceId);
    if (!list) traces.set(s.traceId, (list = []));
    list.push(s);
    startUs = Math.min(startUs, s.startUs);
    endUs = Math.max(endUs, s.startUs + s.durationUs);
  }

  const traceOrder = [...traces.entries()]
    .map(([traceId, list]) => ({ traceId, list: list.sort(byStart) }))
    .sort(
      (a, b) =>
        a.list[0].startUs - b.list[0].startUs ||
        a.traceId.localeCompare(b.traceId),
    );

  const rows: WaterfallRow[] = [];
  for (const { traceId, list } of traceOrder) {
    const ids = new Set(list.map(s => s.spanId));
    const children = new Map<string, WaterfallSpan[]>();
    const roots: WaterfallSpan[] = [];
    for (const s of list) {
      if (
        !s.parentSpanId ||
        !ids.has(s.parentSpanId) ||
        s.parentSpanId === s.spanId
      ) {
        roots.push(s);
      } else {
        let c = children.get(s.parentSpanId);
        if (!c) children.set(s.parentSpanId, (c = []));
        c.push(s);
      }
    }

    const spanRows: SpanRow[] = [];
    // Iterative depth-first walk: a deep chain of thousands of spans must not overflow the stack.
    const stack: Array<{ span: WaterfallSpan; depth: number }> = [];
    for (let i = roots.length - 1; i >= 0; i--)
      stack.push({ span: roots[i], depth: 0 });
    const seen = new Set<string>();
    while (stack.length) {
      const { span, depth } = stack.pop()!;
      if (seen.has(span.spanId)) continue; // a parent cycle in bad data
      seen.add(span.spanId);
      spanRows.push(spanRow(span, depth, critical, byKey));
      const c = children.get(span.spanId);
      if (c)
        for (let i = c.length - 1; i >= 0; i--)
          stack.push({ span: c[i], depth: depth + 1 });
    }

    const first = roots[0] ?? list[0];
    rows.push({
      type: 'trace',
      key: `trace:${traceId}`,
      traceId,
      service: first.service,
      startUs: list[0].startUs,
      spanCount: list.length,
      errorCount: spanRows.filter(r => r.error).length,
      async: spanRows.some(r => r.asyncEntry && r.depth === 0),
    });
    rows.push(...spanRows);
  }

  return {
    rows,
    startUs: Number.isFinite(startUs) ? startUs : 0,
    endUs: Number.isFinite(endUs) ? endUs : 0,
    spanCount: spans.length,
    traceCount: traces.size,
  };
}

function spanRow(
  span: WaterfallSpan,
  depth: number,
  critical: Set<string>,
  byKey: Map<string, WaterfallSpan>,
): SpanRow {
  const links = span.links ?? [];
  const asyncEntry =
    links.length > 0 &&
    (span.kind === SPAN_KIND_CONSUMER || !span.parentSpanId);
  const linked = links.length ? byKey.get(spanKey(links[0])) : undefined;
  const key = spanKey(span);
  return {
    type: 'span',
    key,
    span,
    depth,
    critical: critical.has(key),
    error: span.status === STATUS_ERROR,
    asyncEntry,
    producer: span.kind === SPAN_KIND_PRODUCER,
    linkedFrom: linked
      ? {
          key: spanKey(linked),
          service: linked.service,
          startUs: linked.startUs,
          endUs: linked.startUs + linked.durationUs,
        }
      : null,
  };
}

/** Keeps the spans matching the text (service or name) and the error switch, with their trace headers. */
export function filterRows(
  rows: WaterfallRow[],
  filter: { text: string; errorsOnly: boolean },
): WaterfallRow[] {
  const text = filter.text.trim().toLocaleLowerCase('en-US');
  if (!text && !filter.errorsOnly) return rows;
  const out: WaterfallRow[] = [];
  let header: TraceRow | null = null;
  for (const row of rows) {
    if (row.type === 'trace') {
      header = row;
      continue;
    }
    if (filter.errorsOnly && !row.error) continue;
    if (
      text &&
      !row.span.service.toLocaleLowerCase('en-US').includes(text) &&
      !row.span.name.toLocaleLowerCase('en-US').includes(text)
    ) {
      continue;
    }
    if (header) {
      out.push(header);
      header = null;
    }
    out.push(row);
  }
  return out;
}

/** Tick offsets (µs from the start) at a 1-2-5 step, about `target` of them across `durationUs`. */
export function timeTicks(durationUs: number, target = 6): number[] {
  if (!(durationUs > 0)) return [0];
  const raw = durationUs / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // The 1-2-5 step whose tick count comes closest to the target.
  const step = [1, 2, 5, 10]
    .map(m => m * magnitude)
    .reduce((best, s) =>
      Math.abs(durationUs / s - target) < Math.abs(durationUs / best - target)
        ? s
        : best,
    );
  const ticks: number[] = [];
  for (let t = 0; t <= durationUs + step * 1e-9; t += step) ticks.push(t);
  return ticks;
}
