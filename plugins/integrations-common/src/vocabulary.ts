/**
 * The integration catalog's vocabulary: topics, queues and dead-letter queues are
 * Resource entities; components publish to and subscribe to them.
 */
import { Entity } from '@backstage/catalog-model';

/** Resource spec.type values for messaging artifacts. */
export const MESSAGING_RESOURCE_TYPES = [
  'topic',
  'queue',
  'dead-letter-queue',
] as const;
export type MessagingResourceType = (typeof MESSAGING_RESOURCE_TYPES)[number];

/** Directional relations (component → resource) and their reverses. */
export const RELATION_PUBLISHES_TO = 'publishesTo';
export const RELATION_PUBLISHED_BY = 'publishedBy';
export const RELATION_SUBSCRIBES_TO = 'subscribesTo';
export const RELATION_SUBSCRIBED_BY = 'subscribedBy';

/** Annotations the module sets or reads. */
export const ANNOTATION_ASYNCAPI_API = 'switchboard.dev/asyncapi-api';
export const ANNOTATION_ASYNCAPI_CHANNEL = 'switchboard.dev/asyncapi-channel';
export const ANNOTATION_BROKER_DRIFT = 'switchboard.dev/broker-drift';
/** Values of ANNOTATION_BROKER_DRIFT: on the broker but not in the catalog, or the reverse. */
export type BrokerDrift = 'undeclared' | 'missing-on-broker';
/** Set on entities a discovery provider emitted (value: the provider's name). */
export const ANNOTATION_DISCOVERED_BY = 'switchboard.dev/discovered-by';
export const ANNOTATION_CHAT_CHANNEL = 'switchboard.dev/chat-channel';
/** Canonical URL of the broker a topic or queue lives on, e.g. amqp://rabbitmq.example.org/ */
export const ANNOTATION_BROKER = 'switchboard.dev/broker';
/** Its address on that broker (channel address, routing key or queue name). */
export const ANNOTATION_ADDRESS = 'switchboard.dev/address';
/** Set by broker discovery on queues it saw: JSON of BrokerFigures. */
export const ANNOTATION_BROKER_FIGURES = 'switchboard.dev/broker-figures';

/** A topic or queue and the AsyncAPI documents that describe it (resource → API, and back). */
export const RELATION_DESCRIBED_BY = 'describedBy';
export const RELATION_DESCRIBES = 'describes';

/** JSON as a schema or an example holds it (structurally @backstage/types' JsonValue). */
export type JsonData =
  | string
  | number
  | boolean
  | null
  | JsonData[]
  | { [key: string]: JsonData };
export type JsonDataObject = { [key: string]: JsonData };

export interface MessageSchemaRef {
  /** Message name in its AsyncAPI document, e.g. OrderCreated. */
  name: string;
  /** Version of the document that defines it. */
  version?: string;
  contentType?: string;
  title?: string;
  summary?: string;
  description?: string;
  /** Payload schema from the AsyncAPI document (dereferenced; cycles as { $circular }). */
  payload?: JsonDataObject;
  headers?: JsonDataObject;
  examples?: Array<{ name?: string; summary?: string; payload?: JsonData }>;
  /** Hash of payload + headers: two documents disagree when theirs differ. */
  schemaHash?: string;
  /** The API entity whose document this message comes from. */
  api?: string;
}

/** What one channel of one document does on a topic: the provider's sends and receives. */
export interface ChannelDirection {
  api: string;
  channel: string;
  /** Names of the messages the API's provider sends / receives on it. */
  sends: string[];
  receives: string[];
}

/** An AsyncAPI API entity that describes a topic. */
export interface TopicDescription {
  api: string;
  owner?: string;
  title?: string;
  version?: string;
}

/** The broker a topic lives on. */
export interface BrokerServer {
  /** Canonical broker URL (also in the switchboard.dev/broker annotation). */
  url: string;
  protocol?: string;
  /** The server's name in the document. */
  name?: string;
  /** false: the document named no server and integrations.defaultBroker was assumed. */
  declared: boolean;
}

/** Queue figures broker discovery read (annotation switchboard.dev/broker-figures). */
export interface BrokerFigures {
  messages?: number;
  consumers?: number;
  publishRate?: number;
  deliverRate?: number;
  /** ISO time of the discovery run. */
  at: string;
}

/** spec of a topic / queue / dead-letter-queue Resource. */
export interface MessagingResourceSpec {
  type: MessagingResourceType;
  owner: string;
  system?: string;
  lifecycle?: string;
  /** e.g. rabbitmq */
  broker?: string;
  /** Where it lives on the broker: exchange + routing key for a topic, queue name for a queue. */
  address?: { exchange?: string; routingKey?: string; queue?: string };
  deliveryGuarantee?: 'at-most-once' | 'at-least-once' | 'exactly-once';
  messages?: MessageSchemaRef[];
  deprecation?: { sunset: string; replacement?: string; reason?: string };
  /** Components (entity refs) that publish to / subscribe to it, declared by hand. */
  publishers?: string[];
  subscribers?: string[];
  /** Set on topics built from AsyncAPI documents. */
  server?: BrokerServer;
  channels?: ChannelDirection[];
  describedBy?: TopicDescription[];
  /** Facts the describing documents disagree on (owner, message schemas). */
  conflicts?: string[];
}

export type MessagingResourceEntity = Entity & {
  kind: 'Resource';
  spec: MessagingResourceSpec;
};

export function isMessagingResource(
  entity: Entity,
): entity is MessagingResourceEntity {
  return (
    entity.kind === 'Resource' &&
    MESSAGING_RESOURCE_TYPES.includes(
      entity.spec?.type as MessagingResourceType,
    )
  );
}
