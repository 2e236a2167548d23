import { WaterfallSpan } from '@internal/plugin-journeys-common';

const idOf = (s: { traceId: string; spanId: string }) =>
  `${s.traceId}:${s.spanId}`;
const endOf = (s: WaterfallSpan) => s.startUs + s.durationUs;

/**
 * The chain of spans that decided when the instance ended: from the entry, at each step
 * into the child — a child span in the same trace, or a span in another trace linking to
 * it (the async hop) — whose subtree ends last.
 */
export function criticalPath(spans: WaterfallSpan[]): string[] {
  if (spans.length === 0) return [];
  const byId = new Map(spans.map(s => [idOf(s), s]));
  const children = new Map<string, WaterfallSpan[]>();
  const hasPredecessor = new Set<string>();
  const addChild = (parent: string, child: WaterfallSpan) => {
    if (!byId.has(parent) || parent === idOf(child)) return;
    hasPredecessor.add(idOf(child));
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  for (const s of spans) {
    if (s.parentSpanId) addChild(`${s.traceId}:${s.parentSpanId}`, s);
    else for (const l of s.links) addChild(idOf(l), s);
  }

  // Latest end within each subtree, iteratively (hostile links could form cycles or deep chains).
  const subtreeEnd = new Map<string, number>();
  const roots = spans.filter(s => !hasPredecessor.has(idOf(s)));
  const stack: Array<{ span: WaterfallSpan; expanded: boolean }> = (
    roots.length ? roots : [spans[0]]
  ).map(span => ({ span, expanded: false }));
  const onPath = new Set<string>();
  while (stack.length) {
    const top = stack[stack.length - 1];
    const id = idOf(top.span);
    if (!top.expanded) {
      top.expanded = true;
      onPath.add(id);
      for (const c of children.get(id) ?? []) {
        if (!subtreeEnd.has(idOf(c)) && !onPath.has(idOf(c)))
          stack.push({ span: c, expanded: false });
      }
      continue;
    }
    stack.pop();
    onPath.delete(id);
    let end = endOf(top.span);
    for (const c of children.get(id) ?? [])
      end = Math.max(end, subtreeEnd.get(idOf(c)) ?? endOf(c));
    subtreeEnd.set(id, end);
  }

  let current: WaterfallSpan | undefined = (
    roots.length ? roots : spans
  ).reduce((a, b) => (b.startUs < a.startUs ? b : a));
  const path: string[] = [];
  const seen = new Set<string>();
  while (current && !seen.has(idOf(current))) {
    seen.add(idOf(current));
    path.push(idOf(current));
    let next: WaterfallSpan | undefined;
    for (const c of children.get(idOf(current)) ?? []) {
      if (
        !next ||
        (subtreeEnd.get(idOf(c)) ?? 0) > (subtreeEnd.get(idOf(next)) ?? 0)
      )
        next = c;
    }
    current = next;
  }
  return path;
}
