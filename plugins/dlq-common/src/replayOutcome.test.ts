import {
  describeReplayCounts,
  deriveReplayProgress,
  replayHeadline,
  replayTone,
} from './replayOutcome';
import { REPLAY_COUNT_KEYS } from './api';

const sum = (counts: Record<string, number>) =>
  REPLAY_COUNT_KEYS.reduce((n, k) => n + counts[k], 0);

describe('deriveReplayProgress', () => {
  it('turns a completed replay whose messages came back into completed-with-failures', () => {
    const r = deriveReplayProgress({
      status: 'completed',
      total: 78,
      jobs: [{ total: 78, counts: { replayed: 1, 'failed-again': 77 } }],
      mainJobCreated: true,
    });
    expect(r.status).toBe('completed-with-failures');
    expect(r.progress.counts.replayed).toBe(1);
    expect(r.progress.counts['failed-again']).toBe(77);
    expect(r.progress.done).toBe(78);
    expect(sum(r.progress.counts)).toBe(78);
    expect(replayHeadline(r)).toBe(
      'completed with failures: failed again 77 of 78, succeeded 1 of 78',
    );
    expect(replayTone(r)).toBe('warning');
  });

  it('keeps a clean completed replay completed', () => {
    const r = deriveReplayProgress({
      status: 'completed',
      total: 3,
      jobs: [{ total: 3, counts: { replayed: 2, 'skipped-duplicate': 1 } }],
      mainJobCreated: true,
    });
    expect(r.status).toBe('completed');
    expect(replayTone(r)).toBe('success');
    expect(describeReplayCounts(r.progress.counts)).toBe(
      '2 succeeded, 1 skipped as duplicate',
    );
  });

  it('counts the rest of a replay stopped by its canary as not attempted, not pending', () => {
    const r = deriveReplayProgress({
      status: 'canary-failed',
      total: 80,
      jobs: [{ total: 1, counts: { 'failed-again': 1 } }],
      mainJobCreated: false,
    });
    expect(r.progress.counts.pending).toBe(0);
    expect(r.progress.counts['not-attempted']).toBe(79);
    expect(r.progress.done).toBe(80);
    expect(sum(r.progress.counts)).toBe(80);
    expect(replayHeadline(r)).toBe(
      'stopped by canary: failed again 1 of 80, 79 not attempted',
    );
    expect(replayTone(r)).toBe('error');
  });

  it('counts a cancelled job’s unpublished items and a cancelled plan as not attempted', () => {
    const plan = deriveReplayProgress({
      status: 'cancelled',
      total: 182,
      jobs: [],
      mainJobCreated: false,
    });
    expect(plan.progress.counts['not-attempted']).toBe(182);
    expect(plan.progress.counts.pending).toBe(0);
    const midway = deriveReplayProgress({
      status: 'cancelled',
      total: 10,
      jobs: [{ total: 10, counts: { replayed: 4, pending: 6 } }],
      mainJobCreated: true,
    });
    expect(midway.progress.counts['not-attempted']).toBe(6);
    expect(midway.progress.counts.replayed).toBe(4);
    expect(sum(midway.progress.counts)).toBe(10);
  });

  it('leaves messages of a running replay pending', () => {
    const r = deriveReplayProgress({
      status: 'running',
      total: 10,
      jobs: [{ total: 8, counts: { replayed: 3, pending: 5 } }],
      mainJobCreated: true,
    });
    expect(r.status).toBe('running');
    expect(r.progress.counts.pending).toBe(5);
    expect(r.progress.counts['skipped-missing']).toBe(2);
    expect(r.progress.done).toBe(5);
  });

  it('calls a completed replay whose every message failed again red', () => {
    const r = deriveReplayProgress({
      status: 'completed',
      total: 2,
      jobs: [{ total: 2, counts: { parked: 1, 'failed-again': 1 } }],
      mainJobCreated: true,
    });
    expect(replayTone(r)).toBe('error');
  });
});
