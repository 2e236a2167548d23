/*
 * A replay survives SIGKILL: the runtime process is killed mid-replay and started again;
 * the job resumes and 1,000 replayed messages still make exactly 1,000 side effects.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedBroker } from './broker/EmbeddedBroker';
import { RabbitBroker } from './broker/RabbitBroker';
import { Broker } from './broker/types';
import { Names } from './flows/topology';
import { AdminClient, waitFor } from './testing/AdminClient';
import {
  freePort,
  RuntimeProcess,
  startRuntimeProcess,
} from './testing/runtimeProcess';
import {
  ADMIN_TOKEN,
  assertRabbitAnswers,
  BrokerKind,
  publishOrders,
  rabbitUrl,
  READ_TOKEN,
} from './testing/testRuntime';

jest.setTimeout(120_000);

describe.each<BrokerKind>(['rabbitmq', 'embedded'])(
  'replay across a SIGKILL on %s',
  kind => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-crash-'));
    const namespace = `t${randomBytes(4).toString('hex')}`;
    const names = new Names(namespace);
    const retry = {
      maxAttempts: 2,
      baseDelayMs: 10,
      maxDelayMs: 50,
      jitter: 0.2,
    };
    let adminPort: number;
    let runtime: RuntimeProcess | undefined;
    let broker: Broker;

    async function startRuntime(faults: object): Promise<AdminClient> {
      runtime = await startRuntimeProcess({
        RUNTIME_BROKER: kind,
        RABBITMQ_URL: rabbitUrl,
        RUNTIME_DATA_DIR: dir,
        RUNTIME_NAMESPACE: namespace,
        RUNTIME_ADMIN_PORT: String(adminPort),
        RUNTIME_SERVICES_PORT: '0',
        RUNTIME_ADMIN_TOKEN: ADMIN_TOKEN,
        RUNTIME_READ_TOKEN: READ_TOKEN,
        RUNTIME_MAX_ATTEMPTS: String(retry.maxAttempts),
        RUNTIME_RETRY_BASE_MS: String(retry.baseDelayMs),
        RUNTIME_RETRY_MAX_MS: String(retry.maxDelayMs),
        RUNTIME_FAULTS: JSON.stringify(faults),
      });
      return new AdminClient(`http://127.0.0.1:${adminPort}`, ADMIN_TOKEN);
    }

    beforeAll(async () => {
      if (kind === 'rabbitmq') await assertRabbitAnswers();
      adminPort = await freePort();
    });

    afterAll(async () => {
      await runtime?.kill();
      if (broker) {
        await broker.teardown(names.topology(retry)).catch(() => {});
        await broker.close();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('resumes after SIGKILL and produces each side effect exactly once', async () => {
      // Phase 1: the ERP connector is broken; 1,000 orders end in its DLQ.
      let api = await startRuntime({
        'erp-connector': { errorRate: 1 },
        'payment-service': { errorRate: 1 },
      });
      broker =
        kind === 'rabbitmq'
          ? await RabbitBroker.connect({ url: rabbitUrl })
          : await EmbeddedBroker.open({
              file: path.join(dir, 'broker.sqlite'),
            });
      await publishOrders(broker, names, 1000);
      const dlq = names.queue('erpOrderCreated').name;
      await waitFor(
        () => api.get(`/v1/dlqs/${dlq}`),
        r => r.body.failed === 1000,
        { what: '1,000 dead letters', timeoutMs: 60_000 },
      );

      // Phase 2: the ERP is fixed (restart without its fault); replay, kill -9 midway.
      await runtime!.kill();
      api = await startRuntime({ 'payment-service': { errorRate: 1 } });
      const { body: job } = await api.post('/v1/replays', {
        dlq,
        filter: {},
        ratePerSecond: 1000,
        reason: 'ERP fixed',
        requester: 'user:default/kofi.mensah',
      });
      const mid = await waitFor(
        () => api.get(`/v1/replays/${job.id}`),
        r => r.body.counts.replayed >= 250,
        {
          what: '250 replayed',
        },
      );
      await runtime!.kill();
      expect(mid.body.counts.replayed).toBeLessThan(1000);

      // Phase 3: started again, the runtime resumes the job by itself.
      api = await startRuntime({ 'payment-service': { errorRate: 1 } });
      const done = await waitFor(
        () => api.get(`/v1/replays/${job.id}`),
        r => r.body.status === 'completed',
        {
          what: 'the resumed replay to complete',
          timeoutMs: 60_000,
        },
      );
      expect(done.body.counts.pending).toBe(0);
      const effects = await waitFor(
        () => api.get('/v1/side-effects?limit=1'),
        r => r.body.total >= 1000,
        { what: '1,000 side effects', timeoutMs: 60_000 },
      );
      await new Promise(r => setTimeout(r, 1000));
      const final = await api.get('/v1/side-effects?limit=1');
      expect(final.body.total).toBe(1000);
      expect(final.body.duplicates).toBe(0);
      expect(effects.body.items[0]).toMatchObject({
        service: 'erp-connector',
        action: 'book-invoice',
      });
      expect((await api.get(`/v1/dlqs/${dlq}`)).body.failed).toBe(0);
    });
  },
);
