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

/** The runtime answered, but not as its contract says (5xx, garbage, a rejected token). */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
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
 * runtime's own 400/404/409 pass through with its message.
 */
export class RuntimeClient {
  readonly api: Client<RuntimeAdminPaths>;

  constructor(
    readonly settings: RuntimeSettings,
    fetchImpl: typeof fetch = fetch,
  ) {
    this.api = createClient<RuntimeAdminPaths>({
      baseUrl: settings.baseUrl.replace(/\/+$/, ''),
      headers: { authorization: `Bearer ${settings.token}` },
      fetch: (request: Request) =>
        fetchImpl(request, { signal: AbortSignal.timeout(settings.timeoutMs) }),
    });
  }

  get name() {
    return this.settings.name;
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
      methodOf(what),
      new URL(response.url).pathname,
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

const methodOf = (what: string) => what.split(' ')[0];

function runtimeMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error
    ?.message;
  return typeof message === 'string' ? message.slice(0, 1000) : undefined;
}
