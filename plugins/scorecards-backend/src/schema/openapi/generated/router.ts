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
      "KPI scorecards (scorecards-backend), under /api/scorecards: the KPIs with their definitions and thresholds, an entity's values for a day with week-over-week and month-over-month deltas and its rolled-up status, and a KPI's history. Every route needs `scorecards.read`; an entity the caller may not read in the catalog answers 404.",
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
            name: 'day',
            in: 'query',
            required: false,
            description: 'The UTC day, `YYYY-MM-DD`; yesterday when left out.',
            schema: {
              type: 'string',
              format: 'date',
            },
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
        summary: "One KPI's snapshots for an entity over a period.",
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
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
