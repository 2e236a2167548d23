import { InstanceStatus } from '@internal/plugin-journeys-common';
import { JourneyDefinition } from '../catalog/JourneyCatalog';
import {
  FailingStep,
  InstanceFacts,
  RecoveredStep,
  RootCause,
  TraceVerdict,
} from '../types';
import { causeOrder } from './traceVerdict';

/** A member trace of an instance, as the verdict rule reads it. */
export interface MemberTrace {
  traceId: string;
  startUs: number;
  endUs: number;
  spanCount: number;
  errorCount: number;
  completes: string[];
  /** Null until the trace was assembled with the verdict rule (or when it has no backend span). */
  verdict: TraceVerdict | null;
}

const DEFAULT_STUCK_AFTER_MS = 10 * 60_000;
const SERVER = 2;

/**
 * The verdict rule, the same for every instance, declared journey or not (see
 * plugins/journeys-backend/README.md, "Verdicts"):
 * - a step is a server or consumer span and what runs under it; an error anywhere in a live
 *   attempt counts, and attempts of one operation (siblings in a trace, or traces continuing
 *   the same hop: a redelivered message, a retried entry) leave only the latest one live;
 * - rejected: the entry answered 4xx (the user was refused);
 * - failed: a live attempt holds an error; the failing step is the root cause (the deepest
 *   error of the chain that failed first);
 * - ok: the journey's completion step ran (journeys without one: a trace arrived and nothing
 *   failed); recovered-by-replay when that took a replay from a dead-letter queue;
 * - stuck: none of these and quiet for longer than the journey's stuckAfter; else in-flight.
 * Same members, same verdict: every choice breaks ties on time and then on ids.
 */
export function assessInstance(
  journey: JourneyDefinition | undefined,
  entryTraceId: string,
  members: MemberTrace[],
  nowUs: number,
): InstanceFacts {
  const sorted = [...members].sort(
    (a, b) =>
      a.startUs - b.startUs ||
      (a.traceId < b.traceId ? -1 : Number(a.traceId > b.traceId)),
  );
  const byId = new Map(sorted.map(m => [m.traceId, m]));

  // Traces continuing the same hop with the same root operation are attempts of one step.
  const groups = new Map<string, MemberTrace[]>();
  for (const m of sorted) {
    const r = m.verdict?.root;
    if (!r) continue;
    const k = `${r.linkTo ?? ''}\u0000${r.service}\u0000${r.name}\u0000${
      r.messageId ?? ''
    }`;
    const g = groups.get(k);
    if (g) g.push(m);
    else groups.set(k, [m]);
  }
  const superseded = new Set<string>();
  /** Steps recovered across traces, with the trace of the attempt that succeeded. */
  const recoveredHops: Array<{ latest: MemberTrace; attempts: number }> = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const latest = g[g.length - 1];
    g.slice(0, -1).forEach(m => superseded.add(m.traceId));
    if (!latest.verdict?.failure && g.some(m => m.verdict?.firstErrorEndUs))
      recoveredHops.push({ latest, attempts: g.length });
  }

  // A trace is live when it is its step's latest attempt and the hop it continues is live;
  // it is replay-driven when its root or the hop it continues was re-driven by a replay.
  const state = new Map<string, { live: boolean; replay: boolean }>();
  const resolve = (
    m: MemberTrace,
    depth: number,
  ): { live: boolean; replay: boolean } => {
    const known = state.get(m.traceId);
    if (known) return known;
    let live = !superseded.has(m.traceId);
    let replay = m.verdict?.root?.replay ?? false;
    const link = m.verdict?.root?.linkTo;
    const [upId, upSpan] = link ? link.split(':') : [];
    const up = upId ? byId.get(upId) : undefined;
    if (up && up !== m && depth < 100) {
      state.set(m.traceId, { live, replay }); // cycle guard
      const upState = resolve(up, depth + 1);
      live &&= upState.live && !up.verdict?.deadSpans.includes(upSpan);
      replay ||= upState.replay || !!up.verdict?.replaySpans.includes(upSpan);
    }
    const result = { live, replay };
    state.set(m.traceId, result);
    return result;
  };

  let startUs = Infinity;
  let endUs = 0;
  let runEndUs = 0;
  let spanCount = 0;
  let errorCount = 0;
  let firstFailureUs: number | null = null;
  let replayed = false;
  let failure: RootCause | null = null;
  const recoveredSteps: RecoveredStep[] = [];
  const services = new Set<string>();
  for (const m of sorted) {
    startUs = Math.min(startUs, m.startUs);
    endUs = Math.max(endUs, m.endUs);
    spanCount += m.spanCount;
    errorCount += m.errorCount;
    const v = m.verdict;
    if (!v) {
      runEndUs = Math.max(runEndUs, m.endUs);
      continue;
    }
    v.services.forEach(s => services.add(s));
    const { live, replay } = resolve(m, 0);
    if (replay) replayed = true;
    else {
      runEndUs = Math.max(runEndUs, v.ownEndUs);
      if (v.replayEndUs) replayed = true;
      if (v.firstErrorEndUs !== null)
        firstFailureUs =
          firstFailureUs === null
            ? v.firstErrorEndUs
            : Math.min(firstFailureUs, v.firstErrorEndUs);
    }
    if (!live) continue;
    for (const r of v.recovered)
      recoveredSteps.push({ ...r, byReplay: r.byReplay || replay });
    if (v.failure && (!failure || causeOrder(v.failure, failure) < 0))
      failure = v.failure;
  }
  for (const { latest, attempts } of recoveredHops) {
    const { live, replay } = resolve(latest, 0);
    if (live)
      recoveredSteps.push({
        service: latest.verdict!.root!.service,
        name: latest.verdict!.root!.name,
        attempts,
        byReplay: replay,
      });
  }

  const entryRoot = byId.get(entryTraceId)?.verdict?.root;
  const hasRoot = sorted.some(m => m.verdict?.root);
  const completed = journey?.completion
    ? sorted.some(m => m.completes.includes(journey.ref))
    : hasRoot;
  const stuckAfterUs = (journey?.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS) * 1000;

  let status: InstanceStatus;
  let failingStep: FailingStep | null = null;
  if (
    entryRoot?.kind === SERVER &&
    entryRoot.httpStatus !== undefined &&
    entryRoot.httpStatus >= 400 &&
    entryRoot.httpStatus < 500
  ) {
    status = 'rejected';
  } else if (failure) {
    status = 'failed';
    const { startUs: _s, endUs: _e, ...step } = failure;
    failingStep = step;
  } else if (completed) {
    status = replayed && firstFailureUs !== null ? 'recovered-by-replay' : 'ok';
  } else if (nowUs - endUs > stuckAfterUs) {
    status = 'stuck';
    const last = [...sorted].reverse().find(m => m.verdict?.root);
    if (last?.verdict?.root)
      failingStep = {
        traceId: last.traceId,
        spanId: '',
        service: last.verdict.root.service,
        name: last.verdict.root.name,
        message: 'no activity since this step',
      };
  } else status = 'in-flight';

  const start = Number.isFinite(startUs) ? startUs : 0;
  const recovered = status === 'recovered-by-replay';
  return {
    status,
    startUs: start,
    endUs,
    lastActivityUs: endUs,
    durationUs: Math.max(0, (runEndUs || endUs) - start),
    firstFailureUs: recovered ? firstFailureUs : null,
    recoveredUs: recovered ? endUs : null,
    traceCount: members.length,
    spanCount,
    errorCount,
    failingStep,
    recoveredSteps,
    services: [...services].sort(),
  };
}
