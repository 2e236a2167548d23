import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_BROKER_DRIFT,
  ANNOTATION_BROKER_FIGURES,
} from '@internal/plugin-integrations-common';
import { BrokerDriftProcessor } from './BrokerDriftProcessor';
import { BrokerDriftSnapshot } from './BrokerDriftSnapshot';
import { queueFigures } from './RabbitMqDiscoveryProvider';

const queue = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'queue',
    owner: 'payments',
    broker: 'rabbitmq',
    address: { queue: name },
  },
});

describe('BrokerDriftProcessor', () => {
  const at = '2026-01-01T10:00:00.000Z';
  const snapshot = new BrokerDriftSnapshot();
  snapshot.update({
    brokerQueues: ['payment-service.order-created'],
    brokerExchanges: ['orders'],
    undeclared: [],
    missingOnBroker: [],
    queueFigures: queueFigures(
      [
        {
          name: 'payment-service.order-created',
          vhost: '/',
          durable: true,
          messages: 12,
          consumers: 2,
          message_stats: {
            publish_details: { rate: 4.5 },
            deliver_get_details: { rate: 4.25 },
          },
          arguments: {},
        },
      ],
      at,
    ),
  });
  const processor = new BrokerDriftProcessor(snapshot);

  it("puts the queue's depth, consumers and rates of the latest run on it", async () => {
    const out = await processor.preProcessEntity(
      queue('payment-service.order-created'),
    );
    expect(
      JSON.parse(out.metadata.annotations![ANNOTATION_BROKER_FIGURES]),
    ).toEqual({
      messages: 12,
      consumers: 2,
      publishRate: 4.5,
      deliverRate: 4.25,
      at,
    });
    expect(out.metadata.annotations).not.toHaveProperty(
      ANNOTATION_BROKER_DRIFT,
    );
  });

  it('flags a declared queue the broker lacks, without figures', async () => {
    const out = await processor.preProcessEntity(queue('gone'));
    expect(out.metadata.annotations).toEqual({
      [ANNOTATION_BROKER_DRIFT]: 'missing-on-broker',
    });
  });

  it('leaves everything alone before discovery has run', async () => {
    const entity = queue('payment-service.order-created');
    const out = await new BrokerDriftProcessor(
      new BrokerDriftSnapshot(),
    ).preProcessEntity(entity);
    expect(out).toBe(entity);
  });
});
