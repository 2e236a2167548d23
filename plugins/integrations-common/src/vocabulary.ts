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

export interface MessageSchemaRef {
  /** Message name in its AsyncAPI document, e.g. OrderCreated. */
  name: string;
  /** Version of the document that defines it. */
  version?: string;
  contentType?: string;
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
