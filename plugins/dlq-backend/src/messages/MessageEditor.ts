import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  EditPreview,
  EditReplayRequest,
  EditReplayResult,
  dlqReplayCreatePermission,
} from '@internal/plugin-dlq-common';
import { AccessGuard, Actor } from '../access/AccessGuard';
import { AuditTrail } from '../audit/AuditTrail';
import { DlqEntityResolver } from '../catalog/DlqEntityResolver';
import { ReplayPolicy } from '../config';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseReplayStore } from '../database/DatabaseReplayStore';
import { RuntimeRegistry } from '../runtime/RuntimeRegistry';
import {
  checkBody,
  diffText,
  lineDiff,
  problemsText,
  unmask,
} from './EditedBody';
import { MessageSchemaResolver } from './MessageSchemaResolver';
import { PiiMasker } from './PiiMasker';

/** The stored body as JSON; a poison body that is not JSON has no values to put back. */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The refusal of an edited body: 400, its message lists each problem with its path. */
export class InvalidBodyError extends InputError {}

/**
 * "Edit and replay" of one failed message (ServicePulse's edit and retry): the edited body
 * is checked against the payload schema of the message's topic (its AsyncAPI document in
 * the catalog), here and not only in the browser; the runtime publishes it under a new
 * message id and keeps the original. Same permission and two-person rule as a replay of
 * the queue; the audit entry keeps the diff with personal data masked.
 */
export class MessageEditor {
  private readonly trail: AuditTrail;

  constructor(
    private readonly runtimes: RuntimeRegistry,
    private readonly entities: DlqEntityResolver,
    private readonly schemas: MessageSchemaResolver,
    private readonly masker: PiiMasker,
    private readonly guard: AccessGuard,
    audit: DatabaseAuditStore,
    private readonly replays: DatabaseReplayStore,
    private readonly policy: ReplayPolicy,
    logger: LoggerService,
  ) {
    this.trail = new AuditTrail(audit, logger);
  }

  private async load(runtimeName: string, id: string) {
    const runtime = this.runtimes.get(runtimeName);
    const message = await runtime.call(api =>
      api.GET('/v1/messages/{id}', { params: { path: { id } } }),
    );
    const entities = await this.entities.resolve(
      runtime.name,
      message.dlq,
      message.consumer,
    );
    return { runtime, message, entities };
  }

  /** Checks an edited body: JSON, masks put back, the topic's schema; and the diff. */
  private async check(
    message: {
      body: string;
      contentType: string;
      exchange: string;
      routingKey: string;
    },
    edited: string,
  ): Promise<EditPreview & { publish?: string }> {
    const original = this.masker.maskBody(message.body);
    const isJson = original.isJson || /json/i.test(message.contentType);
    const resolved = isJson
      ? await this.schemas.resolve(message.exchange, message.routingKey)
      : { found: false as const, why: 'the message is not JSON' };
    const base = {
      schema: resolved.found ? resolved.source : null,
      schemaMissing: resolved.found ? null : resolved.why,
    };
    if (!isJson) {
      const diff = lineDiff(original.text, this.masker.maskBody(edited).text);
      return {
        ...base,
        valid: true,
        problems: [],
        diff,
        changed: edited !== message.body,
        publish: edited,
      };
    }
    const parsed = checkBody(edited, undefined);
    if (parsed.problems.length) {
      return {
        ...base,
        valid: false,
        problems: parsed.problems,
        diff: lineDiff(original.text, edited),
        changed: true,
      };
    }
    let full: unknown;
    try {
      full = unmask(parsed.value, parseOrUndefined(message.body));
    } catch (e) {
      return {
        ...base,
        valid: false,
        problems: [{ path: '', message: (e as Error).message }],
        diff: lineDiff(original.text, edited),
        changed: true,
      };
    }
    const publish = JSON.stringify(full);
    const checked = checkBody(
      publish,
      resolved.found ? resolved.schema : undefined,
    );
    const diff = lineDiff(original.text, this.masker.maskBody(publish).text);
    return {
      ...base,
      valid: checked.problems.length === 0,
      problems: checked.problems,
      diff,
      changed: diff.some(l => l.kind !== 'same'),
      publish,
    };
  }

  async preview(
    actor: Actor,
    runtimeName: string,
    id: string,
    body: string,
  ): Promise<EditPreview> {
    const { message, entities } = await this.load(runtimeName, id);
    await this.guard.requireRead(actor, { dlq: message.dlq, entities });
    const { publish: _publish, ...preview } = await this.check(message, body);
    return preview;
  }

  async replay(
    actor: Actor,
    runtimeName: string,
    id: string,
    request: EditReplayRequest,
  ): Promise<EditReplayResult> {
    const { runtime, message, entities } = await this.load(runtimeName, id);
    return this.trail.attempt(
      {
        actor: actor.ref,
        action: 'message.edit-replay',
        runtime: runtime.name,
        dlq: message.dlq,
        messageCount: 1,
        reason: request.reason,
      },
      async note => {
        await this.guard.require(
          actor,
          dlqReplayCreatePermission,
          { runtime: runtime.name, dlq: message.dlq, entities },
          'edit and replay a message',
        );
        // The two-person rule of replays, with this message as a replay of one.
        const since = new Date(
          Date.now() - this.policy.approvalWindowMs,
        ).toISOString();
        const earlier = await this.replays.unapprovedVolume({
          requester: actor.ref,
          runtime: runtime.name,
          dlq: message.dlq,
          since,
        });
        if (1 + earlier > this.policy.approvalThreshold) {
          throw new NotAllowedError(
            `${earlier} messages replayed by ${actor.ref} on '${message.dlq}' in the approval window + this one exceed ${this.policy.approvalThreshold}: plan a replay and ask a second person to approve it`,
          );
        }
        const checked = await this.check(message, request.body);
        if (!checked.valid || checked.publish === undefined) {
          throw new InvalidBodyError(
            `the edited body is refused: ${problemsText(checked.problems)}`,
          );
        }
        if (!checked.changed) {
          throw new InvalidBodyError(
            'the edited body is the same as the original; replay the message instead',
          );
        }
        const result = await runtime.call(api =>
          api.POST('/v1/messages/{id}/replay', {
            params: { path: { id } },
            body: {
              body: checked.publish!,
              reason: request.reason,
              requester: actor.ref,
            },
          }),
        );
        note.detail = [
          `message ${result.originalMessageId} replayed edited as ${result.messageId}`,
          checked.schema
            ? `checked against ${checked.schema.api} ${checked.schema.channel} (v${checked.schema.version})`
            : `no schema (${checked.schemaMissing}): JSON syntax only`,
          'diff (personal data masked):',
          diffText(checked.diff),
        ].join('\n');
        return {
          failureId: result.failureId,
          originalMessageId: result.originalMessageId,
          messageId: result.messageId,
          replayedAt: result.replayedAt,
        };
      },
    );
  }
}
