import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import express from 'express';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import path from 'node:path';
import { IngestResult, TraceIngestor } from '../ingest/types';
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
  next: (request: unknown) => Promise<IngestResult> = async request => ({
    acceptedSpans: (request as any).resourceSpans.flatMap((r: any) =>
      r.scopeSpans.flatMap((s: any) => s.spans),
    ).length,
    rejectedSpans: 0,
  });
  async ingest(request: unknown) {
    this.requests.push(request);
    return this.next(request);
  }
}

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
      createFaroRouter({ ingestor, logger, maxBodyBytes: 64 * 1024 }),
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

  function post(body: string | object, contentType = 'application/json') {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  it('passes the OTLP traces of a real Faro payload to the ingestor and answers 202', async () => {
    const res = await post(fixture);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});

    expect(ingestor.requests).toEqual([fixture.traces]);
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
      throw Object.assign(new Error('ingest queue is full'), {
        name: 'BackpressureError',
        retryAfterSeconds: 3,
      });
    };
    res = await post(fixture);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });
});
