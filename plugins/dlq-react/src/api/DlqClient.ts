import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AuditPage,
  DlqAccess,
  DlqListResponse,
  DlqOpenApiPaths,
  DlqOverview,
  EditPreview,
  EditReplayResult,
  FailureStatus,
  FingerprintGroup,
  MessageDetail,
  MessagePage,
  PlanReplayRequest,
  Replay,
  ReplayOutcome,
  RuntimeInfo,
  SubmitReplayRequest,
  TraceDeadLetters,
} from '@internal/plugin-dlq-common';
import createClient, { type Client } from 'openapi-fetch';
import type {
  AuditFilters,
  DlqApi,
  MessageFilters,
  ReplayItemPage,
  ReplayListFilters,
} from './DlqApi';

/** The backend's maximum page size for /audit; the CSV export asks for all of it. */
const MAX_AUDIT_EXPORT = 10_000;

/** The query parameters that have a value (an empty filter is no filter). */
function given<T extends object>(query: T | undefined): T {
  return Object.fromEntries(
    Object.entries(query ?? {}).filter(
      ([, v]) => v !== undefined && v !== null && v !== '',
    ),
  ) as T;
}

/** A query string as forms write it (`a=1&b=o+1`; an array repeats its name: `t=1&t=2`). */
function queryString(query: Record<string, unknown>): string {
  return new URLSearchParams(
    Object.entries(given(query)).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map(item => [k, String(item)]),
    ),
  ).toString();
}

/** A 2xx answer's JSON body; openapi-fetch leaves it undefined when the body is empty. */
function bodyOf<T>(what: string, data: T | undefined): T {
  if (data === undefined) {
    throw new Error(`dlq-backend answered ${what} without a body`);
  }
  return data;
}

/** Talks to dlq-backend through the Backstage fetch API (the user's token is attached). */
export class DlqClient implements DlqApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * Every route, typed from dlq-backend's OpenAPI document. A failed request throws
   * ResponseError (Backstage's error body) before openapi-fetch reads the body.
   */
  private async api(): Promise<Client<DlqOpenApiPaths>> {
    const client = createClient<DlqOpenApiPaths>({
      baseUrl: await this.discoveryApi.getBaseUrl('dlq'),
      querySerializer: queryString,
      // The Backstage fetch API gets the URL and init, as every other client sends them.
      fetch: async request =>
        this.fetchApi.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: ['GET', 'HEAD'].includes(request.method)
            ? undefined
            : await request.text(),
        }),
    });
    client.use({
      onResponse: async ({ response }) => {
        if (!response.ok) throw await ResponseError.fromResponse(response);
        return undefined;
      },
    });
    return client;
  }

  async listRuntimes(): Promise<RuntimeInfo[]> {
    const api = await this.api();
    const { data } = await api.request('get', '/runtimes');
    return bodyOf('GET /runtimes', data).items;
  }

  async listDlqs(options?: {
    entityRef?: string;
    inflowHours?: number;
  }): Promise<DlqListResponse> {
    const api = await this.api();
    const { data } = await api.request('get', '/dlqs', {
      params: { query: given(options) },
    });
    return bodyOf('GET /dlqs', data);
  }

  async findDeadLettersByTrace(traceIds: string[]): Promise<TraceDeadLetters> {
    const api = await this.api();
    const { data } = await api.request('get', '/dead-letters', {
      params: { query: { traceId: traceIds } },
    });
    return bodyOf('GET /dead-letters', data);
  }

  async getDlq(runtime: string, dlq: string): Promise<DlqOverview> {
    const api = await this.api();
    const { data } = await api.request(
      'get',
      '/runtimes/{runtime}/dlqs/{dlq}',
      {
        params: { path: { runtime, dlq } },
      },
    );
    return bodyOf('GET /runtimes/{runtime}/dlqs/{dlq}', data);
  }

  async getDlqAccess(runtime: string, dlq: string): Promise<DlqAccess> {
    const api = await this.api();
    const { data } = await api.request(
      'get',
      '/runtimes/{runtime}/dlqs/{dlq}/access',
      {
        params: { path: { runtime, dlq } },
      },
    );
    return bodyOf('GET /runtimes/{runtime}/dlqs/{dlq}/access', data);
  }

  async listGroups(
    runtime: string,
    dlq: string,
    options?: { status?: FailureStatus },
  ): Promise<FingerprintGroup[]> {
    const api = await this.api();
    const { data } = await api.request(
      'get',
      '/runtimes/{runtime}/dlqs/{dlq}/groups',
      {
        params: { path: { runtime, dlq }, query: given(options) },
      },
    );
    return bodyOf('GET /runtimes/{runtime}/dlqs/{dlq}/groups', data).items;
  }

  async listMessages(
    runtime: string,
    dlq: string,
    filters?: MessageFilters,
  ): Promise<MessagePage> {
    const api = await this.api();
    const { data } = await api.request(
      'get',
      '/runtimes/{runtime}/dlqs/{dlq}/messages',
      {
        params: { path: { runtime, dlq }, query: given(filters) },
      },
    );
    return bodyOf('GET /runtimes/{runtime}/dlqs/{dlq}/messages', data);
  }

  async getMessage(runtime: string, id: string): Promise<MessageDetail> {
    const api = await this.api();
    const { data } = await api.request(
      'get',
      '/runtimes/{runtime}/messages/{id}',
      {
        params: { path: { runtime, id } },
      },
    );
    return bodyOf('GET /runtimes/{runtime}/messages/{id}', data);
  }

  async previewEdit(
    runtime: string,
    id: string,
    body: string,
  ): Promise<EditPreview> {
    const api = await this.api();
    const { data } = await api.request(
      'post',
      '/runtimes/{runtime}/messages/{id}/preview',
      { params: { path: { runtime, id } }, body: { body } },
    );
    return bodyOf('POST /runtimes/{runtime}/messages/{id}/preview', data);
  }

  async replayEdited(
    runtime: string,
    id: string,
    request: { body: string; reason: string },
  ): Promise<EditReplayResult> {
    const api = await this.api();
    const { data } = await api.request(
      'post',
      '/runtimes/{runtime}/messages/{id}/replay',
      {
        params: { path: { runtime, id } },
        body: request,
      },
    );
    return bodyOf('POST /runtimes/{runtime}/messages/{id}/replay', data);
  }

  async archive(
    runtime: string,
    dlq: string,
    ids: string[],
    reason: string,
  ): Promise<{ archived: string[] }> {
    const api = await this.api();
    const { data } = await api.request(
      'post',
      '/runtimes/{runtime}/dlqs/{dlq}/messages/archive',
      { params: { path: { runtime, dlq } }, body: { ids, reason } },
    );
    return bodyOf('POST /runtimes/{runtime}/dlqs/{dlq}/messages/archive', data);
  }

  async purge(
    runtime: string,
    dlq: string,
    ids: string[],
    reason: string,
  ): Promise<{ purged: string[] }> {
    const api = await this.api();
    const { data } = await api.request(
      'post',
      '/runtimes/{runtime}/dlqs/{dlq}/messages/purge',
      { params: { path: { runtime, dlq } }, body: { ids, reason } },
    );
    return bodyOf('POST /runtimes/{runtime}/dlqs/{dlq}/messages/purge', data);
  }

  async planReplay(request: PlanReplayRequest): Promise<Replay> {
    const api = await this.api();
    const { data } = await api.request('post', '/replays/plan', {
      body: request,
    });
    return bodyOf('POST /replays/plan', data);
  }

  async submitReplay(
    id: string,
    request: SubmitReplayRequest,
  ): Promise<Replay> {
    const api = await this.api();
    const { data } = await api.request('post', '/replays/{id}/submit', {
      params: { path: { id } },
      body: request,
    });
    return bodyOf('POST /replays/{id}/submit', data);
  }

  async approveReplay(id: string, comment?: string): Promise<Replay> {
    const api = await this.api();
    const { data } = await api.request('post', '/replays/{id}/approve', {
      params: { path: { id } },
      body: comment ? { comment } : {},
    });
    return bodyOf('POST /replays/{id}/approve', data);
  }

  async rejectReplay(id: string, comment: string): Promise<Replay> {
    const api = await this.api();
    const { data } = await api.request('post', '/replays/{id}/reject', {
      params: { path: { id } },
      body: { comment },
    });
    return bodyOf('POST /replays/{id}/reject', data);
  }

  async cancelReplay(id: string, reason?: string): Promise<Replay> {
    const api = await this.api();
    const { data } = await api.request('post', '/replays/{id}/cancel', {
      params: { path: { id } },
      body: reason ? { reason } : {},
    });
    return bodyOf('POST /replays/{id}/cancel', data);
  }

  async listReplays(filters?: ReplayListFilters): Promise<Replay[]> {
    const api = await this.api();
    const { data } = await api.request('get', '/replays', {
      params: { query: given(filters) },
    });
    return bodyOf('GET /replays', data).items;
  }

  async getReplay(id: string): Promise<Replay> {
    const api = await this.api();
    const { data } = await api.request('get', '/replays/{id}', {
      params: { path: { id } },
    });
    return bodyOf('GET /replays/{id}', data);
  }

  async listReplayItems(
    id: string,
    options?: { outcome?: ReplayOutcome; after?: number; limit?: number },
  ): Promise<ReplayItemPage> {
    const api = await this.api();
    const { data } = await api.request('get', '/replays/{id}/items', {
      params: { path: { id }, query: given(options) },
    });
    return bodyOf('GET /replays/{id}/items', data);
  }

  async listAudit(filters?: AuditFilters): Promise<AuditPage> {
    const api = await this.api();
    const { data } = await api.request('get', '/audit', {
      params: { query: given(filters) },
    });
    // The route answers CSV only when asked (format=csv, exportAuditCsv).
    const page = bodyOf('GET /audit', data);
    if (typeof page === 'string')
      throw new Error('dlq-backend answered GET /audit with text, not JSON');
    return page;
  }

  async exportAuditCsv(filters?: Omit<AuditFilters, 'before'>): Promise<Blob> {
    const api = await this.api();
    const { data } = await api.request('get', '/audit', {
      params: {
        query: {
          ...given(filters),
          limit: filters?.limit ?? MAX_AUDIT_EXPORT,
          format: 'csv',
        },
      },
      parseAs: 'blob',
    });
    return bodyOf('GET /audit?format=csv', data);
  }
}
