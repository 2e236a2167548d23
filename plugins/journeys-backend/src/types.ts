import { InstanceStatus } from '@internal/plugin-journeys-common';

// The data that flows between ingest, storage and assembly: spans as stored, trace summaries
// and verdicts, instance facts. Every floor imports these from here, so no module reaches
// up into another floor for a type.

/** One span as stored: indexed columns plus a JSON detail blob. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  service: string;
  kind: number;
  startUs: number;
  durationUs: number;
  status: number;
  route: string | null;
  /** `traceId:spanId` of linked spans, space separated; null without links. */
  links: string | null;
  /** Also inside `detail`; kept apart so a batch's error steps need not parse it again. */
  statusMessage?: string;
  /**
   * Came in through the browser (Faro) receiver: untrusted. Shown in its trace, but it never
   * decides a trace's status, root, error step, entry or completion.
   */
  browser: boolean;
  /** What the verdict rule reads, in the portal's own names (see `SpanFacts`); JSON or null. */
  facts: string | null;
  detail: string;
}

/**
 * The few attributes the verdict rule and the failing step need, read through the
 * semantic-convention table (current and older names alike), so assembly never parses
 * `detail`. Only present fields are written.
 */
export interface SpanFacts {
  httpStatus?: number;
  rpcStatus?: number;
  messageId?: string;
  destination?: string;
  operation?: string;
  /** The replay job that re-drove this delivery from a dead-letter queue. */
  replayId?: string;
  /** Status message of an error span (truncated). */
  message?: string;
}

/** Where a request came from: an OTLP exporter with a token, or the portal's browser. */
export type SpanSource = 'otlp' | 'browser';

export interface BusinessKeyRecord {
  traceId: string;
  key: string;
  value: string;
}

export interface NormalizedBatch {
  spans: SpanRecord[];
  keys: BusinessKeyRecord[];
  /** [trace, linked trace] pairs, deduplicated. */
  links: Array<[string, string]>;
  rejected: number;
  /** The first few reasons, each naming where in the request. */
  errors: string[];
}

/** A trace's summary row, kept current by every write. */
export interface TraceRow {
  traceId: string;
  startUs: number;
  endUs: number;
  spanCount: number;
  errorCount: number;
  rootService: string | null;
  rootName: string | null;
  rootStatus: number | null;
  entryJourney: string | null;
  completes: string[];
  errorEndUs: number | null;
  errorStep: ErrorStep | null;
  receivedUs: number;
  /** Spans of the trace that came in through the browser receiver (untrusted). */
  browserSpans: number;
  /** What the trace contributes to its instances' verdicts; null until assembled. */
  verdict: TraceVerdict | null;
}

export interface ErrorStep {
  traceId: string;
  spanId: string;
  service: string;
  name: string;
  message?: string;
}

/** A backend span as the verdict rule reads it (browser spans never take part). */
export interface VerdictSpan {
  spanId: string;
  parentSpanId: string;
  service: string;
  name: string;
  kind: number;
  startUs: number;
  durationUs: number;
  status: number;
  /** `traceId:spanId` of linked spans, space separated. */
  links: string | null;
  facts: SpanFacts | null;
}

/** The span an instance's failure is blamed on: the root cause, not the last error. */
export interface RootCause {
  traceId: string;
  spanId: string;
  service: string;
  name: string;
  message?: string;
  httpStatus?: number;
  rpcStatus?: number;
  destination?: string;
  startUs: number;
  endUs: number;
}

/** An operation that failed and was tried again until an attempt succeeded. */
export interface RecoveredStep {
  service: string;
  name: string;
  attempts: number;
  /** The attempt that succeeded was re-driven from a dead-letter queue. */
  byReplay: boolean;
}

/** What one trace contributes to the verdicts of the instances it belongs to. */
export interface TraceVerdict {
  /** The trace's root span (the earliest span whose parent is not in the trace). */
  root: {
    service: string;
    name: string;
    kind: number;
    startUs: number;
    /** The first span link of the root (`traceId:spanId`): the hop it continues. */
    linkTo: string | null;
    messageId?: string;
    httpStatus?: number;
    replay: boolean;
  } | null;
  /** The root cause among the trace's live error spans; null when none failed. */
  failure: RootCause | null;
  recovered: RecoveredStep[];
  /** Last end among spans not re-driven by a replay; 0 without such spans. */
  ownEndUs: number;
  /** Last end among spans a replay re-drove; 0 without. */
  replayEndUs: number;
  /** Earliest end of an error span (live or superseded) outside replays. */
  firstErrorEndUs: number | null;
  /** Producer and client spans in superseded attempts: hops from them are not live either. */
  deadSpans: string[];
  /** Producer and client spans inside a replay: hops from them are replay-driven. */
  replaySpans: string[];
  services: string[];
}

/** The step blamed for a failed or stuck instance. */
export type FailingStep = Omit<RootCause, 'startUs' | 'endUs'>;

export interface InstanceFacts {
  status: InstanceStatus;
  startUs: number;
  endUs: number;
  lastActivityUs: number;
  /** The journey's own run: first attempt to first outcome (replays excluded). */
  durationUs: number;
  /** End of the first error, for instances finished by a replay. */
  firstFailureUs: number | null;
  /** When the replay finished the instance. */
  recoveredUs: number | null;
  traceCount: number;
  spanCount: number;
  errorCount: number;
  failingStep: FailingStep | null;
  recoveredSteps: RecoveredStep[];
  services: string[];
}
