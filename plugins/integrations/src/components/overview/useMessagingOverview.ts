import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_BROKER_FIGURES,
  BrokerFigures,
  isMessagingResource,
  MessagingResourceEntity,
  RELATION_DESCRIBED_BY,
  RELATION_PUBLISHED_BY,
  RELATION_SUBSCRIBED_BY,
} from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';

export const ANNOTATION_DEAD_LETTER_OF = 'switchboard.dev/dead-letter-of';
export const ANNOTATION_RUNTIME = 'switchboard.dev/runtime';

/** A queue with its dead-letter queue, as the card lists them. */
export interface QueueWithDlq {
  queue: MessagingResourceEntity;
  deadLetterQueue?: Entity;
  figures?: BrokerFigures;
}

export interface MessagingOverview {
  producers: Entity[];
  consumers: Entity[];
  /** API entities whose AsyncAPI document describes this topic or queue. */
  apis: Entity[];
  /** For a queue: itself; for a topic: the queues bound to its exchange and routing key. */
  queues: QueueWithDlq[];
  /** For a queue bound to a topic: that topic, whose messages it carries. */
  boundTopic?: MessagingResourceEntity;
  /** Whether broker discovery is configured (catalog.providers.rabbitmqDiscovery.enabled). */
  discoveryEnabled: boolean;
}

/** The figures broker discovery put on a queue, if it did (and they parse). */
export function brokerFiguresOf(entity: Entity): BrokerFigures | undefined {
  const raw = entity.metadata.annotations?.[ANNOTATION_BROKER_FIGURES];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw);
    return value && typeof value === 'object' && typeof value.at === 'string'
      ? (value as BrokerFigures)
      : undefined;
  } catch {
    return undefined;
  }
}

const FIELDS = ['kind', 'metadata', 'spec', 'relations'];

/** Everything the overview card shows beyond the entity itself, read from the catalog. */
export function useMessagingOverview(entity: MessagingResourceEntity) {
  const catalog = useApi(catalogApiRef);
  const config = useApi(configApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsync(async (): Promise<MessagingOverview> => {
    const refsOf = (type: string) =>
      getEntityRelations(entity, type).map(r => stringifyEntityRef(r));
    const producerRefs = refsOf(RELATION_PUBLISHED_BY);
    const consumerRefs = refsOf(RELATION_SUBSCRIBED_BY);
    const apiRefs = refsOf(RELATION_DESCRIBED_BY);
    const all = [...new Set([...producerRefs, ...consumerRefs, ...apiRefs])];
    const { items } = all.length
      ? await catalog.getEntitiesByRefs({ entityRefs: all, fields: FIELDS })
      : { items: [] as (Entity | undefined)[] };
    const byRef = new Map<string, Entity>();
    items.forEach(e => e && byRef.set(stringifyEntityRef(e), e));
    const pick = (refs: string[]) =>
      refs.flatMap(r => (byRef.has(r) ? [byRef.get(r)!] : []));

    const address = entity.spec.address ?? {};
    let queues: MessagingResourceEntity[] = [];
    let boundTopic: MessagingResourceEntity | undefined;
    if (entity.spec.type === 'queue') {
      queues = [entity];
      if (address.exchange && address.routingKey) {
        // the routing key is compared here: filter keys in camelCase are not matched alike everywhere
        const { items: topics } = await catalog.getEntities({
          filter: {
            kind: 'resource',
            'spec.type': 'topic',
            'spec.address.exchange': address.exchange,
          },
          fields: FIELDS,
        });
        boundTopic = topics
          .filter(isMessagingResource)
          .find(t => t.spec.address?.routingKey === address.routingKey);
      }
    } else if (entity.spec.type === 'topic' && address.routingKey) {
      const { items: bound } = await catalog.getEntities({
        filter: {
          kind: 'resource',
          'spec.type': 'queue',
          ...(address.exchange
            ? { 'spec.address.exchange': address.exchange }
            : {}),
        },
        fields: FIELDS,
      });
      queues = bound
        .filter(isMessagingResource)
        .filter(q => q.spec.address?.routingKey === address.routingKey);
    }

    const queueRefs = queues.map(q => stringifyEntityRef(q));
    const { items: dlqs } = queueRefs.length
      ? await catalog.getEntities({
          filter: {
            kind: 'resource',
            'spec.type': 'dead-letter-queue',
            [`metadata.annotations.${ANNOTATION_DEAD_LETTER_OF}`]: queueRefs,
          },
          fields: ['kind', 'metadata', 'spec'],
        })
      : { items: [] as Entity[] };
    const dlqOf = (queueRef: string) =>
      dlqs.find(
        d =>
          d.metadata.annotations?.[ANNOTATION_DEAD_LETTER_OF]?.toLowerCase() ===
          queueRef.toLowerCase(),
      );

    return {
      producers: pick(producerRefs),
      consumers: pick(consumerRefs),
      apis: pick(apiRefs),
      queues: queues.map(queue => ({
        queue,
        deadLetterQueue: dlqOf(stringifyEntityRef(queue)),
        figures: brokerFiguresOf(queue),
      })),
      boundTopic,
      discoveryEnabled:
        config.getOptionalBoolean(
          'catalog.providers.rabbitmqDiscovery.enabled',
        ) ?? false,
    };
    // the entity's relations are part of it: a refresh brings new producers
  }, [catalog, config, ref, entity]);
}
