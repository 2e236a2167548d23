import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AuditPage,
  DlqAccess,
  DlqListResponse,
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
} from '@internal/plugin-dlq-common';
import type {
  AuditFilters,
  DlqApi,
  MessageFilters,
  ReplayItemPage,
  ReplayListFilters,
} from './DlqApi';

type Query = Record<string, string | number | undefined | null>;

const enc = encodeURIComponent;

/** The backend's maximum page size for /audit; the CSV export asks for all of it. */
const MAX_AUDIT_EXPORT = 10_000;

function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Talks to dlq-backend through the Backstage fetch API (the user's token is attached). */
export class DlqClient implements DlqApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request(
    path: string,
    init?: { method?: string; body?: unknown; query?: Query },
  ): Promise<Response> {
    const base = await this.discoveryApi.getBaseUrl('dlq');
    const res = await this.fetchApi.fetch(
      `${base}${path}${queryString(init?.query)}`,
      {
        method: init?.method ?? 'GET',
        headers:
          init?.body !== undefined
            ? { 'Content-Type': 'application/json' }
            : undefined,
        body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
      },
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  private async json<T>(
    path: string,
    init?: { method?: string; body?: unknown; query?: Query },
  ): Promise<T> {
    const res = await this.request(path, init);
    return (await res.json()) as T;
  }

  async listRuntimes(): Promise<RuntimeInfo[]> {
    return (await this.json<{ items: RuntimeInfo[] }>('/runtimes')).items;
  }

  listDlqs(options?: {
    entityRef?: string;
    inflowHours?: number;
  }): Promise<DlqListResponse> {
    return this.json('/dlqs', {
      query: {
        entityRef: options?.entityRef,
        inflowHours: options?.inflowHours,
      },
    });
  }

  getDlq(runtime: string, dlq: string): Promise<DlqOverview> {
    return this.json(`/runtimes/${enc(runtime)}/dlqs/${enc(dlq)}`);
  }

  getDlqAccess(runtime: string, dlq: string): Promise<DlqAccess> {
    return this.json(`/runtimes/${enc(runtime)}/dlqs/${enc(dlq)}/access`);
  }

  async listGroups(
    runtime: string,
    dlq: string,
    options?: { status?: FailureStatus },
  ): Promise<FingerprintGroup[]> {
    const res = await this.json<{ items: FingerprintGroup[] }>(
      `/runtimes/${enc(runtime)}/dlqs/${enc(dlq)}/groups`,
      {
        query: { status: options?.status },
      },
    );
    return res.items;
  }

  listMessages(
    runtime: string,
    dlq: string,
    filters?: MessageFilters,
  ): Promise<MessagePage> {
    return this.json(`/runtimes/${enc(runtime)}/dlqs/${enc(dlq)}/messages`, {
      query: { ...filters },
    });
  }

  getMessage(runtime: string, id: string): Promise<MessageDetail> {
    return this.json(`/runtimes/${enc(runtime)}/messages/${enc(id)}`);
  }

  previewEdit(runtime: string, id: string, body: string): Promise<EditPreview> {
    return this.json(`/runtimes/${enc(runtime)}/messages/${enc(id)}/preview`, {
      method: 'POST',
      body: { body },
    });
  }

  replayEdited(
    runtime: string,
    id: string,
    request: { body: string; reason: string },
  ): Promise<EditReplayResult> {
    return this.json(`/runtimes/${enc(runtime)}/messages/${enc(id)}/replay`, {
      method: 'POST',
      body: request,
    });
  }

  archive(
    runtime: string,
    dlq: string,
    ids: string[],
    reason: string,
  ): Promise<{ archived: string[] }> {
    return this.json(
      `/runtimes/${enc(runtime)}/dlqs/${enc(dlq)}/messages/archive`,
      {
        method: 'POST',
        body: { ids, reason },
      },
    );
  }

  purge(
    runtime: string,
    dlq: string,
    ids: string[],
    reason: string,
  ): Promise<{ purged: string[] }> {
    return this.json(
      `/runtimes/${enc(runtime)}/dlqs/${enc(dlq)}/messages/purge`,
      {
        method: 'POST',
        body: { ids, reason },
      },
    );
  }

  planReplay(request: PlanReplayRequest): Promise<Replay> {
    return this.json('/replays/plan', { method: 'POST', body: request });
  }

  submitReplay(id: string, request: SubmitReplayRequest): Promise<Replay> {
    return this.json(`/replays/${enc(id)}/submit`, {
      method: 'POST',
      body: request,
    });
  }

  approveReplay(id: string, comment?: string): Promise<Replay> {
    return this.json(`/replays/${enc(id)}/approve`, {
      method: 'POST',
      body: comment ? { comment } : {},
    });
  }

  rejectReplay(id: string, comment: string): Promise<Replay> {
    return this.json(`/replays/${enc(id)}/reject`, {
      method: 'POST',
      body: { comment },
    });
  }

  cancelReplay(id: string, reason?: string): Promise<Replay> {
    return this.json(`/replays/${enc(id)}/cancel`, {
      method: 'POST',
      body: reason ? { reason } : {},
    });
  }

  async listReplays(filters?: ReplayListFilters): Promise<Replay[]> {
    return (
      await this.json<{ items: Replay[] }>('/replays', {
        query: { ...filters },
      })
    ).items;
  }

  getReplay(id: string): Promise<Replay> {
    return this.json(`/replays/${enc(id)}`);
  }

  listReplayItems(
    id: string,
    options?: { outcome?: ReplayOutcome; after?: number; limit?: number },
  ): Promise<ReplayItemPage> {
    return this.json(`/replays/${enc(id)}/items`, { query: { ...options } });
  }

  listAudit(filters?: AuditFilters): Promise<AuditPage> {
    return this.json('/audit', { query: { ...filters } });
  }

  async exportAuditCsv(filters?: Omit<AuditFilters, 'before'>): Promise<Blob> {
    const res = await this.request('/audit', {
      query: {
        ...filters,
        limit: filters?.limit ?? MAX_AUDIT_EXPORT,
        format: 'csv',
      },
    });
    return res.blob();
  }
}
