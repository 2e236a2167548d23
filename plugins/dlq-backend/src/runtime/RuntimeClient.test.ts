import { runtimeAdminDocument } from '@internal/integration-runtime-client';
import { RuntimeClient, UnsafePathError } from './RuntimeClient';

/** Values a caller (or a misbehaving runtime's answer) could put into a path parameter. */
const HOSTILE = [
  '.',
  '..',
  '...',
  '%2e',
  '%2e%2e',
  '%2E%2e',
  '.%2e',
  '%2e.',
  '../health',
  '../../v1/faults',
  '..%2f..%2fv1%2ffaults',
  '/',
  '//evil.example',
  'a/../../b',
  '..\\..\\v1',
  '\\',
  '?token=x',
  '#x',
  'http://evil.example/',
  '@evil.example',
  ' ',
  '\u0000',
  '\u2025',
  'é/..',
  'x'.repeat(3000),
];

const operations = Object.entries(runtimeAdminDocument.paths).flatMap(
  ([template, item]) =>
    Object.keys(item as object)
      .filter(m => ['get', 'post', 'put'].includes(m))
      .filter(() => template.includes('{'))
      .map(method => ({ method: method.toUpperCase(), template })),
);

function recordingClient(baseUrl: string) {
  const seen: string[] = [];
  const client = new RuntimeClient(
    { name: 'rt', title: 'rt', baseUrl, token: 't', timeoutMs: 1000 },
    (async (request: Request) => {
      seen.push(request.url);
      return Object.defineProperty(
        new Response(
          JSON.stringify({ error: { name: 'NotFoundError', message: 'no' } }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ),
        'url',
        { value: request.url },
      );
    }) as typeof fetch,
  );
  return { client, seen };
}

describe('RuntimeClient', () => {
  it('has operations with path parameters to check', () => {
    expect(operations.map(o => `${o.method} ${o.template}`)).toEqual(
      expect.arrayContaining([
        'GET /v1/dlqs/{dlq}',
        'GET /v1/messages/{id}',
        'POST /v1/replays/{id}/cancel',
        'PUT /v1/faults/{service}',
      ]),
    );
  });

  it.each(['http://runtime.test:7300', 'http://runtime.test:7300/admin/'])(
    'never forms a URL that leaves the operation’s path below %s',
    async baseUrl => {
      const { client, seen } = recordingClient(baseUrl);
      const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
      const outcomes = [];
      for (const { method, template } of operations) {
        const name = /\{([^}]+)\}/.exec(template)![1];
        for (const value of HOSTILE) {
          const before = seen.length;
          const error: Error | undefined = await client
            .call<unknown>(api =>
              (api as any)[method](template, {
                params: { path: { [name]: value } },
                ...(method === 'GET' ? {} : { body: {} }),
              }),
            )
            .then(
              () => undefined,
              (e: Error) => e,
            );
          outcomes.push({
            value,
            refused: error instanceof UnsafePathError,
            errorName: error?.name,
            // What reached the runtime: origin, path and query, as it saw them.
            sent: seen.slice(before).map(u => {
              const url = new URL(u);
              return `${url.origin}${url.pathname}${url.search}`;
            }),
            // Exactly the template, the value as one encoded segment.
            expected: `http://runtime.test:7300${basePath}${template.replace(
              `{${name}}`,
              encodeURIComponent(value),
            )}`,
          });
        }
      }
      const refused = outcomes.filter(o => o.refused);
      const sent = outcomes.filter(o => !o.refused);
      // Dot-only values never leave (percent-encoding them would not help: URL parsers
      // resolve %2e%2e as well); every other value leaves as one segment, nothing else.
      expect(new Set(refused.map(o => o.value))).toEqual(
        new Set(['.', '..', '...']),
      );
      expect(refused.flatMap(o => o.sent)).toEqual([]);
      expect(sent.map(o => o.sent)).toEqual(sent.map(o => [o.expected]));
      expect(new Set(sent.map(o => o.errorName))).toEqual(
        new Set(['NotFoundError']),
      );
    },
  );

  it('refuses a request whose URL is not the operation’s path, however it was formed', async () => {
    const { client, seen } = recordingClient('http://runtime.test:7300');
    await expect(
      client.call(api =>
        api.GET('/v1/dlqs/{dlq}', {
          params: { path: { dlq: 'x' } },
          // A serializer that does not encode: the request check still stops it.
          pathSerializer: p => p.replace('{dlq}', '../faults'),
        }),
      ),
    ).rejects.toThrow(UnsafePathError);
    await expect(
      client.call(api =>
        api.GET('/v1/dlqs/{dlq}', {
          params: { path: { dlq: 'x' } },
          baseUrl: 'http://evil.example',
        }),
      ),
    ).rejects.toThrow(UnsafePathError);
    expect(seen).toEqual([]);
  });

  it('refuses base URLs it cannot keep requests below', () => {
    for (const baseUrl of [
      'file:///etc',
      'http://user:pw@runtime.test',
      'http://runtime.test/?a=1',
      'not a url',
    ]) {
      expect(() => recordingClient(baseUrl)).toThrow(/dlq.runtimes: baseUrl/);
    }
  });
});
