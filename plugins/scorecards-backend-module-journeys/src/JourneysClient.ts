import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  InstanceList,
  JourneySlos,
  JourneyStatsList,
  SloSummary,
  StatsWindow,
} from '@internal/plugin-journeys-common';

/** A journeys route that answered with an error, or could not be reached. */
export class JourneysApiError extends Error {
  constructor(
    readonly route: string,
    /** HTTP status; undefined when the request did not get an answer. */
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      `GET /api/journeys${route} ${
        status === undefined ? 'failed' : `answered ${status}`
      }: ${detail}`,
    );
    this.name = 'JourneysApiError';
  }
}

/** The journeys routes the provider reads; an interface so tests can count calls. */
export interface JourneysApi {
  /** Per journey, the stats window ending at `end`. */
  stats(window: StatsWindow, end: Date): Promise<JourneyStatsList>;
  slos(): Promise<{ items: SloSummary[] }>;
  journeySlos(namespace: string, name: string): Promise<JourneySlos>;
  latestOkInstance(namespace: string, name: string): Promise<InstanceList>;
}

/**
 * Calls journeys-backend as the scorecards plugin itself (a plugin-to-plugin token), so
 * snapshots count every journey whoever looks at them later.
 */
export class JourneysClient implements JourneysApi {
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

  stats(window: StatsWindow, end: Date) {
    return this.get<JourneyStatsList>(
      `/journeys?window=${encodeURIComponent(window)}&end=${encodeURIComponent(
        end.toISOString(),
      )}`,
    );
  }

  slos() {
    return this.get<{ items: SloSummary[] }>('/slos');
  }

  journeySlos(namespace: string, name: string) {
    return this.get<JourneySlos>(
      `/slos/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  latestOkInstance(namespace: string, name: string) {
    return this.get<InstanceList>(
      `/journeys/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/instances?status=ok&sort=recent&limit=1`,
    );
  }

  private async get<T>(route: string): Promise<T> {
    let response: Response;
    try {
      const baseUrl = await this.deps.discovery.getBaseUrl('journeys');
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'journeys',
      });
      response = await (this.deps.fetch ?? fetch)(`${baseUrl}${route}`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
      });
    } catch (error) {
      throw new JourneysApiError(route, undefined, (error as Error).message);
    }
    const text = await response.text();
    if (!response.ok)
      throw new JourneysApiError(route, response.status, errorMessage(text));
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new JourneysApiError(
        route,
        response.status,
        'the answer is not JSON',
      );
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
