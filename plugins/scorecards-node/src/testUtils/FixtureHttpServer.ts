import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface FixtureAnswer {
  status?: number;
  body: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 answering fixed JSON per path and query (exactly as the
 * client sends them), a JSON 404 otherwise, like the plugin's router. Records each request.
 */
export class FixtureHttpServer {
  readonly requests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  private answers = new Map<string, FixtureAnswer>();
  private server?: Server;

  constructor(private readonly basePath: string) {}

  answer(pathAndQuery: string, answer: FixtureAnswer) {
    this.answers.set(`${this.basePath}${pathAndQuery}`, answer);
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push({ url: req.url ?? '', headers: req.headers });
      const found = this.answers.get(req.url ?? '');
      const status = found?.status ?? (found ? 200 : 404);
      const body = found
        ? found.body
        : {
            error: {
              name: 'NotFoundError',
              message: `no route GET ${req.url}`,
            },
            response: { statusCode: 404 },
          };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.basePath}`;
  }

  async stop() {
    await new Promise<void>(resolve =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Paths requested, with queries, below the base path. */
  paths(): string[] {
    return this.requests.map(r => r.url.slice(this.basePath.length));
  }
}
