import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { JourneyCatalog } from '../../src/catalog/JourneyCatalog';
import { DatabaseSpanStore } from '../../src/database/DatabaseSpanStore';
import { SpanIngestor } from '../../src/ingest/SpanIngestor';
import {
  DEFAULT_LIMITS,
  SpanNormalizer,
} from '../../src/ingest/SpanNormalizer';
import { JourneyQueries } from '../../src/query/JourneyQueries';
import { createRouter } from '../../src/router';
import { NormalizedBatch } from '../../src/types';
import { percentiles } from '../support/figures';
import { quietLogger as logger } from '../support/quietLogger';
import { fileSize, openMigrated } from '../support/sqliteFiles';
import {
  BUSINESS_KEYS,
  CLIENTS,
  ENCODING,
  INGEST_MAX_SECONDS,
  SPANS_PER_REQUEST,
} from './settings';

// 1. Ingest through the receiver over loopback HTTP

// The clients run in a worker thread (their own event loop, like exporters in other
// processes), so the receiver's event loop does receiver work only. Plain JS, no transform.
const CLIENT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, bodies, spansPerBody, clients, contentType, maxSeconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/journeys/v1/traces', method: 'POST', agent,
      headers: { 'content-type': contentType, 'content-length': body.length } }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, size: Buffer.concat(chunks).length, text: Buffer.concat(chunks).toString('utf8').slice(0, 300), retryAfter: Number(res.headers['retry-after'] || 0) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
parentPort.once('message', async () => {
  let next = 0, spans = 0, retries = 0, partial = 0, stoppedEarly = false;
  const latencies = [], failures = [];
  const t0 = performance.now();
  const deadline = t0 + maxSeconds * 1000;
  async function client() {
    while (next < bodies.length) {
      if (performance.now() > deadline) { stoppedEarly = true; return; }
      const body = bodies[next++];
      for (;;) {
        const s = performance.now();
        const r = await post(body);
        if (r.status === 429) { retries++; await new Promise(ok => setTimeout(ok, 100)); continue; }
        latencies.push(performance.now() - s);
        if (r.status !== 200) { if (failures.length < 5) failures.push(r.status + ' ' + r.text); break; }
        if (r.size > 0) partial++; // a non-empty ExportTraceServiceResponse carries partialSuccess
        spans += spansPerBody;
        break;
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, client));
  const ms = performance.now() - t0;
  agent.destroy();
  parentPort.postMessage({ ms, spans, retries, partial, failures, latencies, stoppedEarly });
});
`;

export interface IngestResult {
  spansPerSecond: number;
  spans: number;
  seconds: number;
  requestP50: number;
  requestP99: number;
  retries: number;
  stored: number;
  bodyBytes: number;
  dbBytes: number;
  stoppedEarly: boolean;
  /** Transactions of the store and the time inside DatabaseSpanStore.write. */
  writes: number;
  writeSeconds: number;
}

/** The real store, counting its transactions and the time spent in them (bench only). */
class CountingSpanStore extends DatabaseSpanStore {
  writes = 0;
  spans = 0;
  ms = 0;
  async write(
    batch: Pick<NormalizedBatch, 'spans' | 'keys' | 'links'>,
    receivedUs?: number,
  ) {
    const t = performance.now();
    await super.write(batch, receivedUs);
    this.ms += performance.now() - t;
    this.writes++;
    this.spans += batch.spans.length;
  }
}

export async function ingest(
  dir: string,
  bodies: Buffer[],
): Promise<IngestResult> {
  const file = path.join(dir, 'ingest.sqlite');
  const db = await openMigrated(file);
  const catalog = JourneyCatalog.fixed([], logger, BUSINESS_KEYS);
  const store = new CountingSpanStore(db);
  const ingestor = new SpanIngestor(
    new SpanNormalizer(() => catalog.businessKeys(), DEFAULT_LIMITS),
    store,
    { maxQueuedSpans: 200_000, maxBatchSpans: 5_000 },
    logger,
  );
  // Benchmark stand-in for the httpAuth service: in the backend the httpRouter checks the
  // exporter's static token; here every request is a service principal.
  const httpAuth = {
    credentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'external:bench' },
    }),
  } as unknown as HttpAuthService;
  // ... and the permission check allows it (the token holds journeys.traces.ingest).
  const permissions = {
    authorize: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as unknown as PermissionsService;
  // Only ingest is measured, so the query side is a stub.
  const queries = {} as JourneyQueries;
  const app = express();
  app.use(
    '/api/journeys',
    await createRouter({
      logger,
      httpAuth,
      permissions,
      ingestor,
      queries,
      maxBodyBytes: 4 * 1024 * 1024,
    }),
  );
  const server = await new Promise<http.Server>(resolve => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;

  const worker = new Worker(CLIENT_WORKER, {
    eval: true,
    workerData: {
      port,
      bodies,
      spansPerBody: SPANS_PER_REQUEST,
      clients: CLIENTS,
      contentType:
        ENCODING === 'json' ? 'application/json' : 'application/x-protobuf',
      maxSeconds: INGEST_MAX_SECONDS,
    },
  });
  await new Promise(resolve => worker.once('online', resolve));
  const result = await new Promise<any>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage('go');
  });
  await worker.terminate();
  await new Promise(resolve => server.close(resolve));

  if (result.failures.length)
    throw new Error(`ingest requests failed: ${result.failures.join(' | ')}`);
  if (result.partial)
    throw new Error(`${result.partial} responses reported rejected spans`);
  const stored = Number(
    (await db('journeys_spans').count({ n: '*' }).first())?.n ?? 0,
  );
  await db.destroy();
  const lat = percentiles(result.latencies);
  return {
    spansPerSecond: result.spans / (result.ms / 1000),
    spans: result.spans,
    seconds: result.ms / 1000,
    requestP50: lat.p50,
    requestP99: lat.p99,
    retries: result.retries,
    stored,
    bodyBytes: bodies.reduce((n, b) => n + b.length, 0) / bodies.length,
    dbBytes: fileSize(file),
    stoppedEarly: result.stoppedEarly,
    writes: store.writes,
    writeSeconds: store.ms / 1000,
  };
}
