import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';

/** The caller's credentials if they hold `permission`; 401 without any, 403 without it. */
export function createAuthorizer(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
) {
  return async (
    // Any route's typed request: only its headers are read.
    req: Request<any, any, any, any>,
    permission: BasicPermission,
  ) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(`${permission.name} is not granted`);
    return credentials;
  };
}
