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
import { dlqOwnerPermissions } from '@internal/plugin-dlq-common';

/**
 * Switchboard's default policy: members of a queue's owning group (from the catalog) may
 * replay, approve, archive and purge its dead letters; everyone else may read them.
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
