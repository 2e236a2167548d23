import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ContractValidator,
  RuntimeAdminPaths,
} from '@internal/plugin-dlq-common';
import createClient, { Client } from 'openapi-fetch';

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
 * One path parameter as one URL segment. Dot-only values are refused: percent-encoding
 * does not help there, since URL parsers treat `%2e%2e` as `..` as well.
 */
export function pathSegment(name: string, value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new UnsafePathError(`path parameter '${name}' is missing`);
  }
  const text = String(value);
  if (text === '' || /^\.+$/.test(text)) {
    throw new UnsafePathError(
      `'${text}' is not a valid ${name}: it must not be empty or only dots`,
    );
  }
  return encodeURIComponent(text);
}

/** An operation's path template (`/v1/dlqs/{dlq}`) with its parameters filled in. */
export function expandPath(template: string, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return template.replace(/\{([^{}]+)\}/g, (_match, name: string) =>
    pathSegment(name, values[name]),
  );
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

const contract = new ContractValidator();

/**
 * One runtime's admin API, typed from its OpenAPI document (openapi-fetch). Every answer
 * is checked against the contract, and every failure becomes an error that says which
 * runtime and what went wrong: unreachable → 503, 5xx or off-contract → 502, and the
 * runtime's own 400/404/409 pass through with its message. A 503 with Retry-After (the
 * runtime's broker is down) stays a 503: a BrokerDownError carrying the delay.
 */
export class RuntimeClient {
  readonly api: Client<RuntimeAdminPaths>;
  private readonly base: URL;

  constructor(
    readonly settings: RuntimeSettings,
    fetchImpl: typeof fetch = fetch,
  ) {
    this.base = baseUrlOf(settings);
    const basePath = this.base.pathname.replace(/\/+$/, '');
    this.api = createClient<RuntimeAdminPaths>({
      baseUrl: `${this.base.origin}${basePath}`,
      headers: { authorization: `Bearer ${settings.token}` },
      pathSerializer: expandPath,
      fetch: (request: Request) =>
        fetchImpl(request, { signal: AbortSignal.timeout(settings.timeoutMs) }),
    });
    // The request about to leave must be the operation's own path under the base URL,
    // each parameter one encoded segment: nothing the URL parser could have resolved
    // (dot segments) or that points at another host.
    this.api.use({
      onRequest: ({ request, schemaPath, params }) => {
        const url = new URL(request.url);
        const expected = `${basePath}${expandPath(schemaPath, params.path)}`;
        if (url.origin !== this.base.origin || url.pathname !== expected) {
          throw new UnsafePathError(
            `refused to call ${url.pathname} for ${schemaPath} on runtime '${settings.name}'`,
          );
        }
        return undefined;
      },
    });
  }

  get name() {
    return this.settings.name;
  }

  /** The path of an answer's URL below the base URL, as the contract names paths. */
  private operationPath(url: string): string {
    // A hand-made Response (a test double) has no URL; it then matches no operation.
    const { pathname } = new URL(url || this.base.href);
    const basePath = this.base.pathname.replace(/\/+$/, '');
    return pathname.startsWith(`${basePath}/`)
      ? pathname.slice(basePath.length)
      : pathname;
  }

  /** Runs one typed call (`what` is e.g. 'GET /v1/dlqs') and returns its data, or throws. */
  async call<T>(
    what: string,
    run: (api: Client<RuntimeAdminPaths>) => Promise<Answer<T>>,
  ): Promise<T> {
    const who = `runtime '${this.name}'`;
    let answer: Answer<T>;
    try {
      answer = await run(this.api);
    } catch (e) {
      if (e instanceof UnsafePathError) throw e;
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
    const body = answer.error ?? answer.data;
    const offContract = contract.check(
      what.split(' ')[0],
      this.operationPath(response.url),
      response.status,
      body,
    );
    const message = runtimeMessage(body) ?? response.statusText;
    if (response.ok) {
      if (offContract) {
        throw new BadGatewayError(
          `${who} answered ${what} off its admin API contract: ${offContract}`,
        );
      }
      return answer.data as T;
    }
    switch (response.status) {
      case 400:
      case 413:
        throw new InputError(`${who}: ${message}`);
      case 404:
        throw new NotFoundError(`${who}: ${message}`);
      case 409:
        throw new ConflictError(`${who}: ${message}`);
      case 503: {
        const seconds = retryAfterSeconds(response.headers.get('retry-after'));
        if (seconds !== undefined) {
          throw new BrokerDownError(
            `runtime ${this.name}'s broker is down; try again in ${seconds} s (${what}: ${message})`,
            this.name,
            seconds,
          );
        }
        throw new ServiceUnavailableError(
          `${who} is unavailable for ${what}: ${message}`,
        );
      }
      case 401:
      case 403:
        throw new BadGatewayError(
          `${who} refused the portal's token for ${what} (${response.status}); check dlq.runtimes[].token`,
        );
      default:
        throw new BadGatewayError(
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
