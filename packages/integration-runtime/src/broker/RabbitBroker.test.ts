import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import {
  describeBrokerConformance,
  topologyFor,
} from './testing/brokerConformance';
import { FailureHeader } from './failureOutcome';
import { RabbitBroker } from './RabbitBroker';
import {
  Broker,
  deadLetterQueueName,
  Delivery,
  retryQueueName,
  Topology,
} from './types';

const url = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

jest.setTimeout(30_000);

const waitFor = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
};

describe('RabbitBroker', () => {
  beforeAll(async () => {
    try {
      const probe = await connect(url);
      await probe.close();
    } catch (err) {
      throw new Error(
        `RabbitMQ does not answer at ${url} (${String(err)}). ` +
          'Start it with `rabbitmq-server -detached` or set RABBITMQ_URL.',
      );
    }
  });

  describeBrokerConformance('RabbitMQ', () => ({
    open: () => RabbitBroker.connect({ url }),
  }));

  describe('RabbitMQ specifics', () => {
    let topology: Topology;
    let broker: Broker;
    const others: Broker[] = [];

    beforeEach(async () => {
      topology = topologyFor(`rmq${randomUUID().slice(0, 8)}`);
      broker = await RabbitBroker.connect({ url });
      await broker.setup(topology);
    });

    afterEach(async () => {
      await broker.teardown(topology).catch(() => {});
      for (const b of [broker, ...others.splice(0)]) await b.close();
    });

    it('returns an expired retry message to its queue with its origin and attempt', async () => {
      await broker.setup(topology); // setup is idempotent
      const queue = topology.queues[0].name;
      const got: Delivery[] = [];
      await broker.consume(queue, async d => {
        got.push(d);
      });
      // What a first failed attempt leaves in the attempt-2 retry queue.
      const raw = await connect(url);
      try {
        const ch = await raw.createConfirmChannel();
        ch.sendToQueue(retryQueueName(queue, 2), Buffer.from('{}'), {
          expiration: '50',
          messageId: 'm-retry',
          headers: {
            [FailureHeader.attempts]: 1,
            [FailureHeader.exchange]: topology.exchanges[0],
            [FailureHeader.routingKey]: 'order.created',
          },
        });
        await ch.waitForConfirms();
      } finally {
        await raw.close();
      }
      await waitFor(() => got.length === 1, 'the expired retry');
      const [d] = got;
      expect(d.messageId).toBe('m-retry');
      expect(d.attempt).toBe(2);
      expect(d.exchange).toBe(topology.exchanges[0]);
      expect(d.routingKey).toBe('order.created');
      expect(d.headers['x-death']).toEqual([
        expect.objectContaining({
          queue: retryQueueName(queue, 2),
          reason: 'expired',
        }),
      ]);
    });

    it('dead-letters a broker-level reject with x-death and its origin', async () => {
      const queue = topology.queues[0].name;
      // A broker that never ran setup() knows no retry policy and rejects failures.
      const bare = await RabbitBroker.connect({ url });
      others.push(bare);
      await bare.consume(queue, async () => {
        throw new Error('no policy here');
      });
      await broker.publish({
        exchange: topology.exchanges[0],
        routingKey: 'order.created',
        messageId: 'm-reject',
        body: Buffer.from('{}'),
        headers: {},
      });
      const dead: Delivery[] = [];
      await broker.consumeDeadLetters(queue, async d => {
        dead.push(d);
      });
      await waitFor(() => dead.length === 1, 'the dead letter');
      const [d] = dead;
      expect(d.queue).toBe(deadLetterQueueName(queue));
      expect(d.messageId).toBe('m-reject');
      expect(d.exchange).toBe(topology.exchanges[0]);
      expect(d.routingKey).toBe('order.created');
      expect(d.attempt).toBe(1);
      expect(d.headers['x-death']).toEqual([
        expect.objectContaining({ queue, reason: 'rejected' }),
      ]);
    });
  });
});
