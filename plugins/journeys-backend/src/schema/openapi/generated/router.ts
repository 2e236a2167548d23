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
      "Journeys (journeys-backend), under /api/journeys: the OTLP/HTTP and Faro receivers, journey statistics from the rollups, instances by journey or by business key, trace id or message id, an instance's waterfall and its spans; each Journey objective's SLI, error budget, burn rates and burn-rate alerts; a Prometheus text exposition of the per-journey counters; an OpenSLO v1 export of every objective.",
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
      InstanceStatus: {
        type: 'string',
        description:
          'How one journey instance ended up, or where it is (the rule is in the README, "Verdicts"): ok, failed, rejected (the entry answered 4xx), recovered-by-replay, in-flight, stuck.',
        enum: [
          'ok',
          'failed',
          'rejected',
          'recovered-by-replay',
          'in-flight',
          'stuck',
        ],
      },
      StatsWindow: {
        type: 'string',
        description: 'A statistics window.',
        enum: ['1h', '6h', '24h', '7d'],
      },
      JourneyStatsPoint: {
        type: 'object',
        description: "One bucket of a journey's time series.",
        required: [
          'time',
          'count',
          'failed',
          'recovered',
          'p50Ms',
          'p95Ms',
          'p99Ms',
        ],
        properties: {
          time: {
            type: 'string',
            description: 'Bucket start, ISO date-time.',
          },
          count: {
            type: 'integer',
            description:
              'Instances started in the bucket, whatever their outcome.',
          },
          failed: {
            type: 'integer',
          },
          recovered: {
            type: 'integer',
            description:
              'Of `count`, those that failed first and were finished by a replay.',
          },
          p50Ms: {
            type: 'number',
            nullable: true,
            description:
              'Milliseconds; null when no instance ended in the bucket.',
          },
          p95Ms: {
            type: 'number',
            nullable: true,
          },
          p99Ms: {
            type: 'number',
            nullable: true,
          },
        },
      },
      JourneyStats: {
        type: 'object',
        description: "A Journey's figures over a window, from the rollups.",
        required: [
          'ref',
          'title',
          'components',
          'businessKeys',
          'window',
          'volume',
          'failed',
          'stuck',
          'inFlight',
          'rejected',
          'recoveredByReplay',
          'errorRate',
          'p50Ms',
          'p95Ms',
          'p99Ms',
          'recoveryP50Ms',
          'recoveryP95Ms',
          'series',
        ],
        properties: {
          ref: {
            type: 'string',
            description:
              'Entity ref of the Journey, e.g. `journey:default/checkout`.',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          components: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          businessKeys: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          window: {
            $ref: '#/components/schemas/StatsWindow',
          },
          volume: {
            type: 'integer',
            description: 'Instances started in the window.',
          },
          failed: {
            type: 'integer',
          },
          stuck: {
            type: 'integer',
          },
          inFlight: {
            type: 'integer',
          },
          rejected: {
            type: 'integer',
          },
          recoveredByReplay: {
            type: 'integer',
            description:
              'Instances that failed first and were finished by a replay from a dead-letter queue.',
          },
          errorRate: {
            type: 'number',
            nullable: true,
            description:
              'failed / (volume − inFlight − rejected), 0..1; null without finished instances.',
          },
          p50Ms: {
            type: 'number',
            nullable: true,
            description:
              "Cycle time of the journey's own run (first attempt to first outcome) of ok and failed instances, interpolated within one latency bucket.",
          },
          p95Ms: {
            type: 'number',
            nullable: true,
          },
          p99Ms: {
            type: 'number',
            nullable: true,
          },
          recoveryP50Ms: {
            type: 'number',
            nullable: true,
            description:
              'Time from the first failure to the replay that finished recovered-by-replay instances.',
          },
          recoveryP95Ms: {
            type: 'number',
            nullable: true,
          },
          series: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/JourneyStatsPoint',
            },
          },
        },
      },
      RecoveredStep: {
        type: 'object',
        description:
          'An operation that failed and succeeded on a later attempt (a retry, a redelivery, a replay).',
        required: ['service', 'name', 'attempts', 'byReplay'],
        properties: {
          service: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          attempts: {
            type: 'integer',
          },
          byReplay: {
            type: 'boolean',
          },
        },
      },
      FailingStep: {
        type: 'object',
        description:
          'For failed instances the root cause: the deepest error span of the chain that failed first. For stuck ones the last step seen (spanId empty).',
        required: ['service', 'name', 'traceId', 'spanId'],
        properties: {
          service: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          traceId: {
            type: 'string',
          },
          spanId: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          httpStatus: {
            type: 'integer',
          },
          rpcStatus: {
            type: 'integer',
          },
          destination: {
            type: 'string',
          },
        },
      },
      InstanceSummary: {
        type: 'object',
        description: 'A journey instance in a list.',
        required: [
          'id',
          'journey',
          'status',
          'startedAt',
          'endedAt',
          'durationMs',
          'traceCount',
          'spanCount',
          'errorCount',
          'services',
          'businessKeys',
        ],
        properties: {
          id: {
            type: 'string',
            description:
              "The trace id of the instance's entry trace (32 hex digits).",
          },
          journey: {
            type: 'string',
            nullable: true,
            description:
              'Journey entity ref; null when no Journey recognised the entry.',
          },
          status: {
            $ref: '#/components/schemas/InstanceStatus',
          },
          startedAt: {
            type: 'string',
            description: 'ISO date-time of the first span.',
          },
          endedAt: {
            type: 'string',
            description: "ISO date-time of the last span end (a replay's too).",
          },
          durationMs: {
            type: 'number',
            description:
              "The journey's own run, first attempt to first outcome; a later replay is not in it.",
          },
          timeToFirstFailureMs: {
            type: 'number',
            description:
              'recovered-by-replay only, from the start to the first failure.',
          },
          recoveryMs: {
            type: 'number',
            description:
              'recovered-by-replay only, from the first failure to the end of the replay that finished it.',
          },
          recoveredSteps: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RecoveredStep',
            },
          },
          traceCount: {
            type: 'integer',
          },
          spanCount: {
            type: 'integer',
          },
          errorCount: {
            type: 'integer',
          },
          services: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          businessKeys: {
            type: 'object',
            description:
              'Business key values seen on the instance, e.g. `{ "app.order.id": "ord-4711" }`.',
            additionalProperties: {
              type: 'string',
            },
          },
          failingStep: {
            $ref: '#/components/schemas/FailingStep',
          },
        },
      },
      SearchMatchKind: {
        type: 'string',
        description: 'What a search term matched.',
        enum: ['business-key', 'trace-id', 'message-id', 'instance-id'],
      },
      SearchResult: {
        type: 'object',
        required: ['query', 'matches'],
        properties: {
          query: {
            type: 'string',
          },
          matches: {
            type: 'array',
            items: {
              type: 'object',
              required: ['instance', 'matchedBy'],
              properties: {
                instance: {
                  $ref: '#/components/schemas/InstanceSummary',
                },
                matchedBy: {
                  $ref: '#/components/schemas/SearchMatchKind',
                },
                key: {
                  type: 'string',
                  description:
                    'The attribute that matched for business keys, e.g. `app.order.id`.',
                },
              },
            },
          },
        },
      },
      SpanKindNumber: {
        type: 'integer',
        description:
          'SpanKind as in OTLP (0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer).',
        enum: [0, 1, 2, 3, 4, 5],
      },
      WaterfallSpan: {
        type: 'object',
        description:
          'A span as the waterfall needs it; details (attributes, events) come from GET /spans/….',
        required: [
          'traceId',
          'spanId',
          'parentSpanId',
          'name',
          'service',
          'kind',
          'startUs',
          'durationUs',
          'status',
          'links',
        ],
        properties: {
          traceId: {
            type: 'string',
          },
          spanId: {
            type: 'string',
          },
          parentSpanId: {
            type: 'string',
            description: 'Empty for a trace root.',
          },
          name: {
            type: 'string',
          },
          service: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/SpanKindNumber',
          },
          startUs: {
            type: 'number',
            description: 'Microseconds since the epoch.',
          },
          durationUs: {
            type: 'number',
          },
          status: {
            type: 'integer',
            description: 'OTLP status code: 0 unset, 1 ok, 2 error.',
            enum: [0, 1, 2],
          },
          links: {
            type: 'array',
            description:
              'Span links (async hops): the producer span this span continues.',
            items: {
              type: 'object',
              required: ['traceId', 'spanId'],
              properties: {
                traceId: {
                  type: 'string',
                },
                spanId: {
                  type: 'string',
                },
              },
            },
          },
          browser: {
            type: 'boolean',
            enum: [true],
            description:
              "Reported by the portal's browser (Faro receiver, untrusted): shown in its trace, never deciding the instance's status or failing step. Absent for backend spans.",
          },
        },
      },
      InstanceDetail: {
        type: 'object',
        required: ['instance', 'spans', 'criticalPath', 'truncated'],
        properties: {
          instance: {
            $ref: '#/components/schemas/InstanceSummary',
          },
          spans: {
            type: 'array',
            description:
              'Every span of every trace in the instance, ordered by start time.',
            items: {
              $ref: '#/components/schemas/WaterfallSpan',
            },
          },
          criticalPath: {
            type: 'array',
            description:
              'Span ids (traceId:spanId) on the critical path, entry to last end.',
            items: {
              type: 'string',
            },
          },
          truncated: {
            type: 'boolean',
            description:
              'True when the instance had more spans than the server returns (spans then truncated).',
          },
        },
      },
      AttributeValue: {
        description:
          'An OTLP attribute value as JSON: a string, number, boolean, null, an array of values or an object of values (a kvlist). Left open here (any JSON value), as it nests.',
      },
      Attributes: {
        type: 'object',
        additionalProperties: {
          $ref: '#/components/schemas/AttributeValue',
        },
      },
      SpanDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/WaterfallSpan',
          },
          {
            type: 'object',
            required: ['attributes', 'resource', 'events', 'linkAttributes'],
            properties: {
              statusMessage: {
                type: 'string',
              },
              scope: {
                type: 'string',
              },
              attributes: {
                $ref: '#/components/schemas/Attributes',
              },
              resource: {
                $ref: '#/components/schemas/Attributes',
              },
              events: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'timeUs', 'attributes'],
                  properties: {
                    name: {
                      type: 'string',
                    },
                    timeUs: {
                      type: 'number',
                    },
                    attributes: {
                      $ref: '#/components/schemas/Attributes',
                    },
                  },
                },
              },
              linkAttributes: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/Attributes',
                },
              },
            },
          },
        ],
      },
      OtlpExportResponse: {
        type: 'object',
        description:
          "OTLP's ExportTraceServiceResponse (as JSON, or protobuf for a protobuf request); partialSuccess names the spans that were rejected.",
        properties: {
          partialSuccess: {
            type: 'object',
            properties: {
              rejectedSpans: {
                oneOf: [
                  {
                    type: 'integer',
                  },
                  {
                    type: 'string',
                  },
                ],
              },
              errorMessage: {
                type: 'string',
              },
            },
          },
        },
      },
      TraceId: {
        type: 'string',
        description: 'A trace id (32 lowercase hex digits).',
        pattern: '^[0-9a-f]{32}$',
      },
      SpanId: {
        type: 'string',
        description: 'A span id (16 lowercase hex digits).',
        pattern: '^[0-9a-f]{16}$',
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
      RetryLater: {
        description:
          'Too many requests; retry after the seconds in Retry-After.',
        headers: {
          'Retry-After': {
            description: 'Seconds to wait before sending again.',
            schema: {
              type: 'integer',
            },
          },
        },
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
    '/journeys': {
      get: {
        operationId: 'ListJourneys',
        description:
          "Every Journey's figures from the rollups: volume, failed, rejected, stuck, in flight, recovered by replay, error rate, cycle-time and recovery percentiles and a time series, for instances that started in the window ending at `end`.",
        parameters: [
          {
            name: 'window',
            in: 'query',
            required: false,
            description: 'The window (default 24h).',
            schema: {
              $ref: '#/components/schemas/StatsWindow',
            },
          },
          {
            name: 'component',
            in: 'query',
            required: false,
            description:
              'Only journeys this component takes part in (an entity ref).',
            schema: {
              type: 'string',
              minLength: 3,
              maxLength: 300,
            },
          },
          {
            name: 'end',
            in: 'query',
            required: false,
            description:
              'End of the window, an ISO date-time with offset (default now): at most 400 days back, never in the future; cut at the rollup minute.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The journeys.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/JourneyStats',
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
    '/journeys/{namespace}/{name}/instances': {
      get: {
        operationId: 'ListJourneyInstances',
        description: 'Instances of one Journey, newest first or slowest first.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/InstanceStatus',
            },
          },
          {
            name: 'sort',
            in: 'query',
            required: false,
            description:
              '`recent` (default) lists the newest first, `duration` the slowest.',
            schema: {
              type: 'string',
              enum: ['recent', 'duration'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'At most this many (default 20).',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
            },
          },
          {
            name: 'window',
            in: 'query',
            required: false,
            description: 'Only instances that started in this window.',
            schema: {
              $ref: '#/components/schemas/StatsWindow',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The instances.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/InstanceSummary',
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
    '/search': {
      get: {
        operationId: 'SearchInstances',
        description:
          'An order id (any business key), trace id, message id or instance id → the instances holding it (nested ones folded into the outer).',
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: true,
            description: 'The term; surrounding white space is ignored.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
        ],
        responses: {
          '200': {
            description: 'What the term matched.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SearchResult',
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
    '/instances/{id}': {
      get: {
        operationId: 'GetInstance',
        description:
          "An instance's summary, every span of every trace (waterfall form) and its critical path.",
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'The instance id (its entry trace id).',
            schema: {
              $ref: '#/components/schemas/TraceId',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The instance.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/InstanceDetail',
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
    '/spans/{traceId}/{spanId}': {
      get: {
        operationId: 'GetSpan',
        description: "One span's attributes, resource, events and links.",
        parameters: [
          {
            name: 'traceId',
            in: 'path',
            required: true,
            schema: {
              $ref: '#/components/schemas/TraceId',
            },
          },
          {
            name: 'spanId',
            in: 'path',
            required: true,
            schema: {
              $ref: '#/components/schemas/SpanId',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The span.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SpanDetail',
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
    '/v1/traces': {
      post: {
        operationId: 'ExportTraces',
        description:
          'The OTLP/HTTP trace receiver, for exporters with a token holding `journeys.traces.ingest`. The body is an ExportTraceServiceRequest in OTLP/JSON or protobuf, optionally gzip or deflate; its size is limited by `journeys.ingest.maxBodyBytes`, after inflating too. Valid spans are stored even when others are rejected (partialSuccess). The body is read by the route itself (it is not checked against this description).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                description: 'An OTLP/JSON ExportTraceServiceRequest.',
                required: ['resourceSpans'],
                properties: {
                  resourceSpans: {
                    type: 'array',
                    items: {
                      type: 'object',
                    },
                  },
                },
              },
            },
            'application/x-protobuf': {
              schema: {
                type: 'string',
                format: 'binary',
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'Stored; partialSuccess names the spans that were rejected.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OtlpExportResponse',
                },
              },
              'application/x-protobuf': {
                schema: {
                  type: 'string',
                  format: 'binary',
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
          '413': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '415': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '429': {
            $ref: '#/components/responses/RetryLater',
          },
          '503': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/faro/collect': {
      post: {
        operationId: 'CollectFaro',
        description:
          "The portal's browser telemetry (Grafana Faro web SDK payload), without a token: only from the portal's Origin and `service.name`, limited in size and rate per client. Its traces are stored as browser spans (untrusted); logs, events, measurements and exceptions are accepted and dropped. The body is read by the route itself.",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                description: 'A Faro payload.',
                required: ['meta'],
                properties: {
                  meta: {
                    type: 'object',
                  },
                  traces: {
                    type: 'object',
                    description: 'OTLP/JSON traces.',
                  },
                },
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'Accepted.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '403': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '413': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '415': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '429': {
            $ref: '#/components/responses/RetryLater',
          },
        },
      },
    },
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
