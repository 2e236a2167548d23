import { RecoveredStep, RootCause, TraceVerdict, VerdictSpan } from '../types';

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const MAX_HOP_SPANS = 1000;
/** Deeper subtrees count their errors but are not searched for a root cause (stack safety). */
const MAX_DEPTH = 500;

/** An error: the span's status, or a server answering 5xx (some instrumentations leave it unset). */
export function isError(s: VerdictSpan): boolean {
  return (
    s.status === 2 || (s.kind === SERVER && (s.facts?.httpStatus ?? 0) >= 500)
  );
}

const byStart = (a: VerdictSpan, b: VerdictSpan) =>
  a.startUs - b.startUs ||
  (a.spanId < b.spanId ? -1 : Number(a.spanId > b.spanId));

/** Siblings with the same service, name, kind (and message id) are attempts of one operation. */
const attemptKey = (s: VerdictSpan) =>
  `${s.service}\u0000${s.name}\u0000${s.kind}\u0000${s.facts?.messageId ?? ''}`;

/** Root cause order: the error chain that failed first, then start, then span id. */
export function causeOrder(a: RootCause, b: RootCause): number {
  return (
    a.endUs - b.endUs ||
    a.startUs - b.startUs ||
    (a.traceId + a.spanId < b.traceId + b.spanId ? -1 : 1)
  );
}

export function toRootCause(traceId: string, s: VerdictSpan): RootCause {
  const f = s.facts ?? {};
  return {
    traceId,
    spanId: s.spanId,
    service: s.service,
    name: s.name,
    ...(f.message !== undefined && { message: f.message }),
    ...(f.httpStatus !== undefined && { httpStatus: f.httpStatus }),
    ...(f.rpcStatus !== undefined && { rpcStatus: f.rpcStatus }),
    ...(f.destination !== undefined && { destination: f.destination }),
    startUs: s.startUs,
    endUs: s.startUs + s.durationUs,
  };
}

/**
 * The verdict rule inside one trace. Spans form a tree; among siblings, spans of the same
 * operation (service, name, kind, message id) are attempts — an HTTP retry, a redelivered
 * message — and only the latest attempt is live: an earlier attempt's errors are recovered
 * when the latest one has none. An error counts wherever it sits in a live subtree; the
 * root cause is the deepest error of the chain that failed first (an error span with no
 * live error below it, earliest end first). Spans under one that carries a replay id were
 * re-driven from a dead-letter queue. Deterministic: ties break on start time and span id.
 */
export function traceVerdict(
  traceId: string,
  spans: VerdictSpan[],
  /** Every service of the trace, the browser's included (shown, never judged). */
  services: string[] = spans.map(s => s.service),
): TraceVerdict {
  const ids = new Set(spans.map(s => s.spanId));
  const children = new Map<string, VerdictSpan[]>();
  const roots: VerdictSpan[] = [];
  for (const s of spans) {
    if (
      s.parentSpanId &&
      ids.has(s.parentSpanId) &&
      s.parentSpanId !== s.spanId
    ) {
      const list = children.get(s.parentSpanId);
      if (list) list.push(s);
      else children.set(s.parentSpanId, [s]);
    } else roots.push(s);
  }
  roots.sort(byStart);

  // Post-order: does a span's own subtree hold an error (ignoring attempts)?
  const errorBelow = new Map<string, boolean>();
  const order: VerdictSpan[] = [];
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s.spanId)) continue;
    seen.add(s.spanId);
    order.push(s);
    for (const c of children.get(s.spanId) ?? []) stack.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const s = order[i];
    errorBelow.set(
      s.spanId,
      isError(s) ||
        (children.get(s.spanId) ?? []).some(c => errorBelow.get(c.spanId)),
    );
  }

  const recovered: RecoveredStep[] = [];
  const leaves: RootCause[] = [];
  const deadSpans: string[] = [];
  const replaySpans: string[] = [];
  let ownEndUs = 0;
  let replayEndUs = 0;
  let firstErrorEndUs: number | null = null;

  /** Walks a sibling list; returns whether a live error sits in it. */
  const walk = (
    siblings: VerdictSpan[],
    live: boolean,
    replay: boolean,
    depth: number,
  ): boolean => {
    const groups = new Map<string, VerdictSpan[]>();
    for (const s of siblings) {
      const k = attemptKey(s);
      const g = groups.get(k);
      if (g) g.push(s);
      else groups.set(k, [s]);
    }
    let liveError = false;
    for (const group of groups.values()) {
      group.sort(byStart);
      const latest = group[group.length - 1];
      if (
        group.length > 1 &&
        !errorBelow.get(latest.spanId) &&
        group.some(s => errorBelow.get(s.spanId))
      ) {
        recovered.push({
          service: latest.service,
          name: latest.name,
          attempts: group.length,
          byReplay: replay || latest.facts?.replayId !== undefined,
        });
      }
      for (const s of group) {
        const spanLive = live && s === latest;
        const spanReplay = replay || s.facts?.replayId !== undefined;
        const end = s.startUs + s.durationUs;
        if (spanReplay) replayEndUs = Math.max(replayEndUs, end);
        else ownEndUs = Math.max(ownEndUs, end);
        if (isError(s) && !spanReplay)
          firstErrorEndUs =
            firstErrorEndUs === null ? end : Math.min(firstErrorEndUs, end);
        if (s.kind === PRODUCER || s.kind === CLIENT) {
          if (!spanLive && deadSpans.length < MAX_HOP_SPANS)
            deadSpans.push(s.spanId);
          if (spanReplay && replaySpans.length < MAX_HOP_SPANS)
            replaySpans.push(s.spanId);
        }
        const kids = children.get(s.spanId) ?? [];
        const below =
          depth < MAX_DEPTH
            ? walk(kids, spanLive, spanReplay, depth + 1)
            : kids.some(c => errorBelow.get(c.spanId));
        if (spanLive && isError(s) && !below)
          leaves.push(toRootCause(traceId, s));
        if (spanLive && (below || isError(s))) liveError = true;
      }
    }
    return liveError;
  };
  walk(roots, true, false, 0);

  leaves.sort(causeOrder);
  const root = roots[0];
  return {
    root: root
      ? {
          service: root.service,
          name: root.name,
          kind: root.kind,
          startUs: root.startUs,
          linkTo: root.links ? root.links.split(' ')[0] : null,
          ...(root.facts?.messageId !== undefined && {
            messageId: root.facts.messageId,
          }),
          ...(root.facts?.httpStatus !== undefined && {
            httpStatus: root.facts.httpStatus,
          }),
          replay: root.facts?.replayId !== undefined,
        }
      : null,
    failure: leaves[0] ?? null,
    recovered,
    ownEndUs,
    replayEndUs,
    firstErrorEndUs,
    deadSpans,
    replaySpans,
    services: [...new Set(services)].sort(),
  };
}
