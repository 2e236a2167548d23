import {
  PluginApiError,
  PluginRouteReader,
  PluginRouteReaderDeps,
} from '@internal/plugin-scorecards-node';
import {
  InstanceList,
  JourneySlos,
  JourneyStatsList,
  SloSummary,
  StatsWindow,
} from '@internal/plugin-journeys-common';

/** A journeys route that answered with an error, or could not be reached. */
export class JourneysApiError extends PluginApiError {
  constructor(route: string, status: number | undefined, detail: string) {
    super('journeys', route, status, detail);
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
  private readonly reader: PluginRouteReader;

  constructor(deps: PluginRouteReaderDeps) {
    this.reader = new PluginRouteReader(
      'journeys',
      deps,
      (route, status, detail) => new JourneysApiError(route, status, detail),
    );
  }

  stats(window: StatsWindow, end: Date) {
    return this.reader.get<JourneyStatsList>(
      `/journeys?window=${encodeURIComponent(window)}&end=${encodeURIComponent(
        end.toISOString(),
      )}`,
    );
  }

  slos() {
    return this.reader.get<{ items: SloSummary[] }>('/slos');
  }

  journeySlos(namespace: string, name: string) {
    return this.reader.get<JourneySlos>(
      `/slos/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    );
  }

  latestOkInstance(namespace: string, name: string) {
    return this.reader.get<InstanceList>(
      `/journeys/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/instances?status=ok&sort=recent&limit=1`,
    );
  }
}
