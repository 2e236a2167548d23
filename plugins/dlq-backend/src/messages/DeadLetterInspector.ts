import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DlqListResponse,
  DlqOverview,
  FailureStatus,
  FingerprintGroup,
  MessageDetail,
  MessageFilter,
  MessagePage,
  dlqMessageManagePermission,
} from '@internal/plugin-dlq-common';
import { AccessGuard, Actor } from '../access/AccessGuard';
import { AuditTrail } from '../audit/AuditTrail';
import { DlqEntityResolver } from '../catalog/DlqEntityResolver';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { RuntimeClient } from '../runtime/RuntimeClient';
import { RuntimeRegistry } from '../runtime/RuntimeRegistry';
import { attemptHistory } from './attemptHistory';
import { PiiMasker } from './PiiMasker';
import { runtimeProblem } from './runtimeProblem';

/** Reads dead-letter queues and messages through the runtimes, with catalog context. */
export class DeadLetterInspector {
  private readonly trail: AuditTrail;

  constructor(
    private readonly runtimes: RuntimeRegistry,
    private readonly entities: DlqEntityResolver,
    private readonly masker: PiiMasker,
    private readonly guard: AccessGuard,
    audit: DatabaseAuditStore,
    private readonly traceUrl: string,
    logger: LoggerService,
  ) {
    this.trail = new AuditTrail(audit, logger);
  }

  /** Every DLQ of every runtime; a runtime that fails is reported, the others still listed. */
  async list(options: {
    entityRef?: string;
    inflowHours?: number;
  }): Promise<DlqListResponse> {
    const results = await Promise.allSettled(
      this.runtimes
        .all()
        .map(runtime => this.listRuntime(runtime, options.inflowHours)),
    );
    const items: DlqOverview[] = [];
    const errors: DlqListResponse['errors'] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') items.push(...r.value);
      else errors.push(runtimeProblem(this.runtimes.all()[i], r.reason));
    });
    const ref = options.entityRef?.toLowerCase();
    return {
      items: ref
        ? items.filter(d =>
            [d.entities.consumer, d.entities.queue, d.entities.owner].includes(
              ref,
            ),
          )
        : items,
      errors,
    };
  }

  private async listRuntime(runtime: RuntimeClient, inflowHours?: number) {
    const [{ items }, byQueue] = await Promise.all([
      runtime.call(api => api.GET('/v1/dlqs')),
      this.entities.forRuntime(runtime.name),
    ]);
    return Promise.all(
      items.map(async dlq => ({
        ...dlq,
        runtime: runtime.name,
        entities: byQueue.get(dlq.name) ?? {
          consumer: `component:default/${dlq.consumer}`,
        },
        inflow: inflowHours
          ? await this.inflow(runtime, dlq.name, inflowHours)
          : [],
      })),
    );
  }

  private async inflow(runtime: RuntimeClient, dlq: string, hours: number) {
    const bucketMinutes = hours <= 24 ? 60 : 360;
    const { buckets } = await runtime.call(api =>
      api.GET('/v1/dlqs/{dlq}/inflow', {
        params: { path: { dlq }, query: { hours, bucketMinutes } },
      }),
    );
    return buckets;
  }

  async get(
    runtimeName: string,
    dlq: string,
    inflowHours = 24,
  ): Promise<DlqOverview> {
    const runtime = this.runtimes.get(runtimeName);
    const [overview, inflow] = await Promise.all([
      runtime.call(api =>
        api.GET('/v1/dlqs/{dlq}', { params: { path: { dlq } } }),
      ),
      this.inflow(runtime, dlq, inflowHours),
    ]);
    return {
      ...overview,
      runtime: runtime.name,
      entities: await this.entities.resolve(
        runtime.name,
        dlq,
        overview.consumer,
      ),
      inflow,
    };
  }

  async groups(
    runtimeName: string,
    dlq: string,
    status?: FailureStatus,
  ): Promise<FingerprintGroup[]> {
    const { items } = await this.runtimes.get(runtimeName).call(api =>
      api.GET('/v1/dlqs/{dlq}/groups', {
        params: { path: { dlq }, query: { status } },
      }),
    );
    return items;
  }

  async messages(
    runtimeName: string,
    dlq: string,
    filter: MessageFilter,
  ): Promise<MessagePage> {
    return this.runtimes.get(runtimeName).call(api =>
      api.GET('/v1/dlqs/{dlq}/messages', {
        params: { path: { dlq }, query: filter },
      }),
    );
  }

  async message(runtimeName: string, id: string): Promise<MessageDetail> {
    const runtime = this.runtimes.get(runtimeName);
    const message = await runtime.call(api =>
      api.GET('/v1/messages/{id}', { params: { path: { id } } }),
    );
    const body = this.masker.maskBody(message.body);
    const scrub = (text: string) => this.masker.scrub(text, body.values);
    const named = this.masker.maskHeaders(
      message.headers as Record<string, unknown>,
    );
    const headers = JSON.parse(scrub(JSON.stringify(named.headers)));
    return {
      runtime: runtime.name,
      message: {
        ...message,
        body: body.text,
        headers,
        errorMessage: scrub(message.errorMessage),
        stack: scrub(message.stack),
        statusReason: message.statusReason && scrub(message.statusReason),
      },
      formattedBody: body.text,
      bodyIsJson: body.isJson,
      masked: [...body.masked, ...named.masked],
      attempts: attemptHistory(message),
      traceUrl: message.traceId
        ? this.traceUrl
            .replace('{traceId}', encodeURIComponent(message.traceId))
            .replace('{orderId}', encodeURIComponent(message.orderId ?? ''))
        : null,
      entities: await this.entities.resolve(
        runtime.name,
        message.dlq,
        message.consumer,
      ),
    };
  }

  /**
   * Archives or purges messages of one queue. Every id is checked to belong to it (the
   * permission is the queue's); an id of another queue is refused (400) and audited as
   * denied. The runtime refuses ids in a running replay (409) after doing the others; the
   * audit entry records the outcome either way.
   */
  async manage(
    actor: Actor,
    runtimeName: string,
    dlq: string,
    action: 'archive' | 'purge',
    ids: string[],
    reason: string,
  ): Promise<string[]> {
    const runtime = this.runtimes.get(runtimeName);
    return this.trail.attempt(
      {
        actor: actor.ref,
        action: action === 'archive' ? 'message.archive' : 'message.purge',
        runtime: runtime.name,
        dlq,
        messageCount: ids.length,
        reason,
      },
      async note => {
        const overview = await runtime.call(api =>
          api.GET('/v1/dlqs/{dlq}', { params: { path: { dlq } } }),
        );
        await this.guard.require(
          actor,
          dlqMessageManagePermission,
          {
            runtime: runtime.name,
            dlq,
            entities: await this.entities.resolve(
              runtime.name,
              dlq,
              overview.consumer,
            ),
          },
          `${action} messages`,
        );
        for (let i = 0; i < ids.length; i += 25) {
          const batch = await Promise.all(
            ids.slice(i, i + 25).map(id => this.failedMessage(runtime, id)),
          );
          const stranger = batch.find(m => m.dlq !== dlq);
          if (stranger) {
            note.denied = true;
            throw new InputError(
              `message ${stranger.id} belongs to '${stranger.dlq}', not '${dlq}'`,
            );
          }
        }
        const body = { ids, reason, requester: actor.ref };
        const done =
          action === 'archive'
            ? (
                await runtime.call(api =>
                  api.POST('/v1/messages/archive', { body }),
                )
              ).archived
            : (
                await runtime.call(api =>
                  api.POST('/v1/messages/purge', { body }),
                )
              ).purged;
        note.messageCount = done.length;
        note.detail = `${done.length} of ${ids.length} ${action}d`;
        return done;
      },
    );
  }

  private failedMessage(runtime: RuntimeClient, id: string) {
    return runtime.call(api =>
      api.GET('/v1/messages/{id}', { params: { path: { id } } }),
    );
  }
}
