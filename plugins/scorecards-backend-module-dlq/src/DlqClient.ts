import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  DlqListResponse,
  Replay,
  TERMINAL_REPLAY_STATUSES,
} from '@internal/plugin-dlq-common';

/** Most replays `GET /replays` answers at once (its `limit` bound). */
export const REPLAY_LIST_LIMIT = 200;

/** A dlq route that answered with an error, or could not be reached. */
export class DlqApiError extends Error {
  constructor(
    readonly route: string,
    /** HTTP status; undefined when the request did not get an answer. */
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      `GET /api/dlq${route} ${
        status === undefined ? 'failed' : `answered ${status}`
      }: ${detail}`,
    );
    this.name = 'DlqApiError';
  }
}

/** The dlq routes the provider reads; an interface so tests can replace it. */
export interface DlqApi {
  /** Every dead-letter queue of every runtime, with inflow over the last `inflowHours`. */
  list(inflowHours: number): Promise<DlqListResponse>;
  /** The newest finished replays of one queue. */
  finishedReplays(runtime: string, dlq: string): Promise<{ items: Replay[] }>;
}

/** Calls dlq-backend as the scorecards plugin itself, with a plugin-to-plugin token. */
export class DlqClient implements DlqApi {
  constructor(
    private readonly deps: {
      discovery: Pick<DiscoveryService, 'getBaseUrl'>;
      auth: Pick<
        AuthService,
        'getOwnServiceCredentials' | 'getPluginRequestToken'
      >;
      fetch?: typeof fetch;
    },
  ) {}

  list(inflowHours: number) {
    return this.get<DlqListResponse>(`/dlqs?inflowHours=${inflowHours}`);
  }

  finishedReplays(runtime: string, dlq: string) {
    const query = new URLSearchParams({
      runtime,
      dlq,
      status: TERMINAL_REPLAY_STATUSES.join(','),
      limit: String(REPLAY_LIST_LIMIT),
    });
    return this.get<{ items: Replay[] }>(`/replays?${query}`);
  }

  private async get<T>(route: string): Promise<T> {
    let response: Response;
    try {
      const baseUrl = await this.deps.discovery.getBaseUrl('dlq');
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'dlq',
      });
      response = await (this.deps.fetch ?? fetch)(`${baseUrl}${route}`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
      });
    } catch (error) {
      throw new DlqApiError(route, undefined, (error as Error).message);
    }
    const text = await response.text();
    if (!response.ok)
      throw new DlqApiError(route, response.status, errorMessage(text));
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new DlqApiError(route, response.status, 'the answer is not JSON');
    }
  }
}

/** Backstage's JSON error body's message, or the start of whatever came back. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body);
    if (typeof parsed?.error?.message === 'string') return parsed.error.message;
  } catch {
    // not JSON: quote it below
  }
  return body.trim().slice(0, 200) || 'no body';
}
