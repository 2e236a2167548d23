import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AggregateRowResponse,
  EntityScorecardResponse,
  HistoryPointResponse,
  KpiResponse,
  MemberRowResponse,
  ScorecardsApiPaths,
} from '@internal/plugin-scorecards-common';
import createClient, { type Client } from 'openapi-fetch';
import type {
  AggregationsQuery,
  KpiHistoryQuery,
  MembersQuery,
  RollupPage,
  RollupTableQuery,
  ScorecardsApi,
} from './ScorecardsApi';

/** A 2xx answer's JSON body; openapi-fetch leaves it undefined when the body is empty. */
function bodyOf<T>(what: string, data: T | undefined): T {
  if (data === undefined) {
    throw new Error(`scorecards-backend answered ${what} without a body`);
  }
  return data;
}

function entityPath(entityRef: string) {
  return parseEntityRef(entityRef, { defaultNamespace: 'default' });
}

/** The query parameters a table query sets; the ones left out are not sent. */
function tableParams(query: RollupTableQuery) {
  const { day, q, status, kpiId, sort, order, offset, limit } = query;
  const params = {
    day,
    q: q?.trim() || undefined,
    status: status?.length ? status : undefined,
    kpiId,
    sort,
    order,
    offset,
    limit,
  };
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined),
  ) as Partial<typeof params>;
}

const isNotFound = (e: unknown) =>
  e instanceof ResponseError && e.response.status === 404;

/** Talks to scorecards-backend through the Backstage fetch API (the user's token is attached). */
export class ScorecardsClient implements ScorecardsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * The routes of scorecards-backend's OpenAPI document, typed from it. A failed request
   * throws a ResponseError (status, and the backend's error name and message).
   */
  private async openApi(): Promise<Client<ScorecardsApiPaths>> {
    const client = createClient<ScorecardsApiPaths>({
      baseUrl: await this.discoveryApi.getBaseUrl('scorecards'),
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

  async listKpis(): Promise<KpiResponse[]> {
    const api = await this.openApi();
    const { data } = await api.request('get', '/kpis', {});
    return bodyOf('GET /kpis', data).items;
  }

  async getEntityScorecard(
    entityRef: string,
    day?: string,
  ): Promise<EntityScorecardResponse | undefined> {
    const api = await this.openApi();
    try {
      const { data } = await api.request(
        'get',
        '/entities/{kind}/{namespace}/{name}',
        {
          params: {
            path: entityPath(entityRef),
            query: day ? { day } : {},
          },
        },
      );
      return bodyOf('GET /entities/{kind}/{namespace}/{name}', data);
    } catch (e) {
      // 404: the entity is not in the catalog or the caller may not read it; the page
      // says there is nothing to show rather than failing.
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async getKpiHistory(
    entityRef: string,
    query: KpiHistoryQuery,
  ): Promise<HistoryPointResponse[]> {
    const api = await this.openApi();
    const { data } = await api.request(
      'get',
      '/entities/{kind}/{namespace}/{name}/history',
      {
        params: {
          path: entityPath(entityRef),
          query: {
            kpiId: query.kpiId,
            from: query.from.toISOString(),
            to: query.to.toISOString(),
            ...(query.granularity ? { granularity: query.granularity } : {}),
          },
        },
      },
    );
    return bodyOf('GET /entities/{kind}/{namespace}/{name}/history', data)
      .items;
  }

  async listAggregations(
    query: AggregationsQuery = {},
  ): Promise<RollupPage<AggregateRowResponse>> {
    const api = await this.openApi();
    const { data } = await api.request('get', '/aggregations', {
      params: {
        query: {
          ...tableParams(query),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.entityRefs?.length ? { entityRef: query.entityRefs } : {}),
        },
      },
    });
    return bodyOf('GET /aggregations', data);
  }

  async listMembers(
    entityRef: string,
    query: MembersQuery = {},
  ): Promise<RollupPage<MemberRowResponse> | undefined> {
    const api = await this.openApi();
    try {
      const { data } = await api.request(
        'get',
        '/entities/{kind}/{namespace}/{name}/members',
        {
          params: {
            path: entityPath(entityRef),
            query: {
              ...tableParams(query),
              ...(query.memberKind ? { memberKind: query.memberKind } : {}),
            },
          },
        },
      );
      return bodyOf('GET /entities/{kind}/{namespace}/{name}/members', data);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
}
