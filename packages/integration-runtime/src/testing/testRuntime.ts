import amqplib from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../broker/types';
import { RuntimeConfig } from '../config';
import { Names } from '../flows/topology';

export type BrokerKind = 'embedded' | 'rabbitmq';

export const rabbitUrl =
  process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Fails with a clear message when the machine's RabbitMQ does not answer. */
export async function assertRabbitAnswers() {
  try {
    const conn = await amqplib.connect(rabbitUrl);
    await conn.close();
  } catch (e) {
    throw new Error(
      `RabbitMQ does not answer at ${rabbitUrl.replace(/\/\/[^@]*@/, '//')} (${
        (e as Error).message
      }). ` + 'Start it with `rabbitmq-server -detached` or set RABBITMQ_URL.',
    );
  }
}

export const ADMIN_TOKEN = 'test-admin-token-123';
export const READ_TOKEN = 'test-read-token-456';

/** A runtime config isolated by namespace and data directory, with fast retries. */
export function testConfig(
  kind: BrokerKind,
  overrides: Partial<RuntimeConfig> = {},
): RuntimeConfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-runtime-'));
  return {
    broker:
      kind === 'rabbitmq'
        ? { kind, url: rabbitUrl }
        : { kind, file: path.join(dir, 'broker.sqlite') },
    databaseFile: path.join(dir, 'runtime.sqlite'),
    namespace: `t${randomBytes(4).toString('hex')}`,
    host: '127.0.0.1',
    adminPort: 0,
    servicesPort: 0,
    tokens: { admin: ADMIN_TOKEN, read: READ_TOKEN },
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50, jitter: 0.2 },
    maxReplays: 2,
    maxReplayRatePerSecond: 100_000,
    traffic: { ordersPerSecond: 0 },
    faults: {},
    ...overrides,
  };
}

/** Publishes valid order.created events straight to the broker (no HTTP hops). */
export async function publishOrders(
  broker: Broker,
  names: Names,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, () => {
      const orderId = `ord_${randomBytes(6).toString('hex')}`;
      ids.push(orderId);
      const event = {
        orderId,
        customerId: 'C1234',
        customerTier: 'gold',
        total: '19.90',
        currency: 'EUR',
        lines: [{ sku: 'SKU-MUG', quantity: 2, unitPrice: '9.95' }],
        createdAt: new Date().toISOString(),
      };
      return broker.publish({
        exchange: names.exchange('orders'),
        routingKey: 'order.created',
        messageId: randomUUID(),
        body: Buffer.from(JSON.stringify(event)),
        headers: {
          'idempotency-key': `${orderId}:order.created`,
          baggage: `app.order.id=${orderId},app.customer.tier=gold`,
        },
      });
    });
    await Promise.all(batch);
  }
  return ids;
}
