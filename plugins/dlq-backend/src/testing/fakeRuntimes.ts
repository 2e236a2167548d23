import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A fake runtime: 500 to everything, garbage, or a 404 that records the path asked for. */
function fakeRuntime(kind: '500' | 'garbage' | 'recorder', seen: string[]) {
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    if (kind === '500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { name: 'Error', message: 'disk full' } }),
      );
    } else if (kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Truncated JSON, or JSON that is not the contract's shape.
      res.end(
        req.url?.endsWith('/groups') ? '{"items": 42}' : '{"items": "nope"',
      );
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'recorded' },
          request: { method: req.method, url: req.url },
          response: { statusCode: 404 },
        }),
      );
    }
  });
  server.listen(0, '127.0.0.1');
  return server;
}

export interface FakeRuntimes {
  /** Entries of `dlq.runtimes`: 'down', 'five-hundred', 'garbage' and 'recorder'. */
  config: Array<Record<string, string>>;
  /** Paths the recording runtime ('recorder') was asked for. */
  recorded: string[];
  close(): void;
}

/** Runtimes that are down, answer 500, answer garbage, or only record what they are asked. */
export async function startFakeRuntimes(): Promise<FakeRuntimes> {
  const recorded: string[] = [];
  const fakes = {
    five: fakeRuntime('500', []),
    garbage: fakeRuntime('garbage', []),
    recorder: fakeRuntime('recorder', recorded),
  };
  const url = (s: http.Server) =>
    `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  await new Promise(r => setTimeout(r, 100));
  return {
    config: [
      {
        name: 'down',
        baseUrl: 'http://127.0.0.1:9',
        token: 'x',
        timeout: '2s',
      },
      { name: 'five-hundred', baseUrl: url(fakes.five), token: 'x' },
      { name: 'garbage', baseUrl: url(fakes.garbage), token: 'x' },
      {
        name: 'recorder',
        baseUrl: `${url(fakes.recorder)}/admin`,
        token: 'x',
      },
    ],
    recorded,
    close() {
      for (const server of Object.values(fakes)) server.close();
    },
  };
}
