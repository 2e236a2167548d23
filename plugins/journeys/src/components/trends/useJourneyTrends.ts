import { useApi } from '@backstage/frontend-plugin-api';
import type {
  JourneyStats,
  SloSummary,
  StatsWindow,
} from '@internal/plugin-journeys-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { journeysApiRef } from '../../api/JourneysApi';
import type { JourneyTargets } from './JourneyTrendCharts';
import { periodEnds, targetLines } from './JourneyTrendLayout';

/** The journeys of the current window and of the previous one, by ref. */
export interface JourneyPeriods {
  current: JourneyStats[];
  /** Null when the previous period could not be read: the page still shows the current one. */
  previous: Map<string, JourneyStats> | null;
}

const refKey = (ref: string) => ref.toLocaleLowerCase('en-US');

/** A journey's previous period: undefined when it had none, null when it could not be read. */
export function previousOf(
  periods: JourneyPeriods,
  ref: string,
): JourneyStats | null | undefined {
  return periods.previous === null ? null : periods.previous.get(refKey(ref));
}

/**
 * GET /journeys for the window, and once more for the same window ending where it starts
 * (`end = now − window`): one extra request, since the route answers every journey.
 * The current window is asked without `end` so the backend's clock decides what now is.
 */
export function useJourneyPeriods(window: StatsWindow, component?: string) {
  const api = useApi(journeysApiRef);
  return useAsyncRetry(async (): Promise<JourneyPeriods> => {
    const ends = periodEnds(Date.now(), window);
    const scope = component ? { component } : {};
    const [current, previous] = await Promise.all([
      api.listJourneys({ window, ...scope }),
      api
        .listJourneys({ window, ...scope, end: ends.previous })
        .catch(() => null),
    ]);
    return {
      current,
      previous: previous && new Map(previous.map(j => [refKey(j.ref), j])),
    };
  }, [api, window, component]);
}

/** Every journey's target lines from GET /slos (one request for the overview). */
export function useAllJourneyTargets(): (ref: string) => JourneyTargets {
  const api = useApi(journeysApiRef);
  const slos = useAsync(() => api.listSlos(), [api]);
  return (ref: string) => {
    if (slos.loading) return { state: 'loading' };
    if (slos.error || !slos.value) return { state: 'error' };
    const own = slos.value.filter(
      (s: SloSummary) => refKey(s.journey) === refKey(ref),
    );
    return { state: 'ready', lines: targetLines(own) };
  };
}

/** One journey's target lines from its objectives, as answered by GET /slos/:ns/:name. */
export function targetsOf(state: {
  loading: boolean;
  error?: Error;
  value?: { objectives: SloSummary[] };
}): JourneyTargets {
  if (state.loading) return { state: 'loading' };
  if (state.error || !state.value) return { state: 'error' };
  return { state: 'ready', lines: targetLines(state.value.objectives) };
}
