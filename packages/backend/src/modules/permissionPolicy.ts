import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  unprocessedEntitiesDeletePermission,
  unprocessedEntitiesReadPermission,
} from '@backstage/plugin-catalog-unprocessed-entities-common';
import { dlqOwnerPermissions } from '@internal/plugin-dlq-common';

/**
 * The group that runs the catalog: its members see the failing and unprocessed entities
 * page, which shows raw entity data (every owner still sees their own entities' errors
 * on the entity pages).
 */
export const CATALOG_ADMIN_GROUP = 'group:default/platform';

/**
 * Switchboard's default policy: members of a queue's owning group (from the catalog) may
 * replay, approve, archive and purge its dead letters; everyone else may read them.
 * Members of the catalog's admin group see and delete unprocessed entities.
 * Everything else is allowed, as in the embedded setup before.
 */
export class SwitchboardPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const owned = dlqOwnerPermissions.find(p =>
      isPermission(request.permission, p),
    );
    if (
      isPermission(request.permission, unprocessedEntitiesReadPermission) ||
      isPermission(request.permission, unprocessedEntitiesDeletePermission)
    ) {
      return {
        result: user?.info.ownershipEntityRefs.includes(CATALOG_ADMIN_GROUP)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (owned) {
      return createCatalogConditionalDecision(
        owned,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'switchboard-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new SwitchboardPermissionPolicy());
      },
    });
  },
});
