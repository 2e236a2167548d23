import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_BROKER_DRIFT,
  ANNOTATION_BROKER_FIGURES,
  BrokerDrift,
} from '@internal/plugin-integrations-common';
import {
  BrokerDriftSnapshot,
  isDeclaredRabbitMqResource,
} from './BrokerDriftSnapshot';

/**
 * Flags declared messaging resources whose queue or exchange the latest RabbitMQ discovery
 * did not find (drift `missing-on-broker`); the provider cannot touch entities it did not emit.
 */
export class BrokerDriftProcessor implements CatalogProcessor {
  constructor(private readonly snapshot: BrokerDriftSnapshot) {}

  getProcessorName(): string {
    return 'BrokerDriftProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isDeclaredRabbitMqResource(entity)) {
      return entity;
    }
    // The queue's depth, consumers and rates of the latest run, for its overview card.
    const figures = this.snapshot.figuresOf(entity);
    const missing = this.snapshot.isMissingOnBroker(entity);
    if (!figures && !missing) {
      return entity;
    }
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          ...(missing && {
            [ANNOTATION_BROKER_DRIFT]:
              'missing-on-broker' satisfies BrokerDrift,
          }),
          ...(figures && {
            [ANNOTATION_BROKER_FIGURES]: JSON.stringify(figures),
          }),
        },
      },
    };
  }
}
