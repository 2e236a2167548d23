import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  DLQ_LIMITS,
  FailureKind,
  PlanReplayRequest,
  REPLAY_STATUSES,
  Replay,
  ReplayCounts,
  ReplayItem,
  ReplayOutcome,
  ReplayStatus,
  RuntimeReplayJob,
  SubmitReplayRequest,
  TERMINAL_REPLAY_STATUSES,
  deriveReplayProgress,
  describeReplayCounts,
  dlqReplayApprovePermission,
  dlqReplayCreatePermission,
  failedAgainCount,
} from '@internal/plugin-dlq-common';
import { randomUUID } from 'node:crypto';
import { AccessGuard, Actor } from '../access/AccessGuard';
import { AuditTrail } from '../audit/AuditTrail';
import { DlqEntityResolver } from '../catalog/DlqEntityResolver';
import { ReplayPolicy } from '../config';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import {
  DatabaseReplayStore,
  StoredReplay,
} from '../database/DatabaseReplayStore';
import { RuntimeClient } from '../runtime/RuntimeClient';
import { RuntimeRegistry } from '../runtime/RuntimeRegistry';
import { permanentAmong } from './PermanentSelection';
import { ReplayEvent, ReplayNotifier } from './ReplayNotifier';

export type { ReplayPolicy } from '../config';

/** Listed as work by default: plans nobody submitted (or that expired) are not. */
const LISTED_BY_DEFAULT = REPLAY_STATUSES.filter(
  s => s !== 'planned' && s !== 'expired',
);
const ACTIVE: ReplayStatus[] = ['canary', 'running'];
const PAGE = 500;
/** What a replay becomes when its main runtime job ends. */
const STATUS_OF_ENDED_JOB: Partial<Record<string, ReplayStatus>> = {
  completed: 'completed',
  cancelled: 'cancelled',
};

/** Where a replay goes once it may start: canary first when it has one. */
const startStatus = (canarySize: number): ReplayStatus =>
  canarySize > 0 ? 'canary' : 'running';

const minutes = (ms: number) =>
  ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;

/**
 * The safe replay flow: plan (freeze the message ids, dry run on the runtime) → submit
 * with a reason → approval by a second person above a threshold → optional canary →
 * rate-limited runtime job → done, cancelled or halted. Each runtime job is created with
 * an Idempotency-Key derived from the replay, so a retried step (crash, second backend
 * instance, scheduler and request racing) never starts a second job.
 */
export class ReplayCoordinator {
  private readonly trail: AuditTrail;

  constructor(
    private readonly runtimes: RuntimeRegistry,
    private readonly entities: DlqEntityResolver,
    private readonly replays: DatabaseReplayStore,
    private readonly audit: DatabaseAuditStore,
    private readonly guard: AccessGuard,
    private readonly policy: ReplayPolicy,
    private readonly logger: LoggerService,
    private readonly notifier: ReplayNotifier = new ReplayNotifier(
      undefined,
      logger,
    ),
  ) {
    this.trail = new AuditTrail(audit, logger);
  }

  /** When a plan made at `createdAt` expires (ISO time). */
  private expiresAt(createdAt: string) {
    return new Date(Date.parse(createdAt) + this.policy.plannedTtlMs);
  }

  /**
   * Moves plans older than `dlq.replay.plannedTtl` to `expired` (the scheduler calls this;
   * submit checks the one it is given too). Returns how many expired.
   */
  async expirePlans(): Promise<number> {
    const before = new Date(
      Date.now() - this.policy.plannedTtlMs,
    ).toISOString();
    let expired = 0;
    for (const replay of await this.replays.plannedBefore(before, 500)) {
      if (await this.expire(replay)) expired++;
    }
    return expired;
  }

  private async expire(replay: StoredReplay): Promise<boolean> {
    const moved = await this.replays.transition(replay.id, ['planned'], {
      status: 'expired',
      finishedAt: new Date().toISOString(),
    });
    if (moved) {
      await this.audit.append({
        actor: replay.requester,
        action: 'replay.expire',
        runtime: replay.runtime,
        dlq: replay.dlq,
        replayId: replay.id,
        messageCount: replay.messageIds.length,
        reason: null,
        outcome: 'succeeded',
        detail: `plan not submitted within ${minutes(
          this.policy.plannedTtlMs,
        )}; ${replay.messageIds.length} not attempted`,
      });
    }
    return moved;
  }

  private async notify(
    id: string,
    event: ReplayEvent,
    context: { owner?: string; actor?: string } = {},
  ) {
    try {
      await this.notifier.notify(
        await this.view(await this.load(id)),
        event,
        context,
      );
    } catch (e) {
      this.logger.warn(
        `replay ${id}: no ${event} notification: ${(e as Error).message}`,
      );
    }
  }

  /**
   * The two-person rule over a rolling window: more than `approvalThreshold` messages by
   * one requester on one queue within `approvalWindowMs`, counting this replay and the
   * requester's other unapproved ones (planned, submitted or replayed), need approval.
   */
  private windowOf(replay: {
    requester: string;
    runtime: string;
    dlq: string;
  }) {
    return {
      requester: replay.requester,
      runtime: replay.runtime,
      dlq: replay.dlq,
      since: new Date(Date.now() - this.policy.approvalWindowMs).toISOString(),
    };
  }

  private needsApproval(count: number, earlier: number) {
    return count + earlier > this.policy.approvalThreshold;
  }

  private approvalNote(count: number, earlier: number) {
    const window = minutes(this.policy.approvalWindowMs);
    return this.needsApproval(count, earlier)
      ? `${count} messages + ${earlier} unapproved by the same requester on this queue in the last ${window} > ${this.policy.approvalThreshold}: needs approval`
      : `${count + earlier} messages in the last ${window}: no approval needed`;
  }

  private checkRate(rate: number) {
    const { minRatePerSecond } = DLQ_LIMITS;
    if (
      !Number.isFinite(rate) ||
      rate < minRatePerSecond ||
      rate > this.policy.maxRatePerSecond
    ) {
      throw new InputError(
        `ratePerSecond must be from ${minRatePerSecond} to ${this.policy.maxRatePerSecond} messages per second, got ${rate}`,
      );
    }
  }

  private async target(runtime: RuntimeClient, dlq: string) {
    const overview = await runtime.call(api =>
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
    const replay = await this.trail.attempt(
      {
        actor: actor.ref,
        action: 'replay.plan',
        runtime: runtime.name,
        dlq: request.dlq,
      },
      async note => {
        const rate = request.ratePerSecond ?? this.policy.defaultRatePerSecond;
        this.checkRate(rate);
        const target = await this.target(runtime, request.dlq);
        await this.guard.require(
          actor,
          dlqReplayCreatePermission,
          target,
          'plan a replay',
        );
        const selected = request.selection.ids
          ? [...new Set(request.selection.ids)]
          : await this.collect(runtime, request);
        // Messages that look permanent will likely fail again: left out unless asked.
        const excluded = request.excludePermanent ?? true;
        const permanent = await permanentAmong(
          runtime,
          request,
          selected,
          this.policy.maxMessages,
        );
        const ids = excluded
          ? selected.filter(id => !permanent.ids.has(id))
          : selected;
        const plan =
          ids.length === 0
            ? { count: 0, targets: [], skipped: [], estimatedSeconds: 0 }
            : await runtime.call(api =>
                api.POST('/v1/replays/plan', {
                  body: {
                    dlq: request.dlq,
                    ids,
                    ratePerSecond: rate,
                    skipUnavailable: true,
                  },
                }),
              );
        const earlier = await this.replays.unapprovedVolume(
          this.windowOf({ ...target, requester: actor.ref }),
        );
        const stored: StoredReplay = {
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
            permanent: { ...permanent.summary, excluded },
          },
          requester: actor.ref,
          reason: null,
          canarySize: 0,
          ratePerSecond: rate,
          approvalRequired: this.needsApproval(plan.count, earlier),
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
        await this.replays.insert(stored);
        note.replayId = stored.id;
        note.messageCount = plan.count;
        note.detail = `planned at ${rate}/s; ${this.approvalNote(
          plan.count,
          earlier,
        )}; ${permanent.summary.count} of ${selected.length} look permanent (${
          excluded ? 'left out' : 'kept in'
        })`;
        return stored;
      },
    );
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
      const page = await this.failedPage(runtime, request.dlq, {
        ...filter,
        fingerprint,
        status: 'failed',
        limit: PAGE,
        cursor,
      });
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

  private failedPage(
    runtime: RuntimeClient,
    dlq: string,
    query: {
      fingerprint?: string;
      status: 'failed';
      limit: number;
      cursor?: string;
      businessId?: string;
      errorClass?: string;
      classification?: FailureKind;
      from?: string;
      to?: string;
    },
  ) {
    return runtime.call(api =>
      api.GET('/v1/dlqs/{dlq}/messages', { params: { path: { dlq }, query } }),
    );
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
    // Set when the replay now waits for approval: whom to ask.
    let owner: string | null | undefined;
    await this.trail.attempt(
      {
        actor: actor.ref,
        action: 'replay.submit',
        runtime: replay.runtime,
        dlq: replay.dlq,
        replayId: id,
        messageCount: replay.plan.count,
        reason: request.reason,
      },
      async note => {
        if (replay.requester !== actor.ref) {
          throw new NotAllowedError(
            `replay ${id} was planned by ${replay.requester}; plan your own`,
          );
        }
        if (
          replay.status === 'planned' &&
          this.expiresAt(replay.createdAt).getTime() <= Date.now()
        ) {
          await this.expire(replay);
          throw new ConflictError(
            `replay ${id}'s plan expired at ${this.expiresAt(
              replay.createdAt,
            ).toISOString()} (plans are kept ${minutes(
              this.policy.plannedTtlMs,
            )}); plan it again to see what is failed now`,
          );
        }
        if (replay.status !== 'planned')
          throw new ConflictError(
            `replay ${id} is ${replay.status}, not planned`,
          );
        const runtime = this.runtimes.get(replay.runtime);
        const target = await this.target(runtime, replay.dlq);
        await this.guard.require(
          actor,
          dlqReplayCreatePermission,
          target,
          'replay messages',
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
        // Counted again under a lock: other plans may have been submitted since this one
        // was planned, or concurrently with it.
        const window = this.windowOf(replay);
        const decided = await this.replays.withLock(
          `dlq-approval|${window.requester}|${window.runtime}|${window.dlq}`,
          async store => {
            const earlier = await store.unapprovedVolume({
              ...window,
              excludeId: id,
            });
            const approvalRequired =
              replay.approvalRequired ||
              this.needsApproval(replay.plan.count, earlier);
            const moved = await store.transition(id, ['planned'], {
              status: approvalRequired
                ? 'awaiting-approval'
                : startStatus(canarySize),
              approvalRequired,
              reason: request.reason,
              canarySize,
              submittedAt: new Date().toISOString(),
            });
            return moved ? { earlier, approvalRequired } : undefined;
          },
        );
        if (!decided)
          throw new ConflictError(`replay ${id} was submitted already`);
        if (decided.approvalRequired) owner = target.entities.owner ?? null;
        note.detail = decided.approvalRequired
          ? `${this.approvalNote(
              replay.plan.count,
              decided.earlier,
            )}; waits for approval`
          : `started${canarySize ? ` with a canary of ${canarySize}` : ''} at ${
              replay.ratePerSecond
            }/s`;
      },
    );
    if (owner !== undefined) {
      await this.notify(id, 'approval-requested', {
        owner: owner ?? undefined,
      });
    }
    return this.get(id);
  }

  async decide(
    actor: Actor,
    id: string,
    approve: boolean,
    comment?: string,
  ): Promise<Replay> {
    const replay = await this.load(id);
    const verb = approve ? 'approve' : 'reject';
    await this.trail.attempt(
      {
        actor: actor.ref,
        action: approve ? 'replay.approve' : 'replay.reject',
        runtime: replay.runtime,
        dlq: replay.dlq,
        replayId: id,
        messageCount: replay.plan.count,
        reason: comment ?? null,
      },
      async () => {
        const target = await this.target(
          this.runtimes.get(replay.runtime),
          replay.dlq,
        );
        await this.guard.require(
          actor,
          dlqReplayApprovePermission,
          target,
          `${verb} replays`,
        );
        if (replay.requester === actor.ref) {
          throw new NotAllowedError(
            `${actor.ref} requested replay ${id} and cannot ${verb} it; a second person must`,
          );
        }
        const now = new Date().toISOString();
        const moved = await this.replays.transition(id, ['awaiting-approval'], {
          status: approve ? startStatus(replay.canarySize) : 'rejected',
          approver: actor.ref,
          decisionComment: comment ?? null,
          decidedAt: now,
          ...(approve ? {} : { finishedAt: now }),
        });
        if (!moved)
          throw new ConflictError(
            `replay ${id} is ${replay.status}, not awaiting approval`,
          );
      },
    );
    await this.notify(id, approve ? 'approved' : 'rejected', {
      actor: actor.ref,
    });
    return this.get(id);
  }

  async cancel(actor: Actor, id: string, reason?: string): Promise<Replay> {
    const replay = await this.load(id);
    await this.trail.attempt(
      {
        actor: actor.ref,
        action: 'replay.cancel',
        runtime: replay.runtime,
        dlq: replay.dlq,
        replayId: id,
        messageCount: replay.plan.count,
        reason: reason ?? null,
      },
      async note => {
        const runtime = this.runtimes.get(replay.runtime);
        if (replay.requester !== actor.ref) {
          await this.guard.require(
            actor,
            dlqReplayCreatePermission,
            await this.target(runtime, replay.dlq),
            'cancel replays',
          );
        }
        if (TERMINAL_REPLAY_STATUSES.includes(replay.status)) {
          throw new ConflictError(`replay ${id} is ${replay.status} already`);
        }
        // Mark first, so a concurrent advance() starts nothing new; then stop the job.
        const moved = await this.replays.transition(id, [replay.status], {
          status: 'cancelled',
          finishedAt: new Date().toISOString(),
        });
        if (!moved)
          throw new ConflictError(
            `replay ${id} changed while cancelling; try again`,
          );
        const jobId = replay.jobs.main ?? replay.jobs.canary;
        note.detail = 'cancelled before it started';
        if (jobId) {
          const job = await this.job(runtime, jobId);
          if (job.status === 'pending' || job.status === 'running') {
            await runtime.call(api =>
              api.POST('/v1/replays/{id}/cancel', {
                params: { path: { id: jobId } },
                body: {
                  requester: actor.ref,
                  reason: reason ?? 'cancelled in the portal',
                },
              }),
            );
          }
          note.detail = `runtime job ${jobId} stopped`;
        }
      },
    );
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
    const replays = await this.replays.list({
      ...query,
      status: query.status?.length ? query.status : LISTED_BY_DEFAULT,
    });
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
        const answer = await this.jobItems(runtime, job, {
          outcome: page.outcome,
          after: after - offset,
          limit: page.limit - items.length,
        });
        const shift = offset;
        items.push(...answer.items.map(i => ({ ...i, seq: i.seq + shift })));
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

  private jobItems(
    runtime: RuntimeClient,
    id: string,
    query: { outcome?: ReplayOutcome; after: number; limit: number },
  ) {
    return runtime.call(api =>
      api.GET('/v1/replays/{id}/items', { params: { path: { id }, query } }),
    );
  }

  private job(runtime: RuntimeClient, id: string): Promise<RuntimeReplayJob> {
    return runtime.call(api =>
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
          (
            await this.progress(replay)
          ).progress.counts,
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
    // Replayed messages that fail again come back after the consumer's retries: wait
    // for them before calling the replay completed (late ones still turn it red).
    const settled =
      Date.now() - Date.parse(job.finishedAt ?? job.createdAt) >=
      this.policy.canarySettleMs;
    if (job.status === 'completed' && !settled) return replay;
    const ended = STATUS_OF_ENDED_JOB[job.status] ?? 'failed';
    const { status, progress } = await this.progress({
      ...replay,
      status: ended,
    });
    await this.finish(replay, 'running', status, progress.counts, job.error);
    return this.load(replay.id);
  }

  private async createJob(
    replay: StoredReplay,
    runtime: RuntimeClient,
    stage: 'canary' | 'main',
    ids: string[],
  ) {
    try {
      return await runtime.call(api =>
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
          (
            await this.progress({ ...replay, status: 'failed' })
          ).progress.counts,
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
    await this.recordFinish(
      replay,
      status === 'completed' ? 'succeeded' : 'failed',
      `${status}: ${describeReplayCounts(counts)}${error ? ` (${error})` : ''}`,
      status === 'canary-failed' ? 'canary-stopped' : 'finished',
    );
  }

  /** The `replay.finish` audit entry and the requester's notification. */
  private async recordFinish(
    replay: StoredReplay,
    outcome: 'succeeded' | 'failed',
    detail: string,
    event: ReplayEvent,
  ) {
    await this.audit.append({
      actor: replay.requester,
      action: 'replay.finish',
      runtime: replay.runtime,
      dlq: replay.dlq,
      replayId: replay.id,
      messageCount: replay.messageIds.length,
      reason: replay.reason,
      outcome,
      detail,
    });
    await this.notify(replay.id, event);
  }

  /** Status and counters from the replay's jobs, by the one rule in deriveReplayProgress. */
  private async progress(
    replay: StoredReplay,
  ): Promise<Pick<Replay, 'status' | 'progress'>> {
    const runtime = this.runtimes.get(replay.runtime);
    const jobs: RuntimeReplayJob[] = [];
    for (const id of [replay.jobs.canary, replay.jobs.main]) {
      if (id) jobs.push(await this.job(runtime, id));
    }
    return deriveReplayProgress({
      status: replay.status,
      total: replay.messageIds.length,
      jobs,
      mainJobCreated: !!replay.jobs.main,
    });
  }

  private async view(replay: StoredReplay): Promise<Replay> {
    const { messageIds, ratePerSecond, finalCounts, ...rest } = replay;
    const derived =
      replay.jobs.canary || replay.jobs.main
        ? await this.progress(replay)
        : deriveReplayProgress({
            status: replay.status,
            total: messageIds.length,
            jobs: [],
            mainJobCreated: false,
          });
    if (derived.status !== replay.status) {
      // Messages came back after the replay was recorded as completed: record it too.
      await this.lateFailures(replay, derived.progress.counts);
    }
    return { ...rest, ...derived };
  }

  private async lateFailures(replay: StoredReplay, counts: ReplayCounts) {
    const moved = await this.replays.transition(replay.id, ['completed'], {
      status: 'completed-with-failures',
      finalCounts: counts,
    });
    if (!moved) return;
    await this.recordFinish(
      replay,
      'failed',
      `completed-with-failures: ${failedAgainCount(
        counts,
      )} came back after the replay completed; ${describeReplayCounts(counts)}`,
      'finished',
    );
  }
}
