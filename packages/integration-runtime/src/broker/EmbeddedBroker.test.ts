import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeBrokerConformance,
  topologyFor,
} from './testing/brokerConformance';
import { EmbeddedBroker, topicMatches } from './EmbeddedBroker';
import { Delivery } from './types';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'embedded-broker-'));
  file = join(dir, 'broker.db');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describeBrokerConformance('embedded SQLite', () => ({
  open: () => EmbeddedBroker.open({ file, visibilityTimeoutMs: 2000 }),
}));

describe('topicMatches', () => {
  it('matches * to exactly one word and # to zero or more', () => {
    expect(topicMatches('order.*', 'order.created')).toBe(true);
    expect(topicMatches('order.*', 'order')).toBe(false);
    expect(topicMatches('order.*', 'order.created.eu')).toBe(false);
    expect(topicMatches('order.#', 'order')).toBe(true);
    expect(topicMatches('order.#', 'order.created.eu')).toBe(true);
    expect(topicMatches('#', '')).toBe(true);
    expect(topicMatches('*', '')).toBe(false);
    expect(topicMatches('#.eu', 'order.created.eu')).toBe(true);
    expect(topicMatches('*.#.eu', 'eu')).toBe(false);
    expect(topicMatches('order.created', 'order.captured')).toBe(false);
  });
});

describe('EmbeddedBroker', () => {
  const topology = topologyFor(`emb${randomUUID().slice(0, 8)}`);
  const queue = topology.queues[0].name;
  const publish = (broker: EmbeddedBroker) =>
    broker.publish({
      exchange: topology.exchanges[0],
      routingKey: 'order.created',
      messageId: randomUUID(),
      body: Buffer.from('{}'),
      headers: {},
    });

  it('redelivers the claim of a killed process once its visibility expires', async () => {
    const visibilityTimeoutMs = 400;
    // The "killed" instance is never closed, so it cannot hand its claim back.
    const killed = await EmbeddedBroker.open({ file, visibilityTimeoutMs });
    const survivor = await EmbeddedBroker.open({ file, visibilityTimeoutMs });
    let unblock!: () => void;
    try {
      await killed.setup(topology);
      const blocked = new Promise<void>(r => (unblock = r));
      let claimedAt = 0;
      await killed.consume(
        queue,
        () => {
          claimedAt = Date.now();
          return blocked;
        },
        { prefetch: 1 },
      );
      await publish(killed);
      while (!claimedAt) await new Promise(r => setTimeout(r, 10));

      const got: Array<{ delivery: Delivery; at: number }> = [];
      await survivor.consume(queue, async delivery => {
        got.push({ delivery, at: Date.now() });
      });
      while (got.length === 0) await new Promise(r => setTimeout(r, 10));
      expect(got[0].at - claimedAt).toBeGreaterThanOrEqual(visibilityTimeoutMs);
      expect(got[0].delivery.attempt).toBe(1);
    } finally {
      unblock();
      await survivor.teardown(topology);
      await killed.close();
      await survivor.close();
    }
  });

  it('routes and counts from the file alone, without setup in this instance', async () => {
    const first = await EmbeddedBroker.open({ file });
    await first.setup(topology);
    await first.close();
    const broker = await EmbeddedBroker.open({ file });
    try {
      await publish(broker);
      expect(await broker.queueDepth(queue)).toBe(1);
      expect(await broker.queueDepth(topology.queues[1].name)).toBe(1);
      await expect(broker.queueDepth('nope')).rejects.toThrow(/nope/);
      await expect(
        broker.publish({
          exchange: 'nowhere',
          routingKey: 'order.created',
          messageId: randomUUID(),
          body: Buffer.alloc(0),
          headers: {},
        }),
      ).rejects.toThrow(/nowhere/);
    } finally {
      await broker.teardown(topology);
      await broker.close();
    }
  });
});
