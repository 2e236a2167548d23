import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  PlanReplayRequest,
  REPLAY_OUTCOMES as OUTCOMES,
  Replay,
  ReplayCounts,
  ReplayItem,
  ReplayOutcome,
  ReplayStatus,
  RuntimeReplayJob,
  SubmitReplayRequest,
  TERMINAL_REPLAY_STATUSES,
  dlqReplayApprovePermission,
  dlqReplayCreatePermission,
} from '@internal/plugin-dlq-common';
import { randomUUID } from 'node:crypto';
import { AccessGuard, Actor } from '../access/AccessGuard';
import { DlqEntityResolver } from '../catalog/DlqEntityResolver';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import {
  DatabaseReplayStore,
  StoredReplay,
} from '../database/DatabaseReplayStore';
import { RuntimeClient } from '../runtime/RuntimeClient';
import { RuntimeRegistry } from '../runtime/RuntimeRegistry';

export interface ReplayPolicy {
  approvalThreshold: number;
  defaultRatePerSecond: number;
  maxRatePerSecond: number;
  maxMessages: number;
  canarySettleMs: number;
}

const zeroCounts = () =>
  Object.fromEntries(OUTCOMES.map(o => [o, 0])) as ReplayCounts;
const ACTIVE: ReplayStatus[] = ['canary', 'running'];
const PAGE = 500;

/**
 * The safe replay flow: plan (freeze the message ids, dry run on the runtime) → submit
 * with a reason → approval by a second person above a threshold → optional canary →
 * rate-limited runtime job → done, cancelled or halted. Each runtime job is created with
 * an Idempotency-Key derived from the replay, so a retried step (crash, second backend
 * instance, scheduler and request racing) never starts a second job.
 */
export class ReplayCoordinator {
  constructor(
    private readonly runtimes: RuntimeRegistry,
    private readonly entities: DlqEntityResolver,
    private readonly replays: DatabaseReplayStore,
    private readonly audit: DatabaseAuditStore,
    private readonly guard: AccessGuard,
    private readonly policy: ReplayPolicy,
    private readonly logger: LoggerService,
  ) {}

  private async target(runtime: RuntimeClient, dlq: string) {
    const overview = await runtime.call('GET /v1/dlqs/{dlq}', api =>
      api.GET('/v1/dlqs/{dlq}', { params: { path: { dlq } } }),
    );
    return {
      runtime: runtime.name,
      dlq,
      entities: await this.entities.resolve(
        runtime.name,
        dlq,
        overview.consumer,
      ),
    };
  }

  async plan(actor: Actor, request: PlanReplayRequest): Promise<Replay> {
    const runtime = this.runtimes.get(request.runtime);
    const rate = request.ratePerSecond ?? this.policy.defaultRatePerSecond;
    if (!(rate > 0) || rate > this.policy.maxRatePerSecond) {
      throw new InputError(
        `ratePerSecond must be > 0 and at most ${this.policy.maxRatePerSecond}, got ${rate}`,
      );
    }
    const target = await this.target(runtime, request.dlq);
    await this.guard.require(
      actor,
      dlqReplayCreatePermission,
      target,
      'plan a replay',
    );

    const ids = request.selection.ids
      ? [...new Set(request.selection.ids)]
      : await this.collect(runtime, request);
    const plan =
      ids.length === 0
        ? { count: 0, targets: [], skipped: [], estimatedSeconds: 0 }
        : await runtime.call('POST /v1/replays/plan', api =>
            api.POST('/v1/replays/plan', {
              body: {
                dlq: request.dlq,
                ids,
                ratePerSecond: rate,
                skipUnavailable: true,
              },
            }),
          );
    const replay: StoredReplay = {
      id: randomUUID(),
      runtime: runtime.name,
      dlq: request.dlq,
      status: 'planned',
      selection: request.selection,
      messageIds: ids,
      plan: {
        count: plan.count,
        targets: plan.targets,
        skipped: plan.skipped.slice(0, 1000),
        ratePerSecond: rate,
        estimatedSeconds: plan.estimatedSeconds,
        plannedAt: new Date().toISOString(),
      },
      requester: actor.ref,
      reason: null,
      canarySize: 0,
      ratePerSecond: rate,
      approvalRequired: plan.count > this.policy.approvalThreshold,
      approver: null,
      decisionComment: null,
      jobs: { canary: null, main: null },
      finalCounts: null,
      error: null,
      createdAt: new Date().toISOString(),
      submittedAt: null,
      decidedAt: null,
      finishedAt: null,
    };
    await this.replays.insert(replay);
    return this.view(replay);
  }

  /** The failed messages a group or filter selects right now, frozen into the plan. */
  private async collect(
    runtime: RuntimeClient,
    request: PlanReplayRequest,
  ): Promise<string[]> {
    const { fingerprint, filter } = request.selection;
    if (!fingerprint && !filter)
      throw new InputError('selection needs ids, a fingerprint or a filter');
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await runtime.call('GET /v1/dlqs/{dlq}/messages', api =>
        api.GET('/v1/dlqs/{dlq}/messages', {
          params: {
            path: { dlq: request.dlq },
            query: {
              ...filter,
              fingerprint,
              status: 'failed',
              limit: PAGE,
              cursor,
            },
          },
        }),
      );
      ids.push(...page.items.map(m => m.id));
      if (ids.length > this.policy.maxMessages) {
        throw new InputError(
          `the selection matches more than ${this.policy.maxMessages} messages; narrow it with a filter`,
        );
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  private async load(id: string): Promise<StoredReplay> {
    const replay = await this.replays.get(id);
    if (!replay) throw new NotFoundError(`no replay '${id}'`);
    return replay;
  }

  async submit(
    actor: Actor,
    id: string,
    request: SubmitReplayRequest,
  ): Promise<Replay> {
    const replay = await this.load(id);
    if (replay.requester !== actor.ref) {
      throw new NotAllowedError(
        `replay ${id} was planned by ${replay.requester}; plan your own`,
      );
    }
    if (replay.status !== 'planned')
      throw new ConflictError(`replay ${id} is ${replay.status}, not planned`);
    const runtime = this.runtimes.get(replay.runtime);
    const target = await this.target(runtime, replay.dlq);
    const audit = {
      action: 'replay.submit' as const,
      replayId: id,
      messageCount: replay.plan.count,
      reason: request.reason,
    };
    await this.guard.require(
      actor,
      dlqReplayCreatePermission,
      target,
      'replay messages',
      audit,
    );
    if (replay.plan.count === 0) {
      throw new ConflictError(
        'nothing to replay: the plan selected no message that is still failed',
      );
    }
    const canarySize = request.canarySize ?? 0;
    if (canarySize >= replay.messageIds.length) {
      throw new InputError(
        `canarySize must be smaller than the ${replay.messageIds.length} planned messages`,
      );
    }
    const status: ReplayStatus = replay.approvalRequired
      ? 'awaiting-approval'
      : canarySize > 0
      ? 'canary'
      : 'running';
    const moved = await this.replays.transition(id, ['planned'], {
      status,
      reason: request.reason,
      canarySize,
      submittedAt: new Date().toISOString(),
    });
    if (!moved) throw new ConflictError(`replay ${id} was submitted already`);
    await this.audit.append({
      ...audit,
      actor: actor.ref,
      runtime: replay.runtime,
      dlq: replay.dlq,
      outcome: 'succeeded',
      detail: replay.approvalRequired
        ? `${replay.plan.count} messages > ${this.policy.approvalThreshold}: waits for approval`
        : `started${canarySize ? ` with a canary of ${canarySize}` : ''} at ${
            replay.ratePerSecond
          }/s`,
    });
    return this.get(id);
  }

  async decide(
    actor: Actor,
    id: string,
    approve: boolean,
    comment?: string,
  ): Promise<Replay> {
    const replay = await this.load(id);
    const action = approve
      ? ('replay.approve' as const)
      : ('replay.reject' as const);
    const audit = {
      action,
      replayId: id,
      messageCount: replay.plan.count,
      reason: comment ?? null,
    };
    const target = await this.target(
      this.runtimes.get(replay.runtime),
      replay.dlq,
    );
    await this.guard.require(
      actor,
      dlqReplayApprovePermission,
      target,
      `${approve ? 'approve' : 'reject'} replays`,
      audit,
    );
    if (replay.requester === actor.ref) {
      const message = `${actor.ref} requested replay ${id} and cannot ${
        approve ? 'approve' : 'reject'
      } it; a second person must`;
      await this.audit.append({
        ...audit,
        actor: actor.ref,
        runtime: replay.runtime,
        dlq: replay.dlq,
        outcome: 'denied',
        detail: message,
      });
      throw new NotAllowedError(message);
    }
    const status: ReplayStatus = !approve
      ? 'rejected'
      : replay.canarySize > 0
      ? 'canary'
      : 'running';
    const now = new Date().toISOString();
    const moved = await this.replays.transition(id, ['awaiting-approval'], {
      status,
      approver: actor.ref,
      decisionComment: comment ?? null,
      decidedAt: now,
      ...(approve ? {} : { finishedAt: now }),
    });
    if (!moved)
      throw new ConflictError(
        `replay ${id} is ${replay.status}, not awaiting approval`,
      );
    await this.audit.append({
      ...audit,
      actor: actor.ref,
      runtime: replay.runtime,
      dlq: replay.dlq,
      outcome: 'succeeded',
    });
    return this.get(id);
  }

  async cancel(actor: Actor, id: string, reason?: string): Promise<Replay> {
    const replay = await this.load(id);
    const audit = {
      action: 'replay.cancel' as const,
      replayId: id,
      messageCount: replay.plan.count,
      reason: reason ?? null,
    };
    if (replay.requester !== actor.ref) {
      const target = await this.target(
        this.runtimes.get(replay.runtime),
        replay.dlq,
      );
      await this.guard.require(
        actor,
        dlqReplayCreatePermission,
        target,
        'cancel replays',
        audit,
      );
    }
    if (TERMINAL_REPLAY_STATUSES.includes(replay.status)) {
      throw new ConflictError(`replay ${id} is ${replay.status} already`);
    }
    const runtime = this.runtimes.get(replay.runtime);
    // Mark first, so a concurrent advance() starts nothing new; then stop the running job.
    const moved = await this.replays.transition(id, [replay.status], {
      status: 'cancelled',
      finishedAt: new Date().toISOString(),
    });
    if (!moved)
      throw new ConflictError(
        `replay ${id} changed while cancelling; try again`,
      );
    const jobId = replay.jobs.main ?? replay.jobs.canary;
    let detail = 'cancelled before it started';
    if (jobId) {
      const job = await runtime.call('GET /v1/replays/{id}', api =>
        api.GET('/v1/replays/{id}', { params: { path: { id: jobId } } }),
      );
      if (job.status === 'pending' || job.status === 'running') {
        await runtime.call('POST /v1/replays/{id}/cancel', api =>
          api.POST('/v1/replays/{id}/cancel', {
            params: { path: { id: jobId } },
            body: {
              requester: actor.ref,
              reason: reason ?? 'cancelled in the portal',
            },
          }),
        );
      }
      detail = `runtime job ${jobId} stopped`;
    }
    await this.audit.append({
      ...audit,
      actor: actor.ref,
      runtime: replay.runtime,
      dlq: replay.dlq,
      outcome: 'succeeded',
      detail,
    });
    return this.get(id);
  }

  async get(id: string): Promise<Replay> {
    let replay = await this.load(id);
    try {
      replay = await this.advance(replay);
    } catch (e) {
      // The scheduler retries; reading the replay must not fail because a step did.
      this.logger.warn(`replay ${id}: ${(e as Error).message}`);
      replay = await this.load(id);
    }
    return this.view(replay);
  }

  async list(query: {
    runtime?: string;
    dlq?: string;
    status?: ReplayStatus[];
    limit: number;
  }) {
    const replays = await this.replays.list(query);
    return Promise.all(
      replays.map(r =>
        this.view(r).catch(() =>
          this.view({ ...r, jobs: { canary: null, main: null } }),
        ),
      ),
    );
  }

  /** Outcomes per message, across the canary and the main job, in plan order. */
  async items(
    id: string,
    page: { outcome?: ReplayOutcome; after?: number; limit: number },
  ) {
    const replay = await this.load(id);
    const runtime = this.runtimes.get(replay.runtime);
    const jobs = [replay.jobs.canary, replay.jobs.main].filter(
      (j): j is string => !!j,
    );
    // Sequence numbers continue from the canary into the main job.
    const items: ReplayItem[] = [];
    let offset = 0;
    let after = page.after ?? -1;
    for (const job of jobs) {
      const runtimeJob = await this.job(runtime, job);
      if (after < offset + runtimeJob.total) {
        const answer = await runtime.call('GET /v1/replays/{id}/items', api =>
          api.GET('/v1/replays/{id}/items', {
            params: {
              path: { id: job },
              query: {
                outcome: page.outcome,
                after: after - offset,
                limit: page.limit - items.length,
              },
            },
          }),
        );
        items.push(...answer.items.map(i => ({ ...i, seq: i.seq + offset })));
        if (items.length >= page.limit) break;
        after = offset + runtimeJob.total - 1;
      }
      offset += runtimeJob.total;
    }
    return {
      items,
      nextAfter:
        items.length >= page.limit ? items[items.length - 1].seq : null,
    };
  }

  private job(runtime: RuntimeClient, id: string): Promise<RuntimeReplayJob> {
    return runtime.call('GET /v1/replays/{id}', api =>
      api.GET('/v1/replays/{id}', { params: { path: { id } } }),
    );
  }

  /** Advances every active replay (the scheduler calls this). */
  async advanceAll(): Promise<void> {
    for (const replay of await this.replays.list({
      status: ACTIVE,
      limit: 100,
    })) {
      await this.advance(replay).catch(e =>
        this.logger.warn(`replay ${replay.id}: ${(e as Error).message}`),
      );
    }
  }

  /**
   * One step of an active replay: create the job its status needs (idempotently), or
   * move on when the job finished. Safe to run concurrently and repeatedly.
   */
  async advance(replay: StoredReplay): Promise<StoredReplay> {
    if (!ACTIVE.includes(replay.status)) return replay;
    const runtime = this.runtimes.get(replay.runtime);
    const canaryIds = replay.messageIds.slice(0, replay.canarySize);
    const mainIds = replay.messageIds.slice(replay.canarySize);

    if (replay.status === 'canary') {
      if (!replay.jobs.canary) {
        const job = await this.createJob(replay, runtime, 'canary', canaryIds);
        await this.replays.transition(replay.id, ['canary'], {
          canaryJobId: job.id,
        });
        return this.load(replay.id);
      }
      const job = await this.job(runtime, replay.jobs.canary);
      if (job.status === 'pending' || job.status === 'running') return replay;
      const settled =
        Date.now() - Date.parse(job.finishedAt ?? job.createdAt) >=
        this.policy.canarySettleMs;
      if (job.status === 'completed' && !settled) return replay;
      const bad = job.counts['failed-again'] + job.counts.parked;
      if (job.status !== 'completed' || bad > 0) {
        const error =
          job.status !== 'completed'
            ? `canary job ${job.status}${job.error ? `: ${job.error}` : ''}`
            : `${bad} of ${canaryIds.length} canary messages failed again; the rest was not replayed`;
        await this.finish(
          replay,
          'canary',
          'canary-failed',
          job.counts as ReplayCounts,
          error,
        );
        return this.load(replay.id);
      }
      if (
        await this.replays.transition(replay.id, ['canary'], {
          status: 'running',
        })
      ) {
        return this.advance(await this.load(replay.id));
      }
      return this.load(replay.id);
    }

    if (!replay.jobs.main) {
      const job = await this.createJob(replay, runtime, 'main', mainIds);
      await this.replays.transition(replay.id, ['running'], {
        mainJobId: job.id,
      });
      return this.load(replay.id);
    }
    const job = await this.job(runtime, replay.jobs.main);
    if (job.status === 'pending' || job.status === 'running') return replay;
    const counts = await this.progress(replay).then(p => p.counts);
    const status: ReplayStatus =
      job.status === 'completed'
        ? 'completed'
        : job.status === 'cancelled'
        ? 'cancelled'
        : 'failed';
    await this.finish(replay, 'running', status, counts, job.error);
    return this.load(replay.id);
  }

  private async createJob(
    replay: StoredReplay,
    runtime: RuntimeClient,
    stage: 'canary' | 'main',
    ids: string[],
  ) {
    try {
      return await runtime.call('POST /v1/replays', api =>
        api.POST('/v1/replays', {
          params: {
            header: {
              'Idempotency-Key': `portal-replay:${replay.id}:${stage}`,
            },
          },
          body: {
            dlq: replay.dlq,
            ids,
            skipUnavailable: true,
            ratePerSecond: replay.ratePerSecond,
            reason: replay.reason ?? 'replay from the portal',
            requester: replay.requester,
          },
        }),
      );
    } catch (e) {
      // 409: nothing left to publish (all gone or in another replay): the replay ends here.
      if (e instanceof ConflictError) {
        await this.finish(
          replay,
          replay.status,
          'failed',
          zeroCounts(),
          e.message,
        );
      }
      throw e;
    }
  }

  private async finish(
    replay: StoredReplay,
    from: ReplayStatus,
    status: ReplayStatus,
    counts: ReplayCounts,
    error: string | null,
  ) {
    const moved = await this.replays.transition(replay.id, [from], {
      status,
      finalCounts: counts,
      error,
      finishedAt: new Date().toISOString(),
    });
    if (!moved) return;
    await this.audit.append({
      actor: replay.requester,
      action: 'replay.finish',
      runtime: replay.runtime,
      dlq: replay.dlq,
      replayId: replay.id,
      messageCount: replay.messageIds.length,
      reason: replay.reason,
      outcome: status === 'completed' ? 'succeeded' : 'failed',
      detail: `${status}: ${
        OUTCOMES.filter(o => counts[o])
          .map(o => `${counts[o]} ${o}`)
          .join(', ') || 'nothing done'
      }${error ? ` (${error})` : ''}`,
    });
  }

  /** Counts across the replay's jobs; messages not yet in a job are pending. */
  private async progress(replay: StoredReplay): Promise<Replay['progress']> {
    const total = replay.messageIds.length;
    const counts = zeroCounts();
    const runtime = this.runtimes.get(replay.runtime);
    let placed = 0;
    for (const id of [replay.jobs.canary, replay.jobs.main]) {
      if (!id) continue;
      const job = await this.job(runtime, id);
      for (const o of OUTCOMES) counts[o] += job.counts[o] ?? 0;
      placed += job.total;
    }
    const unplaced = total - placed;
    // Once the main job exists, ids not in a job were gone or no longer failed by then;
    // before (or after a halted canary) they wait untouched in the DLQ.
    if (replay.jobs.main) counts['skipped-missing'] += Math.max(0, unplaced);
    else counts.pending += Math.max(0, unplaced);
    return { total, done: total - counts.pending, counts };
  }

  private async view(replay: StoredReplay): Promise<Replay> {
    const { messageIds, ratePerSecond, finalCounts, ...rest } = replay;
    const progress =
      replay.jobs.canary || replay.jobs.main
        ? await this.progress(replay)
        : {
            total: messageIds.length,
            done: 0,
            counts: { ...zeroCounts(), pending: messageIds.length },
          };
    return { ...rest, progress };
  }
}
