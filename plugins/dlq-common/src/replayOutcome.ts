import {
  REPLAY_COUNT_KEYS,
  Replay,
  ReplayCountKey,
  ReplayCounts,
  ReplayOutcome,
  ReplayStatus,
  TERMINAL_REPLAY_STATUSES,
} from './api';

/** One runtime job of a replay, as far as its counters go. */
export interface ReplayJobTally {
  total: number;
  counts: Partial<Record<ReplayOutcome, number>>;
}

export const zeroReplayCounts = (): ReplayCounts =>
  Object.fromEntries(REPLAY_COUNT_KEYS.map(k => [k, 0])) as ReplayCounts;

/** Messages that came back to the dead-letter queue after their replay. */
export const failedAgainCount = (counts: Partial<ReplayCounts>): number =>
  (counts['failed-again'] ?? 0) + (counts.parked ?? 0);

/**
 * The one place a replay's status and counters are derived from its runtime jobs, so the
 * replay page, the list, the audit trail, notifications and the API cannot disagree.
 *
 * - Messages in a job carry the runtime's outcome (`replayed` becomes `failed-again` or
 *   `parked` when the message comes back to the failure store after its replay).
 * - Messages the plan froze but no job took: once the main job exists they were gone or no
 *   longer failed (`skipped-missing`); before that they wait (`pending`), unless the
 *   replay has ended (cancelled, stopped by its canary, rejected, expired, failed): then
 *   they, and a stopped job's unpublished items, are `not-attempted`.
 * - A `completed` replay with messages that failed again is `completed-with-failures`,
 *   also when they come back after it was first recorded as completed.
 *
 * The counters always add up to `total`.
 */
export function deriveReplayProgress(input: {
  status: ReplayStatus;
  /** Messages frozen in the plan. */
  total: number;
  jobs: ReplayJobTally[];
  mainJobCreated: boolean;
}): { status: ReplayStatus; progress: Replay['progress'] } {
  const counts = zeroReplayCounts();
  let placed = 0;
  for (const job of input.jobs) {
    for (const [outcome, n] of Object.entries(job.counts)) {
      if (outcome in counts) counts[outcome as ReplayCountKey] += n ?? 0;
    }
    placed += job.total;
  }
  const ended = TERMINAL_REPLAY_STATUSES.includes(input.status);
  const unplaced = Math.max(0, input.total - placed);
  if (input.mainJobCreated) counts['skipped-missing'] += unplaced;
  else if (ended) counts['not-attempted'] += unplaced;
  else counts.pending += unplaced;
  if (ended) {
    counts['not-attempted'] += counts.pending;
    counts.pending = 0;
  }
  const status =
    input.status === 'completed' && failedAgainCount(counts) > 0
      ? 'completed-with-failures'
      : input.status;
  return {
    status,
    progress: {
      total: input.total,
      done: input.total - counts.pending,
      counts,
    },
  };
}

/** How each counter is named to people (UI, audit details, notifications). */
export const REPLAY_COUNT_LABELS: Record<ReplayCountKey, string> = {
  replayed: 'succeeded',
  'failed-again': 'failed again',
  parked: 'parked (failed again too often)',
  'skipped-duplicate': 'skipped as duplicate',
  'skipped-missing': 'gone before its turn',
  'not-attempted': 'not attempted',
  pending: 'pending',
};

export const REPLAY_STATUS_LABELS: Record<ReplayStatus, string> = {
  planned: 'planned',
  'awaiting-approval': 'awaiting approval',
  canary: 'canary running',
  running: 'running',
  completed: 'completed',
  'completed-with-failures': 'completed with failures',
  'canary-failed': 'stopped by canary',
  cancelled: 'cancelled',
  rejected: 'rejected',
  expired: 'expired',
  failed: 'failed',
};

/** The counters in the order people read them: what worked, what did not, what is left. */
export const REPLAY_COUNT_ORDER: ReplayCountKey[] = [
  'replayed',
  'failed-again',
  'parked',
  'skipped-duplicate',
  'skipped-missing',
  'not-attempted',
  'pending',
];

/** "1 succeeded, 77 failed again, 2 not attempted" (counters that are not zero). */
export function describeReplayCounts(counts: Partial<ReplayCounts>): string {
  return (
    REPLAY_COUNT_ORDER.filter(k => counts[k])
      .map(k => `${counts[k]} ${REPLAY_COUNT_LABELS[k]}`)
      .join(', ') || 'nothing done'
  );
}

/**
 * A replay's outcome in one line, e.g. "completed with failures: failed again 3 of 80"
 * or "stopped by canary: failed again 1 of 80, 79 not attempted".
 */
export function replayHeadline(replay: {
  status: ReplayStatus;
  progress: Replay['progress'];
}): string {
  const { counts, total } = replay.progress;
  const label = REPLAY_STATUS_LABELS[replay.status];
  const failed = failedAgainCount(counts);
  const parts: string[] = [];
  if (failed > 0) parts.push(`failed again ${failed} of ${total}`);
  if (counts.replayed > 0 || (failed === 0 && replay.status === 'completed'))
    parts.push(`succeeded ${counts.replayed} of ${total}`);
  if (counts['not-attempted'] > 0)
    parts.push(`${counts['not-attempted']} not attempted`);
  return parts.length ? `${label}: ${parts.join(', ')}` : label;
}

/** How alarming a status is, for its colour: red when nothing succeeded, amber for some. */
export function replayTone(replay: {
  status: ReplayStatus;
  progress: Replay['progress'];
}): 'success' | 'warning' | 'error' | 'active' | 'neutral' {
  switch (replay.status) {
    case 'completed':
      return 'success';
    case 'completed-with-failures':
      return replay.progress.counts.replayed > 0 ? 'warning' : 'error';
    case 'awaiting-approval':
      return 'warning';
    case 'canary':
    case 'running':
      return 'active';
    case 'canary-failed':
    case 'rejected':
    case 'failed':
      return 'error';
    default:
      return 'neutral';
  }
}
