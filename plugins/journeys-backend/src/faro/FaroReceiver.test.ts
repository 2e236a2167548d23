import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import express from 'express';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import path from 'node:path';
import { BackpressureError } from '../ingest/ingestErrors';
import {
  IngestRequestOptions,
  IngestResult,
  TraceIngestor,
} from '../ingest/types';
import { createFaroRouter } from './FaroReceiver';

/**
 * What the real Faro web SDK (2.12, with @grafana/faro-web-tracing) posted from
 * packages/app/src/telemetry/faro.test.ts: two fetch CLIENT spans of
 * `switchboard-portal` in `traces`, plus Faro's own `events`. Regenerate with
 * `FARO_FIXTURE_OUT=$PWD/plugins/journeys-backend/src/faro/__fixtures__/faro-payload.json
 *  yarn workspace app test --watchAll=false src/telemetry`.
 */
const fixture = JSON.parse(
  readFileSync(path.join(__dirname, '__fixtures__/faro-payload.json'), 'utf8'),
);

/** A recording stand-in for the span ingestor: the receiver is the unit here. */
class RecordingIngestor implements TraceIngestor {
  requests: unknown[] = [];
  options: Array<IngestRequestOptions | undefined> = [];
  next: (request: unknown) => Promise<IngestResult> = async request => ({
    acceptedSpans: (request as any).resourceSpans.flatMap((r: any) =>
      r.scopeSpans.flatMap((s: any) => s.spans),
    ).length,
    rejectedSpans: 0,
  });
  async ingest(request: unknown, options?: IngestRequestOptions) {
    this.requests.push(request);
    this.options.push(options);
    return this.next(request);
  }
}

const PORTAL = 'http://portal.example:3000';

describe('createFaroRouter', () => {
  const logger = mockServices.logger.mock();
  let ingestor: RecordingIngestor;
  let server: Server;
  let url: string;

  beforeEach(async () => {
    jest.clearAllMocks();
    ingestor = new RecordingIngestor();
    const app = express();
    app.use(
      '/api/journeys/faro',
      createFaroRouter({
        ingestor,
        logger,
        maxBodyBytes: 64 * 1024,
        serviceNames: ['switchboard-portal'],
        allowedOrigins: [`${PORTAL}/`, 'https://other.example'],
        rateLimit: { burst: 5, perSecond: 0.01 },
      }),
    );
    // Backstage's error handler answers the receiver's errors, as in the backend.
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger,
      }).error(),
    );
    server = await new Promise<Server>(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/journeys/faro/collect`;
  });

  afterEach(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  function post(
    body: string | object,
    contentType = 'application/json',
    headers: Record<string, string> = { origin: PORTAL },
  ) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** The fixture's traces as another service, or with a second service.name. */
  function withService(...names: string[]) {
    const traces = structuredClone(fixture.traces);
    const attributes = traces.resourceSpans[0].resource.attributes.filter(
      (a: { key: string }) => a.key !== 'service.name',
    );
    for (const name of names)
      attributes.push({ key: 'service.name', value: { stringValue: name } });
    traces.resourceSpans[0].resource.attributes = attributes;
    return { ...fixture, traces };
  }

  it('passes the OTLP traces of a real Faro payload to the ingestor and answers 202', async () => {
    const res = await post(fixture);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});

    expect(ingestor.requests).toEqual([fixture.traces]);
    // Stored as browser spans: untrusted.
    expect(ingestor.options).toEqual([{ source: 'browser' }]);
    const [request] = ingestor.requests as any[];
    expect(request.resourceSpans[0].resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'switchboard-portal' },
    });
    expect(request.resourceSpans[0].scopeSpans[0].spans).toHaveLength(2);
    // Faro's events are accepted and dropped.
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringMatching(/ignored \d+ events/),
      expect.anything(),
    );
  });

  it('accepts payloads without traces without calling the ingestor', async () => {
    const res = await post({
      meta: fixture.meta,
      logs: [{ message: 'hi', level: 'info' }],
      measurements: [{ type: 'web-vitals', values: { lcp: 1200 } }],
    });
    expect(res.status).toBe(202);
    expect(ingestor.requests).toEqual([]);
    expect(logger.debug).toHaveBeenCalledWith(
      'Faro payload: ignored 1 logs, 1 measurements',
      expect.anything(),
    );
  });

  it('answers 400 naming the field when the payload is malformed', async () => {
    let res = await post({
      meta: fixture.meta,
      traces: { resourceSpans: 'x' },
    });
    expect(res.status).toBe(400);
    let body = await res.json();
    expect(body.error.name).toBe('InputError');
    expect(body.error.message).toMatch(
      /^invalid Faro payload: traces\.resourceSpans: /,
    );
    expect(body.response.statusCode).toBe(400);

    res = await post({ traces: fixture.traces });
    expect(res.status).toBe(400);
    body = await res.json();
    expect(body.error.message).toMatch(/meta: /);

    res = await post('{"meta": ');
    expect(res.status).toBe(400);
    body = await res.json();
    expect(body.error.message).toMatch(/^the body is not JSON/);

    expect(ingestor.requests).toEqual([]);
  });

  it('answers 413 when the body is over the limit', async () => {
    const big = {
      ...fixture,
      logs: [{ message: 'x'.repeat(64 * 1024), level: 'info' }],
    };
    const res = await post(big);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe(
      'the Faro payload is over the 65536 byte limit',
    );
    expect(ingestor.requests).toEqual([]);
  });

  it('answers 415 for bodies that are not JSON', async () => {
    const res = await post('meta=1', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
    expect(ingestor.requests).toEqual([]);
  });

  it('passes the ingestor verdict on: 400 when no span is usable, 429 when full', async () => {
    ingestor.next = async () => {
      throw new InputError('no span accepted; traceId: 32 hex digits');
    };
    let res = await post(fixture);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe(
      'no span accepted; traceId: 32 hex digits',
    );

    ingestor.next = async () => {
      throw new BackpressureError('ingest queue is full', 3);
    };
    res = await post(fixture);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('answers 403 to a payload from another Origin, or without one', async () => {
    for (const headers of [
      { origin: 'https://attacker.example' },
      { origin: 'http://portal.example:3001' },
      { origin: 'null' },
      {} as Record<string, string>,
    ]) {
      // text/plain needs no CORS preflight: a page on any site could send it.
      const res = await post(JSON.stringify(fixture), 'text/plain', headers);
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.name).toBe('NotAllowedError');
      expect(body.error.message).toMatch(/Origin/);
    }
    expect(ingestor.requests).toEqual([]);
    // The configured extra origin is allowed too (any path of its URL is ignored).
    const res = await post(fixture, 'application/json', {
      origin: 'https://other.example',
    });
    expect(res.status).toBe(202);
  });

  it("answers 400 to spans of a service that is not the portal's app", async () => {
    for (const payload of [
      withService('payment-service'),
      withService(),
      // A second service.name must not smuggle a backend service past the check.
      withService('switchboard-portal', 'payment-service'),
    ]) {
      const res = await post(payload);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(
        /^invalid Faro payload: traces\.resourceSpans\.0\.resource: service\.name must be 'switchboard-portal'/,
      );
    }
    expect(ingestor.requests).toEqual([]);
  });

  it('answers 429 with Retry-After once a client is over its rate', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(fixture)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202]);
    const res = await post(fixture);
    expect(res.status).toBe(429);
    // One token per 100 s at 0.01/s.
    expect(Number(res.headers.get('retry-after'))).toBe(100);
    expect((await res.json()).error.message).toMatch(/too many Faro payloads/);
    expect(ingestor.requests).toHaveLength(5);
  });
});
