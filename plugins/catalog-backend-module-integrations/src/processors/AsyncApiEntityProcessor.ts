import { createHash } from 'node:crypto';
import {
  AsyncAPIDocumentInterface,
  ChannelInterface,
  DiagnosticSeverity,
  Parser,
} from '@asyncapi/parser';
import type { Diagnostic } from '@asyncapi/parser';
import { AuthService } from '@backstage/backend-plugin-api';
import {
  ApiEntity,
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  getCompoundEntityRef,
  isApiEntity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  CatalogService,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ASYNCAPI_API,
  ANNOTATION_ASYNCAPI_CHANNEL,
  MessagingResourceEntity,
  MessagingResourceSpec,
} from '@internal/plugin-integrations-common';
import {
  emitMessagingRelations,
  MessagingDirection,
} from './MessagingRelationsProcessor';

/** What the processor keeps of a channel: plain JSON, so it fits the processor cache. */
export type AsyncApiChannelSummary = {
  /** Key of the channel in the document. */
  id: string;
  address: string;
  description?: string;
  /** Protocol of the first server the channel is available on. */
  protocol?: string;
  amqp?: { is?: string; exchange?: string; queue?: string };
  messages: Array<{ name: string; contentType?: string }>;
  /** Whether the application that provides the API sends / receives on it. */
  sends: boolean;
  receives: boolean;
};

export type AsyncApiSummary = {
  /** info.version of the document. */
  version: string;
  channels: AsyncApiChannelSummary[];
};

export type AsyncApiReading =
  | { valid: true; summary: AsyncApiSummary }
  | { valid: false; problems: string[] };

function formatDiagnostic(diagnostic: Diagnostic): string {
  const path = diagnostic.path.join('.');
  return path ? `${path}: ${diagnostic.message}` : diagnostic.message;
}

function amqpBinding(
  channel: ChannelInterface,
): AsyncApiChannelSummary['amqp'] {
  const binding = channel.bindings().get('amqp');
  if (!binding) {
    return undefined;
  }
  const value = binding.value<{
    is?: unknown;
    exchange?: { name?: unknown };
    queue?: { name?: unknown };
  }>();
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return omitUndefined({
    is: text(value.is),
    exchange: text(value.exchange?.name),
    queue: text(value.queue?.name),
  });
}

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

function summariseChannel(channel: ChannelInterface): AsyncApiChannelSummary {
  // isSend()/isReceive() are the application's view in both versions: the parser
  // maps 2.x `subscribe` to send and `publish` to receive, while action() stays raw.
  const operations = channel.operations().all();
  const messages = channel
    .messages()
    .all()
    .flatMap(message => {
      const name = message.name() ?? message.id();
      return name
        ? [omitUndefined({ name, contentType: message.contentType() })]
        : [];
    });
  return omitUndefined({
    id: channel.id(),
    address: channel.address() ?? channel.id(),
    description: channel.description(),
    protocol: channel.servers().all()[0]?.protocol(),
    amqp: amqpBinding(channel),
    messages,
    sends: operations.some(operation => operation.isSend()),
    receives: operations.some(operation => operation.isReceive()),
  });
}

function summarise(document: AsyncAPIDocumentInterface): AsyncApiSummary {
  return {
    version: document.info().version(),
    channels: document.channels().all().map(summariseChannel),
  };
}

/** Parses AsyncAPI 2.x / 3.x documents with the official parser and keeps what the catalog needs. */
export class AsyncApiDocumentReader {
  private readonly parser = new Parser();

  async read(definition: string): Promise<AsyncApiReading> {
    // The parser would otherwise fetch http(s) URLs and read local files named in a
    // $ref: a catalog entity must not make the backend do either.
    const externalRefs: string[] = [];
    const { document, diagnostics } = await this.parser.parse(definition, {
      __unstable: {
        resolver: {
          resolvers: ['file', 'http', 'https'].map(schema => ({
            schema,
            order: 0,
            read: uri => {
              externalRefs.push(uri.toString());
              return '{}';
            },
          })),
        },
      },
    });
    const problems = [
      ...externalRefs.map(
        ref =>
          `$ref ${ref}: external references are not resolved, only references within the document`,
      ),
      ...diagnostics
        .filter(d => d.severity === DiagnosticSeverity.Error)
        .map(formatDiagnostic),
    ];
    if (problems.length > 0) {
      return { valid: false, problems };
    }
    if (!document) {
      return { valid: false, problems: ['the parser returned no document'] };
    }
    return { valid: true, summary: summarise(document) };
  }
}

const MAX_NAME_LENGTH = 63;

/**
 * A valid entity name for a channel address: runs of other characters than
 * letters and digits become `-` unless they are a single `.`, `_` or `-`.
 */
export function resourceNameForAddress(address: string): string {
  const name = address
    .replace(/[^A-Za-z0-9]+/g, run => (/^[-_.]$/.test(run) ? run : '-'))
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (name && name.length <= MAX_NAME_LENGTH) {
    return name;
  }
  // Too long (or nothing left): a readable prefix, kept unique by a hash of the address.
  const hash = createHash('sha256').update(address).digest('hex').slice(0, 8);
  const prefix = name
    .slice(0, MAX_NAME_LENGTH - hash.length - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return prefix ? `${prefix}-${hash}` : `channel-${hash}`;
}

function brokerFor(protocol: string): string {
  switch (protocol) {
    case 'amqp':
    case 'amqps':
      return 'rabbitmq';
    case 'kafka':
    case 'kafka-secure':
      return 'kafka';
    default:
      return protocol;
  }
}

/** The topic or queue Resource for one channel of an AsyncAPI API entity. */
export function channelResource(
  api: ApiEntity,
  summary: AsyncApiSummary,
  channel: AsyncApiChannelSummary,
): MessagingResourceEntity {
  const broker = channel.protocol ? brokerFor(channel.protocol) : undefined;
  const isQueue = channel.amqp?.is === 'queue';
  let address: MessagingResourceSpec['address'];
  if (broker === 'rabbitmq') {
    address = isQueue
      ? { queue: channel.amqp?.queue ?? channel.address }
      : omitUndefined({
          exchange: channel.amqp?.exchange,
          routingKey: channel.address,
        });
  }
  // An object type rather than the interface, so it is also a JsonObject.
  const spec = omitUndefined({
    type: isQueue ? ('queue' as const) : ('topic' as const),
    owner: api.spec.owner,
    system: api.spec.system,
    lifecycle: api.spec.lifecycle,
    broker,
    address,
    deliveryGuarantee:
      broker === 'rabbitmq' ? ('at-least-once' as const) : undefined,
    messages: channel.messages.map(message => ({
      ...message,
      version: summary.version,
    })),
  }) satisfies MessagingResourceSpec;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: omitUndefined({
      name: resourceNameForAddress(channel.address),
      namespace: api.metadata.namespace ?? DEFAULT_NAMESPACE,
      title: channel.address,
      description: channel.description,
      annotations: {
        [ANNOTATION_ASYNCAPI_API]: stringifyEntityRef(api),
        [ANNOTATION_ASYNCAPI_CHANNEL]: channel.id,
      },
    }),
    spec,
  };
}

/**
 * Channels that share an address (or a sanitised name) are one resource on the
 * broker: one entity, with the messages and directions of all of them.
 */
function mergeByResourceName(
  channels: AsyncApiChannelSummary[],
): AsyncApiChannelSummary[] {
  const merged = new Map<string, AsyncApiChannelSummary>();
  for (const channel of channels) {
    const name = resourceNameForAddress(channel.address).toLowerCase();
    const first = merged.get(name);
    merged.set(
      name,
      first
        ? {
            ...first,
            messages: [
              ...first.messages,
              ...channel.messages.filter(
                m => !first.messages.some(f => f.name === m.name),
              ),
            ],
            sends: first.sends || channel.sends,
            receives: first.receives || channel.receives,
          }
        : channel,
    );
  }
  return [...merged.values()];
}

/** A kept-alive connection the catalog closed under us: worth one more try. */
function isTransientNetworkError(e: unknown): boolean {
  const error = e as {
    code?: string;
    message?: string;
    cause?: { code?: string };
  };
  const code = error?.code ?? error?.cause?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /socket hang up/.test(error?.message ?? '')
  );
}

async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!isTransientNetworkError(e)) throw e;
    await new Promise(resolve => setTimeout(resolve, 100));
    return call();
  }
}

/**
 * Components that provide or consume an API, read from the catalog. The catalog answers
 * over HTTP; a connection reset is retried once instead of failing the entity's processing.
 */
export class ApiParticipants {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async of(apiRef: string): Promise<{
    providers: CompoundEntityRef[];
    consumers: CompoundEntityRef[];
  }> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const components = async (relation: 'providesApi' | 'consumesApi') => {
      const { items } = await withRetry(() =>
        this.catalog.getEntities(
          {
            filter: { kind: 'component', [`relations.${relation}`]: apiRef },
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        ),
      );
      return items.map(getCompoundEntityRef);
    };
    const [providers, consumers] = await Promise.all([
      components('providesApi'),
      components('consumesApi'),
    ]);
    return { providers, consumers };
  }

  /** The API entity as the catalog has it now, or undefined. */
  async api(apiRef: string): Promise<Entity | undefined> {
    const credentials = await this.auth.getOwnServiceCredentials();
    return withRetry(() =>
      this.catalog.getEntityByRef(apiRef, { credentials }),
    );
  }
}

// Bump when AsyncApiSummary changes shape, so cached summaries of unchanged documents are redone.
const CACHE_FORMAT = 'v1';

/**
 * API entities of type asyncapi: one topic or queue Resource per channel, and
 * publish/subscribe relations between them and the components that provide or
 * consume the API.
 */
export class AsyncApiEntityProcessor implements CatalogProcessor {
  private readonly reader = new AsyncApiDocumentReader();
  private readonly participants: ApiParticipants;

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.participants = new ApiParticipants(options.catalog, options.auth);
  }

  getProcessorName(): string {
    return 'AsyncApiEntityProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (entity.kind === 'Component') {
      await this.relateComponent(entity, emit, cache);
      return entity;
    }
    if (!isApiEntity(entity) || entity.spec.type !== 'asyncapi') {
      return entity;
    }
    const apiRef = stringifyEntityRef(entity);
    const definition: unknown = entity.spec.definition;
    if (typeof definition !== 'string') {
      emit(
        processingResult.inputError(
          location,
          `AsyncAPI definition of ${apiRef} is invalid: spec.definition must be a string`,
        ),
      );
      return entity;
    }
    const reading = await this.readCached(definition, cache);
    if (!reading.valid) {
      emit(
        processingResult.inputError(
          location,
          `AsyncAPI definition of ${apiRef} is invalid: ${reading.problems.join(
            '; ',
          )}`,
        ),
      );
      return entity;
    }

    const channels = mergeByResourceName(reading.summary.channels);
    const resources = channels.map(channel => {
      const resource = channelResource(entity, reading.summary, channel);
      emit(processingResult.entity(location, resource));
      return { channel, ref: getCompoundEntityRef(resource) };
    });

    // The provider implements the document's operations; a consumer is its counterpart.
    const { providers, consumers } = await this.participants.of(apiRef);
    for (const { channel, ref } of resources) {
      const flows: Array<[CompoundEntityRef[], MessagingDirection, boolean]> = [
        [providers, 'publishes', channel.sends],
        [providers, 'subscribes', channel.receives],
        [consumers, 'subscribes', channel.sends],
        [consumers, 'publishes', channel.receives],
      ];
      for (const [components, direction, applies] of flows) {
        if (!applies) {
          continue;
        }
        for (const component of components) {
          emitMessagingRelations(emit, component, direction, ref);
        }
      }
    }
    return entity;
  }

  /**
   * The same relations seen from the component: whichever of the API and the component
   * is processed second finds the other, so the relations exist after the first pass
   * instead of waiting for the API's next round.
   */
  private async relateComponent(
    component: Entity,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ) {
    const roles: Array<['provider' | 'consumer', unknown]> = [
      ['provider', component.spec?.providesApis],
      ['consumer', component.spec?.consumesApis],
    ];
    const self = getCompoundEntityRef(component);
    for (const [role, refs] of roles) {
      if (!Array.isArray(refs)) continue;
      for (const raw of refs) {
        if (typeof raw !== 'string') continue;
        const api = await this.participants.api(
          stringifyEntityRef(
            parseEntityRef(raw, {
              defaultKind: 'api',
              defaultNamespace: self.namespace,
            }),
          ),
        );
        if (
          !api ||
          !isApiEntity(api) ||
          api.spec.type !== 'asyncapi' ||
          typeof api.spec.definition !== 'string'
        ) {
          continue;
        }
        const reading = await this.readCached(api.spec.definition, cache);
        if (!reading.valid) continue;
        for (const channel of mergeByResourceName(reading.summary.channels)) {
          const ref = getCompoundEntityRef(
            channelResource(api, reading.summary, channel),
          );
          const sends = role === 'provider' ? channel.sends : channel.receives;
          const receives =
            role === 'provider' ? channel.receives : channel.sends;
          if (sends) emitMessagingRelations(emit, self, 'publishes', ref);
          if (receives) emitMessagingRelations(emit, self, 'subscribes', ref);
        }
      }
    }
  }

  /** Parsing is the slow part; an unchanged document reuses the previous run's result. */
  private async readCached(
    definition: string,
    cache: CatalogProcessorCache,
  ): Promise<AsyncApiReading> {
    const key = `${CACHE_FORMAT}:${createHash('sha256')
      .update(definition)
      .digest('hex')}`;
    const cached = await cache.get<AsyncApiReading>(key);
    if (cached) {
      return cached;
    }
    const reading = await this.reader.read(definition);
    await cache.set(key, reading);
    return reading;
  }
}
