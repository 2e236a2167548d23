import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Runtime } from '@internal/integration-runtime';
import {
  ADMIN_TOKEN,
  AdminClient,
} from '@internal/integration-runtime/testing';
// The contract test runs the real dlq backend beside the module.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import dlqPlugin from '@internal/plugin-dlq-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { startDeadLetterRuntime } from '@internal/plugin-dlq-backend/testing';
import {
  ScorecardMetricProvider,
  scorecardsMetricProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import scorecardsModuleDlq from './index';

jest.setTimeout(90_000);

const HOUR = 3_600_000;
const QUEUE = 'erp-connector.order-created';
const queueEntities: Entity[] = parseAllDocuments(
  fs.readFileSync(
    path.resolve(__dirname, '../../../catalog-info/queues.yaml'),
    'utf8',
  ),
)
  .map(d => d.toJS() as Entity)
  .filter(e => e.kind === 'Resource');

/**
 * The module beside the real dlq-backend in one test backend, against a real integration
 * runtime (embedded broker) with dead letters in one queue: the provider's plugin token is
 * accepted on dlq-backend's read routes, and its values agree with what the runtime's
 * admin API says of the same queue.
 */
describe('the dlq provider against the real dlq-backend and runtime', () => {
  let runtime: Runtime;
  let admin: AdminClient;
  let stopBackend: () => Promise<void>;
  const providers: ScorecardMetricProvider[] = [];

  beforeAll(async () => {
    // Three dead letters in QUEUE (the runtime's dead-letter queue of the ERP connector).
    const started = await startDeadLetterRuntime();
    ({ runtime, admin } = started);
    await started.deadLetter(3);

    const scorecards = createBackendPlugin({
      pluginId: 'scorecards',
      register(env) {
        env.registerExtensionPoint(scorecardsMetricProvidersExtensionPoint, {
          addMetricProvider: (...added) => {
            providers.push(...added.flat());
          },
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const backend = await startTestBackend({
      features: [
        dlqPlugin,
        scorecards,
        scorecardsModuleDlq,
        catalogServiceMock.factory({ entities: queueEntities }),
        mockServices.rootConfig.factory({
          data: {
            dlq: {
              runtimes: [
                {
                  name: 'integration-runtime',
                  title: 'Order-to-cash runtime',
                  baseUrl: runtime.adminUrl,
                  token: ADMIN_TOKEN,
                },
              ],
            },
          },
        }),
      ],
    });
    stopBackend = () => backend.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await runtime?.stop();
  });

  it("writes the queue's backlog, oldest age and inflow as the runtime counts them", async () => {
    const now = Date.now();
    const from = Math.floor(now / HOUR) * HOUR;
    const queue = queueEntities.find(e => e.metadata.name === QUEUE)!;
    const values = await providers[0].compute([queue], {
      from: new Date(from),
      to: new Date(from + HOUR),
      now: new Date(now),
    });

    const state = (await admin.get(`/v1/dlqs/${QUEUE}`)).body;
    const inflow = (await admin.get(`/v1/dlqs/${QUEUE}/inflow?hours=2`)).body;
    const thisHour = inflow.buckets
      .filter((b: { start: string }) => Date.parse(b.start) === from)
      .reduce((sum: number, b: { count: number }) => sum + b.count, 0);

    const ref = `resource:default/${QUEUE}`;
    expect(Object.keys(values)).toEqual([ref]);
    expect(values[ref]['dlq.backlogDepth']).toBe(
      state.failed + state.parked + state.brokerDepth,
    );
    expect(values[ref]['dlq.backlogDepth']).toBeGreaterThanOrEqual(3);
    expect(values[ref]['dlq.oldestMessageAge']).toBeGreaterThan(0);
    expect(values[ref]['dlq.oldestMessageAge']).toBeLessThan(
      (Date.now() - now + 120_000) / HOUR,
    );
    expect(values[ref]['dlq.inflowPerDay']).toBe(thisHour * 24);
    // No replay has finished, so there is no replay success rate (not 0, not 100).
    expect(values[ref]['dlq.replaySuccessRate']).toBeUndefined();
  });
});
