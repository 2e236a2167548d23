// Generated from plugins/scorecards-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-scorecards-backend schema:generate`; do not edit.
/* eslint-disable */
export interface paths {
  '/kpis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every KPI, its definition and its thresholds. */
    get: operations['listKpis'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One entity's KPI values for a day, with deltas and the rolled-up status. */
    get: operations['getEntityScorecard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One KPI's snapshots for an entity over a period. */
    get: operations['getKpiHistory'];
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
    };
    /** @enum {string} */
    Status: 'green' | 'amber' | 'red';
    ThresholdRule: {
      status: components['schemas']['Status'];
      /** @description `<x`, `<=x`, `>x`, `>=x`, `==x` or a range such as `[95, 99)`. */
      expression: string;
    };
    Kpi: {
      id: string;
      title: string;
      /** @description What the number means and how it is computed. */
      description: string;
      /** @enum {string} */
      unit:
        | 'count'
        | 'percent'
        | 'per-thousand'
        | 'per-day'
        | 'milliseconds'
        | 'seconds'
        | 'hours'
        | 'days';
      entityKinds: string[];
      /** @enum {string} */
      direction: 'higher-is-better' | 'lower-is-better';
      domain?: {
        min?: number;
        max?: number;
      };
      /** @description The rules in force unless an entity's annotation replaces them; first match wins. */
      thresholds: components['schemas']['ThresholdRule'][];
      /** @enum {string} */
      thresholdSource: 'default' | 'config';
    };
    Delta: {
      previous: number;
      /** @description Current minus previous, in the KPI's unit. */
      change: number;
      /** @description Change over |previous|; absent when previous is 0. */
      relativeChange?: number;
      /** @enum {string} */
      trend?: 'better' | 'worse' | 'unchanged';
    };
    EntityKpiValue: {
      kpiId: string;
      value: number;
      status?: components['schemas']['Status'];
      /** @enum {string} */
      thresholdSource: 'default' | 'config' | 'annotation';
      weekOverWeek?: components['schemas']['Delta'];
      monthOverMonth?: components['schemas']['Delta'];
    };
    EntityScorecard: {
      entityRef: string;
      /** Format: date */
      day: string;
      status?: components['schemas']['Status'];
      /** @description Weighted score 0–100 over the KPIs with a status. */
      score?: number;
      counts: {
        green: number;
        amber: number;
        red: number;
      };
      unknown: number;
      items: components['schemas']['EntityKpiValue'][];
    };
    HistoryPoint: {
      /** Format: date-time */
      bucketStart: string;
      value: number;
      status?: components['schemas']['Status'];
    };
  };
  responses: {
    /** @description An error. */
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
    /** @description The entity's kind, e.g. `journey` or `group`. */
    kind: string;
    /** @description The entity's namespace, e.g. `default`. */
    namespace: string;
    /** @description The entity's name, e.g. `checkout`. */
    name: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listKpis: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The KPIs, by id. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Kpi'][];
          };
        };
      };
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  getEntityScorecard: {
    parameters: {
      query?: {
        /** @description The UTC day, `YYYY-MM-DD`; yesterday when left out. */
        day?: string;
      };
      header?: never;
      path: {
        /** @description The entity's kind, e.g. `journey` or `group`. */
        kind: components['parameters']['kind'];
        /** @description The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** @description The entity's name, e.g. `checkout`. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The entity's scorecard. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityScorecard'];
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
  getKpiHistory: {
    parameters: {
      query: {
        kpiId: string;
        /** @description `day` (default) or `hour`. */
        granularity?: 'day' | 'hour';
        /** @description Start, inclusive (a bucket starting at or after it). */
        from: string;
        /** @description End, exclusive. At most 400 days after `from` for days, 7 days for hours. */
        to: string;
      };
      header?: never;
      path: {
        /** @description The entity's kind, e.g. `journey` or `group`. */
        kind: components['parameters']['kind'];
        /** @description The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** @description The entity's name, e.g. `checkout`. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Snapshots, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entityRef: string;
            kpiId: string;
            /** @enum {string} */
            granularity: 'day' | 'hour';
            items: components['schemas']['HistoryPoint'][];
          };
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
      404: components['responses']['ErrorResponse'];
    };
  };
}
