import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  InstanceDetail,
  InstanceSummary,
  JourneySlos,
  JourneysOpenApiPaths,
  JourneyStats,
  SearchResult,
  SloSummary,
  SpanDetail,
} from '@internal/plugin-journeys-common';
import createClient, { type Client } from 'openapi-fetch';
import type {
  InstanceListFilters,
  JourneyListFilters,
  JourneyName,
  JourneysApi,
  SloListFilters,
} from './JourneysApi';

/** The query parameters that have a value (an empty filter is no filter). */
function given<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([, v]) => v !== undefined && v !== null && v !== '',
    ),
  ) as T;
}

/** A 2xx answer's JSON body; openapi-fetch leaves it undefined when the body is empty. */
function bodyOf<T>(what: string, data: T | undefined): T {
  if (data === undefined) {
    throw new Error(`journeys-backend answered ${what} without a body`);
  }
  return data;
}

/** Talks to journeys-backend through the Backstage fetch API (the user's token is attached). */
export class JourneysClient implements JourneysApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * Every route, typed from journeys-backend's OpenAPI document. A failed request throws
   * ResponseError (Backstage's error body) before openapi-fetch reads the body.
   */
  private async api(): Promise<Client<JourneysOpenApiPaths>> {
    const client = createClient<JourneysOpenApiPaths>({
      baseUrl: await this.discoveryApi.getBaseUrl('journeys'),
      fetch: request => this.fetchApi.fetch(request),
    });
    client.use({
      onResponse: async ({ response }) => {
        if (!response.ok) throw await ResponseError.fromResponse(response);
        return undefined;
      },
    });
    return client;
  }

  async listJourneys(filters: JourneyListFilters): Promise<JourneyStats[]> {
    const api = await this.api();
    const { data } = await api.request('get', '/journeys', {
      params: {
        query: given({
          window: filters.window,
          component: filters.component,
          end: filters.end,
        }),
      },
    });
    return bodyOf('GET /journeys', data).items;
  }

  async listInstances(
    journey: JourneyName,
    filters?: InstanceListFilters,
  ): Promise<InstanceSummary[]> {
    const api = await this.api();
    const { data } = await api.request(
      'get',
      '/journeys/{namespace}/{name}/instances',
      {
        params: {
          path: { namespace: journey.namespace, name: journey.name },
          query: given({
            status: filters?.status,
            sort: filters?.sort,
            limit: filters?.limit,
            window: filters?.window,
          }),
        },
      },
    );
    return bodyOf('GET /journeys/{namespace}/{name}/instances', data).items;
  }

  async search(query: string): Promise<SearchResult> {
    const api = await this.api();
    const { data } = await api.request('get', '/search', {
      params: { query: { q: query } },
    });
    return bodyOf('GET /search', data);
  }

  async getInstance(id: string): Promise<InstanceDetail> {
    const api = await this.api();
    const { data } = await api.request('get', '/instances/{id}', {
      params: { path: { id } },
    });
    return bodyOf('GET /instances/{id}', data);
  }

  async getSpan(traceId: string, spanId: string): Promise<SpanDetail> {
    const api = await this.api();
    const { data } = await api.request('get', '/spans/{traceId}/{spanId}', {
      params: { path: { traceId, spanId } },
    });
    // Attribute values nest, so the description leaves them open; they are AttributeValues.
    return bodyOf('GET /spans/{traceId}/{spanId}', data) as SpanDetail;
  }

  async listSlos(filters?: SloListFilters): Promise<SloSummary[]> {
    const api = await this.api();
    const { data } = await api.request('get', '/slos', {
      params: { query: filters?.owner ? { owner: filters.owner } : {} },
    });
    return bodyOf('GET /slos', data).items;
  }

  async getJourneySlos(journey: JourneyName): Promise<JourneySlos> {
    const api = await this.api();
    const { data } = await api.request('get', '/slos/{namespace}/{name}', {
      params: { path: { namespace: journey.namespace, name: journey.name } },
    });
    return bodyOf('GET /slos/{namespace}/{name}', data);
  }
}
