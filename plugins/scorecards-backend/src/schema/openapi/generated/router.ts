// Generated from plugins/scorecards-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-scorecards-backend schema:generate`; do not edit.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'scorecards',
    version: '1',
    description:
      "KPI scorecards (scorecards-backend), under /api/scorecards: the KPIs with their definitions and thresholds, an entity's values for a day with week-over-week and month-over-month deltas and its rolled-up status, rollups along the catalog (teams with their sub-groups, systems, domains) with filter, sort and paging, the entities behind a rollup, and a KPI's history. Every route needs `scorecards.read`; an entity the caller may not read in the catalog answers 404.",
    license: {
      name: 'UNLICENSED',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        description: "The entity's kind, e.g. `journey` or `group`.",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9._-]{1,63}$',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: "The entity's namespace, e.g. `default`.",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9._-]{1,63}$',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: "The entity's name, e.g. `checkout`.",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9._-]{1,63}$',
        },
      },
      day: {
        name: 'day',
        in: 'query',
        required: false,
        description: 'The UTC day, `YYYY-MM-DD`; yesterday when left out.',
        schema: {
          type: 'string',
          format: 'date',
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 0,
          maximum: 100000,
          default: 0,
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 25,
        },
      },
      order: {
        name: 'order',
        in: 'query',
        required: false,
        description:
          '`asc` or `desc`; for a KPI, `desc` puts the worst first whatever its direction when sorting by `status`. Default: `desc` when sorting by `status`, `asc` otherwise. Rows without the sorted value (no status, score or value) come last in both orders.',
        schema: {
          type: 'string',
          enum: ['asc', 'desc'],
        },
      },
      statusFilter: {
        name: 'status',
        in: 'query',
        required: false,
        description:
          'Only rows with this rolled-up status (or, with `kpiId`, this status for that KPI); `none` for rows with no status. Repeat for several.',
        schema: {
          type: 'array',
          items: {
            type: 'string',
            enum: ['green', 'amber', 'red', 'none'],
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        description: "Backstage's JSON error body.",
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
        },
      },
      Status: {
        type: 'string',
        enum: ['green', 'amber', 'red'],
      },
      ThresholdRule: {
        type: 'object',
        required: ['status', 'expression'],
        properties: {
          status: {
            $ref: '#/components/schemas/Status',
          },
          expression: {
            type: 'string',
            description:
              '`<x`, `<=x`, `>x`, `>=x`, `==x` or a range such as `[95, 99)`.',
          },
        },
      },
      Kpi: {
        type: 'object',
        required: [
          'id',
          'title',
          'description',
          'unit',
          'entityKinds',
          'direction',
          'thresholds',
          'thresholdSource',
        ],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
            description: 'What the number means and how it is computed.',
          },
          unit: {
            type: 'string',
            enum: [
              'count',
              'percent',
              'per-thousand',
              'per-day',
              'milliseconds',
              'seconds',
              'hours',
              'days',
            ],
          },
          entityKinds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          direction: {
            type: 'string',
            enum: ['higher-is-better', 'lower-is-better'],
          },
          domain: {
            type: 'object',
            properties: {
              min: {
                type: 'number',
              },
              max: {
                type: 'number',
              },
            },
          },
          thresholds: {
            type: 'array',
            description:
              "The rules in force unless an entity's annotation replaces them; first match wins.",
            items: {
              $ref: '#/components/schemas/ThresholdRule',
            },
          },
          thresholdSource: {
            type: 'string',
            enum: ['default', 'config'],
          },
          aggregation: {
            $ref: '#/components/schemas/Aggregation',
          },
        },
      },
      Aggregation: {
        type: 'string',
        description:
          "How a team's, system's or domain's value of the KPI is made from the values of the entities it holds: `sum` (volume, backlog), `mean`, `median`, `max` (the worst for a lower-is-better KPI), `min` (the worst for a higher-is-better KPI).",
        enum: ['sum', 'mean', 'median', 'max', 'min'],
      },
      MemberCounts: {
        type: 'object',
        description:
          'How many member entities of the kinds the KPI is measured on have each status for it; `none` have a value but no status, or no value.',
        required: ['green', 'amber', 'red', 'none'],
        properties: {
          green: {
            type: 'integer',
          },
          amber: {
            type: 'integer',
          },
          red: {
            type: 'integer',
          },
          none: {
            type: 'integer',
          },
        },
      },
      Delta: {
        type: 'object',
        required: ['previous', 'change'],
        properties: {
          previous: {
            type: 'number',
          },
          change: {
            type: 'number',
            description: "Current minus previous, in the KPI's unit.",
          },
          relativeChange: {
            type: 'number',
            description: 'Change over |previous|; absent when previous is 0.',
          },
          trend: {
            type: 'string',
            enum: ['better', 'worse', 'unchanged'],
          },
        },
      },
      EntityKpiValue: {
        type: 'object',
        required: ['kpiId', 'value', 'thresholdSource'],
        properties: {
          kpiId: {
            type: 'string',
          },
          value: {
            type: 'number',
          },
          status: {
            $ref: '#/components/schemas/Status',
          },
          thresholdSource: {
            type: 'string',
            enum: ['default', 'config', 'annotation'],
          },
          weekOverWeek: {
            $ref: '#/components/schemas/Delta',
          },
          monthOverMonth: {
            $ref: '#/components/schemas/Delta',
          },
          members: {
            $ref: '#/components/schemas/MemberCounts',
          },
          aggregation: {
            $ref: '#/components/schemas/Aggregation',
          },
        },
      },
      EntityScorecard: {
        type: 'object',
        required: ['entityRef', 'day', 'counts', 'unknown', 'items'],
        properties: {
          entityRef: {
            type: 'string',
          },
          day: {
            type: 'string',
            format: 'date',
          },
          status: {
            $ref: '#/components/schemas/Status',
          },
          score: {
            type: 'number',
            description: 'Weighted score 0–100 over the KPIs with a status.',
          },
          counts: {
            type: 'object',
            required: ['green', 'amber', 'red'],
            properties: {
              green: {
                type: 'integer',
              },
              amber: {
                type: 'integer',
              },
              red: {
                type: 'integer',
              },
            },
          },
          unknown: {
            type: 'integer',
          },
          rollup: {
            type: 'boolean',
            description:
              "True for a Group, System or Domain: each value is aggregated from the entities it holds (a group: what it and its sub-groups own, transitively; a system: its parts; a domain: its systems' parts) that the caller may read; the status of a KPI is the worst of its members' statuses.",
          },
          memberCount: {
            type: 'integer',
            description: 'Entities the rollup counted (rollups only).',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityKpiValue',
            },
          },
        },
      },
      AggregateRow: {
        type: 'object',
        description:
          'One team, system or domain in the overview, with its rolled-up KPIs for the day.',
        required: [
          'entityRef',
          'title',
          'counts',
          'unknown',
          'memberCount',
          'items',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
            description: 'The catalog title, or the name when it has none.',
          },
          status: {
            $ref: '#/components/schemas/Status',
          },
          score: {
            type: 'number',
          },
          counts: {
            type: 'object',
            required: ['green', 'amber', 'red'],
            properties: {
              green: {
                type: 'integer',
              },
              amber: {
                type: 'integer',
              },
              red: {
                type: 'integer',
              },
            },
          },
          unknown: {
            type: 'integer',
          },
          memberCount: {
            type: 'integer',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityKpiValue',
            },
          },
        },
      },
      MemberRow: {
        type: 'object',
        description:
          'One entity a team, system or domain holds, with its own KPI values for the day.',
        required: ['entityRef', 'kind', 'title', 'counts', 'unknown', 'items'],
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
            description: "The owning group's entity ref.",
          },
          status: {
            $ref: '#/components/schemas/Status',
          },
          score: {
            type: 'number',
          },
          counts: {
            type: 'object',
            required: ['green', 'amber', 'red'],
            properties: {
              green: {
                type: 'integer',
              },
              amber: {
                type: 'integer',
              },
              red: {
                type: 'integer',
              },
            },
          },
          unknown: {
            type: 'integer',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityKpiValue',
            },
          },
        },
      },
      HistoryPoint: {
        type: 'object',
        required: ['bucketStart', 'value'],
        properties: {
          bucketStart: {
            type: 'string',
            format: 'date-time',
          },
          value: {
            type: 'number',
          },
          status: {
            $ref: '#/components/schemas/Status',
          },
          members: {
            $ref: '#/components/schemas/MemberCounts',
          },
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
  },
  paths: {
    '/kpis': {
      get: {
        operationId: 'listKpis',
        summary: 'Every KPI, its definition and its thresholds.',
        responses: {
          '200': {
            description: 'The KPIs, by id.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Kpi',
                      },
                    },
                  },
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'getEntityScorecard',
        summary:
          "One entity's KPI values for a day, with deltas and the rolled-up status.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/day',
          },
        ],
        responses: {
          '200': {
            description: "The entity's scorecard.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityScorecard',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/history': {
      get: {
        operationId: 'getKpiHistory',
        summary:
          "One KPI's snapshots for an entity over a period; for a Group, System or Domain the members' snapshots aggregated per bucket (with the members' status counts).",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'kpiId',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'granularity',
            in: 'query',
            required: false,
            description: '`day` (default) or `hour`.',
            schema: {
              type: 'string',
              enum: ['day', 'hour'],
            },
          },
          {
            name: 'from',
            in: 'query',
            required: true,
            description: 'Start, inclusive (a bucket starting at or after it).',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            name: 'to',
            in: 'query',
            required: true,
            description:
              'End, exclusive. At most 400 days after `from` for days, 7 days for hours.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Snapshots, oldest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['entityRef', 'kpiId', 'granularity', 'items'],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    kpiId: {
                      type: 'string',
                    },
                    granularity: {
                      type: 'string',
                      enum: ['day', 'hour'],
                    },
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/HistoryPoint',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/aggregations': {
      get: {
        operationId: 'listAggregations',
        summary:
          "Teams (or systems, or domains) with their rolled-up KPIs for a day: the overview's heat map, filtered, sorted and paged on the server.",
        parameters: [
          {
            name: 'kind',
            in: 'query',
            required: false,
            description: '`group` (default), `system` or `domain`.',
            schema: {
              type: 'string',
              enum: ['group', 'system', 'domain'],
            },
          },
          {
            $ref: '#/components/parameters/day',
          },
          {
            name: 'q',
            in: 'query',
            required: false,
            description:
              'Only rows whose title or name contains this text (case-insensitive).',
            schema: {
              type: 'string',
              maxLength: 100,
            },
          },
          {
            name: 'entityRef',
            in: 'query',
            required: false,
            description:
              "Only these entities (e.g. the viewer's teams). Repeat for several; at most 100.",
            schema: {
              type: 'array',
              maxItems: 100,
              items: {
                type: 'string',
                maxLength: 255,
              },
            },
          },
          {
            $ref: '#/components/parameters/statusFilter',
          },
          {
            name: 'kpiId',
            in: 'query',
            required: false,
            description:
              'The KPI that `status` filters on and `sort=value`/`sort=status` sorts by.',
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'sort',
            in: 'query',
            required: false,
            description:
              '`title` (default), `status` (worst first with `desc`), `score`, or `value` (with `kpiId`).',
            schema: {
              type: 'string',
              enum: ['title', 'status', 'score', 'value'],
            },
          },
          {
            $ref: '#/components/parameters/order',
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of rows and the total that matched.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['day', 'kind', 'total', 'items'],
                  properties: {
                    day: {
                      type: 'string',
                      format: 'date',
                    },
                    kind: {
                      type: 'string',
                    },
                    total: {
                      type: 'integer',
                    },
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/AggregateRow',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/members': {
      get: {
        operationId: 'listMembers',
        summary:
          'The entities a team, system or domain holds (those the caller may read), each with its own KPI values for the day: the drill-down from a rollup, filtered, sorted and paged on the server.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/day',
          },
          {
            name: 'memberKind',
            in: 'query',
            required: false,
            description:
              'Only members of this kind (e.g. `journey`, `resource`, `api`).',
            schema: {
              type: 'string',
              pattern: '^[A-Za-z0-9._-]{1,63}$',
            },
          },
          {
            name: 'q',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              maxLength: 100,
            },
          },
          {
            $ref: '#/components/parameters/statusFilter',
          },
          {
            name: 'kpiId',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              maxLength: 255,
            },
          },
          {
            name: 'sort',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['title', 'status', 'score', 'value'],
            },
          },
          {
            $ref: '#/components/parameters/order',
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            $ref: '#/components/parameters/limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of members and the total that matched.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['entityRef', 'day', 'total', 'items'],
                  properties: {
                    entityRef: {
                      type: 'string',
                    },
                    day: {
                      type: 'string',
                      format: 'date',
                    },
                    total: {
                      type: 'integer',
                    },
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/MemberRow',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
