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
    /** One KPI's snapshots for an entity over a period; for a Group, System or Domain the members' snapshots aggregated per bucket (with the members' status counts). */
    get: operations['getKpiHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/aggregations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Teams (or systems, or domains) with their rolled-up KPIs for a day: the overview's heat map, filtered, sorted and paged on the server. */
    get: operations['listAggregations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The entities a team, system or domain holds (those the caller may read), each with its own KPI values for the day: the drill-down from a rollup, filtered, sorted and paged on the server. */
    get: operations['listMembers'];
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
      aggregation?: components['schemas']['Aggregation'];
    };
    /**
     * @description How a team's, system's or domain's value of the KPI is made from the values of the entities it holds: `sum` (volume, backlog), `mean`, `median`, `max` (the worst for a lower-is-better KPI), `min` (the worst for a higher-is-better KPI).
     * @enum {string}
     */
    Aggregation: 'sum' | 'mean' | 'median' | 'max' | 'min';
    /** @description How many member entities of the kinds the KPI is measured on have each status for it; `none` have a value but no status, or no value. */
    MemberCounts: {
      green: number;
      amber: number;
      red: number;
      none: number;
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
      members?: components['schemas']['MemberCounts'];
      aggregation?: components['schemas']['Aggregation'];
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
      /** @description True for a Group, System or Domain: each value is aggregated from the entities it holds (a group: what it and its sub-groups own, transitively; a system: its parts; a domain: its systems' parts) that the caller may read; the status of a KPI is the worst of its members' statuses. */
      rollup?: boolean;
      /** @description Entities the rollup counted (rollups only). */
      memberCount?: number;
      items: components['schemas']['EntityKpiValue'][];
    };
    /** @description One team, system or domain in the overview, with its rolled-up KPIs for the day. */
    AggregateRow: {
      entityRef: string;
      /** @description The catalog title, or the name when it has none. */
      title: string;
      status?: components['schemas']['Status'];
      score?: number;
      counts: {
        green: number;
        amber: number;
        red: number;
      };
      unknown: number;
      memberCount: number;
      items: components['schemas']['EntityKpiValue'][];
    };
    /** @description One entity a team, system or domain holds, with its own KPI values for the day. */
    MemberRow: {
      entityRef: string;
      kind: string;
      title: string;
      /** @description The owning group's entity ref. */
      owner?: string;
      status?: components['schemas']['Status'];
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
      members?: components['schemas']['MemberCounts'];
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
    /** @description The UTC day, `YYYY-MM-DD`; yesterday when left out. */
    day: string;
    offset: number;
    limit: number;
    /** @description `asc` or `desc`; for a KPI, `desc` puts the worst first whatever its direction when sorting by `status`. Default: `desc` when sorting by `status`, `asc` otherwise. Rows without the sorted value (no status, score or value) come last in both orders. */
    order: 'asc' | 'desc';
    /** @description Only rows with this rolled-up status (or, with `kpiId`, this status for that KPI); `none` for rows with no status. Repeat for several. */
    statusFilter: ('green' | 'amber' | 'red' | 'none')[];
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
        day?: components['parameters']['day'];
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
  listAggregations: {
    parameters: {
      query?: {
        /** @description `group` (default), `system` or `domain`. */
        kind?: 'group' | 'system' | 'domain';
        /** @description The UTC day, `YYYY-MM-DD`; yesterday when left out. */
        day?: components['parameters']['day'];
        /** @description Only rows whose title or name contains this text (case-insensitive). */
        q?: string;
        /** @description Only these entities (e.g. the viewer's teams). Repeat for several; at most 100. */
        entityRef?: string[];
        /** @description Only rows with this rolled-up status (or, with `kpiId`, this status for that KPI); `none` for rows with no status. Repeat for several. */
        status?: components['parameters']['statusFilter'];
        /** @description The KPI that `status` filters on and `sort=value`/`sort=status` sorts by. */
        kpiId?: string;
        /** @description `title` (default), `status` (worst first with `desc`), `score`, or `value` (with `kpiId`). */
        sort?: 'title' | 'status' | 'score' | 'value';
        /** @description `asc` or `desc`; for a KPI, `desc` puts the worst first whatever its direction when sorting by `status`. Default: `desc` when sorting by `status`, `asc` otherwise. Rows without the sorted value (no status, score or value) come last in both orders. */
        order?: components['parameters']['order'];
        offset?: components['parameters']['offset'];
        limit?: components['parameters']['limit'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of rows and the total that matched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** Format: date */
            day: string;
            kind: string;
            total: number;
            items: components['schemas']['AggregateRow'][];
          };
        };
      };
      400: components['responses']['ErrorResponse'];
      401: components['responses']['ErrorResponse'];
      403: components['responses']['ErrorResponse'];
    };
  };
  listMembers: {
    parameters: {
      query?: {
        /** @description The UTC day, `YYYY-MM-DD`; yesterday when left out. */
        day?: components['parameters']['day'];
        /** @description Only members of this kind (e.g. `journey`, `resource`, `api`). */
        memberKind?: string;
        q?: string;
        /** @description Only rows with this rolled-up status (or, with `kpiId`, this status for that KPI); `none` for rows with no status. Repeat for several. */
        status?: components['parameters']['statusFilter'];
        kpiId?: string;
        sort?: 'title' | 'status' | 'score' | 'value';
        /** @description `asc` or `desc`; for a KPI, `desc` puts the worst first whatever its direction when sorting by `status`. Default: `desc` when sorting by `status`, `asc` otherwise. Rows without the sorted value (no status, score or value) come last in both orders. */
        order?: components['parameters']['order'];
        offset?: components['parameters']['offset'];
        limit?: components['parameters']['limit'];
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
      /** @description One page of members and the total that matched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            entityRef: string;
            /** Format: date */
            day: string;
            total: number;
            items: components['schemas']['MemberRow'][];
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
