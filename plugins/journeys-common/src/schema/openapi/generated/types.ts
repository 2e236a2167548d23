// Generated from plugins/journeys-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-journeys-backend schema:generate`; do not edit.
/* eslint-disable */
export interface paths {
  '/journeys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Every Journey's figures from the rollups: volume, failed, rejected, stuck, in flight, recovered by replay, error rate, cycle-time and recovery percentiles and a time series, for instances that started in the window ending at `end`. */
    get: operations['ListJourneys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/journeys/{namespace}/{name}/instances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Instances of one Journey, newest first or slowest first. */
    get: operations['ListJourneyInstances'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description An order id (any business key), trace id, message id or instance id → the instances holding it (nested ones folded into the outer). */
    get: operations['SearchInstances'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/instances/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description An instance's summary, every span of every trace (waterfall form) and its critical path. */
    get: operations['GetInstance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/spans/{traceId}/{spanId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One span's attributes, resource, events and links. */
    get: operations['GetSpan'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/traces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description The OTLP/HTTP trace receiver, for exporters with a token holding `journeys.traces.ingest`. The body is an ExportTraceServiceRequest in OTLP/JSON or protobuf, optionally gzip or deflate; its size is limited by `journeys.ingest.maxBodyBytes`, after inflating too. Valid spans are stored even when others are rejected (partialSuccess). The body is read by the route itself (it is not checked against this description). */
    post: operations['ExportTraces'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/faro/collect': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** @description The portal's browser telemetry (Grafana Faro web SDK payload), without a token: only from the portal's Origin and `service.name`, limited in size and rate per client. Its traces are stored as browser spans (untrusted); logs, events, measurements and exceptions are accepted and dropped. The body is read by the route itself. */
    post: operations['CollectFaro'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/slos': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Every Journey objective, evaluated now, sorted by remaining budget (least first). */
    get: operations['ListSlos'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/slos/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description One Journey's objectives with the figures behind them: rules, budget burn-down, burn-rate history, alerts and the instances that burned the budget. */
    get: operations['GetJourneySlos'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openslo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Every Journey objective as OpenSLO v1 documents (an SLI and an SLO each), one YAML stream. */
    get: operations['ExportOpenSlo'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description Prometheus text exposition (0.0.4) of the per-journey counters by outcome and the cycle-time histogram, from the rollups. Needs `journeys.metrics.read` (the metrics token holds only that). */
    get: operations['GetMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description Backstage's JSON error body. */
    Error: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
    /**
     * @description A burn-rate window.
     * @enum {string}
     */
    BurnWindow: '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d';
    /** @description Burn rate per window: the observed error ratio over the window divided by the allowed one (1 − target). 1 spends exactly the budget over the SLO window; 0 when the window holds no valid events. */
    BurnRates: {
      '5m': number;
      '30m': number;
      '1h': number;
      '2h': number;
      '6h': number;
      '1d': number;
      '3d': number;
    };
    /** @description The objective's error budget over its window. `totalEvents` = valid × (1 − target) bad events are allowed; `consumedEvents` were spent; `remainingEvents` may go below zero: then more events were bad than the target allows, and the objective is not met over the window. */
    ErrorBudget: {
      totalEvents: number;
      consumedEvents: number;
      remainingEvents: number;
      /** @description 1 untouched, 0 spent, below 0 blown; null without valid events. */
      remainingFraction: number | null;
      /** @description The budget as time: how long a full outage (every event bad) the window allows, (1 − target) × window. */
      totalTimeMs: number;
      /** @description remainingFraction × totalTimeMs (negative when blown). */
      remainingTimeMs: number | null;
    };
    /**
     * @description The budget's colour range: `healthy` over 25 % left, `warning` 0–25 % left, `exhausted` below 0 (blown), `no-data` without valid events in the window.
     * @enum {string}
     */
    BudgetStatus: 'healthy' | 'warning' | 'exhausted' | 'no-data';
    /** @description How the objective counts instance outcomes: good and bad ones make the valid events; excluded ones do not count at all. */
    Outcomes: {
      good: string[];
      bad: string[];
      excluded: string[];
    };
    /** @description A burn-rate alert of one severity on one objective, open or resolved. */
    Alert: {
      id: number;
      /** @enum {string} */
      severity: 'page' | 'ticket';
      /** Format: date-time */
      firingSince: string;
      /** Format: date-time */
      resolvedAt: string | null;
      /** @description The remaining budget fraction when it fired. */
      budgetRemaining: number | null;
      /** @description The window pairs that fired it, with their figures then. */
      rules: components['schemas']['FiredRule'][];
    };
    FiredRule: {
      factor: number;
      longWindowMs: number;
      shortWindowMs: number;
      longBurn: number;
      shortBurn: number;
      longValid: number;
    };
    /** @description One objective of one Journey, evaluated now. */
    SloSummary: {
      /** @description The Journey's entity ref, e.g. `journey:default/checkout`. */
      journey: string;
      journeyTitle: string;
      /** @description The owner's entity ref. */
      owner: string;
      objective: string;
      description?: string;
      /** @enum {string} */
      indicator: 'ratio' | 'latency';
      /** @description Latency objectives' threshold. */
      thresholdMs?: number;
      outcomes: components['schemas']['Outcomes'];
      target: number;
      /** @description The objective's rolling window as declared, e.g. `28d`. */
      timeWindow: string;
      windowMs: number;
      /** @description Good events in the window. */
      good: number;
      /** @description Bad events in the window. */
      bad: number;
      /** @description good / (good + bad); null without valid events. */
      sli: number | null;
      budget: components['schemas']['ErrorBudget'];
      budgetStatus: components['schemas']['BudgetStatus'];
      burnRates: components['schemas']['BurnRates'];
      /** @description When the remaining budget runs out at the 1h burn rate; null when nothing burns or nothing is left. */
      timeToExhaustionMs: number | null;
      openAlerts: components['schemas']['Alert'][];
    };
    /** @description One multiwindow burn-rate rule now: it fires when the burn rate over both windows is at or above the factor and the long window holds at least minValidEvents. */
    RuleState: {
      /** @enum {string} */
      severity: 'page' | 'ticket';
      factor: number;
      /** @description The share of the window's budget this rule lets burn within its long window before firing (factor × long window / SLO window). */
      budgetShare: number;
      longWindow: components['schemas']['BurnWindow'];
      shortWindow: components['schemas']['BurnWindow'];
      longBurn: number;
      shortBurn: number;
      longValid: number;
      firing: boolean;
      /** @description Both windows are over the factor, but the low-traffic guard holds it back. */
      tooFewEvents: boolean;
    };
    BudgetPoint: {
      /** Format: date-time */
      time: string;
      remainingFraction: number | null;
      consumedEvents: number;
      totalEvents: number;
    };
    BurnPoint: {
      /** Format: date-time */
      time: string;
      burnRates: components['schemas']['BurnRates'];
    };
    BurningInstance: {
      id: string;
      status: string;
      /** Format: date-time */
      startedAt: string;
      durationMs: number | null;
      businessKeys?: {
        [key: string]: string;
      };
    };
    SloDetail: components['schemas']['SloSummary'] & {
      rules: components['schemas']['RuleState'][];
      /** @description The low-traffic guard. */
      minValidEvents: number;
      /** @description Remaining budget over the SLO window, from its start to now. */
      burnDown: components['schemas']['BudgetPoint'][];
      /** @description Burn rates over the last 24 hours, every 10 minutes. */
      burnRateHistory: components['schemas']['BurnPoint'][];
      /** @description The objective's latest alerts, newest first. */
      alertHistory: components['schemas']['Alert'][];
      /** @description Instances in the window that counted as bad events (latency: the slowest over the threshold; ratio: the latest bad ones). */
      burningInstances: components['schemas']['BurningInstance'][];
    };
    JourneySlos: {
      journey: string;
      journeyTitle: string;
      owner: string;
      objectives: components['schemas']['SloDetail'][];
    };
    /**
     * @description How one journey instance ended up, or where it is (the rule is in the README, "Verdicts"): ok, failed, rejected (the entry answered 4xx), recovered-by-replay, in-flight, stuck.
     * @enum {string}
     */
    InstanceStatus:
      | 'ok'
      | 'failed'
      | 'rejected'
      | 'recovered-by-replay'
      | 'in-flight'
      | 'stuck';
    /**
     * @description A statistics window.
     * @enum {string}
     */
    StatsWindow: '1h' | '6h' | '24h' | '7d';
    /** @description One bucket of a journey's time series. */
    JourneyStatsPoint: {
      /** @description Bucket start, ISO date-time. */
      time: string;
      /** @description Instances started in the bucket, whatever their outcome. */
      count: number;
      failed: number;
      /** @description Of `count`, those that failed first and were finished by a replay. */
      recovered: number;
      /** @description Milliseconds; null when no instance ended in the bucket. */
      p50Ms: number | null;
      p95Ms: number | null;
      p99Ms: number | null;
    };
    /** @description A Journey's figures over a window, from the rollups. */
    JourneyStats: {
      /** @description Entity ref of the Journey, e.g. `journey:default/checkout`. */
      ref: string;
      title: string;
      description?: string;
      owner?: string;
      components: string[];
      businessKeys: string[];
      window: components['schemas']['StatsWindow'];
      /** @description Instances started in the window. */
      volume: number;
      failed: number;
      stuck: number;
      inFlight: number;
      rejected: number;
      /** @description Instances that failed first and were finished by a replay from a dead-letter queue. */
      recoveredByReplay: number;
      /** @description failed / (volume − inFlight − rejected), 0..1; null without finished instances. */
      errorRate: number | null;
      /** @description Cycle time of the journey's own run (first attempt to first outcome) of ok and failed instances, interpolated within one latency bucket. */
      p50Ms: number | null;
      p95Ms: number | null;
      p99Ms: number | null;
      /** @description Time from the first failure to the replay that finished recovered-by-replay instances. */
      recoveryP50Ms: number | null;
      recoveryP95Ms: number | null;
      series: components['schemas']['JourneyStatsPoint'][];
    };
    /** @description An operation that failed and succeeded on a later attempt (a retry, a redelivery, a replay). */
    RecoveredStep: {
      service: string;
      name: string;
      attempts: number;
      byReplay: boolean;
    };
    /** @description For failed instances the root cause: the deepest error span of the chain that failed first. For stuck ones the last step seen (spanId empty). */
    FailingStep: {
      service: string;
      name: string;
      traceId: string;
      spanId: string;
      message?: string;
      httpStatus?: number;
      rpcStatus?: number;
      destination?: string;
    };
    /** @description A journey instance in a list. */
    InstanceSummary: {
      /** @description The trace id of the instance's entry trace (32 hex digits). */
      id: string;
      /** @description Journey entity ref; null when no Journey recognised the entry. */
      journey: string | null;
      status: components['schemas']['InstanceStatus'];
      /** @description ISO date-time of the first span. */
      startedAt: string;
      /** @description ISO date-time of the last span end (a replay's too). */
      endedAt: string;
      /** @description The journey's own run, first attempt to first outcome; a later replay is not in it. */
      durationMs: number;
      /** @description recovered-by-replay only, from the start to the first failure. */
      timeToFirstFailureMs?: number;
      /** @description recovered-by-replay only, from the first failure to the end of the replay that finished it. */
      recoveryMs?: number;
      recoveredSteps?: components['schemas']['RecoveredStep'][];
      traceCount: number;
      spanCount: number;
      errorCount: number;
      services: string[];
      /** @description Business key values seen on the instance, e.g. `{ "app.order.id": "ord-4711" }`. */
      businessKeys: {
        [key: string]: string;
      };
      failingStep?: components['schemas']['FailingStep'];
    };
    /**
     * @description What a search term matched.
     * @enum {string}
     */
    SearchMatchKind: 'business-key' | 'trace-id' | 'message-id' | 'instance-id';
    SearchResult: {
      query: string;
      matches: {
        instance: components['schemas']['InstanceSummary'];
        matchedBy: components['schemas']['SearchMatchKind'];
        /** @description The attribute that matched for business keys, e.g. `app.order.id`. */
        key?: string;
      }[];
    };
    /**
     * @description SpanKind as in OTLP (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer).
     * @enum {integer}
     */
    SpanKindNumber: 0 | 1 | 2 | 3 | 4 | 5;
    /** @description A span as the waterfall needs it; details (attributes, events) come from GET /spans/…. */
    WaterfallSpan: {
      traceId: string;
      spanId: string;
      /** @description Empty for a trace root. */
      parentSpanId: string;
      name: string;
      service: string;
      kind: components['schemas']['SpanKindNumber'];
      /** @description Microseconds since the epoch. */
      startUs: number;
      durationUs: number;
      /**
       * @description OTLP status code: 0 unset, 1 ok, 2 error.
       * @enum {integer}
       */
      status: 0 | 1 | 2;
      /** @description Span links (async hops): the producer span this span continues. */
      links: {
        traceId: string;
        spanId: string;
      }[];
      /**
       * @description Reported by the portal's browser (Faro receiver, untrusted): shown in its trace, never deciding the instance's status or failing step. Absent for backend spans.
       * @enum {boolean}
       */
      browser?: true;
    };
    InstanceDetail: {
      instance: components['schemas']['InstanceSummary'];
      /** @description Every span of every trace in the instance, ordered by start time. */
      spans: components['schemas']['WaterfallSpan'][];
      /** @description Span ids (traceId:spanId) on the critical path, entry to last end. */
      criticalPath: string[];
      /** @description True when the instance had more spans than the server returns (spans then truncated). */
      truncated: boolean;
    };
    /** @description An OTLP attribute value as JSON: a string, number, boolean, null, an array of values or an object of values (a kvlist). Left open here (any JSON value), as it nests. */
    AttributeValue: unknown;
    Attributes: {
      [key: string]: components['schemas']['AttributeValue'];
    };
    SpanDetail: components['schemas']['WaterfallSpan'] & {
      statusMessage?: string;
      scope?: string;
      attributes: components['schemas']['Attributes'];
      resource: components['schemas']['Attributes'];
      events: {
        name: string;
        timeUs: number;
        attributes: components['schemas']['Attributes'];
      }[];
      linkAttributes: components['schemas']['Attributes'][];
    };
    /** @description OTLP's ExportTraceServiceResponse (as JSON, or protobuf for a protobuf request); partialSuccess names the spans that were rejected. */
    OtlpExportResponse: {
      partialSuccess?: {
        rejectedSpans?: number | string;
        errorMessage?: string;
      };
    };
    /** @description A trace id (32 lowercase hex digits). */
    TraceId: string;
    /** @description A span id (16 lowercase hex digits). */
    SpanId: string;
  };
  responses: {
    /** @description An error, as Backstage's JSON error body. */
    ErrorResponse: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Too many requests; retry after the seconds in Retry-After. */
    RetryLater: {
      headers: {
        /** @description Seconds to wait before sending again. */
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description The Journey's namespace, e.g. `default`. */
    namespace: string;
    /** @description The Journey's name, e.g. `checkout`. */
    name: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  ListJourneys: {
    parameters: {
      query?: {
        /** @description The window (default 24h). */
        window?: components['schemas']['StatsWindow'];
        /** @description Only journeys this component takes part in (an entity ref). */
        component?: string;
        /** @description End of the window, an ISO date-time with offset (default now): at most 400 days back, never in the future; cut at the rollup minute. */
        end?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The journeys. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['JourneyStats'][];
          };
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  ListJourneyInstances: {
    parameters: {
      query?: {
        status?: components['schemas']['InstanceStatus'];
        /** @description `recent` (default) lists the newest first, `duration` the slowest. */
        sort?: 'recent' | 'duration';
        /** @description At most this many (default 20). */
        limit?: number;
        /** @description Only instances that started in this window. */
        window?: components['schemas']['StatsWindow'];
      };
      header?: never;
      path: {
        /** @description The Journey's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** @description The Journey's name, e.g. `checkout`. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instances. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['InstanceSummary'][];
          };
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  SearchInstances: {
    parameters: {
      query: {
        /** @description The term; surrounding white space is ignored. */
        q: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description What the term matched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResult'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  GetInstance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The instance id (its entry trace id). */
        id: components['schemas']['TraceId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The instance. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InstanceDetail'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  GetSpan: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        traceId: components['schemas']['TraceId'];
        spanId: components['schemas']['SpanId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The span. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SpanDetail'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ExportTraces: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          resourceSpans: Record<string, never>[];
        };
        'application/x-protobuf': string;
      };
    };
    responses: {
      /** @description Stored; partialSuccess names the spans that were rejected. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OtlpExportResponse'];
          'application/x-protobuf': string;
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      413: components['responses']['ErrorResponse'];
      415: components['responses']['ErrorResponse'];
      429: components['responses']['RetryLater'];
      503: components['responses']['ErrorResponse'];
    };
  };
  CollectFaro: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          meta: Record<string, never>;
          /** @description OTLP/JSON traces. */
          traces?: Record<string, never>;
        };
      };
    };
    responses: {
      /** @description Accepted. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      413: components['responses']['ErrorResponse'];
      415: components['responses']['ErrorResponse'];
      429: components['responses']['RetryLater'];
    };
  };
  ListSlos: {
    parameters: {
      query?: {
        /** @description Only journeys of this owner (an entity ref, e.g. `group:default/orders`). */
        owner?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The objectives. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['SloSummary'][];
          };
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  GetJourneySlos: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The Journey's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** @description The Journey's name, e.g. `checkout`. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Journey's objectives. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JourneySlos'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  ExportOpenSlo: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OpenSLO v1 documents. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/yaml': string;
        };
      };
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  GetMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text format. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
}
