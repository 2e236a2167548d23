// Generated from plugins/journeys-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-journeys-backend schema:generate`; do not edit.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'journeys',
    version: '1',
    description:
      "Service level objectives of Journeys (journeys-backend), under /api/journeys: each Journey objective's SLI, error budget, burn rates and burn-rate alerts, read from the rollups; a Prometheus text exposition of the per-journey counters; an OpenSLO v1 export of every objective. The older trace routes of this plugin are described in the plugin's README.",
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
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: "The Journey's namespace, e.g. `default`.",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9._-]{1,63}$',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: "The Journey's name, e.g. `checkout`.",
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
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      BurnWindow: {
        type: 'string',
        description: 'A burn-rate window.',
        enum: ['5m', '30m', '1h', '2h', '6h', '1d', '3d'],
      },
      BurnRates: {
        type: 'object',
        description:
          'Burn rate per window: the observed error ratio over the window divided by the allowed one (1 − target). 1 spends exactly the budget over the SLO window; 0 when the window holds no valid events.',
        required: ['5m', '30m', '1h', '2h', '6h', '1d', '3d'],
        properties: {
          '5m': {
            type: 'number',
          },
          '30m': {
            type: 'number',
          },
          '1h': {
            type: 'number',
          },
          '2h': {
            type: 'number',
          },
          '6h': {
            type: 'number',
          },
          '1d': {
            type: 'number',
          },
          '3d': {
            type: 'number',
          },
        },
      },
      ErrorBudget: {
        type: 'object',
        description:
          "The objective's error budget over its window. `totalEvents` = valid × (1 − target) bad events are allowed; `consumedEvents` were spent; `remainingEvents` may go below zero: then more events were bad than the target allows, and the objective is not met over the window.",
        required: [
          'totalEvents',
          'consumedEvents',
          'remainingEvents',
          'remainingFraction',
          'totalTimeMs',
          'remainingTimeMs',
        ],
        properties: {
          totalEvents: {
            type: 'number',
          },
          consumedEvents: {
            type: 'number',
          },
          remainingEvents: {
            type: 'number',
          },
          remainingFraction: {
            type: 'number',
            nullable: true,
            description:
              '1 untouched, 0 spent, below 0 blown; null without valid events.',
          },
          totalTimeMs: {
            type: 'number',
            description:
              'The budget as time: how long a full outage (every event bad) the window allows, (1 − target) × window.',
          },
          remainingTimeMs: {
            type: 'number',
            nullable: true,
            description:
              'remainingFraction × totalTimeMs (negative when blown).',
          },
        },
      },
      BudgetStatus: {
        type: 'string',
        description:
          "The budget's colour range: `healthy` over 25 % left, `warning` 0–25 % left, `exhausted` below 0 (blown), `no-data` without valid events in the window.",
        enum: ['healthy', 'warning', 'exhausted', 'no-data'],
      },
      Outcomes: {
        type: 'object',
        description:
          'How the objective counts instance outcomes: good and bad ones make the valid events; excluded ones do not count at all.',
        required: ['good', 'bad', 'excluded'],
        properties: {
          good: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          bad: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          excluded: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      Alert: {
        type: 'object',
        description:
          'A burn-rate alert of one severity on one objective, open or resolved.',
        required: [
          'id',
          'severity',
          'firingSince',
          'resolvedAt',
          'rules',
          'budgetRemaining',
        ],
        properties: {
          id: {
            type: 'integer',
          },
          severity: {
            type: 'string',
            enum: ['page', 'ticket'],
          },
          firingSince: {
            type: 'string',
            format: 'date-time',
          },
          resolvedAt: {
            type: 'string',
            format: 'date-time',
            nullable: true,
          },
          budgetRemaining: {
            type: 'number',
            nullable: true,
            description: 'The remaining budget fraction when it fired.',
          },
          rules: {
            type: 'array',
            description:
              'The window pairs that fired it, with their figures then.',
            items: {
              $ref: '#/components/schemas/FiredRule',
            },
          },
        },
      },
      FiredRule: {
        type: 'object',
        required: [
          'factor',
          'longWindowMs',
          'shortWindowMs',
          'longBurn',
          'shortBurn',
          'longValid',
        ],
        properties: {
          factor: {
            type: 'number',
          },
          longWindowMs: {
            type: 'number',
          },
          shortWindowMs: {
            type: 'number',
          },
          longBurn: {
            type: 'number',
          },
          shortBurn: {
            type: 'number',
          },
          longValid: {
            type: 'number',
          },
        },
      },
      SloSummary: {
        type: 'object',
        description: 'One objective of one Journey, evaluated now.',
        required: [
          'journey',
          'journeyTitle',
          'owner',
          'objective',
          'indicator',
          'outcomes',
          'target',
          'timeWindow',
          'windowMs',
          'good',
          'bad',
          'sli',
          'budget',
          'budgetStatus',
          'burnRates',
          'timeToExhaustionMs',
          'openAlerts',
        ],
        properties: {
          journey: {
            type: 'string',
            description:
              "The Journey's entity ref, e.g. `journey:default/checkout`.",
          },
          journeyTitle: {
            type: 'string',
          },
          owner: {
            type: 'string',
            description: "The owner's entity ref.",
          },
          objective: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          indicator: {
            type: 'string',
            enum: ['ratio', 'latency'],
          },
          thresholdMs: {
            type: 'number',
            description: "Latency objectives' threshold.",
          },
          outcomes: {
            $ref: '#/components/schemas/Outcomes',
          },
          target: {
            type: 'number',
          },
          timeWindow: {
            type: 'string',
            description:
              "The objective's rolling window as declared, e.g. `28d`.",
          },
          windowMs: {
            type: 'number',
          },
          good: {
            type: 'integer',
            description: 'Good events in the window.',
          },
          bad: {
            type: 'integer',
            description: 'Bad events in the window.',
          },
          sli: {
            type: 'number',
            nullable: true,
            description: 'good / (good + bad); null without valid events.',
          },
          budget: {
            $ref: '#/components/schemas/ErrorBudget',
          },
          budgetStatus: {
            $ref: '#/components/schemas/BudgetStatus',
          },
          burnRates: {
            $ref: '#/components/schemas/BurnRates',
          },
          timeToExhaustionMs: {
            type: 'number',
            nullable: true,
            description:
              'When the remaining budget runs out at the 1h burn rate; null when nothing burns or nothing is left.',
          },
          openAlerts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Alert',
            },
          },
        },
      },
      RuleState: {
        type: 'object',
        description:
          'One multiwindow burn-rate rule now: it fires when the burn rate over both windows is at or above the factor and the long window holds at least minValidEvents.',
        required: [
          'severity',
          'factor',
          'budgetShare',
          'longWindow',
          'shortWindow',
          'longBurn',
          'shortBurn',
          'longValid',
          'firing',
          'tooFewEvents',
        ],
        properties: {
          severity: {
            type: 'string',
            enum: ['page', 'ticket'],
          },
          factor: {
            type: 'number',
          },
          budgetShare: {
            type: 'number',
            description:
              "The share of the window's budget this rule lets burn within its long window before firing (factor × long window / SLO window).",
          },
          longWindow: {
            $ref: '#/components/schemas/BurnWindow',
          },
          shortWindow: {
            $ref: '#/components/schemas/BurnWindow',
          },
          longBurn: {
            type: 'number',
          },
          shortBurn: {
            type: 'number',
          },
          longValid: {
            type: 'integer',
          },
          firing: {
            type: 'boolean',
          },
          tooFewEvents: {
            type: 'boolean',
            description:
              'Both windows are over the factor, but the low-traffic guard holds it back.',
          },
        },
      },
      BudgetPoint: {
        type: 'object',
        required: [
          'time',
          'remainingFraction',
          'consumedEvents',
          'totalEvents',
        ],
        properties: {
          time: {
            type: 'string',
            format: 'date-time',
          },
          remainingFraction: {
            type: 'number',
            nullable: true,
          },
          consumedEvents: {
            type: 'number',
          },
          totalEvents: {
            type: 'number',
          },
        },
      },
      BurnPoint: {
        type: 'object',
        required: ['time', 'burnRates'],
        properties: {
          time: {
            type: 'string',
            format: 'date-time',
          },
          burnRates: {
            $ref: '#/components/schemas/BurnRates',
          },
        },
      },
      BurningInstance: {
        type: 'object',
        required: ['id', 'status', 'startedAt', 'durationMs'],
        properties: {
          id: {
            type: 'string',
          },
          status: {
            type: 'string',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          durationMs: {
            type: 'number',
            nullable: true,
          },
          businessKeys: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
        },
      },
      SloDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/SloSummary',
          },
          {
            type: 'object',
            required: [
              'rules',
              'minValidEvents',
              'burnDown',
              'burnRateHistory',
              'alertHistory',
              'burningInstances',
            ],
            properties: {
              rules: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/RuleState',
                },
              },
              minValidEvents: {
                type: 'integer',
                description: 'The low-traffic guard.',
              },
              burnDown: {
                type: 'array',
                description:
                  'Remaining budget over the SLO window, from its start to now.',
                items: {
                  $ref: '#/components/schemas/BudgetPoint',
                },
              },
              burnRateHistory: {
                type: 'array',
                description:
                  'Burn rates over the last 24 hours, every 10 minutes.',
                items: {
                  $ref: '#/components/schemas/BurnPoint',
                },
              },
              alertHistory: {
                type: 'array',
                description: "The objective's latest alerts, newest first.",
                items: {
                  $ref: '#/components/schemas/Alert',
                },
              },
              burningInstances: {
                type: 'array',
                description:
                  'Instances in the window that counted as bad events (latency: the slowest over the threshold; ratio: the latest bad ones).',
                items: {
                  $ref: '#/components/schemas/BurningInstance',
                },
              },
            },
          },
        ],
      },
      JourneySlos: {
        type: 'object',
        required: ['journey', 'journeyTitle', 'owner', 'objectives'],
        properties: {
          journey: {
            type: 'string',
          },
          journeyTitle: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          objectives: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloDetail',
            },
          },
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: "An error, as Backstage's JSON error body.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
  },
  security: [
    {
      JWT: [],
    },
  ],
  paths: {
    '/slos': {
      get: {
        operationId: 'ListSlos',
        description:
          'Every Journey objective, evaluated now, sorted by remaining budget (least first).',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            required: false,
            description:
              'Only journeys of this owner (an entity ref, e.g. `group:default/orders`).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The objectives.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/SloSummary',
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
    '/slos/{namespace}/{name}': {
      get: {
        operationId: 'GetJourneySlos',
        description:
          "One Journey's objectives with the figures behind them: rules, budget burn-down, burn-rate history, alerts and the instances that burned the budget.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The Journey's objectives.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/JourneySlos',
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
    '/openslo': {
      get: {
        operationId: 'ExportOpenSlo',
        description:
          'Every Journey objective as OpenSLO v1 documents (an SLI and an SLO each), one YAML stream.',
        responses: {
          '200': {
            description: 'OpenSLO v1 documents.',
            content: {
              'application/yaml': {
                schema: {
                  type: 'string',
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
    '/metrics': {
      get: {
        operationId: 'GetMetrics',
        description:
          'Prometheus text exposition (0.0.4) of the per-journey counters by outcome and the cycle-time histogram, from the rollups. Needs `journeys.metrics.read` (the metrics token holds only that).',
        responses: {
          '200': {
            description: 'Prometheus text format.',
            content: {
              'text/plain': {
                schema: {
                  type: 'string',
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
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
