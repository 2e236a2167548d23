import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** A plugin's route that answered with an error, or could not be reached. */
export class PluginApiError extends Error {
  constructor(
    readonly pluginId: string,
    readonly route: string,
    /** HTTP status; undefined when the request did not get an answer. */
    readonly status: number | undefined,
    detail: string,
  ) {
    super(
      `GET /api/${pluginId}${route} ${
        status === undefined ? 'failed' : `answered ${status}`
      }: ${detail}`,
    );
    this.name = 'PluginApiError';
  }
}

export interface PluginRouteReaderDeps {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
  fetch?: typeof fetch;
}

/**
 * Reads another backend plugin's JSON routes as the calling plugin itself (a
 * plugin-to-plugin token), so snapshots count everything whoever looks at them later.
 * Every failure, unreachable or not, is an error naming the route and the answer.
 */
export class PluginRouteReader {
  constructor(
    private readonly pluginId: string,
    private readonly deps: PluginRouteReaderDeps,
    private readonly fail: (
      route: string,
      status: number | undefined,
      detail: string,
    ) => Error = (route, status, detail) =>
      new PluginApiError(pluginId, route, status, detail),
  ) {}

  async get<T>(route: string): Promise<T> {
    let response: Response;
    try {
      const baseUrl = await this.deps.discovery.getBaseUrl(this.pluginId);
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: this.pluginId,
      });
      response = await (this.deps.fetch ?? fetch)(`${baseUrl}${route}`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
      });
    } catch (error) {
      throw this.fail(route, undefined, (error as Error).message);
    }
    const text = await response.text();
    if (!response.ok)
      throw this.fail(route, response.status, errorMessage(text));
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.fail(route, response.status, 'the answer is not JSON');
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
