/**
 * Answers of journeys-backend's routes, typed with the contract's own types
 * (`@internal/plugin-journeys-common`: api.ts, and slo.ts generated from the backend's
 * openapi.yaml), so a fixture that drifts from the contract does not compile.
 */
import {
  InstanceSummary,
  JourneySlos,
  JourneyStats,
  SloAlert,
  SloDetail,
  SloSummary,
  StatsWindow,
} from '@internal/plugin-journeys-common';

export function stats(
  ref: string,
  window: StatsWindow,
  overrides: Partial<JourneyStats> = {},
): JourneyStats {
  return {
    ref,
    title: ref.split('/')[1],
    owner: 'group:default/orders',
    components: [],
    businessKeys: ['app.order.id'],
    window,
    volume: 0,
    failed: 0,
    stuck: 0,
    inFlight: 0,
    rejected: 0,
    recoveredByReplay: 0,
    errorRate: null,
    p50Ms: null,
    p95Ms: null,
    p99Ms: null,
    recoveryP50Ms: null,
    recoveryP95Ms: null,
    series: [],
    ...overrides,
  };
}

export function sloSummary(
  journey: string,
  objective: string,
  figures: {
    sli: number | null;
    target: number;
    remainingFraction: number | null;
  },
  openAlerts: SloAlert[] = [],
): SloSummary {
  const windowMs = 28 * 24 * 3_600_000;
  const totalTimeMs = (1 - figures.target) * windowMs;
  return {
    journey,
    journeyTitle: journey.split('/')[1],
    owner: 'group:default/orders',
    objective,
    indicator: 'ratio',
    outcomes: {
      good: ['ok'],
      bad: ['failed', 'stuck'],
      excluded: ['rejected', 'in-flight'],
    },
    target: figures.target,
    timeWindow: '28d',
    windowMs,
    good: 990,
    bad: 10,
    sli: figures.sli,
    budget: {
      totalEvents: 10,
      consumedEvents: 4,
      remainingEvents: 6,
      remainingFraction: figures.remainingFraction,
      totalTimeMs,
      remainingTimeMs:
        figures.remainingFraction === null
          ? null
          : figures.remainingFraction * totalTimeMs,
    },
    budgetStatus: 'healthy',
    burnRates: {
      '5m': 0,
      '30m': 0,
      '1h': 0,
      '2h': 0,
      '6h': 0,
      '1d': 0,
      '3d': 0,
    },
    timeToExhaustionMs: null,
    openAlerts,
  };
}

export function alert(
  id: number,
  firingSince: string,
  resolvedAt: string | null,
): SloAlert {
  return {
    id,
    severity: 'page',
    firingSince,
    resolvedAt,
    budgetRemaining: 0.4,
    rules: [
      {
        factor: 13.44,
        longWindowMs: 3_600_000,
        shortWindowMs: 300_000,
        longBurn: 20,
        shortBurn: 25,
        longValid: 120,
      },
    ],
  };
}

export function journeySlos(
  summary: SloSummary,
  alertHistory: SloAlert[],
): JourneySlos {
  const detail: SloDetail = {
    ...summary,
    rules: [],
    minValidEvents: 10,
    burnDown: [],
    burnRateHistory: [],
    alertHistory,
    burningInstances: [],
  };
  return {
    journey: summary.journey,
    journeyTitle: summary.journeyTitle,
    owner: summary.owner,
    objectives: [detail],
  };
}

export function okInstance(
  startedAt: string,
  endedAt: string,
): InstanceSummary {
  return {
    id: '4bf92f3577b34da6a3ce929d0e0e4736',
    journey: 'journey:default/invoice-sync',
    status: 'ok',
    startedAt,
    endedAt,
    durationMs: Date.parse(endedAt) - Date.parse(startedAt),
    traceCount: 1,
    spanCount: 4,
    errorCount: 0,
    services: ['erp-sync'],
    businessKeys: { 'app.invoice.id': 'inv-1' },
  };
}

/** Backstage's JSON error body, as every journeys route answers an error. */
export function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/journeys/...' },
    response: { statusCode },
  };
}
