import { ContractValidator } from './ContractValidator';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

const contract = new ContractValidator();

/** Admin API calls for tests; every answer is checked against openapi.yaml. */
export class AdminClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  withToken(token: string | undefined) {
    return new AdminClient(this.baseUrl, token);
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const payload =
      typeof body === 'string' || body === undefined
        ? body
        : JSON.stringify(body);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: payload,
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    contract.assert(method, path, res.status, parsed);
    return { status: res.status, body: parsed };
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
