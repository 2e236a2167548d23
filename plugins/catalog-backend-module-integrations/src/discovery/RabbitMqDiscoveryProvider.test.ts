import {
  AuthService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogService,
  catalogProcessingExtensionPoint,
  catalogServiceRef,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { Runtime } from '@internal/integration-runtime';
import {
  assertRabbitAnswers,
  rabbitUrl,
  testConfig,
} from '@internal/integration-runtime/testing';
import {
  ANNOTATION_BROKER_DRIFT,
  ANNOTATION_DISCOVERED_BY,
} from '@internal/plugin-integrations-common';
import { connect } from 'amqplib';
import { BrokerDriftProcessor } from './BrokerDriftProcessor';
import { BrokerDriftSnapshot, DiscoveryReport } from './BrokerDriftSnapshot';
import {
  queueEntityName,
  RabbitMqDiscoveryProvider,
} from './RabbitMqDiscoveryProvider';

jest.setTimeout(60_000);

const managementUrl =
  process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';

async function assertManagementApiAnswers() {
  const problem = await fetch(`${managementUrl}/api/overview`, {
    headers: {
      authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`,
    },
  }).then(
    res => (res.ok ? undefined : `status ${res.status}`),
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );
  if (problem) {
    throw new Error(
      `RabbitMQ's management API does not answer at ${managementUrl} (${problem}). ` +
        'Start RabbitMQ with `rabbitmq-server -detached` and enable the API with ' +
        '`rabbitmq-plugins enable rabbitmq_management`, or set RABBITMQ_MANAGEMENT_URL.',
    );
  }
}

async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      const last = JSON.stringify(value).slice(0, 500);
      throw new Error(`timed out waiting for ${what}; last: ${last}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

/** Stands in for catalog-info files: what people declared. */
class DeclaredEntities implements EntityProvider {
  private connection?: EntityProviderConnection;

  getProviderName() {
    return 'test-declared-entities';
  }

  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }

  async declare(entities: Entity[]) {
    // Location annotations and key, like entities read from a catalog-info file have.
    const location = 'file:/test/catalog-info.yaml';
    await this.connection!.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity: {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: {
              [ANNOTATION_LOCATION]: location,
              [ANNOTATION_ORIGIN_LOCATION]: location,
            },
          },
        },
        locationKey: location,
      })),
    });
  }
}

const resource = (name: string, spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: { owner: 'group:default/payments', broker: 'rabbitmq', ...spec },
});

describe('RabbitMqDiscoveryProvider', () => {
  let runtime: Runtime;
  let ns: string;
  let discovery: RabbitMqDiscoveryProvider;
  let catalogApi: CatalogService;
  let auth: AuthService;
  const declared = new DeclaredEntities();
  const declaredEntities: Entity[] = [];
  const adhocQueue = () => `${ns}.audit-service.order-created`;

  const entities = async (filter: Record<string, string>) =>
    (
      await catalogApi.getEntities(
        { filter: { kind: 'resource', ...filter } },
        { credentials: await auth.getOwnServiceCredentials() },
      )
    ).items;
  const discovered = () =>
    entities({
      [`metadata.annotations.${ANNOTATION_DISCOVERED_BY}`]:
        'rabbitmq-discovery',
    });
  const titles = (items: Entity[]) => items.map(e => e.metadata.title).sort();

  const declare = async (...more: Entity[]) => {
    declaredEntities.push(...more);
    await declared.declare(declaredEntities);
    await eventually(
      () => entities({}),
      items =>
        declaredEntities.every(d =>
          items.some(
            e =>
              stringifyEntityRef(e) === stringifyEntityRef(d) &&
              !e.metadata.annotations?.[ANNOTATION_DISCOVERED_BY],
          ),
        ),
      'the declared entities in the catalog',
    );
  };

  beforeAll(async () => {
    await assertRabbitAnswers();
    await assertManagementApiAnswers();
    runtime = await Runtime.start(testConfig('rabbitmq'), { logger: () => {} });
    ns = runtime.config.namespace;

    const testModule = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'rabbitmq-discovery-test',
      register(reg) {
        reg.registerInit({
          deps: {
            catalog: catalogProcessingExtensionPoint,
            config: coreServices.rootConfig,
            logger: coreServices.logger,
            scheduler: coreServices.scheduler,
            auth: coreServices.auth,
            catalogService: catalogServiceRef,
          },
          async init(deps) {
            const snapshot = new BrokerDriftSnapshot();
            discovery = RabbitMqDiscoveryProvider.fromConfig(deps.config, {
              catalog: deps.catalogService,
              auth: deps.auth,
              logger: deps.logger,
              scheduler: deps.scheduler,
              snapshot,
            })!;
            deps.catalog.addEntityProvider(discovery, declared);
            deps.catalog.addProcessor(new BrokerDriftProcessor(snapshot));
            catalogApi = deps.catalogService;
            auth = deps.auth;
          },
        });
      },
    });

    await startTestBackend({
      features: [
        catalogPlugin,
        testModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              providers: {
                rabbitmqDiscovery: {
                  enabled: true,
                  managementUrl,
                  username: 'guest',
                  password: 'guest',
                  // Other runs share the broker: ignore their queues, and retry queues.
                  queueFilter: `^(?!${ns}\\.)|\\.retry\\.\\d+$`,
                  // The test triggers each run itself.
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 1 },
                    initialDelay: { minutes: 30 },
                  },
                },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    if (ns) {
      const conn = await connect(rabbitUrl);
      const ch = await conn.createChannel();
      await ch.deleteQueue(adhocQueue());
      await conn.close();
    }
    await runtime?.stop({ removeTopology: true });
  });

  let report: DiscoveryReport;

  it('lists the runtime queues and emits the undeclared ones, retry queues ignored', async () => {
    const queues = runtime.names
      .topology(runtime.config.retry)
      .queues.map(q => q.name);
    const dlqs = queues.map(q => `${q}.dlq`).sort();
    await declare(
      // Declared like catalog-info/queues.yaml: logical names, broker names in the address.
      ...queues.map(q =>
        resource(q.slice(ns.length + 1), {
          type: 'queue',
          address: { queue: q },
        }),
      ),
      resource('orders', {
        type: 'topic',
        address: { exchange: `${ns}.orders` },
      }),
      resource('ghost-service.never-created', {
        type: 'queue',
        address: { queue: `${ns}.ghost-service.never-created` },
      }),
    );

    report = await discovery.refresh();

    expect(report.brokerQueues).toEqual(
      expect.arrayContaining([
        ...queues,
        ...dlqs,
        ...queues.map(q => `${q}.retry.2`),
      ]),
    );
    expect(report.brokerExchanges).toEqual(
      expect.arrayContaining(
        ['orders', 'payments', 'fulfillment', 'dead-letters'].map(
          e => `${ns}.${e}`,
        ),
      ),
    );
    expect(report.undeclared).toEqual(dlqs);

    const found = await eventually(
      discovered,
      items => titles(items).join() === dlqs.join(),
      'the DLQ entities',
    );
    const dlq = found.find(e => e.metadata.title === dlqs[0])!;
    expect(dlq.metadata.annotations).toMatchObject({
      [ANNOTATION_BROKER_DRIFT]: 'undeclared',
      [ANNOTATION_LOCATION]: `url:${managementUrl}`,
    });
    expect(dlq.metadata.description).toMatch(
      /exists on RabbitMQ .* not declared in the catalog/,
    );
    expect(dlq.spec).toEqual({
      type: 'dead-letter-queue',
      owner: 'group:default/unowned',
      broker: 'rabbitmq',
      address: { queue: dlqs[0], exchange: `${ns}.dead-letters` },
    });
  });

  it('flags a queue created on the broker behind the catalog’s back as undeclared', async () => {
    const conn = await connect(rabbitUrl);
    const ch = await conn.createChannel();
    await ch.assertQueue(adhocQueue(), { durable: true });
    await ch.bindQueue(adhocQueue(), `${ns}.orders`, 'order.created');
    await conn.close();

    report = await discovery.refresh();

    expect(report.undeclared).toContain(adhocQueue());
    const entity = await eventually(
      () =>
        discovered().then(items =>
          items.find(e => e.metadata.title === adhocQueue()),
        ),
      e => e !== undefined,
      'the undeclared queue entity',
    );
    expect(entity!.metadata.annotations?.[ANNOTATION_BROKER_DRIFT]).toBe(
      'undeclared',
    );
    expect(entity!.spec).toMatchObject({
      type: 'queue',
      address: { queue: adhocQueue(), exchange: `${ns}.orders` },
    });
  });

  it('drops the flagged entity once the queue is declared under its own name', async () => {
    await declare(
      resource(adhocQueue(), { type: 'queue', owner: 'group:default/audit' }),
    );

    report = await discovery.refresh();

    expect(report.undeclared).not.toContain(adhocQueue());
    await eventually(
      discovered,
      items => !titles(items).includes(adhocQueue()),
      'the flagged entity to be gone',
    );
    const [entity] = await entities({ 'metadata.name': adhocQueue() });
    expect(entity.spec?.owner).toBe('group:default/audit');
    expect(
      entity.metadata.annotations?.[ANNOTATION_BROKER_DRIFT],
    ).toBeUndefined();
  });

  it('reports declared resources the broker lacks, and the processor flags them', async () => {
    expect(report.missingOnBroker).toEqual([
      'resource:default/ghost-service.never-created',
    ]);

    // The processor reads the snapshot when the entity is next processed.
    const ref = 'resource:default/ghost-service.never-created';
    await catalogApi.refreshEntity(ref, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    await eventually(
      () => entities({ 'metadata.name': 'ghost-service.never-created' }),
      ([e]) =>
        e?.metadata.annotations?.[ANNOTATION_BROKER_DRIFT] ===
        'missing-on-broker',
      'the missing-on-broker annotation',
    );
    const [orders] = await entities({ 'metadata.name': 'orders' });
    expect(
      orders.metadata.annotations?.[ANNOTATION_BROKER_DRIFT],
    ).toBeUndefined();
  });
});

describe('queueEntityName', () => {
  it('keeps valid names and makes the others valid and unique', () => {
    expect(queueEntityName('payment-service.order-created')).toBe(
      'payment-service.order-created',
    );
    const odd = queueEntityName('orders:priority/high');
    expect(odd).toMatch(/^orders-priority-high-[0-9a-f]{8}$/);
    expect(queueEntityName('orders:priority/high!')).not.toBe(odd);
    const long = queueEntityName(`${'x'.repeat(70)}.queue`);
    expect(long).toHaveLength(63);
    expect(queueEntityName('#')).toMatch(/^[0-9a-f]{8}$/);
  });
});
