import { InstanceStatus } from '@internal/plugin-journeys-common';
import { ErrorStep, TraceRow } from '../database/DatabaseSpanStore';
import { JourneyDefinition } from '../journeys/JourneyCatalog';

export type MemberTrace = Pick<
  TraceRow,
  | 'traceId'
  | 'startUs'
  | 'endUs'
  | 'spanCount'
  | 'errorCount'
  | 'rootService'
  | 'rootName'
  | 'rootStatus'
  | 'completes'
  | 'errorEndUs'
  | 'errorStep'
>;

export interface InstanceFacts {
  status: InstanceStatus;
  startUs: number;
  endUs: number;
  lastActivityUs: number;
  traceCount: number;
  spanCount: number;
  errorCount: number;
  failingStep: ErrorStep | null;
}

const DEFAULT_STUCK_AFTER_MS = 10 * 60_000;

/**
 * Where one instance stands, from the traces it is made of. Traces whose root is the same
 * step (service and span name) are attempts of that step — a redelivered message starts a
 * new trace — and only a step's latest attempt counts:
 * - ok: the journey's completion step ran (journeys without one: no step failed);
 * - failed: not complete, and some step's latest attempt ended in error (a retry that later
 *   succeeds turns it back);
 * - stuck: not complete and quiet for longer than the journey's stuckAfter;
 * - in-flight: otherwise.
 */
export function assessInstance(
  journey: JourneyDefinition | undefined,
  members: MemberTrace[],
  nowUs: number,
): InstanceFacts {
  let startUs = Infinity;
  let endUs = 0;
  let spanCount = 0;
  let errorCount = 0;
  let last: MemberTrace | undefined;
  const latestAttempt = new Map<string, MemberTrace>();
  for (const m of members) {
    startUs = Math.min(startUs, m.startUs);
    endUs = Math.max(endUs, m.endUs);
    spanCount += m.spanCount;
    errorCount += m.errorCount;
    if (m.rootStatus === null) continue;
    if (!last || m.endUs > last.endUs) last = m;
    const step = `${m.rootService}\u0000${m.rootName}`;
    const seen = latestAttempt.get(step);
    if (!seen || m.startUs > seen.startUs) latestAttempt.set(step, m);
  }
  const failedSteps = [...latestAttempt.values()]
    .filter(m => m.rootStatus === 2)
    .sort((a, b) => b.endUs - a.endUs);
  const completed = journey?.completion
    ? members.some(m => m.completes.includes(journey.ref))
    : last !== undefined && failedSteps.length === 0;
  let status: InstanceStatus;
  if (completed) status = 'ok';
  else if (failedSteps.length) status = 'failed';
  else if (
    nowUs - endUs >
    (journey?.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS) * 1000
  )
    status = 'stuck';
  else status = 'in-flight';

  let failingStep: ErrorStep | null = null;
  if (status === 'failed') failingStep = failedSteps[0].errorStep;
  if (status === 'stuck' && last?.rootService && last.rootName) {
    failingStep = {
      traceId: last.traceId,
      spanId: '',
      service: last.rootService,
      name: last.rootName,
      message: 'no activity since this step',
    };
  }
  return {
    status,
    startUs: Number.isFinite(startUs) ? startUs : 0,
    endUs,
    lastActivityUs: endUs,
    traceCount: members.length,
    spanCount,
    errorCount,
    failingStep,
  };
}
