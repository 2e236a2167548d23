import { InstanceStatus } from '@internal/plugin-journeys-common';
import { ErrorStep, TraceRow } from '../database/DatabaseSpanStore';
import { JourneyDefinition } from '../journeys/JourneyCatalog';

export type MemberTrace = Pick<
  TraceRow,
  'traceId' | 'startUs' | 'endUs' | 'spanCount' | 'errorCount' | 'rootService' | 'rootName' | 'rootStatus' | 'completes' | 'errorEndUs' | 'errorStep'
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
 * Where one instance stands, from the traces it is made of:
 * - ok: the journey's completion step ran (journeys without one: nothing failed last);
 * - failed: not complete, and the latest step to finish ended in error (a retry that later
 *   succeeds turns it back);
 * - stuck: not complete and quiet for longer than the journey's stuckAfter;
 * - in-flight: otherwise.
 */
export function assessInstance(journey: JourneyDefinition | undefined, members: MemberTrace[], nowUs: number): InstanceFacts {
  let startUs = Infinity;
  let endUs = 0;
  let spanCount = 0;
  let errorCount = 0;
  let last: MemberTrace | undefined;
  let lastError: MemberTrace | undefined;
  for (const m of members) {
    startUs = Math.min(startUs, m.startUs);
    endUs = Math.max(endUs, m.endUs);
    spanCount += m.spanCount;
    errorCount += m.errorCount;
    if (m.rootStatus !== null && (!last || m.endUs > last.endUs)) last = m;
    if (m.errorStep && m.errorEndUs !== null && (!lastError || m.errorEndUs > (lastError.errorEndUs ?? 0))) lastError = m;
  }
  const lastFailed = last?.rootStatus === 2;
  const completed = journey?.completion
    ? members.some(m => m.completes.includes(journey.ref))
    : last !== undefined && !lastFailed;
  let status: InstanceStatus;
  if (completed) status = 'ok';
  else if (lastFailed) status = 'failed';
  else if (nowUs - endUs > (journey?.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS) * 1000) status = 'stuck';
  else status = 'in-flight';

  let failingStep: ErrorStep | null = null;
  if (status === 'failed' || status === 'stuck') {
    failingStep = lastError?.errorStep ?? null;
    if (!failingStep && last?.rootService && last.rootName) {
      failingStep = { traceId: last.traceId, spanId: '', service: last.rootService, name: last.rootName, message: 'no activity since this step' };
    }
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
