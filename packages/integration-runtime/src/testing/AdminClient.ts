import {
  createRuntimeAdminClient,
  runtimeAdminDocument,
  RuntimeAdminClient,
} from '@internal/integration-runtime-client';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

/** The contract's path templates, literal ones first (`/v1/messages/archive` before `{id}`). */
const templates = Object.keys(runtimeAdminDocument.paths)
  .map(template => template.split('/'))
  .sort(
    (a, b) =>
      a.filter(s => s.startsWith('{')).length -
      b.filter(s => s.startsWith('{')).length,
  );

/** The operation path (`/v1/dlqs/{dlq}`) a request path belongs to, segment by segment. */
function templateOf(pathname: string): string {
  const segments = pathname.split('/');
  const template = templates.find(
    t =>
      t.length === segments.length &&
      t.every((s, i) => s.startsWith('{') || s === segments[i]),
  );
  if (!template) throw new Error(`${pathname} is not in the contract`);
  return template.join('/');
}

/**
 * Admin API calls for tests, by plain path (`/v1/dlqs/orders/messages?limit=5`), sent as
 * they are written through the runtime admin client, so every answer is checked against
 * openapi.yaml (a RuntimeContractError fails the test).
 */
export class AdminClient {
  private readonly client: RuntimeAdminClient;

  constructor(readonly baseUrl: string, token: string | undefined) {
    this.client = createRuntimeAdminClient({
      baseUrl,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  withToken(token: string | undefined) {
    return new AdminClient(this.baseUrl, token);
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const url = new URL(path, 'http://runtime');
    const answer = await this.client.request(
      method.toLowerCase() as 'get',
      templateOf(url.pathname) as any,
      {
        // The path and query go out exactly as given (tests send odd values on purpose).
        params: { path: {} },
        pathSerializer: () => `${this.baseUrl}${url.pathname}`,
        querySerializer: () => url.search.slice(1),
        body: body as any,
        bodySerializer: (b: unknown) =>
          typeof b === 'string' ? b : JSON.stringify(b),
        headers,
      } as any,
    );
    return {
      status: answer.response.status,
      body: (answer.data ?? answer.error) as T,
    };
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) {
    return this.call<T>('POST', path, body, headers);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.call<T>('PUT', path, body);
  }
}

export async function waitFor<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; what?: string; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${
          options.what ?? 'condition'
        }; last value: ${JSON.stringify(value)?.slice(0, 300)}`,
      );
    }
    await new Promise(r => setTimeout(r, options.intervalMs ?? 50));
  }
}
