import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';

/** Decides one permission request of a user (undefined when the caller is not a user). */
export type PermissionDecision = (
  request: { permission: Permission; resourceRef?: string },
  user: string | undefined,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * A permissions service that answers every request, conditional or not, with a definite
 * decision of `decide`: a stand-in for a policy in tests that are not about the policy.
 */
export function permissionsDeciding(decide: PermissionDecision) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => {
      const decideAll = (
        requests: Array<{ permission: Permission; resourceRef?: string }>,
        options?: { credentials?: any },
      ) => {
        const user = options?.credentials?.principal?.userEntityRef as
          | string
          | undefined;
        return requests.map(r => ({ result: decide(r, user) }));
      };
      return {
        authorize: async (requests: any[], options: any) =>
          decideAll(requests, options),
        authorizeConditional: async (requests: any[], options: any) =>
          decideAll(requests, options),
      } as any;
    },
  });
}
