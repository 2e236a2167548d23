import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  DlqAccess,
  DlqEntities,
  dlqAuditReadPermission,
  dlqMessageManagePermission,
  dlqMessageReadPermission,
  dlqReplayApprovePermission,
  dlqReplayCreatePermission,
} from '@internal/plugin-dlq-common';

/** Who is asking: the signed-in user and the credentials to act on their behalf. */
export interface Actor {
  ref: string;
  credentials: BackstageCredentials<BackstageUserPrincipal>;
}

/**
 * Permission checks on a queue's catalog entity. Refusals are NotAllowedErrors; the
 * state-changing flows record them on the audit trail (AuditTrail.attempt).
 */
export class AccessGuard {
  constructor(private readonly permissions: PermissionsService) {}

  /**
   * Reading a queue's messages. A queue without a catalog entity is checked on a ref
   * nothing owns, so a conditional policy denies and an unconditional one decides alone.
   */
  async requireRead(
    actor: Actor,
    target: { dlq: string; entities: DlqEntities },
  ): Promise<void> {
    const resourceRef =
      target.entities.queue ?? `resource:default/${target.dlq}`;
    const [decision] = await this.permissions.authorize(
      [{ permission: dlqMessageReadPermission, resourceRef }],
      { credentials: actor.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${actor.ref} may not read the messages of '${target.dlq}'`,
      );
    }
  }

  /** The queues whose messages the actor may read (one batched permission check). */
  async readable<T extends { dlq: string; entities: DlqEntities }>(
    actor: Actor,
    targets: T[],
  ): Promise<T[]> {
    if (targets.length === 0) return [];
    const decisions = await this.permissions.authorize(
      targets.map(t => ({
        permission: dlqMessageReadPermission,
        resourceRef: t.entities.queue ?? `resource:default/${t.dlq}`,
      })),
      { credentials: actor.credentials },
    );
    return targets.filter(
      (_t, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  /**
   * A service (another plugin, a static token) reading the queue list or the replay list.
   * Plugin tokens pass; a static token passes only if its access restrictions allow
   * `dlq.message.read`, so a token scoped to another job cannot read dead letters.
   */
  async requireServiceRead(
    credentials: BackstageCredentials<BackstageServicePrincipal>,
  ): Promise<void> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: dlqMessageReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${credentials.principal.subject} may not read dead-letter queues: ${dlqMessageReadPermission.name} is not granted`,
      );
    }
  }

  async requireAuditRead(actor: Actor): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission: dlqAuditReadPermission }],
      {
        credentials: actor.credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${actor.ref} may not read the audit trail`);
    }
  }

  /**
   * What the user may change on the queue, with the reason for each refusal (the same
   * checks `require` makes), so the UI can say why a button is disabled.
   */
  async access(
    actor: Actor,
    target: { runtime: string; dlq: string; entities: DlqEntities },
  ): Promise<DlqAccess> {
    const { queue, owner } = target.entities;
    const actions = [
      ['replay', dlqReplayCreatePermission, 'replay its messages'],
      ['manage', dlqMessageManagePermission, 'archive or purge its messages'],
      ['approve', dlqReplayApprovePermission, 'approve replays'],
    ] as const;
    const answer: DlqAccess = {
      owner: owner ?? null,
      queue: queue ?? null,
      replay: { allowed: false },
      manage: { allowed: false },
      approve: { allowed: false },
    };
    if (!queue) {
      for (const [key, , what] of actions) {
        answer[
          key
        ].reason = `Nobody may ${what}: queue '${target.dlq}' of runtime '${target.runtime}' has no catalog entity, so it has no owner. Declare it as a Resource (spec.type queue, annotation switchboard.dev/runtime) with an owner.`;
      }
      return answer;
    }
    const decisions = await this.permissions.authorize(
      actions.map(([, permission]) => ({ permission, resourceRef: queue })),
      { credentials: actor.credentials },
    );
    actions.forEach(([key, , what], i) => {
      if (decisions[i].result === AuthorizeResult.ALLOW) {
        answer[key] = { allowed: true };
      } else {
        answer[key].reason = owner
          ? `Only members of ${owner}, which owns this queue, may ${what}; you are not one of them. Ask a member of ${owner}.`
          : `You may not ${what} on this queue, and it has no owner in the catalog to ask.`;
      }
    });
    return answer;
  }

  async require(
    actor: Actor,
    permission: ResourcePermission<'catalog-entity'>,
    target: { runtime: string; dlq: string; entities: DlqEntities },
    what: string,
  ): Promise<void> {
    if (!target.entities.queue) {
      throw new NotAllowedError(
        `queue '${target.dlq}' of runtime '${target.runtime}' has no catalog entity, so nobody owns it; ` +
          `declare it as a Resource (spec.type queue, annotation switchboard.dev/runtime) to ${what}`,
      );
    }
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: target.entities.queue }],
      { credentials: actor.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${actor.ref} may not ${what} on '${target.dlq}': ${
          target.entities.owner
            ? `only members of ${target.entities.owner} (its owner) may`
            : 'not permitted'
        }`,
      );
    }
  }
}
