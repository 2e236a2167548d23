/*
 * The dead-letter test backend: dlq-backend's shared test backend (a real integration
 * runtime plus broken ones) inside the app's real catalog, permission backend and
 * Switchboard's policy. Shared by deadLetters.test.ts, deadLettersHostile.test.ts and
 * deadLetterNotifications.test.ts.
 */
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { waitFor } from '@internal/integration-runtime/testing';
import {
  DLQ,
  DlqTestBackend,
  DlqTestBackendOptions,
  INES,
  startDlqTestBackend,
} from '@internal/plugin-dlq-backend/testing';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { httpRouter } from '../modules/errorAnswers';
import permissionPolicy from '../modules/permissionPolicy';

const catalogRoot = path.resolve(__dirname, '../../../../catalog-info');

/** Ownership claims as sign-in computes them: the user and the groups it is a member of. */
const memberships = new Map(
  parseAllDocuments(
    fs.readFileSync(path.join(catalogRoot, 'users.yaml'), 'utf8'),
  )
    .map(d => d.toJS())
    .map(u => [
      `user:default/${u.metadata.name}`,
      [
        `user:default/${u.metadata.name}`,
        ...(u.spec.memberOf as string[]).map(g => `group:default/${g}`),
      ],
    ]),
);
const catalogUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return {
        userEntityRef,
        ownershipEntityRefs: memberships.get(userEntityRef) ?? [userEntityRef],
      };
    },
  }),
});

/**
 * Mock auth, except that a plugin calling another on a user's behalf sends the user with
 * itself as actor, as real Backstage auth does (the catalog's apply-conditions endpoint
 * accepts user credentials only with an actor).
 */
const onBehalfOfAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const issue = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const principal = options.onBehalfOf.principal as {
        type: string;
        userEntityRef?: string;
      };
      return principal.type === 'user'
        ? {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${plugin.getId()}` },
            }),
          }
        : issue(options);
    };
    return auth;
  },
});

export async function startDeadLetterBackend(
  options: Pick<DlqTestBackendOptions, 'dlq' | 'database'> & {
    /**
     * Run Backstage's notifications backend (with the demo organisation's users and
     * groups in the catalog) instead of recording what dlq-backend sends. The
     * notifications backend is a remote service to dlq-backend, so by default a
     * recording double stands in for it.
     */
    notificationsBackend?: boolean;
  } = {},
): Promise<DlqTestBackend> {
  const { notificationsBackend, ...shared } = options;
  const h = await startDlqTestBackend({
    ...shared,
    features: [
      // As in production: an unexpected error's message stays in the log.
      httpRouter,
      catalogPlugin,
      permissionPlugin,
      permissionPolicy,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      catalogUserInfo,
      onBehalfOfAuth,
      ...(notificationsBackend ? [notificationsPlugin] : []),
    ],
    recordNotifications: !notificationsBackend,
    config: {
      app: { baseUrl: 'http://localhost:3000' },
      permission: { enabled: true },
      catalog: {
        rules: [{ allow: ['Resource', 'User', 'Group'] }],
        locations: [
          { type: 'file', target: path.join(catalogRoot, 'queues.yaml') },
          ...(notificationsBackend
            ? ['users.yaml', 'org.yaml'].map(f => ({
                type: 'file',
                target: path.join(catalogRoot, f),
              }))
            : []),
        ],
      },
    },
  });

  // The catalog has processed the queues when the owner shows up.
  await waitFor(
    async () =>
      (
        await h.call(INES, 'GET', '/dlqs?inflowHours=0')
      ).body.items?.find((d: any) => d.name === DLQ),
    d => d?.entities?.owner === 'group:default/finance-systems',
    { what: 'queue entities in the catalog', timeoutMs: 30_000 },
  );
  return h;
}
