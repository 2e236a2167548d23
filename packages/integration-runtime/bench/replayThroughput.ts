/*
 * Replay throughput on RabbitMQ (publisher confirms + dedupe check + record deletion per
 * message) beside the raw confirmed-publish rate of the same broker, measured in one run.
 *
 *   yarn workspace @internal/integration-runtime bench:replay [messages]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { RabbitBroker } from '../src/broker/RabbitBroker';
import { FailureStore } from '../src/failures/FailureStore';
import { ReplayService } from '../src/replay/ReplayService';
import { Runtime } from '../src/Runtime';
import { openRuntimeDatabase } from '../src/store/RuntimeDatabase';
import { AdminClient, waitFor } from '../src/testing/AdminClient';
import {
  ADMIN_TOKEN,
  assertRabbitAnswers,
  publishOrders,
  rabbitUrl,
  testConfig,
} from '../src/testing/testRuntime';

const N = Number(process.argv[2] ?? 10_000);
const WINDOW = 200; // publishes in flight, the same window the replay uses

async function rawConfirmedPublishRate(): Promise<number> {
  const ns = `bench${randomBytes(3).toString('hex')}`;
  const topology = {
    exchanges: [`${ns}.orders`],
    deadLetterExchange: `${ns}.dlx`,
    retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50, jitter: 0.2 },
    queues: [
      {
        name: `${ns}.sink`,
        exchange: `${ns}.orders`,
        bindingKeys: ['order.created'],
        consumer: 'bench',
      },
    ],
  };
  const broker = await RabbitBroker.connect({ url: rabbitUrl });
  await broker.setup(topology);
  const body = Buffer.from(
    JSON.stringify({ orderId: 'ord_bench', total: '19.90', currency: 'EUR' }),
  );
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += WINDOW) {
    await Promise.all(
      Array.from({ length: Math.min(WINDOW, N - i) }, () =>
        broker.publish({
          exchange: `${ns}.orders`,
          routingKey: 'order.created',
          messageId: randomUUID(),
          body,
          headers: {
            'idempotency-key': `ord_${randomBytes(6).toString(
              'hex',
            )}:order.created`,
            'replay-count': 1,
          },
        }),
      ),
    );
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await broker.teardown(topology);
  await broker.close();
  return N / seconds;
}

/**
 * 1. a runtime puts N orders into the ERP connector's DLQ and stops;
 * 2. the replay engine alone (no consumers sharing the event loop) re-drives them:
 *    the measured figure;
 * 3. a runtime starts again, consumes the replayed messages and must end with exactly N
 *    side effects (the dedupe ledger at work).
 */
async function replayRate(): Promise<{
  rate: number;
  sideEffects: number;
  duplicates: number;
}> {
  const config = testConfig('rabbitmq', {
    faults: {
      'erp-connector': { errorRate: 1 },
      'payment-service': { errorRate: 1 },
    },
  });
  let runtime = await Runtime.start(config, { logger: () => {} });
  let api = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
  const dlq = runtime.names.queue('erpOrderCreated').name;
  await publishOrders(runtime.broker, runtime.names, N);
  await waitFor(
    () => api.get(`/v1/dlqs/${dlq}`),
    r => r.body.failed === N,
    { timeoutMs: 600_000, intervalMs: 500 },
  );
  await runtime.stop();

  const db = openRuntimeDatabase(config.databaseFile);
  const broker = await RabbitBroker.connect({ url: rabbitUrl });
  const replays = new ReplayService(
    db,
    new FailureStore(db, { maxReplays: 3 }),
    broker,
    {
      knownDlqs: () => [dlq],
      maxRatePerSecond: 1_000_000,
    },
  );
  const { job } = replays.create({
    dlq,
    filter: {},
    ratePerSecond: 1_000_000,
    reason: 'benchmark',
    requester: 'bench',
  });
  await replays.settled(job.id);
  const done = replays.get(job.id)!;
  if (done.status !== 'completed' || done.counts.replayed !== N)
    throw new Error(`replay ended ${JSON.stringify(done)}`);
  const seconds =
    (Date.parse(done.finishedAt!) - Date.parse(done.startedAt!)) / 1000;
  await broker.close();
  db.close();

  runtime = await Runtime.start(
    { ...config, faults: { 'payment-service': { errorRate: 1 } } },
    { logger: () => {} },
  );
  api = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
  try {
    await waitFor(
      () => api.get('/v1/side-effects?limit=1'),
      r => r.body.total >= N,
      {
        timeoutMs: 600_000,
        intervalMs: 500,
      },
    );
    // Anything more arriving now would be a duplicate.
    await new Promise(r => setTimeout(r, 1000));
    const final = await api.get('/v1/side-effects?limit=1');
    return {
      rate: N / seconds,
      sideEffects: final.body.total,
      duplicates: final.body.duplicates,
      // What the simulated ERP itself booked (its Idempotency-Key store), beside the ledger.
      erpBookings: final.body.external?.bySystem['legacy-erp'] ?? 0,
      erpDoubled: final.body.external?.doubled ?? 0,
    };
  } finally {
    await runtime.stop({ removeTopology: true });
  }
}

async function main() {
  await assertRabbitAnswers();
  const raw = await rawConfirmedPublishRate();
  const replay = await replayRate();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`messages:                      ${fmt(N)}`);
  console.log(`raw confirmed publish:         ${fmt(raw)} msg/s`);
  console.log(`replay job (confirm+dedupe+delete): ${fmt(replay.rate)} msg/s`);
  console.log(
    `ratio replay/raw:              ${(replay.rate / raw).toFixed(2)}`,
  );
  console.log(
    `side effects after replay:     ${fmt(replay.sideEffects)} (duplicates: ${
      replay.duplicates
    })`,
  );
  console.log(
    `bookings the ERP saw:          ${fmt(replay.erpBookings)} (doubled: ${
      replay.erpDoubled
    })`,
  );
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
