import { Runtime } from '@internal/integration-runtime';
import {
  ADMIN_TOKEN,
  AdminClient,
  publishOrders,
  testConfig,
  waitFor,
} from '@internal/integration-runtime/testing';
import { DLQ } from './demoNames';

export interface DeadLetterRuntime {
  runtime: Runtime;
  admin: AdminClient;
  /** Publishes orders, which the ERP connector cannot process, and waits for them in DLQ. */
  deadLetter(count: number): Promise<string[]>;
}

/**
 * A real integration runtime (embedded broker) whose queue names match
 * catalog-info/queues.yaml (no namespace), with a fault that makes the ERP connector
 * dead-letter every order.
 */
export async function startDeadLetterRuntime(): Promise<DeadLetterRuntime> {
  const runtime = await Runtime.start(
    testConfig('embedded', { namespace: '' }),
    { logger: () => {} },
  );
  const admin = new AdminClient(runtime.adminUrl, ADMIN_TOKEN);
  await admin.put('/v1/faults/erp-connector', { errorRate: 1 });
  const failed = async () =>
    (await admin.get(`/v1/dlqs/${DLQ}`)).body.failed as number;
  const deadLetter = async (count: number) => {
    const before = await failed();
    const orders = await publishOrders(runtime.broker, runtime.names, count);
    await waitFor(failed, n => n >= before + count, {
      what: `${count} more dead letters`,
      timeoutMs: 30_000,
    });
    return orders;
  };
  return { runtime, admin, deadLetter };
}
