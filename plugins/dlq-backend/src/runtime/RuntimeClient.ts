import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  createRuntimeAdminClient,
  RuntimeAdminClient,
  RuntimeContractError,
} from '@internal/integration-runtime-client';
import { defaultPathSerializer } from 'openapi-fetch';

/** A path parameter that would not stay one segment below the runtime's base URL. */
export class UnsafePathError extends InputError {}

/** The base URL of a runtime: http(s), no credentials, query or fragment. */
function baseUrlOf(settings: RuntimeSettings): URL {
  let url: URL;
  try {
    url = new URL(settings.baseUrl);
  } catch {
    throw new InputError(
      `dlq.runtimes: baseUrl of '${settings.name}' is not a URL`,
    );
  }
  if (
    !['http:', 'https:'].includes(url.protocol) ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    throw new InputError(
      `dlq.runtimes: baseUrl of '${settings.name}' must be an http(s) URL without credentials, query or fragment`,
    );
  }
  return url;
}

/**
 * Refuses a path parameter openapi-fetch's encoding cannot keep in its segment: empty or
 * dot-only values (URL parsers resolve `..`, and `%2e%2e` as well, as a step up).
 */
function assertSafePathParameter(name: string, value: unknown) {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new UnsafePathError(`path parameter '${name}' is missing`);
  }
  const text = String(value);
  if (text === '' || /^\.+$/.test(text)) {
    throw new UnsafePathError(
      `'${text}' is not a valid ${name}: it must not be empty or only dots`,
    );
  }
}

/** The runtime answered, but not as its contract says (5xx, garbage, a rejected token). */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  statusCode = 502 as const;
}

/**
 * The runtime answered 503 with Retry-After: its broker is down and it reconnects by
 * itself. Still a ServiceUnavailableError (503); the router passes `retryAfterSeconds`
 * on as the Retry-After header.
 */
export class BrokerDownError extends ServiceUnavailableError {
  readonly retryAfterSeconds: number;

  constructor(message: string, readonly runtime: string, seconds: number) {
    super(message);
    this.retryAfterSeconds = seconds;
  }
}

/** Seconds of a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(
  header: string | null,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), 86_400);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), 86_400);
}

export interface RuntimeSettings {
  name: string;
  title: string;
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };
type Run<T> = (api: RuntimeAdminClient) => Promise<Answer<T>>;

/**
 * One runtime's admin API, typed from its OpenAPI document (openapi-fetch). Every answer
 * is checked against the contract, and every failure becomes an error that says which
 * runtime and what went wrong: unreachable → 503, 5xx or off-contract → 502, and the
 * runtime's own 400/404/409 pass through with its message. A 503 with Retry-After (the
 * runtime's broker is down) stays a 503: a BrokerDownError carrying the delay.
 */
export class RuntimeClient {
  readonly api: RuntimeAdminClient;
  private readonly base: URL;
  /** The operation (`GET /v1/dlqs/{dlq}`) of each answer or fetch error, for messages. */
  private readonly operations = new WeakMap<object, string>();

  constructor(
    readonly settings: RuntimeSettings,
    fetchImpl: typeof fetch = fetch,
  ) {
    this.base = baseUrlOf(settings);
    const basePath = this.base.pathname.replace(/\/+$/, '');
    // Checks every answer against the runtime's admin API contract (RuntimeContractError).
    this.api = createRuntimeAdminClient({
      baseUrl: `${this.base.origin}${basePath}`,
      headers: { authorization: `Bearer ${settings.token}` },
      fetch: (request: Request) =>
        fetchImpl(request, { signal: AbortSignal.timeout(settings.timeoutMs) }),
    });
    this.api.use({
      // The request about to leave must be the operation's own path under the base URL,
      // each parameter one encoded segment: nothing the URL parser could have resolved
      // (dot segments) or that points at another host.
      onRequest: ({ request, schemaPath, params }) => {
        const path = params.path ?? {};
        for (const [name, value] of Object.entries(path)) {
          assertSafePathParameter(name, value);
        }
        const url = new URL(request.url);
        const expected = `${basePath}${defaultPathSerializer(
          schemaPath,
          path,
        )}`;
        if (url.origin !== this.base.origin || url.pathname !== expected) {
          throw new UnsafePathError(
            `refused to call ${url.pathname} for ${schemaPath} on runtime '${settings.name}'`,
          );
        }
        return undefined;
      },
      onResponse: ({ request, response, schemaPath }) => {
        this.operations.set(response, `${request.method} ${schemaPath}`);
        return undefined;
      },
      onError: ({ request, error, schemaPath }) => {
        if (typeof error === 'object' && error) {
          this.operations.set(error, `${request.method} ${schemaPath}`);
        }
        return undefined;
      },
    });
  }

  get name() {
    return this.settings.name;
  }

  /**
   * Runs one typed call and returns its data, or throws. Errors name the operation
   * (`GET /v1/dlqs/{dlq}`) the call made.
   */
  async call<T>(run: Run<T>): Promise<T> {
    const fallback = 'its admin API';
    const who = `runtime '${this.name}'`;
    let answer: Answer<T>;
    try {
      answer = await run(this.api);
    } catch (e) {
      if (e instanceof UnsafePathError) throw e;
      if (e instanceof RuntimeContractError) {
        if (!e.response.ok) {
          // A failure off the contract is still judged by its status.
          throw this.failure(e.operation, e.response, e.body);
        }
        throw new BadGatewayError(
          e.notJson
            ? `${who} answered ${e.operation} with something that is not JSON`
            : `${who} answered ${
                e.operation
              } off its admin API contract: ${e.problems.join('; ')}`,
        );
      }
      const what =
        (typeof e === 'object' && e && this.operations.get(e)) || fallback;
      const error = e as Error & {
        cause?: { code?: string; message?: string };
      };
      if (error instanceof SyntaxError) {
        throw new BadGatewayError(
          `${who} answered ${what} with something that is not JSON`,
        );
      }
      const cause = error.cause?.code ?? error.cause?.message ?? error.message;
      throw new ServiceUnavailableError(
        error.name === 'TimeoutError'
          ? `${who} did not answer ${what} within ${this.settings.timeoutMs} ms`
          : `${who} is unreachable (${cause})`,
      );
    }
    const { response } = answer;
    if (response.ok) return answer.data as T;
    throw this.failure(
      this.operations.get(response) ?? fallback,
      response,
      answer.error,
    );
  }

  /** The error for a runtime's failure answer, by its status. */
  private failure(what: string, response: Response, body: unknown): Error {
    const who = `runtime '${this.name}'`;
    const message = runtimeMessage(body) ?? response.statusText;
    switch (response.status) {
      case 400:
      case 413:
        return new InputError(`${who}: ${message}`);
      case 404:
        return new NotFoundError(`${who}: ${message}`);
      case 409:
        return new ConflictError(`${who}: ${message}`);
      case 503: {
        const seconds = retryAfterSeconds(response.headers.get('retry-after'));
        if (seconds !== undefined) {
          return new BrokerDownError(
            `runtime ${this.name}'s broker is down; try again in ${seconds} s (${what}: ${message})`,
            this.name,
            seconds,
          );
        }
        return new ServiceUnavailableError(
          `${who} is unavailable for ${what}: ${message}`,
        );
      }
      case 401:
      case 403:
        return new BadGatewayError(
          `${who} refused the portal's token for ${what} (${response.status}); check dlq.runtimes[].token`,
        );
      default:
        return new BadGatewayError(
          `${who} failed ${what} with ${response.status}: ${message}`,
        );
    }
  }
}

function runtimeMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error
    ?.message;
  return typeof message === 'string' ? message.slice(0, 1000) : undefined;
}
