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
  DlqEntities,
  dlqAuditReadPermission,
  dlqMessageReadPermission,
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
