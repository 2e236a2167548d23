import {
  PluginApiError,
  PluginRouteReader,
  PluginRouteReaderDeps,
} from '@internal/plugin-scorecards-node';
import {
  DlqListResponse,
  Replay,
  TERMINAL_REPLAY_STATUSES,
} from '@internal/plugin-dlq-common';

/** Most replays `GET /replays` answers at once (its `limit` bound). */
export const REPLAY_LIST_LIMIT = 200;

/** A dlq route that answered with an error, or could not be reached. */
export class DlqApiError extends PluginApiError {
  constructor(route: string, status: number | undefined, detail: string) {
    super('dlq', route, status, detail);
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
  private readonly reader: PluginRouteReader;

  constructor(deps: PluginRouteReaderDeps) {
    this.reader = new PluginRouteReader(
      'dlq',
      deps,
      (route, status, detail) => new DlqApiError(route, status, detail),
    );
  }

  list(inflowHours: number) {
    return this.reader.get<DlqListResponse>(`/dlqs?inflowHours=${inflowHours}`);
  }

  finishedReplays(runtime: string, dlq: string) {
    const query = new URLSearchParams({
      runtime,
      dlq,
      status: TERMINAL_REPLAY_STATUSES.join(','),
      limit: String(REPLAY_LIST_LIMIT),
    });
    return this.reader.get<{ items: Replay[] }>(`/replays?${query}`);
  }
}
