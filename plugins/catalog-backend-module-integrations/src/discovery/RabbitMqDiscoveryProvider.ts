import {
  AuthService,
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskRunner,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  KubernetesValidatorFunctions,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogService,
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_BROKER_DRIFT,
  ANNOTATION_DISCOVERED_BY,
  BrokerDrift,
  BrokerFigures,
  MESSAGING_RESOURCE_TYPES,
  MessagingResourceEntity,
} from '@internal/plugin-integrations-common';
import { createHash } from 'node:crypto';
import {
  brokerAddressOf,
  BrokerDriftSnapshot,
  DiscoveryReport,
  isDeclaredRabbitMqResource,
  isMissingOnBroker,
} from './BrokerDriftSnapshot';
import { QueueTopology } from './QueueTopology';
import {
  RabbitMqManagementClient,
  RabbitMqQueue,
} from './RabbitMqManagementClient';

const CONFIG_KEY = 'catalog.providers.rabbitmqDiscovery';

/** catalog.providers.rabbitmqDiscovery, with defaults applied. */
export interface RabbitMqDiscoveryConfig {
  managementUrl: string;
  username: string;
  password: string;
  vhost: string;
  defaultOwner: string;
  /** Queues whose names match are never flagged undeclared (e.g. retry queues). */
  queueFilter?: RegExp;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
};

/** Reads the provider's config; undefined when it is absent or not enabled. */
export function readRabbitMqDiscoveryConfig(
  config: RootConfigService,
): RabbitMqDiscoveryConfig | undefined {
  const c = config.getOptionalConfig(CONFIG_KEY);
  if (!c?.getOptionalBoolean('enabled')) return undefined;
  const managementUrl = c.getString('managementUrl');
  if (!URL.canParse(managementUrl)) {
    throw new Error(`${CONFIG_KEY}.managementUrl is not a URL`);
  }
  const filter = c.getOptionalString('queueFilter');
  let queueFilter: RegExp | undefined;
  try {
    queueFilter = filter === undefined ? undefined : new RegExp(filter);
  } catch (e) {
    throw new Error(
      `${CONFIG_KEY}.queueFilter is not a valid regular expression: ${
        (e as Error).message
      }`,
    );
  }
  return {
    managementUrl,
    username: c.getString('username'),
    password: c.getString('password'),
    vhost: c.getOptionalString('vhost') ?? '/',
    defaultOwner:
      c.getOptionalString('defaultOwner') ?? 'group:default/unowned',
    queueFilter,
    schedule: c.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
  };
}

const ENTITY_NAME_MAX = 63;

/** The queue name if it is a valid entity name, else a sanitised one made unique by a hash. */
export function queueEntityName(queue: string): string {
  if (KubernetesValidatorFunctions.isValidObjectName(queue)) return queue;
  const hash = createHash('sha256').update(queue).digest('hex').slice(0, 8);
  const base = queue
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .slice(0, ENTITY_NAME_MAX - hash.length - 1)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return base ? `${base}-${hash}` : hash;
}

/** Depth, consumers and rates of each queue, as far as the broker has collected them. */
export function queueFigures(
  queues: RabbitMqQueue[],
  at: string,
): Record<string, BrokerFigures> {
  const number = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return Object.fromEntries(
    queues.map(q => [
      q.name,
      JSON.parse(
        JSON.stringify({
          messages: number(q.messages),
          consumers: number(q.consumers),
          publishRate: number(q.message_stats?.publish_details?.rate),
          deliverRate: number(q.message_stats?.deliver_get_details?.rate),
          at,
        }),
      ) as BrokerFigures,
    ]),
  );
}

export interface RabbitMqDiscoveryProviderOptions {
  config: RabbitMqDiscoveryConfig;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  /** Receives every report, for BrokerDriftProcessor. */
  snapshot: BrokerDriftSnapshot;
}

/**
 * Emits one Resource per RabbitMQ queue that no catalog entity declares (drift
 * `undeclared`), and reports declared queues and exchanges the broker lacks.
 */
export class RabbitMqDiscoveryProvider implements EntityProvider {
  private readonly client: RabbitMqManagementClient;
  private connection?: EntityProviderConnection;
  /** Runs are serialised: a full mutation must never overtake a newer one. */
  private running: Promise<unknown> = Promise.resolve();

  /** undefined when the provider is not enabled in config. */
  static fromConfig(
    config: RootConfigService,
    deps: Omit<RabbitMqDiscoveryProviderOptions, 'config' | 'taskRunner'> & {
      scheduler: SchedulerService;
    },
  ): RabbitMqDiscoveryProvider | undefined {
    const providerConfig = readRabbitMqDiscoveryConfig(config);
    if (!providerConfig) return undefined;
    return new RabbitMqDiscoveryProvider({
      ...deps,
      config: providerConfig,
      taskRunner: deps.scheduler.createScheduledTaskRunner(
        providerConfig.schedule,
      ),
    });
  }

  constructor(private readonly options: RabbitMqDiscoveryProviderOptions) {
    this.client = new RabbitMqManagementClient({
      baseUrl: options.config.managementUrl,
      username: options.config.username,
      password: options.config.password,
    });
  }

  getProviderName(): string {
    return 'rabbitmq-discovery';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (e) {
          this.options.logger.error(
            `RabbitMQ discovery failed: ${(e as Error).message}`,
          );
        }
      },
    });
  }

  /** One discovery run (also what the schedule runs); throws when the broker or catalog cannot be read. */
  refresh(): Promise<DiscoveryReport> {
    const run = this.running.then(() => this.discover());
    this.running = run.catch(() => undefined);
    return run;
  }

  private async discover(): Promise<DiscoveryReport> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    }
    const { vhost, queueFilter } = this.options.config;
    const [queues, exchanges, bindings] = await Promise.all([
      this.client.listQueues(vhost),
      this.client.listExchanges(vhost),
      this.client.listBindings(vhost),
    ]);
    const declared = await this.readDeclaredResources();

    const declaredQueues = new Set(
      declared
        .map(brokerAddressOf)
        .flatMap(a => (a && 'queue' in a ? [a.queue] : [])),
    );
    const undeclared = queues.filter(
      q => !declaredQueues.has(q.name) && !queueFilter?.test(q.name),
    );
    const topology = new QueueTopology(queues, bindings);
    await connection.applyMutation({
      type: 'full',
      entities: undeclared.map(q => this.undeclaredQueueEntity(q, topology)),
    });

    const inventory = {
      queues: new Set(queues.map(q => q.name)),
      exchanges: new Set(
        exchanges.map(e => e.name).filter(name => name !== ''),
      ),
    };
    const report: DiscoveryReport = {
      brokerQueues: [...inventory.queues].sort(),
      brokerExchanges: [...inventory.exchanges].sort(),
      undeclared: undeclared.map(q => q.name).sort(),
      missingOnBroker: declared
        .filter(e => isMissingOnBroker(e, inventory))
        .map(e => stringifyEntityRef(e))
        .sort(),
      queueFigures: queueFigures(queues, new Date().toISOString()),
    };
    this.options.snapshot.update(report);
    this.log(report);
    return report;
  }

  /** Messaging resources people declared: everything of the messaging types but ours. */
  private async readDeclaredResources(): Promise<MessagingResourceEntity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const declared: MessagingResourceEntity[] = [];
    try {
      for await (const page of this.options.catalog.streamEntities(
        {
          filter: {
            kind: 'Resource',
            'spec.type': [...MESSAGING_RESOURCE_TYPES],
          },
          fields: ['kind', 'metadata', 'spec'],
        },
        { credentials },
      )) {
        declared.push(...page.filter(isDeclaredRabbitMqResource));
      }
    } catch (e) {
      throw new Error(
        `${this.getProviderName()} could not read messaging resources from the catalog: ${
          (e as Error).message
        }`,
      );
    }
    return declared;
  }

  /**
   * No locationKey on purpose: an entity without one yields its ref to any declared entity
   * of the same name, so declaring a queue under its own name replaces the flagged entity.
   */
  private undeclaredQueueEntity(
    queue: RabbitMqQueue,
    topology: QueueTopology,
  ): DeferredEntity {
    const { config } = this.options;
    const location = `url:${this.client.baseUrl}`;
    const exchange = topology.exchangeOf(queue.name);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: queueEntityName(queue.name),
        title: queue.name,
        description:
          `Queue ${queue.name} exists on RabbitMQ (vhost ${queue.vhost}) but is not declared in ` +
          'the catalog, so it has no owner. Declare it (spec.address.queue) to take it over.',
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [ANNOTATION_BROKER_DRIFT]: 'undeclared' satisfies BrokerDrift,
          [ANNOTATION_DISCOVERED_BY]: this.getProviderName(),
        },
      },
      spec: {
        type: topology.isDeadLetterQueue(queue.name)
          ? 'dead-letter-queue'
          : 'queue',
        owner: config.defaultOwner,
        broker: 'rabbitmq',
        address: { queue: queue.name, ...(exchange ? { exchange } : {}) },
      },
    };
    return { entity };
  }

  private log(report: DiscoveryReport) {
    const { logger } = this.options;
    logger.info(
      `RabbitMQ discovery: ${report.brokerQueues.length} queues on ${this.client.baseUrl} ` +
        `vhost ${this.options.config.vhost}, ${report.undeclared.length} undeclared, ` +
        `${report.missingOnBroker.length} declared but missing on the broker`,
    );
    if (report.missingOnBroker.length) {
      const refs = report.missingOnBroker.join(', ');
      logger.warn(`Declared in the catalog but missing on RabbitMQ: ${refs}`);
    }
  }
}
