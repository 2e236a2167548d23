import { writeFileSync } from 'node:fs';
import { mockApis } from '@backstage/frontend-test-utils';
import { readPortalFaroOptions, portalVersion } from './config';

const BACKEND = 'http://localhost:7007';
const COLLECT = `${BACKEND}/api/journeys/faro/collect`;

describe('readPortalFaroOptions', () => {
  it('defaults to the journeys receiver on the backend', () => {
    const options = readPortalFaroOptions(
      mockApis.config({ data: { backend: { baseUrl: `${BACKEND}/` } } }),
    );
    expect(options).toEqual({
      url: COLLECT,
      backendBaseUrl: BACKEND,
      environment: undefined,
      version: '0.1.0',
      gitHash: undefined,
    });
  });

  it('takes url and environment from switchboard.telemetry.faro', () => {
    const options = readPortalFaroOptions(
      mockApis.config({
        data: {
          backend: { baseUrl: BACKEND },
          switchboard: {
            telemetry: {
              faro: {
                url: 'https://alloy.example/collect',
                environment: 'prod',
              },
            },
          },
        },
      }),
    );
    expect(options).toMatchObject({
      url: 'https://alloy.example/collect',
      environment: 'prod',
    });
  });

  it('is off when enabled is false', () => {
    expect(
      readPortalFaroOptions(
        mockApis.config({
          data: {
            backend: { baseUrl: BACKEND },
            switchboard: { telemetry: { faro: { enabled: false } } },
          },
        }),
      ),
    ).toBeUndefined();
  });

  it('reports the package version, or 0.1.0 for the 0.0.0 placeholder', () => {
    expect(portalVersion({ packageVersion: '1.2.3' })).toBe('1.2.3');
    expect(portalVersion({ packageVersion: '0.0.0' })).toBe('0.1.0');
    expect(portalVersion({})).toBe('0.1.0');
  });
});

/**
 * The real Faro web SDK and its OpenTelemetry tracing, in jsdom, with `fetch` stubbed at
 * the network edge: what the browser would send to the backend and to the collector.
 */
describe('initPortalFaro', () => {
  type Call = { url: string; init?: RequestInit };
  const calls: Call[] = [];
  let failCollector = false;

  beforeAll(() => {
    // jsdom has no resource timing; web vitals and the fetch instrumentation ask for it.
    if (!performance.getEntriesByType) {
      (performance as any).getEntriesByType = () => [];
    }
    // Without it the fetch instrumentation assumes a server and stays off.
    if (typeof PerformanceObserver === 'undefined') {
      (global as any).PerformanceObserver = class {
        static supportedEntryTypes: string[] = [];
        observe() {}
        disconnect() {}
        takeRecords() {
          return [];
        }
      };
    }
    global.fetch = jest.fn(
      async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = typeof input === 'string' ? input : input.toString();
        calls.push({ url, init });
        if (url === COLLECT) {
          if (failCollector) {
            throw new TypeError('Failed to fetch');
          }
          return new Response(null, { status: 202 });
        }
        return new Response('{}', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    ) as typeof fetch;
  });

  function headersOf(call: Call | undefined): Record<string, string> {
    const headers = new Headers(call?.init?.headers);
    return Object.fromEntries(headers.entries());
  }

  async function waitFor<T>(find: () => T | undefined, ms = 10_000) {
    const until = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error('timed out');
      await new Promise(r => setTimeout(r, 50));
    }
  }

  it('sends traceparent to the backend only, and posts OTLP spans as switchboard-portal', async () => {
    const { initPortalFaro } = await import('./faro');
    const faro = initPortalFaro({
      url: COLLECT,
      backendBaseUrl: BACKEND,
      environment: 'test',
      version: '0.1.0',
    });
    expect(faro).toBeDefined();
    // Once per page.
    expect(
      initPortalFaro({
        url: COLLECT,
        backendBaseUrl: BACKEND,
        version: '0.1.0',
      }),
    ).toBe(faro);

    await fetch(`${BACKEND}/api/catalog/entities?limit=1`);
    await fetch('https://elsewhere.example/x');

    const toBackend = calls.find(c =>
      c.url.startsWith(`${BACKEND}/api/catalog`),
    );
    expect(headersOf(toBackend).traceparent).toMatch(
      /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/,
    );
    const elsewhere = calls.find(c => c.url.startsWith('https://elsewhere'));
    expect(headersOf(elsewhere).traceparent).toBeUndefined();

    // BatchSpanProcessor (1s) and Faro's batching, then one POST to the collector.
    const body = await waitFor(() => {
      for (const call of calls) {
        if (call.url !== COLLECT) continue;
        const parsed = JSON.parse(String(call.init?.body));
        if (parsed.traces) return parsed;
      }
      return undefined;
    });
    const post = calls.find(c => c.url === COLLECT)!;
    expect(post.init?.method).toBe('POST');
    expect(headersOf(post)['content-type']).toBe('application/json');

    expect(body.meta.app).toMatchObject({
      name: 'switchboard-portal',
      version: '0.1.0',
      environment: 'test',
    });
    const resourceSpans = body.traces.resourceSpans;
    expect(resourceSpans).toHaveLength(1);
    expect(resourceSpans[0].resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'switchboard-portal' },
    });
    const spans = resourceSpans[0].scopeSpans.flatMap(
      (s: { spans: unknown[] }) => s.spans,
    );
    const traceId = headersOf(toBackend).traceparent.split('-')[1];
    const clientSpan = spans.find(
      (s: { traceId: string; kind: number }) => s.traceId === traceId,
    );
    // The backend's server span will be a child of this CLIENT span.
    expect(clientSpan).toMatchObject({ kind: 3 });
    expect(clientSpan.spanId).toBe(
      headersOf(toBackend).traceparent.split('-')[2],
    );

    // The receiver test in plugins/journeys-backend replays this exact body:
    // FARO_FIXTURE_OUT=<path> yarn test src/telemetry refreshes it.
    if (process.env.FARO_FIXTURE_OUT) {
      writeFileSync(
        process.env.FARO_FIXTURE_OUT,
        `${JSON.stringify(body, null, 2)}\n`,
      );
    }

    // The collector being down costs the app nothing.
    failCollector = true;
    const postsBefore = calls.filter(c => c.url === COLLECT).length;
    const response = await fetch(`${BACKEND}/api/catalog/entities`);
    expect(response.status).toBe(200);
    await waitFor(() =>
      calls.filter(c => c.url === COLLECT).length > postsBefore
        ? true
        : undefined,
    );
  }, 20_000);
});
