import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import { Runtime } from '@internal/integration-runtime';
import {
  ADMIN_TOKEN,
  AdminClient,
  waitFor,
} from '@internal/integration-runtime/testing';
import { Replay } from '@internal/plugin-dlq-common';
import { AddressInfo } from 'node:net';
import { dlqPlugin } from '../plugin';
import { startDeadLetterRuntime } from './deadLetterRuntime';
import { DLQ, INES } from './demoNames';
import {
  DlqCall,
  dlqCaller,
  DlqRawRequest,
  dlqRawRequester,
} from './dlqRequests';
import { startFakeRuntimes } from './fakeRuntimes';

export interface DlqTestBackendOptions {
  /**
   * What stands around dlq-backend: a catalog with the demo queues and a permissions
   * service at least; user info, auth or other plugins as the test needs.
   */
  features: NonNullable<Parameters<typeof startTestBackend>[0]['features']>;
  /** Root config beside the `dlq` block (e.g. the catalog's). */
  config?: JsonObject;
  /** Replaces keys of the `dlq` block. */
  dlq?: Record<string, unknown>;
  /** A database for every plugin (e.g. PostgreSQL from TestDatabases); SQLite otherwise. */
  database?: Parameters<typeof mockServices.database.factory>[0];
  /**
   * Record what dlq-backend sends to the notifications service (the default); false when
   * one of `features` serves notifications.
   */
  recordNotifications?: boolean;
}

export interface DlqTestBackend {
  runtime: Runtime;
  admin: AdminClient;
  base: string;
  /** Paths the recording runtime ('recorder') was asked for. */
  recorded: string[];
  /** Notifications dlq-backend sent, when recorded. */
  notifications: NotificationSendOptions[];
  call: DlqCall;
  raw: DlqRawRequest;
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

/**
 * dlq-backend on startTestBackend against a real integration runtime (embedded broker,
 * runtime 'integration-runtime'), plus runtimes that are down ('down'), answer 500
 * ('five-hundred'), answer garbage ('garbage') or only record what they are asked
 * ('recorder'). A request without a token is nobody, as in production.
 */
export async function startDlqTestBackend(
  options: DlqTestBackendOptions,
): Promise<DlqTestBackend> {
  const { runtime, admin, deadLetter } = await startDeadLetterRuntime();
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
  const fakes = await startFakeRuntimes();
  const backend = await startTestBackend({
    features: [
      dlqPlugin,
      ...options.features,
      ...(options.recordNotifications === false ? [] : [recordNotifications]),
      // The mock's default user would answer a request without a token.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(options.database
        ? [mockServices.database.factory(options.database)]
        : []),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          dlq: {
            runtimes: [
              {
                name: 'integration-runtime',
                baseUrl: runtime.adminUrl,
                token: ADMIN_TOKEN,
              },
              ...fakes.config,
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
  const call = dlqCaller(base);

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
    recorded: fakes.recorded,
    notifications,
    call,
    raw: dlqRawRequester(port),
    deadLetter,
    idsOf,
    waitReplay,
    async stop() {
      await backend.stop();
      await runtime.stop();
      fakes.close();
    },
  };
}
