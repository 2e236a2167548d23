import { Broker, BrokerState, OutgoingMessage } from '../broker/types';
import { Outbox, OutboxRelay, stableMessageId } from './Outbox';
import { openRuntimeDatabase } from './RuntimeDatabase';

const message = (key: string): OutgoingMessage => ({
  exchange: 'orders',
  routingKey: 'order.created',
  messageId: stableMessageId(key),
  body: Buffer.from('{}'),
  headers: { 'idempotency-key': key },
});

/** A broker that is down, fails a publish, or confirms, as the test says. */
function fakeBroker() {
  const published: string[] = [];
  let up: () => void = () => {};
  const broker = {
    state: 'up' as BrokerState,
    failNext: 0,
    published,
    whenUp: () =>
      broker.state === 'up'
        ? Promise.resolve()
        : new Promise<void>(r => {
            up = r;
          }),
    comeBack() {
      broker.state = 'up';
      up();
    },
    publish: async (m: OutgoingMessage) => {
      if (broker.failNext > 0) {
        broker.failNext--;
        throw new Error('connection lost before the confirm');
      }
      published.push(m.messageId);
    },
  };
  return broker;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
  expect(check()).toBe(true);
};

describe('Outbox', () => {
  it('keeps one message per idempotency key, with a stable id', () => {
    const outbox = new Outbox(openRuntimeDatabase(':memory:'));
    expect(outbox.add(message('ord_1:order.created'))).toBe(true);
    expect(outbox.add(message('ord_1:order.created'))).toBe(false);
    expect(stableMessageId('ord_1:order.created')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(outbox.counts()).toEqual({ unsent: 1, sent: 0 });
  });

  it('relays after a failed confirm and after the broker comes back, with the same ids', async () => {
    const db = openRuntimeDatabase(':memory:');
    const outbox = new Outbox(db);
    const broker = fakeBroker();
    const relay = new OutboxRelay(outbox, broker as unknown as Broker, {
      maxBackoffMs: 20,
    });
    broker.failNext = 1;
    outbox.add(message('a'));
    relay.start();
    await until(() => outbox.counts().sent === 1);
    expect(broker.published).toEqual([stableMessageId('a')]);

    broker.state = 'down';
    outbox.add(message('b'));
    relay.kick();
    await new Promise(r => setTimeout(r, 50));
    expect(outbox.counts()).toEqual({ unsent: 1, sent: 1 });
    broker.comeBack();
    await until(() => outbox.counts().sent === 2);
    expect(broker.published).toEqual([
      stableMessageId('a'),
      stableMessageId('b'),
    ]);
    await relay.stop();
    db.close();
  });
});
