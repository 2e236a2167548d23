import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  InstanceDetail,
  InstanceSummary,
  JourneySlos,
  JourneyStats,
  SloAlert,
  SloBudgetPoint,
  SloBurnPoint,
  SloDetail,
  SloRuleState,
  SloSummary,
  WaterfallSpan,
} from '@internal/plugin-journeys-common';
import type { JourneysApi } from '../api/JourneysApi';
import { rootRouteRef } from '../routes';

/** A JourneysApi whose every method is a jest mock; override what the test needs. */
export function fakeJourneysApi(
  overrides: Partial<jest.Mocked<JourneysApi>> = {},
): jest.Mocked<JourneysApi> {
  const notStubbed = (name: string) =>
    jest.fn(async () => {
      throw new Error(`${name} not stubbed`);
    });
  const api: Record<string, jest.Mock> = {};
  for (const name of [
    'listJourneys',
    'listInstances',
    'search',
    'getInstance',
    'getSpan',
    'listSlos',
    'getJourneySlos',
  ]) {
    api[name] = notStubbed(name);
  }
  return { ...api, ...overrides } as unknown as jest.Mocked<JourneysApi>;
}

export const mountedRoutes = {
  '/journeys': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef as any,
};

export const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
export const TRACE_B = '9c1e6a0d2f7b4e8a8b3f5d2c1a0e7f64';

export function journeyStats(
  partial: Partial<JourneyStats> = {},
): JourneyStats {
  return {
    ref: 'journey:default/checkout',
    title: 'Checkout',
    description: 'From the basket to a paid order',
    owner: 'group:default/team-orders',
    components: [
      'component:default/storefront',
      'component:default/order-service',
      'component:default/payment-service',
    ],
    businessKeys: ['app.order.id'],
    window: '24h',
    volume: 1200,
    failed: 36,
    stuck: 2,
    inFlight: 4,
    rejected: 3,
    recoveredByReplay: 5,
    recoveryP50Ms: 120_000,
    recoveryP95Ms: 300_000,
    errorRate: 0.0302,
    p50Ms: 412.4,
    p95Ms: 1830.2,
    p99Ms: 4100,
    series: [
      {
        time: '2026-01-01T10:00:00Z',
        count: 600,
        failed: 10,
        recovered: 2,
        p50Ms: 400,
        p95Ms: 1700,
        p99Ms: 3900,
      },
      {
        time: '2026-01-01T11:00:00Z',
        count: 600,
        failed: 26,
        recovered: 0,
        p50Ms: 420,
        p95Ms: 1900,
        p99Ms: 4300,
      },
    ],
    ...partial,
  };
}

export function instanceSummary(
  partial: Partial<InstanceSummary> = {},
): InstanceSummary {
  return {
    id: TRACE_A,
    journey: 'journey:default/checkout',
    status: 'failed',
    startedAt: '2026-01-01T10:00:00.000Z',
    endedAt: '2026-01-01T10:00:01.250Z',
    durationMs: 1250,
    traceCount: 2,
    spanCount: 5,
    errorCount: 1,
    services: ['storefront', 'order-service', 'payment-service'],
    businessKeys: { 'app.order.id': 'ord-4711' },
    failingStep: {
      service: 'payment-service',
      name: 'POST /capture',
      traceId: TRACE_B,
      spanId: 'b000000000000003',
      message: 'card declined',
      httpStatus: 402,
    },
    recoveredSteps: [
      {
        service: 'order-service',
        name: 'process order-service.order-created',
        attempts: 3,
        byReplay: false,
      },
    ],
    ...partial,
  };
}

const T0 = Date.parse('2026-01-01T10:00:00Z') * 1000;

export function span(
  partial: Partial<WaterfallSpan> & Pick<WaterfallSpan, 'traceId' | 'spanId'>,
): WaterfallSpan {
  return {
    parentSpanId: '',
    name: partial.spanId,
    service: 'storefront',
    kind: 1,
    startUs: T0,
    durationUs: 1000,
    status: 0,
    links: [],
    ...partial,
  };
}

/**
 * A checkout instance: a synchronous HTTP trace that publishes a message, and the consumer's
 * trace started from it through a span link, failing at the payment capture.
 */
export function instanceDetail(
  partial: Partial<InstanceDetail> = {},
): InstanceDetail {
  const spans: WaterfallSpan[] = [
    span({
      traceId: TRACE_A,
      spanId: 'a000000000000001',
      name: 'POST /checkout',
      kind: 2,
      durationUs: 300_000,
    }),
    span({
      traceId: TRACE_A,
      spanId: 'a000000000000002',
      parentSpanId: 'a000000000000001',
      service: 'order-service',
      name: 'POST /orders',
      kind: 2,
      startUs: T0 + 20_000,
      durationUs: 250_000,
    }),
    span({
      traceId: TRACE_A,
      spanId: 'a000000000000003',
      parentSpanId: 'a000000000000002',
      service: 'order-service',
      name: 'orders publish',
      kind: 4,
      startUs: T0 + 200_000,
      durationUs: 10_000,
    }),
    span({
      traceId: TRACE_B,
      spanId: 'b000000000000001',
      service: 'payment-service',
      name: 'orders process',
      kind: 5,
      startUs: T0 + 400_000,
      durationUs: 850_000,
      links: [{ traceId: TRACE_A, spanId: 'a000000000000003' }],
    }),
    span({
      traceId: TRACE_B,
      spanId: 'b000000000000003',
      parentSpanId: 'b000000000000001',
      service: 'payment-service',
      name: 'POST /capture',
      kind: 3,
      startUs: T0 + 500_000,
      durationUs: 700_000,
      status: 2,
    }),
  ];
  return {
    instance: instanceSummary(),
    spans,
    criticalPath: [
      `${TRACE_A}:a000000000000001`,
      `${TRACE_A}:a000000000000002`,
      `${TRACE_A}:a000000000000003`,
      `${TRACE_B}:b000000000000001`,
      `${TRACE_B}:b000000000000003`,
    ],
    truncated: false,
    ...partial,
  };
}

/** `count` spans over `traces` traces, each trace a root with children, one error every 97 spans. */
export function manySpans(count: number, traces = 10): WaterfallSpan[] {
  const perTrace = Math.ceil(count / traces);
  const spans: WaterfallSpan[] = [];
  for (let i = 0; i < count; i++) {
    const t = Math.floor(i / perTrace);
    const traceId = t.toString(16).padStart(32, '0');
    const first = i % perTrace === 0;
    spans.push(
      span({
        traceId,
        spanId: (i + 1).toString(16).padStart(16, '0'),
        parentSpanId: first
          ? ''
          : (t * perTrace + 1).toString(16).padStart(16, '0'),
        service: `service-${t}`,
        name: `op ${i}`,
        kind: first && t > 0 ? 5 : 1,
        startUs: T0 + i * 100,
        durationUs: first ? perTrace * 100 : 80,
        status: i % 97 === 96 ? 2 : 0,
        links:
          first && t > 0
            ? [
                {
                  traceId: (t - 1).toString(16).padStart(32, '0'),
                  spanId: i.toString(16).padStart(16, '0'),
                },
              ]
            : [],
      }),
    );
  }
  return spans;
}

/** The error JourneysClient throws for a Backstage JSON error response. */
export function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** "Now" of the SLO fixtures. */
export const SLO_NOW = Date.parse('2026-01-29T12:00:00Z');

/**
 * The workbook rules scaled to a 28-day window (factor = budget share × 28 d / long
 * window), as journeys-backend evaluates them by default; all quiet.
 */
export function sloRules(
  partial: Array<Partial<SloRuleState>> = [],
): SloRuleState[] {
  const rules: SloRuleState[] = [
    ['page', 0.02, '1h', '5m', 1],
    ['page', 0.05, '6h', '30m', 6],
    ['ticket', 0.1, '1d', '2h', 24],
    ['ticket', 0.1, '3d', '6h', 72],
  ].map(([severity, budgetShare, longWindow, shortWindow, hours]) => ({
    severity: severity as SloRuleState['severity'],
    budgetShare: budgetShare as number,
    factor: ((budgetShare as number) * 28 * 24) / (hours as number),
    longWindow: longWindow as SloRuleState['longWindow'],
    shortWindow: shortWindow as SloRuleState['shortWindow'],
    longBurn: 1.5,
    shortBurn: 1.2,
    longValid: 200 * (hours as number),
    firing: false,
    tooFewEvents: false,
  }));
  return rules.map((r, i) => ({ ...r, ...partial[i] }));
}

/** `count` points of the burn-down, one an hour up to SLO_NOW, falling linearly to `to`. */
export function burnDownPoints(count: number, to: number): SloBudgetPoint[] {
  return Array.from({ length: count }, (_, i) => {
    const remaining = count === 1 ? to : 1 - ((1 - to) * i) / (count - 1);
    return {
      time: new Date(SLO_NOW - (count - 1 - i) * HOUR_MS).toISOString(),
      remainingFraction: remaining,
      consumedEvents: Math.round((1 - remaining) * 100),
      totalEvents: 100,
    };
  });
}

/** Burn rates every 10 minutes over the last `hours` hours, all windows at `rate`. */
export function burnRatePoints(hours: number, rate: number): SloBurnPoint[] {
  const count = hours * 6;
  return Array.from({ length: count }, (_, i) => ({
    time: new Date(SLO_NOW - (count - 1 - i) * 600_000).toISOString(),
    burnRates: {
      '5m': rate,
      '30m': rate,
      '1h': rate,
      '2h': rate,
      '6h': rate,
      '1d': rate,
      '3d': rate,
    },
  }));
}

/**
 * A healthy ratio objective of checkout: 9,942 good and 58 bad over 28 days against 99 %,
 * so 100 bad events are allowed and 42 are left; burning at 1.5× over the last hour.
 */
export function sloDetail(partial: Partial<SloDetail> = {}): SloDetail {
  const windowMs = 28 * DAY_MS;
  return {
    journey: 'journey:default/checkout',
    journeyTitle: 'Checkout',
    owner: 'group:default/team-orders',
    objective: 'checkout-succeeds',
    description: 'Orders that reach payment',
    indicator: 'ratio',
    outcomes: {
      good: ['ok'],
      bad: ['failed', 'stuck'],
      excluded: ['rejected', 'in-flight'],
    },
    target: 0.99,
    timeWindow: '28d',
    windowMs,
    good: 9942,
    bad: 58,
    sli: 0.9942,
    budget: {
      totalEvents: 100,
      consumedEvents: 58,
      remainingEvents: 42,
      remainingFraction: 0.42,
      totalTimeMs: 0.01 * windowMs,
      remainingTimeMs: 0.42 * 0.01 * windowMs,
    },
    budgetStatus: 'healthy',
    burnRates: {
      '5m': 1.2,
      '30m': 1.3,
      '1h': 1.5,
      '2h': 1.4,
      '6h': 1.1,
      '1d': 0.9,
      '3d': 0.8,
    },
    timeToExhaustionMs: (0.42 * windowMs) / 1.5,
    openAlerts: [],
    rules: sloRules(),
    minValidEvents: 20,
    burnDown: burnDownPoints(28 * 24, 0.42),
    burnRateHistory: burnRatePoints(24, 1.5),
    alertHistory: [],
    burningInstances: [
      {
        id: TRACE_A,
        status: 'failed',
        startedAt: '2026-01-29T11:40:00.000Z',
        durationMs: 1250,
        businessKeys: { 'app.order.id': 'ord-4711' },
      },
    ],
    ...partial,
  };
}

/** The summary part of an objective, as GET /slos lists it. */
export function sloSummary(partial: Partial<SloSummary> = {}): SloSummary {
  const {
    rules: _rules,
    minValidEvents: _min,
    burnDown: _down,
    burnRateHistory: _history,
    alertHistory: _alerts,
    burningInstances: _burning,
    ...summary
  } = sloDetail();
  return { ...summary, ...partial };
}

/** A page alert opened by the 1h & 5m rule. */
export function sloAlert(partial: Partial<SloAlert> = {}): SloAlert {
  return {
    id: 7,
    severity: 'page',
    firingSince: '2026-01-29T11:20:00.000Z',
    resolvedAt: null,
    budgetRemaining: 0.3,
    rules: [
      {
        factor: 13.44,
        longWindowMs: HOUR_MS,
        shortWindowMs: 300_000,
        longBurn: 20.5,
        shortBurn: 31,
        longValid: 400,
      },
    ],
    ...partial,
  };
}

export function journeySlos(objectives: SloDetail[]): JourneySlos {
  return {
    journey: 'journey:default/checkout',
    journeyTitle: 'Checkout',
    owner: 'group:default/team-orders',
    objectives,
  };
}
