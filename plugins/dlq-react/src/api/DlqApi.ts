import { createApiRef } from '@backstage/frontend-plugin-api';
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
  MessageFilter,
  MessagePage,
  PlanReplayRequest,
  Replay,
  ReplayItem,
  ReplayOutcome,
  ReplayStatus,
  RuntimeInfo,
  SubmitReplayRequest,
  TraceDeadLetters,
} from '@internal/plugin-dlq-common';

/** Filters of the dead letters list of one dead-letter queue (the REST contract's MessageFilter). */
export type MessageFilters = MessageFilter;

export interface ReplayListFilters {
  runtime?: string;
  dlq?: string;
  status?: ReplayStatus;
  limit?: number;
}

export interface ReplayItemPage {
  items: ReplayItem[];
  nextAfter: number | null;
}

export interface AuditFilters {
  runtime?: string;
  dlq?: string;
  replayId?: string;
  /** `nextBefore` of the previous page. */
  before?: number;
  limit?: number;
}

/** The dlq-backend REST API (`/api/dlq`), one method per route. */
export interface DlqApi {
  listRuntimes(): Promise<RuntimeInfo[]>;
  listDlqs(options?: {
    entityRef?: string;
    inflowHours?: number;
  }): Promise<DlqListResponse>;
  /**
   * The dead letters of some traces (1 to MAX_TRACE_IDS, e.g. a journey instance's) across
   * every queue the user may read, in one request (each queue's newest dead letters are
   * searched; see `searchedPerQueue`).
   */
  findDeadLettersByTrace(traceIds: string[]): Promise<TraceDeadLetters>;
  getDlq(runtime: string, dlq: string): Promise<DlqOverview>;
  /** What the signed-in user may change on the queue, and why not. */
  getDlqAccess(runtime: string, dlq: string): Promise<DlqAccess>;
  listGroups(
    runtime: string,
    dlq: string,
    options?: { status?: FailureStatus },
  ): Promise<FingerprintGroup[]>;
  listMessages(
    runtime: string,
    dlq: string,
    filters?: MessageFilters,
  ): Promise<MessagePage>;
  getMessage(runtime: string, id: string): Promise<MessageDetail>;
  /** Checks an edited body (JSON, the topic's schema) and diffs it; changes nothing. */
  previewEdit(runtime: string, id: string, body: string): Promise<EditPreview>;
  /** Replays one message with an edited body (checked again by the backend). */
  replayEdited(
    runtime: string,
    id: string,
    request: { body: string; reason: string },
  ): Promise<EditReplayResult>;
  archive(
    runtime: string,
    dlq: string,
    ids: string[],
    reason: string,
  ): Promise<{ archived: string[] }>;
  purge(
    runtime: string,
    dlq: string,
    ids: string[],
    reason: string,
  ): Promise<{ purged: string[] }>;
  planReplay(request: PlanReplayRequest): Promise<Replay>;
  submitReplay(id: string, request: SubmitReplayRequest): Promise<Replay>;
  approveReplay(id: string, comment?: string): Promise<Replay>;
  rejectReplay(id: string, comment: string): Promise<Replay>;
  cancelReplay(id: string, reason?: string): Promise<Replay>;
  listReplays(filters?: ReplayListFilters): Promise<Replay[]>;
  getReplay(id: string): Promise<Replay>;
  listReplayItems(
    id: string,
    options?: { outcome?: ReplayOutcome; after?: number; limit?: number },
  ): Promise<ReplayItemPage>;
  listAudit(filters?: AuditFilters): Promise<AuditPage>;
  /** The audit trail (same filters; newest `limit` entries, default 10 000) as CSV. */
  exportAuditCsv(filters?: Omit<AuditFilters, 'before'>): Promise<Blob>;
}

export const dlqApiRef = createApiRef<DlqApi>().with({
  id: 'plugin.dlq.api',
  pluginId: 'dlq',
});
