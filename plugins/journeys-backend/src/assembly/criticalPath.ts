import { WaterfallSpan } from '@internal/plugin-journeys-common';

const idOf = (s: { traceId: string; spanId: string }) => `${s.traceId}:${s.spanId}`;

/**
 * The chain of spans that decided when the instance ended: from the span that ended last,
 * back through parents and, at a trace's root, through its span link to the span that
 * published the message (the async hop), up to the entry.
 */
export function criticalPath(spans: WaterfallSpan[]): string[] {
  if (spans.length === 0) return [];
  const byId = new Map(spans.map(s => [idOf(s), s]));
  let current = spans.reduce((a, b) => (b.startUs + b.durationUs > a.startUs + a.durationUs ? b : a));
  const path: string[] = [];
  const seen = new Set<string>();
  while (current && !seen.has(idOf(current))) {
    seen.add(idOf(current));
    path.push(idOf(current));
    const parent: WaterfallSpan | undefined = current.parentSpanId
      ? byId.get(`${current.traceId}:${current.parentSpanId}`)
      : current.links.map(l => byId.get(idOf(l))).find(Boolean);
    current = parent!;
  }
  return path.reverse();
}
