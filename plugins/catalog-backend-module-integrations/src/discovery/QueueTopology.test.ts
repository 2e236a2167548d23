import { QueueTopology } from './QueueTopology';
import { RabbitMqBinding, RabbitMqQueue } from './RabbitMqManagementClient';

const queue = (
  name: string,
  args: Record<string, unknown> = {},
): RabbitMqQueue => ({ name, vhost: '/', durable: true, arguments: args });

const binding = (source: string, destination: string): RabbitMqBinding => ({
  source,
  destination,
  destination_type: 'queue',
  routing_key: destination,
  vhost: '/',
});

describe('QueueTopology', () => {
  const topology = new QueueTopology(
    [
      queue('work', { 'x-dead-letter-exchange': 'dlx' }),
      queue('work.retry.2', { 'x-dead-letter-exchange': '' }),
      queue('parked'),
      queue('work.dlq'),
    ],
    [
      binding('', 'work'),
      binding('payments', 'work'),
      binding('orders', 'work'),
      binding('dlx', 'parked'),
    ],
  );

  it('tells dead-letter queues by name or by a binding to a dead-letter exchange', () => {
    expect(topology.isDeadLetterQueue('work.dlq')).toBe(true);
    expect(topology.isDeadLetterQueue('parked')).toBe(true);
    // Retry queues dead-letter back through the default exchange: not a DLQ.
    expect(topology.isDeadLetterQueue('work')).toBe(false);
  });

  it('names the first bound exchange, never the default one', () => {
    expect(topology.exchangeOf('work')).toBe('orders');
    expect(topology.exchangeOf('parked')).toBe('dlx');
    expect(topology.exchangeOf('work.dlq')).toBeUndefined();
  });
});
