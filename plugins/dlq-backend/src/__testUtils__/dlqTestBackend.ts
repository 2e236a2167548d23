/*
 * The shared dlq test backend (src/testing) with what only dlq-backend's own tests use:
 * the catalog is a mock holding catalog-info/queues.yaml; permissions follow the app's
 * rule (members of a queue's owning group may replay, approve, archive and purge;
 * everyone may read), decided here from catalog-info/users.yaml instead of by the app's
 * policy and the catalog's conditions (packages/backend tests those).
 */
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { dlqOwnerPermissions } from '@internal/plugin-dlq-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  DlqTestBackend,
  DlqTestBackendOptions,
  permissionsDeciding,
  startDlqTestBackend,
} from '../testing';

const catalogRoot = path.resolve(__dirname, '../../../../catalog-info');

const readYaml = (file: string) =>
  parseAllDocuments(fs.readFileSync(path.join(catalogRoot, file), 'utf8'))
    .map(d => d.toJS())
    .filter(Boolean);

/** The queues and dead-letter queues of the demo catalog, as declared. */
const queueEntities: Entity[] = readYaml('queues.yaml');

/** The owning group of each queue entity, by ref. */
const owners = new Map(
  queueEntities.map(e => [
    stringifyEntityRef(e),
    stringifyEntityRef(
      parseEntityRef(e.spec!.owner as string, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ),
  ]),
);

/** Ownership claims as sign-in computes them: the user and the groups it is a member of. */
const memberships = new Map<string, string[]>(
  readYaml('users.yaml').map(u => [
    `user:default/${u.metadata.name}`,
    [
      `user:default/${u.metadata.name}`,
      ...(u.spec.memberOf as string[]).map(g => `group:default/${g}`),
    ],
  ]),
);

const ownerOnly = new Set(dlqOwnerPermissions.map(p => p.name));

/** Owner permissions for members of the queue's owning group; everything else allowed. */
const ownershipPermissions = permissionsDeciding(
  ({ permission, resourceRef }, user) => {
    if (!ownerOnly.has(permission.name)) {
      return AuthorizeResult.ALLOW;
    }
    const owner = resourceRef ? owners.get(resourceRef) : undefined;
    const claims = (user && memberships.get(user)) || [];
    return isResourcePermission(permission) &&
      owner !== undefined &&
      claims.includes(owner)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  },
);

export function startMockedDlqTestBackend(
  options: Omit<DlqTestBackendOptions, 'features'> = {},
): Promise<DlqTestBackend> {
  return startDlqTestBackend({
    ...options,
    features: [
      ownershipPermissions,
      catalogServiceMock.factory({ entities: queueEntities }),
    ],
  });
}
