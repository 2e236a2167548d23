// Generated from plugins/journeys-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-journeys-backend schema:generate`; do not edit.
/* eslint-disable */
export interface paths {
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
