import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/*
 * Dead-letter permissions are catalog-entity permissions on the consumer queue's Resource
 * entity, so a policy can make them conditional on catalog ownership
 * (catalogConditions.isEntityOwner) and the catalog evaluates the condition.
 */

/** Read a queue's failed messages: headers, (masked) bodies, failure context. */
export const dlqMessageReadPermission = createPermission({
  name: 'dlq.message.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Plan and start a replay of a queue's failed messages; cancel it. */
export const dlqReplayCreatePermission = createPermission({
  name: 'dlq.replay.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Approve or reject someone else's replay that needs a second person. */
export const dlqReplayApprovePermission = createPermission({
  name: 'dlq.replay.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Archive or purge failed messages. */
export const dlqMessageManagePermission = createPermission({
  name: 'dlq.message.manage',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Read the audit trail of replays, approvals, cancels, archives and purges. */
export const dlqAuditReadPermission = createPermission({
  name: 'dlq.audit.read',
  attributes: { action: 'read' },
});

/** Permissions that change state: the default policy gives them to the queue's owners. */
export const dlqOwnerPermissions = [
  dlqReplayCreatePermission,
  dlqReplayApprovePermission,
  dlqMessageManagePermission,
];

export const dlqPermissions = [
  dlqMessageReadPermission,
  ...dlqOwnerPermissions,
  dlqAuditReadPermission,
];
