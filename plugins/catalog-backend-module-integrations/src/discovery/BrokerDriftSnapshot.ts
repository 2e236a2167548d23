import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DISCOVERED_BY,
  BrokerFigures,
  isMessagingResource,
  MessagingResourceEntity,
} from '@internal/plugin-integrations-common';

/** What one discovery run found. */
export interface DiscoveryReport {
  /** Every queue on the vhost (queueFilter only decides which may be flagged undeclared). */
  brokerQueues: string[];
  /** Every named exchange on the vhost. */
  brokerExchanges: string[];
  /** Broker queues that no catalog entity declares; each was emitted as an entity. */
  undeclared: string[];
  /** Refs of declared entities whose queue or exchange the broker lacks. */
  missingOnBroker: string[];
  /** Depth, consumers and rates per queue name, as the run read them. */
  queueFigures?: Record<string, BrokerFigures>;
}

/** Where a declared resource lives on the broker, as far as it says. */
export type BrokerAddress = { queue: string } | { exchange: string };

/**
 * A messaging Resource on RabbitMQ that people declared, i.e. not one a discovery provider
 * emitted. Resources without spec.broker count: RabbitMQ is the portal's broker.
 */
export function isDeclaredRabbitMqResource(
  entity: Entity,
): entity is MessagingResourceEntity {
  return (
    isMessagingResource(entity) &&
    !entity.metadata.annotations?.[ANNOTATION_DISCOVERED_BY] &&
    (entity.spec.broker ?? 'rabbitmq') === 'rabbitmq'
  );
}

/**
 * The queue a resource declares (spec.address.queue, else the name of a queue or DLQ), or
 * a topic's exchange; a topic is an exchange + routing key, so its name is no queue name.
 */
export function brokerAddressOf(
  entity: MessagingResourceEntity,
): BrokerAddress | undefined {
  const address = entity.spec.address;
  if (address?.queue) return { queue: address.queue };
  if (entity.spec.type !== 'topic') return { queue: entity.metadata.name };
  if (address?.exchange) return { exchange: address.exchange };
  return undefined;
}

/** What the broker has, to check declared addresses against. */
export interface BrokerInventory {
  queues: ReadonlySet<string>;
  exchanges: ReadonlySet<string>;
}

export function isMissingOnBroker(
  entity: MessagingResourceEntity,
  broker: BrokerInventory,
): boolean {
  const address = brokerAddressOf(entity);
  if (!address) return false;
  return 'queue' in address
    ? !broker.queues.has(address.queue)
    : !broker.exchanges.has(address.exchange);
}

/**
 * The latest discovery report, kept in memory so that a catalog processor can flag
 * declared entities the broker lacks (a provider cannot change entities it did not emit).
 */
export class BrokerDriftSnapshot {
  private latest?: { report: DiscoveryReport; inventory: BrokerInventory };

  update(report: DiscoveryReport): void {
    this.latest = {
      report,
      inventory: {
        queues: new Set(report.brokerQueues),
        exchanges: new Set(report.brokerExchanges),
      },
    };
  }

  get report(): DiscoveryReport | undefined {
    return this.latest?.report;
  }

  /** The queue's figures of the latest run, if the resource names a queue the broker has. */
  figuresOf(entity: MessagingResourceEntity): BrokerFigures | undefined {
    const address = brokerAddressOf(entity);
    if (!address || !('queue' in address)) return undefined;
    return this.latest?.report.queueFigures?.[address.queue];
  }

  /** undefined until discovery has run once: nothing is known about the broker yet. */
  isMissingOnBroker(entity: MessagingResourceEntity): boolean | undefined {
    return this.latest && isMissingOnBroker(entity, this.latest.inventory);
  }
}
