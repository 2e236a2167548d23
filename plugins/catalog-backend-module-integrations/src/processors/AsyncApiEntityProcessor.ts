import { createHash } from 'node:crypto';
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
  ANNOTATION_ADDRESS,
  ANNOTATION_ASYNCAPI_API,
  ANNOTATION_ASYNCAPI_CHANNEL,
  ANNOTATION_BROKER,
  isMessagingResource,
  MessageSchemaRef,
  MessagingResourceEntity,
  MessagingResourceSpec,
  RELATION_DESCRIBED_BY,
  RELATION_DESCRIBES,
} from '@internal/plugin-integrations-common';
import {
  AsyncApiDocumentReader,
  AsyncApiReading,
  AsyncApiSummary,
  omitUndefined,
} from './AsyncApiDocumentReader';
import { brokerKind } from './BrokerIdentity';
import { definitionText, invalidDefinitionMessage } from './DefinitionProblems';
import {
  emitMessagingRelations,
  MessagingDirection,
} from './MessagingRelationsProcessor';
import {
  DescribedTopic,
  describedTopics,
  disambiguatedName,
  resourceNameForAddress,
  topicKey,
} from './TopicIdentity';

export { AsyncApiDocumentReader } from './AsyncApiDocumentReader';
export type {
  AsyncApiChannelSummary,
  AsyncApiReading,
  AsyncApiSummary,
} from './AsyncApiDocumentReader';
export { resourceNameForAddress } from './TopicIdentity';

/** The broker of channels whose document names no server, unless integrations.defaultBroker says. */
export const DEFAULT_BROKER = 'amqp://localhost/';

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
const CACHE_FORMAT = 'v2';

/** Where a topic of this document goes in the catalog. */
export type PlacedTopic = {
  topic: DescribedTopic;
  ref: CompoundEntityRef;
  /**
   * true: this API's processing emits the entity. false: another API's document (or a
   * person, in a catalog file) declared it first; this API only describes it.
   */
  emits: boolean;
  /** The entity as the catalog has it now, if it does. */
  existing?: Entity;
};

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** The identity key of a catalog entity this module emitted, from its annotations. */
function keyOfEntity(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const broker = annotations[ANNOTATION_BROKER];
  const address = annotations[ANNOTATION_ADDRESS];
  const type = entity.spec?.type;
  if (
    !broker ||
    address === undefined ||
    (type !== 'topic' && type !== 'queue')
  )
    return undefined;
  const exchange =
    type === 'topic'
      ? (entity.spec?.address as { exchange?: string } | undefined)?.exchange
      : undefined;
  return topicKey({ broker, kind: type, exchange, address });
}

/** A messaging resource a person declared that is this topic (same kind and address). */
function declaredByHandAs(entity: Entity, topic: DescribedTopic): boolean {
  if (!isMessagingResource(entity)) return false;
  const annotations = entity.metadata.annotations ?? {};
  if (annotations[ANNOTATION_ASYNCAPI_API] || annotations[ANNOTATION_BROKER])
    return false;
  if (entity.spec.type !== topic.kind) return false;
  const broker = entity.spec.broker;
  if (broker && broker !== brokerKind(topic.protocol)) return false;
  const declared =
    topic.kind === 'queue'
      ? entity.spec.address?.queue ?? entity.metadata.name
      : entity.spec.address?.routingKey ?? entity.metadata.name;
  return declared === topic.address;
}

/**
 * Names the topics of a document. A topic keeps the entity the catalog already has for
 * its identity (broker, address); a new one gets the plain address as its name, unless
 * a topic of another broker has that name: then the name and a hash of the identity.
 */
export class TopicPlacement {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async place(
    apiRef: string,
    namespace: string,
    topics: DescribedTopic[],
  ): Promise<PlacedTopic[]> {
    if (topics.length === 0) return [];
    const credentials = await this.auth.getOwnServiceCredentials();
    const brokers = [...new Set(topics.map(t => t.broker))];
    const { items: onBrokers } = await withRetry(() =>
      this.catalog.getEntities(
        {
          filter: {
            kind: 'resource',
            'metadata.namespace': namespace,
            [`metadata.annotations.${ANNOTATION_BROKER}`]: brokers,
          },
          fields: ['kind', 'metadata', 'spec', 'relations'],
        },
        { credentials },
      ),
    );
    const byKey = new Map<string, Entity>();
    for (const entity of onBrokers) {
      const key = keyOfEntity(entity);
      if (key) byKey.set(key, entity);
    }
    const plainRefs = topics.map(t =>
      stringifyEntityRef({
        kind: 'resource',
        namespace,
        name: resourceNameForAddress(t.address),
      }),
    );
    const { items: byPlainName } = await withRetry(() =>
      this.catalog.getEntitiesByRefs(
        {
          entityRefs: plainRefs,
          fields: ['kind', 'metadata', 'spec', 'relations'],
        },
        { credentials },
      ),
    );

    const taken = new Set<string>();
    const ref = (name: string): CompoundEntityRef => ({
      kind: 'Resource',
      namespace,
      name,
    });
    // Topics the catalog already knows first, so a new topic cannot take their names.
    const order = topics
      .map((topic, index) => ({ topic, index }))
      .sort(
        (a, b) =>
          Number(byKey.has(b.topic.key)) - Number(byKey.has(a.topic.key)),
      );
    const results: PlacedTopic[] = new Array(topics.length);
    for (const { topic, index } of order) {
      const known = byKey.get(topic.key);
      if (known) {
        const emitter = known.metadata.annotations?.[ANNOTATION_ASYNCAPI_API];
        taken.add(lower(known.metadata.name));
        results[index] = {
          topic,
          ref: ref(known.metadata.name),
          emits: !emitter || lower(emitter) === lower(apiRef),
          existing: known,
        };
        continue;
      }
      const plain = resourceNameForAddress(topic.address);
      const other = byPlainName[index];
      if (other && declaredByHandAs(other, topic)) {
        results[index] = {
          topic,
          ref: ref(other.metadata.name),
          emits: false,
          existing: other,
        };
        continue;
      }
      const otherEmitter =
        other?.metadata.annotations?.[ANNOTATION_ASYNCAPI_API];
      // Our own entity under the plain name whose identity changed (a server moved) keeps it.
      const free =
        !other || (!!otherEmitter && lower(otherEmitter) === lower(apiRef));
      const name =
        free && !taken.has(lower(plain)) ? plain : disambiguatedName(topic);
      taken.add(lower(name));
      results[index] = { topic, ref: ref(name), emits: true };
    }
    return results;
  }
}

/** Another document's view of a topic this API emits. */
type OtherDescription = {
  api: string;
  owner?: string;
  title?: string;
  version?: string;
  topic: DescribedTopic;
};

/** The topic or queue Resource of one topic of an AsyncAPI API entity. */
export function topicResource(
  api: ApiEntity,
  summary: AsyncApiSummary,
  placed: PlacedTopic,
  others: OtherDescription[] = [],
): MessagingResourceEntity {
  const { topic } = placed;
  const apiRef = stringifyEntityRef(api);
  const descriptions: OtherDescription[] = [
    {
      api: apiRef,
      owner: api.spec.owner,
      title: api.metadata.title ?? summary.title,
      version: summary.version,
      topic,
    },
    ...others,
  ];
  const isRabbitMq = brokerKind(topic.protocol) === 'rabbitmq';
  let address: MessagingResourceSpec['address'];
  if (isRabbitMq) {
    address =
      topic.kind === 'queue'
        ? { queue: topic.address }
        : omitUndefined({
            exchange: topic.exchange,
            routingKey: topic.address,
          });
  }

  const messages: MessageSchemaRef[] = [];
  // A server that could not be read is shown with the conflicts: the topic may be misplaced.
  const conflicts: string[] = [...topic.problems];
  for (const description of descriptions) {
    for (const channel of description.topic.channels) {
      for (const message of channel.messages) {
        const same = messages.find(m => m.name === message.name);
        if (!same) {
          messages.push(
            omitUndefined({
              ...message,
              version: description.version,
              api: description.api,
            }),
          );
        } else if (
          same.api !== description.api &&
          same.schemaHash !== message.schemaHash
        ) {
          const conflict = `message ${message.name}: ${description.api} gives another schema than ${same.api}`;
          if (!conflicts.includes(conflict)) conflicts.push(conflict);
        }
      }
    }
  }
  const owners = [
    ...new Set(descriptions.map(d => d.owner).filter((o): o is string => !!o)),
  ];
  if (owners.length > 1) {
    conflicts.unshift(
      `owner: ${descriptions
        .filter(d => d.owner)
        .map(d => `${d.api} says ${d.owner}`)
        .join(', ')}`,
    );
  }
  const kind = brokerKind(topic.protocol);
  const spec = omitUndefined({
    type: topic.kind,
    owner: api.spec.owner,
    system: api.spec.system,
    lifecycle: api.spec.lifecycle,
    broker: kind || undefined,
    address,
    deliveryGuarantee: isRabbitMq ? ('at-least-once' as const) : undefined,
    server: omitUndefined({
      url: topic.broker,
      protocol: topic.protocol || undefined,
      name: topic.serverName,
      declared: topic.brokerDeclared,
    }),
    messages,
    channels: descriptions.flatMap(d =>
      d.topic.channels.map(channel => ({
        api: d.api,
        channel: channel.id,
        sends: channel.sentMessages,
        receives: channel.receivedMessages,
      })),
    ),
    describedBy: descriptions.map(d =>
      omitUndefined({
        api: d.api,
        owner: d.owner,
        title: d.title,
        version: d.version,
      }),
    ),
    conflicts: conflicts.length > 0 ? conflicts : undefined,
  }) satisfies MessagingResourceSpec;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: omitUndefined({
      name: placed.ref.name,
      namespace: placed.ref.namespace,
      title: topic.address,
      description: topic.channels.find(c => c.description)?.description,
      annotations: {
        [ANNOTATION_ASYNCAPI_API]: apiRef,
        [ANNOTATION_ASYNCAPI_CHANNEL]: topic.channels.map(c => c.id).join(','),
        [ANNOTATION_BROKER]: topic.broker,
        [ANNOTATION_ADDRESS]: topic.address,
      },
    }),
    // MessageSchemaRef is an interface (no index signature), so not a JsonObject to tsc.
    spec: spec as MessagingResourceEntity['spec'],
  };
}

/**
 * API entities of type asyncapi: one topic or queue Resource per (broker, address) of
 * the document, publish/subscribe relations between them and the components that
 * provide or consume the API, and describedBy/describes between each topic and every
 * document that describes it.
 */
export class AsyncApiEntityProcessor implements CatalogProcessor {
  private readonly reader = new AsyncApiDocumentReader();
  private readonly participants: ApiParticipants;
  private readonly placement: TopicPlacement;
  private readonly defaultBroker: string;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    /** Canonical URL of the broker of channels whose document names no server. */
    defaultBroker?: string;
  }) {
    this.participants = new ApiParticipants(options.catalog, options.auth);
    this.placement = new TopicPlacement(options.catalog, options.auth);
    this.defaultBroker = options.defaultBroker ?? DEFAULT_BROKER;
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
    const definition = definitionText(
      'AsyncAPI',
      apiRef,
      entity,
      location,
      emit,
    );
    if (definition === undefined) return entity;
    const reading = await this.readCached(definition, cache);
    if (!reading.valid) {
      emit(
        processingResult.inputError(
          location,
          invalidDefinitionMessage('AsyncAPI', apiRef, reading.problems),
        ),
      );
      return entity;
    }

    const topics = describedTopics(reading.summary, this.defaultBroker);
    const placed = await this.placement.place(
      apiRef,
      entity.metadata.namespace ?? DEFAULT_NAMESPACE,
      topics,
    );
    for (const p of placed) {
      if (p.emits) {
        const others = await this.otherDescriptions(apiRef, p, cache);
        emit(
          processingResult.entity(
            location,
            topicResource(entity, reading.summary, p, others),
          ),
        );
      }
      emit(
        processingResult.relation({
          source: p.ref,
          type: RELATION_DESCRIBED_BY,
          target: getCompoundEntityRef(entity),
        }),
      );
      emit(
        processingResult.relation({
          source: getCompoundEntityRef(entity),
          type: RELATION_DESCRIBES,
          target: p.ref,
        }),
      );
    }

    // The provider implements the document's operations; a consumer is its counterpart.
    const { providers, consumers } = await this.participants.of(apiRef);
    for (const { topic, ref } of placed) {
      const sends = topic.channels.some(c => c.sends);
      const receives = topic.channels.some(c => c.receives);
      const flows: Array<[CompoundEntityRef[], MessagingDirection, boolean]> = [
        [providers, 'publishes', sends],
        [providers, 'subscribes', receives],
        [consumers, 'subscribes', sends],
        [consumers, 'publishes', receives],
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
   * What the other documents that describe this topic say about it: the APIs of its
   * describedBy relations, read as this processor reads its own.
   */
  private async otherDescriptions(
    apiRef: string,
    placed: PlacedTopic,
    cache: CatalogProcessorCache,
  ): Promise<OtherDescription[]> {
    const refs = (placed.existing?.relations ?? [])
      .filter(
        r =>
          r.type === RELATION_DESCRIBED_BY &&
          lower(r.targetRef) !== lower(apiRef),
      )
      .map(r => r.targetRef);
    const out: OtherDescription[] = [];
    for (const ref of [...new Set(refs)].sort()) {
      const api = await this.participants.api(ref);
      if (
        !api ||
        !isApiEntity(api) ||
        api.spec.type !== 'asyncapi' ||
        typeof api.spec.definition !== 'string'
      )
        continue;
      const reading = await this.readCached(api.spec.definition, cache);
      if (!reading.valid) continue;
      const topic = describedTopics(reading.summary, this.defaultBroker).find(
        t => t.key === placed.topic.key,
      );
      if (!topic) continue;
      out.push({
        api: stringifyEntityRef(api),
        owner: api.spec.owner,
        title: api.metadata.title ?? reading.summary.title,
        version: reading.summary.version,
        topic,
      });
    }
    return out;
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
        const placed = await this.placement.place(
          stringifyEntityRef(api),
          api.metadata.namespace ?? DEFAULT_NAMESPACE,
          describedTopics(reading.summary, this.defaultBroker),
        );
        for (const { topic, ref } of placed) {
          const topicSends = topic.channels.some(c => c.sends);
          const topicReceives = topic.channels.some(c => c.receives);
          const sends = role === 'provider' ? topicSends : topicReceives;
          const receives = role === 'provider' ? topicReceives : topicSends;
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
