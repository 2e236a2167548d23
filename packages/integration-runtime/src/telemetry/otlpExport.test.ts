/*
 * The runtime process exports its spans over OTLP/HTTP (the official exporter) to the
 * configured endpoint: one resource per service, business ids on the spans.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { waitFor } from '../testing/AdminClient';
import {
  freePort,
  RuntimeProcess,
  startRuntimeProcess,
} from '../testing/runtimeProcess';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(90_000);

type KeyValue = { key: string; value: { stringValue?: string } };

describe('OTLP export of the runtime', () => {
  let collector: http.Server;
  let runtime: RuntimeProcess | undefined;
  const batches: Array<{ path: string; body: any }> = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-otlp-'));

  beforeAll(async () => {
    collector = http.createServer((req, res) => {
      let data = '';
      req.on('data', c => (data += c));
      req.on('end', () => {
        batches.push({ path: req.url!, body: JSON.parse(data) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>(r => collector.listen(0, '127.0.0.1', r));
  });

  afterAll(async () => {
    await runtime?.kill();
    await new Promise(r => collector.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends each service as its own resource with the order id on its spans', async () => {
    const servicesPort = await freePort();
    runtime = await startRuntimeProcess({
      RUNTIME_BROKER: 'embedded',
      RUNTIME_DATA_DIR: dir,
      RUNTIME_ADMIN_PORT: String(await freePort()),
      RUNTIME_SERVICES_PORT: String(servicesPort),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${
        (collector.address() as AddressInfo).port
      }`,
    });
    const res = await fetch(
      `http://127.0.0.1:${servicesPort}/storefront/checkout`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: 'C1',
          lines: [{ sku: 'SKU-MUG', quantity: 1, unitPrice: '9.95' }],
        }),
      },
    );
    expect(res.status).toBe(201);
    const { orderId } = await res.json();

    const services = [
      'storefront',
      'api-gateway',
      'order-service',
      'payment-service',
      'payment-provider',
      'inventory-service',
      'fulfillment-service',
      'notification-service',
      'erp-connector',
      'legacy-erp',
    ];
    const spansByService = () => {
      const map = new Map<string, any[]>();
      for (const b of batches) {
        for (const rs of b.body.resourceSpans) {
          const name = (rs.resource.attributes as KeyValue[]).find(
            a => a.key === 'service.name',
          )!.value.stringValue!;
          map.set(name, [
            ...(map.get(name) ?? []),
            ...rs.scopeSpans.flatMap((s: any) => s.spans),
          ]);
        }
      }
      return map;
    };
    const map = await waitFor(
      () => spansByService(),
      m => services.every(s => m.has(s)),
      {
        what: `spans of every service (${runtime.output()})`,
        timeoutMs: 30_000,
        intervalMs: 200,
      },
    );
    expect(batches.every(b => b.path === '/v1/traces')).toBe(true);
    // Business ids ride along in baggage onto every span of the asynchronous flow.
    for (const service of [
      'payment-service',
      'inventory-service',
      'fulfillment-service',
      'notification-service',
      'erp-connector',
    ]) {
      const spans = map.get(service)!;
      expect(
        spans.every(s =>
          (s.attributes as KeyValue[]).some(
            a => a.key === 'app.order.id' && a.value.stringValue === orderId,
          ),
        ),
      ).toBe(true);
    }
    const consumer = map
      .get('inventory-service')!
      .find(s => s.kind === 5 /* CONSUMER */);
    expect(consumer.links).toHaveLength(1);
    expect(
      (consumer.attributes as KeyValue[]).find(a => a.key === 'app.payment.id')
        ?.value.stringValue,
    ).toMatch(/^pay_/);
  });
});
