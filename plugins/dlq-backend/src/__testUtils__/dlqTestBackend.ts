/*
 * dlq-backend on startTestBackend against a real integration runtime (embedded broker),
 * plus runtimes that are down, answer 500, answer garbage, or only record what they are
 * asked. The catalog is a mock holding catalog-info/queues.yaml; permissions follow the
 * app's rule (members of a queue's owning group may replay, approve, archive and purge;
 * everyone may read), decided here from catalog-info/users.yaml instead of by the
 * app's policy and the catalog's conditions (packages/backend tests those).
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { Runtime } from '@internal/integration-runtime';
import {
  ADMIN_TOKEN,
  AdminClient,
  publishOrders,
  testConfig,
  waitFor,
} from '@internal/integration-runtime/testing';
import { dlqOwnerPermissions, Replay } from '@internal/plugin-dlq-common';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { dlqPlugin } from '../plugin';

const catalogRoot = path.resolve(__dirname, '../../../../catalog-info');

// finance-systems owns the ERP connector's queues; alice is in orders.
export const INES = 'user:default/ines.silva';
export const JONAS = 'user:default/jonas.weber';
export const ALICE = 'user:default/alice.nguyen';
export const DLQ = 'erp-connector.order-created';
/** Also owned by finance-systems, so Ines may replay it. */
export const OTHER_DLQ = 'erp-connector.payment-refunded';

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
const ownershipPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => {
    const decide = (
      requests: Array<{ permission: Permission; resourceRef?: string }>,
      options?: { credentials?: any },
    ) =>
      requests.map(({ permission, resourceRef }) => {
        if (!ownerOnly.has(permission.name)) {
          return { result: AuthorizeResult.ALLOW };
        }
        const user = options?.credentials?.principal?.userEntityRef as
          | string
          | undefined;
        const owner = resourceRef ? owners.get(resourceRef) : undefined;
        const claims = (user && memberships.get(user)) || [];
        return {
          result:
            isResourcePermission(permission) &&
            owner !== undefined &&
            claims.includes(owner)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      });
    return {
      authorize: async (requests: any[], options: any) =>
        decide(requests, options),
      authorizeConditional: async (requests: any[], options: any) =>
        decide(requests, options),
    } as any;
  },
});

/** A fake runtime: 500 to everything, garbage, or a 404 that records the path asked for. */
function fakeRuntime(kind: '500' | 'garbage' | 'recorder', seen: string[]) {
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    if (kind === '500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { name: 'Error', message: 'disk full' } }),
      );
    } else if (kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Truncated JSON, or JSON that is not the contract's shape.
      res.end(
        req.url?.endsWith('/groups') ? '{"items": 42}' : '{"items": "nope"',
      );
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'recorded' },
          request: { method: req.method, url: req.url },
          response: { statusCode: 404 },
        }),
      );
    }
  });
  server.listen(0, '127.0.0.1');
  return server;
}

export interface Answer {
  status: number;
  body: any;
  type: string;
}

/** Parses a JSON answer; anything else is kept as text. */
function answer(status: number, type: string, text: string): Answer {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status, body, type };
}

const serialise = (body: unknown) =>
  typeof body === 'string' ? body : JSON.stringify(body);

export interface DlqTestBackend {
  runtime: Runtime;
  admin: AdminClient;
  base: string;
  /** Paths the recording runtime ('recorder') was asked for. */
  recorded: string[];
  /** Notifications dlq-backend sent. */
  notifications: NotificationSendOptions[];
  call(
    user: string,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<Answer>;
  /** One request exactly as given: the path is not normalised, headers are not added. */
  raw(options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }): Promise<Answer>;
  /** Orders that the ERP connector cannot process (an injected fault) land in its DLQ. */
  deadLetter(count: number): Promise<string[]>;
  /** The message ids of orders in a DLQ. */
  idsOf(orders: string[], dlq?: string): Promise<string[]>;
  waitReplay(
    user: string,
    id: string,
    done: (r: Replay) => boolean,
  ): Promise<Replay>;
  stop(): Promise<void>;
}

export async function startDlqTestBackend(
  options: {
    dlq?: Record<string, unknown>;
    /** A database (e.g. PostgreSQL from TestDatabases); SQLite otherwise. */
    database?: Parameters<typeof mockServices.database.factory>[0];
  } = {},
): Promise<DlqTestBackend> {
  // No namespace: queue names match catalog-info/queues.yaml.
  const runtime = await Runtime.start(
    testConfig('embedded', { namespace: '' }),
    { logger: () => {} },
  );
  const admin = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
  await admin.put('/v1/faults/erp-connector', { errorRate: 1 });
  const recorded: string[] = [];
  const notifications: NotificationSendOptions[] = [];
  const recordNotifications = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(sent: NotificationSendOptions) {
        notifications.push(sent);
      },
    }),
  });
  const fakes = {
    five: fakeRuntime('500', []),
    garbage: fakeRuntime('garbage', []),
    recorder: fakeRuntime('recorder', recorded),
  };
  const url = (s: http.Server) =>
    `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await new Promise(r => setTimeout(r, 100));
  const backend = await startTestBackend({
    features: [
      dlqPlugin,
      ownershipPermissions,
      recordNotifications,
      catalogServiceMock.factory({ entities: queueEntities }),
      // As in production: a request without a token is nobody (the mock's default user
      // would answer it).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(options.database
        ? [mockServices.database.factory(options.database)]
        : []),
      mockServices.rootConfig.factory({
        data: {
          dlq: {
            runtimes: [
              {
                name: 'integration-runtime',
                baseUrl: runtime.adminUrl,
                token: ADMIN_TOKEN,
              },
              {
                name: 'down',
                baseUrl: 'http://127.0.0.1:9',
                token: 'x',
                timeout: '2s',
              },
              { name: 'five-hundred', baseUrl: url(fakes.five), token: 'x' },
              { name: 'garbage', baseUrl: url(fakes.garbage), token: 'x' },
              {
                name: 'recorder',
                baseUrl: `${url(fakes.recorder)}/admin`,
                token: 'x',
              },
            ],
            approvalThreshold: 3,
            maskFields: ['customerId'],
            traceUrl: '/journeys?q={traceId}',
            replay: { canarySettle: '500ms' },
            ...options.dlq,
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://localhost:${port}/api/dlq`;

  const call: DlqTestBackend['call'] = async (user, method, path_, body) => {
    const res = await fetch(`${base}${path_}`, {
      method,
      headers: {
        authorization: mockCredentials.user.header(user),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : serialise(body),
    });
    return answer(
      res.status,
      res.headers.get('content-type') ?? '',
      await res.text(),
    );
  };

  const raw: DlqTestBackend['raw'] = request =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: request.method,
          path: `/api/dlq${request.path}`,
          // Node sends a DELETE body without a length unless told; say it always.
          headers:
            request.body === undefined
              ? request.headers
              : {
                  'content-length': String(Buffer.byteLength(request.body)),
                  ...request.headers,
                },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            resolve(
              answer(
                res.statusCode ?? 0,
                String(res.headers['content-type'] ?? ''),
                Buffer.concat(chunks).toString('utf8'),
              ),
            ),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(request.body);
    });

  const failed = async () =>
    (await admin.get(`/v1/dlqs/${DLQ}`)).body.failed as number;
  const deadLetter = async (count: number) => {
    const before = await failed();
    const orders = await publishOrders(runtime.broker, runtime.names, count);
    await waitFor(failed, n => n >= before + count, {
      what: `${count} more dead letters`,
      timeoutMs: 30_000,
    });
    return orders;
  };
  const idsOf = async (orders: string[], dlq = DLQ) => {
    const ids: string[] = [];
    for (const orderId of orders) {
      const page = await call(
        INES,
        'GET',
        `/runtimes/integration-runtime/dlqs/${dlq}/messages?businessId=${orderId}`,
      );
      ids.push(page.body.items[0].id);
    }
    return ids;
  };
  const waitReplay: DlqTestBackend['waitReplay'] = (user, id, done) =>
    waitFor(
      async () => (await call(user, 'GET', `/replays/${id}`)).body as Replay,
      done,
      { what: `replay ${id}`, timeoutMs: 30_000 },
    );

  return {
    runtime,
    admin,
    base,
    recorded,
    notifications,
    call,
    raw,
    deadLetter,
    idsOf,
    waitReplay,
    async stop() {
      await backend.stop();
      await runtime.stop();
      for (const server of Object.values(fakes)) server.close();
    },
  };
}
