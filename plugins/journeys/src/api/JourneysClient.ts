import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  InstanceDetail,
  InstanceList,
  InstanceSummary,
  JourneySlos,
  JourneysOpenApiPaths,
  JourneyStats,
  JourneyStatsList,
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

type Query = Record<string, string | number | undefined | null>;

const enc = encodeURIComponent;

function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
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
   * The routes described by journeys-backend's OpenAPI document, typed from it. A failed
   * request throws the same ResponseError as `get` does, before openapi-fetch reads the body.
   */
  private async openApi(): Promise<Client<JourneysOpenApiPaths>> {
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

  private async get<T>(path: string, query?: Query): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('journeys');
    const res = await this.fetchApi.fetch(
      `${base}${path}${queryString(query)}`,
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  async listJourneys(filters: JourneyListFilters): Promise<JourneyStats[]> {
    const res = await this.get<JourneyStatsList>('/journeys', {
      window: filters.window,
      component: filters.component,
      end: filters.end,
    });
    return res.items;
  }

  async listInstances(
    journey: JourneyName,
    filters?: InstanceListFilters,
  ): Promise<InstanceSummary[]> {
    const res = await this.get<InstanceList>(
      `/journeys/${enc(journey.namespace)}/${enc(journey.name)}/instances`,
      {
        status: filters?.status,
        sort: filters?.sort,
        limit: filters?.limit,
        window: filters?.window,
      },
    );
    return res.items;
  }

  search(query: string): Promise<SearchResult> {
    return this.get('/search', { q: query });
  }

  getInstance(id: string): Promise<InstanceDetail> {
    return this.get(`/instances/${enc(id)}`);
  }

  getSpan(traceId: string, spanId: string): Promise<SpanDetail> {
    return this.get(`/spans/${enc(traceId)}/${enc(spanId)}`);
  }

  async listSlos(filters?: SloListFilters): Promise<SloSummary[]> {
    const api = await this.openApi();
    const { data } = await api.request('get', '/slos', {
      params: { query: filters?.owner ? { owner: filters.owner } : {} },
    });
    return bodyOf('GET /slos', data).items;
  }

  async getJourneySlos(journey: JourneyName): Promise<JourneySlos> {
    const api = await this.openApi();
    const { data } = await api.request('get', '/slos/{namespace}/{name}', {
      params: { path: { namespace: journey.namespace, name: journey.name } },
    });
    return bodyOf('GET /slos/{namespace}/{name}', data);
  }
}
