// Generated from packages/integration-runtime/openapi.yaml by
// `yarn workspace @internal/integration-runtime-client generate`; do not edit.
/* eslint-disable */
export const runtimeAdminDocument: Record<string, any> = {
  openapi: '3.1.0',
  info: {
    title: 'Integration runtime admin API',
    version: '1.0.0',
    summary: 'Inspect dead-letter queues and replay failed messages safely.',
    description:
      'The contract between an integration runtime and the Switchboard portal. The reference\nruntime (packages/integration-runtime) implements it; any runtime can.\n\n- Inspection reads the runtime\'s failure store, never the broker: paging and\n  filtering do not consume or reorder messages.\n- A replay job snapshots its messages when created; the set cannot grow. Messages are\n  re-published to their original exchange and routing key with `replay-id`,\n  `replay-count` and `replay-target-queue` headers; a failure record is deleted only\n  after the broker confirmed the publish. A message that fails again after\n  `maxReplays` replays is parked instead of looping.\n- Every `/v1` endpoint needs `Authorization: Bearer <token>`. The read token may only\n  read; the admin token may also change state. Errors answer with the JSON body\n  `{ "error": { "name", "message" }, "request": { "method", "url" }, "response": { "statusCode" } }`.\n',
    contact: {
      name: 'Platform team',
      email: 'platform@acme.example',
    },
  },
  servers: [
    {
      url: 'http://localhost:7300',
      description: 'The reference runtime started by `npm start`',
    },
  ],
  security: [
    {
      bearerAuth: [],
    },
  ],
  tags: [
    {
      name: 'dead letters',
    },
    {
      name: 'replays',
    },
    {
      name: 'operations',
    },
  ],
  paths: {
    '/health': {
      get: {
        tags: ['operations'],
        operationId: 'getHealth',
        summary: "Liveness, broker kind and the broker's state",
        description:
          'Answers 200 while the process runs, also while the broker is down (`brokerState`\nsays so); load balancers that should stop routing to a runtime without its broker\nuse `/health/ready`.\n',
        security: [],
        responses: {
          '200': {
            description: 'The runtime is up.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status', 'broker', 'brokerState'],
                  properties: {
                    status: {
                      const: 'ok',
                    },
                    broker: {
                      type: 'string',
                      enum: ['rabbitmq', 'embedded'],
                    },
                    brokerState: {
                      $ref: '#/components/schemas/BrokerState',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/health/live': {
      get: {
        tags: ['operations'],
        operationId: 'getLiveness',
        summary: 'Liveness - 200 while the process runs',
        security: [],
        responses: {
          '200': {
            description: 'The process runs.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status'],
                  properties: {
                    status: {
                      const: 'ok',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/health/ready': {
      get: {
        tags: ['operations'],
        operationId: 'getReadiness',
        summary:
          'Readiness - 200 when the broker is up, 503 with Retry-After while it is down',
        security: [],
        responses: {
          '200': {
            description: 'The runtime serves checkouts and replays.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Readiness',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            description:
              'The broker is down; the runtime reconnects by itself.',
            headers: {
              'Retry-After': {
                $ref: '#/components/headers/RetryAfter',
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Readiness',
                },
              },
            },
          },
        },
      },
    },
    '/v1/dlqs': {
      get: {
        tags: ['dead letters'],
        operationId: 'listDlqs',
        summary: 'Every dead-letter queue with depth and oldest age',
        responses: {
          '200': {
            description: "The runtime's dead-letter queues.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Dlq',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/dlqs/{dlq}': {
      parameters: [
        {
          $ref: '#/components/parameters/Dlq',
        },
      ],
      get: {
        tags: ['dead letters'],
        operationId: 'getDlq',
        summary: 'One dead-letter queue',
        responses: {
          '200': {
            description: 'The queue.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Dlq',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/dlqs/{dlq}/messages': {
      parameters: [
        {
          $ref: '#/components/parameters/Dlq',
        },
      ],
      get: {
        tags: ['dead letters'],
        operationId: 'listFailedMessages',
        summary: 'Page through failed messages without consuming them',
        description:
          'Newest failure first. Keyset-paged with `cursor` from the previous page.',
        parameters: [
          {
            name: 'status',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/FailureStatus',
            },
          },
          {
            name: 'businessId',
            in: 'query',
            description: 'An order id or payment id.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
          {
            name: 'fingerprint',
            in: 'query',
            schema: {
              type: 'string',
              pattern: '^[0-9a-f]{16}$',
            },
          },
          {
            name: 'errorClass',
            in: 'query',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
          {
            name: 'classification',
            in: 'query',
            description:
              'Only messages classified so (see FailureClassification).',
            schema: {
              $ref: '#/components/schemas/FailureKind',
            },
          },
          {
            name: 'from',
            in: 'query',
            description: 'Last failure at or after this time.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            name: 'to',
            in: 'query',
            description: 'Last failure before this time.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
          {
            $ref: '#/components/parameters/Limit',
          },
          {
            name: 'cursor',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 500,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'nextCursor', 'total'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/FailedMessageSummary',
                      },
                    },
                    nextCursor: {
                      type: ['string', 'null'],
                    },
                    total: {
                      type: 'integer',
                      minimum: 0,
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/dlqs/{dlq}/groups': {
      parameters: [
        {
          $ref: '#/components/parameters/Dlq',
        },
      ],
      get: {
        tags: ['dead letters'],
        operationId: 'listFingerprintGroups',
        summary: 'Failed messages grouped by fingerprint',
        parameters: [
          {
            name: 'status',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/FailureStatus',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Groups, largest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/FingerprintGroup',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/dlqs/{dlq}/inflow': {
      parameters: [
        {
          $ref: '#/components/parameters/Dlq',
        },
      ],
      get: {
        tags: ['dead letters'],
        operationId: 'getDlqInflow',
        summary: 'Dead letters received per time bucket',
        description:
          'Counts every dead letter the runtime drained into its failure store, also those\nsince replayed, archived or purged, so the trend shows inflow rather than depth.\n',
        parameters: [
          {
            name: 'hours',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 720,
              default: 24,
            },
          },
          {
            name: 'bucketMinutes',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1440,
              default: 60,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Buckets oldest first, empty ones included.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['bucketSeconds', 'buckets'],
                  properties: {
                    bucketSeconds: {
                      type: 'integer',
                    },
                    buckets: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['start', 'count'],
                        properties: {
                          start: {
                            type: 'string',
                            format: 'date-time',
                          },
                          count: {
                            type: 'integer',
                            minimum: 0,
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/messages/{id}': {
      parameters: [
        {
          $ref: '#/components/parameters/MessageId',
        },
      ],
      get: {
        tags: ['dead letters'],
        operationId: 'getFailedMessage',
        summary: 'One failed message with its full context',
        responses: {
          '200': {
            description: 'The message, its headers, body and failure context.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FailedMessage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/messages/{id}/replay': {
      parameters: [
        {
          $ref: '#/components/parameters/MessageId',
        },
      ],
      post: {
        tags: ['replays'],
        operationId: 'replayEditedMessage',
        summary:
          'Replay one failed message with a corrected body (edit and retry)',
        description:
          "Publishes `body` instead of the stored body to the message's original exchange and\nrouting key, for its original queue only. The edited message gets a new message id\n(it is a different message, not a redelivery) and keeps the idempotency key, so a\nside effect already performed for the business id is not repeated. The original\nrecord is kept, archived with a reason naming the new message id. A JSON message's\nbody must be valid JSON; checking it against the topic's schema is the caller's job.\n",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/EditedReplayRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Published (the broker confirmed it).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EditedReplay',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/messages/archive': {
      post: {
        tags: ['dead letters'],
        operationId: 'archiveMessages',
        summary: 'Archive failed messages (kept, no longer replayable)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BulkMessageAction',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What was archived.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['archived'],
                  properties: {
                    archived: {
                      type: 'array',
                      items: {
                        type: 'string',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/messages/purge': {
      post: {
        tags: ['dead letters'],
        operationId: 'purgeMessages',
        summary: 'Delete failed messages for good',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BulkMessageAction',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What was purged.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['purged'],
                  properties: {
                    purged: {
                      type: 'array',
                      items: {
                        type: 'string',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/replays/plan': {
      post: {
        tags: ['replays'],
        operationId: 'planReplay',
        summary: 'Dry run of a replay',
        description:
          'What a replay with this selection would do; changes nothing.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ReplaySelection',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The plan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReplayPlan',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/replays': {
      get: {
        tags: ['replays'],
        operationId: 'listReplays',
        summary: 'Recent replay jobs',
        parameters: [
          {
            name: 'dlq',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/QueueName',
            },
          },
          {
            $ref: '#/components/parameters/Limit',
          },
        ],
        responses: {
          '200': {
            description: 'Newest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ReplayJob',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
      post: {
        tags: ['replays'],
        operationId: 'createReplay',
        summary: 'Start a replay job',
        description:
          'Snapshots the selected failed messages and re-drives them at `ratePerSecond`.\nWith an `Idempotency-Key` header, submitting the same request again returns the\nfirst job (200) instead of starting a second one.\n',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                allOf: [
                  {
                    $ref: '#/components/schemas/ReplaySelection',
                  },
                  {
                    type: 'object',
                    required: ['reason', 'requester'],
                    properties: {
                      reason: {
                        $ref: '#/components/schemas/Reason',
                      },
                      requester: {
                        $ref: '#/components/schemas/Requester',
                      },
                    },
                  },
                ],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The job created earlier with this Idempotency-Key.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReplayJob',
                },
              },
            },
          },
          '201': {
            description: 'The new job.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReplayJob',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/replays/{id}': {
      parameters: [
        {
          $ref: '#/components/parameters/ReplayId',
        },
      ],
      get: {
        tags: ['replays'],
        operationId: 'getReplay',
        summary: "A job's progress",
        responses: {
          '200': {
            description: 'The job.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReplayJob',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/replays/{id}/items': {
      parameters: [
        {
          $ref: '#/components/parameters/ReplayId',
        },
      ],
      get: {
        tags: ['replays'],
        operationId: 'listReplayItems',
        summary: 'Each message of a job with its outcome',
        parameters: [
          {
            name: 'outcome',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ReplayOutcome',
            },
          },
          {
            name: 'after',
            in: 'query',
            description:
              'Continue after this sequence number (`nextAfter` of the previous page).',
            schema: {
              type: 'integer',
              minimum: -1,
              maximum: 9007199254740991,
            },
          },
          {
            $ref: '#/components/parameters/Limit',
          },
        ],
        responses: {
          '200': {
            description: 'One page of items.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'nextAfter'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ReplayItem',
                      },
                    },
                    nextAfter: {
                      type: ['integer', 'null'],
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/replays/{id}/cancel': {
      parameters: [
        {
          $ref: '#/components/parameters/ReplayId',
        },
      ],
      post: {
        tags: ['replays'],
        operationId: 'cancelReplay',
        summary: 'Cancel a running job',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['requester'],
                properties: {
                  requester: {
                    $ref: '#/components/schemas/Requester',
                  },
                  reason: {
                    type: 'string',
                    maxLength: 1000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The job, cancelled.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReplayJob',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/side-effects': {
      get: {
        tags: ['operations'],
        operationId: 'listSideEffects',
        summary:
          'Side effects the flows performed (what a replay must never repeat)',
        parameters: [
          {
            name: 'businessId',
            in: 'query',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
            },
          },
          {
            $ref: '#/components/parameters/Limit',
          },
        ],
        responses: {
          '200': {
            description:
              'Side effects, newest first, with totals and duplicates.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'total', 'duplicates'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/SideEffect',
                      },
                    },
                    total: {
                      type: 'integer',
                    },
                    duplicates: {
                      type: 'integer',
                      description:
                        'Side effects beyond the first for the same idempotency key (should be 0).',
                    },
                    external: {
                      $ref: '#/components/schemas/ExternalEffects',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/faults': {
      get: {
        tags: ['operations'],
        operationId: 'listFaults',
        summary: 'Fault injection knobs per service',
        responses: {
          '200': {
            description: 'The knobs.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['services'],
                  properties: {
                    services: {
                      type: 'object',
                      additionalProperties: {
                        $ref: '#/components/schemas/Fault',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/faults/{service}': {
      parameters: [
        {
          name: 'service',
          in: 'path',
          required: true,
          schema: {
            type: 'string',
            pattern: '^[a-z][a-z0-9-]{0,62}$',
          },
        },
      ],
      put: {
        tags: ['operations'],
        operationId: 'setFault',
        summary: "Set a service's fault knobs",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/Fault',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The knobs now in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Fault',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/v1/traffic': {
      get: {
        tags: ['operations'],
        operationId: 'getTraffic',
        summary: "The demo traffic generator's settings",
        responses: {
          '200': {
            description: 'Settings.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Traffic',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
      put: {
        tags: ['operations'],
        operationId: 'setTraffic',
        summary: "Change the traffic generator's rate",
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/Traffic',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Settings now in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Traffic',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
      },
    },
    parameters: {
      Dlq: {
        name: 'dlq',
        in: 'path',
        required: true,
        description: 'The consumer queue whose dead letters these are.',
        schema: {
          $ref: '#/components/schemas/QueueName',
        },
      },
      MessageId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      ReplayId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      Limit: {
        name: 'limit',
        in: 'query',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 50,
        },
      },
    },
    headers: {
      RetryAfter: {
        description: 'Seconds after which the request is worth repeating.',
        schema: {
          type: 'integer',
          minimum: 1,
        },
      },
    },
    responses: {
      Error: {
        description: 'An error with a message that says what is wrong.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Unavailable: {
        description:
          "The broker is down (the runtime reconnects by itself): the request needs it and\nis worth repeating after `Retry-After` seconds. The error's name is\n`ServiceUnavailableError`.\n",
        headers: {
          'Retry-After': {
            $ref: '#/components/headers/RetryAfter',
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
    schemas: {
      BrokerState: {
        type: 'string',
        enum: ['up', 'down'],
        description:
          '`down` while the connection to the broker is lost and being re-established.',
      },
      Readiness: {
        type: 'object',
        required: ['status', 'broker', 'brokerState'],
        properties: {
          status: {
            type: 'string',
            enum: ['ready', 'unavailable'],
          },
          broker: {
            type: 'string',
            enum: ['rabbitmq', 'embedded'],
          },
          brokerState: {
            $ref: '#/components/schemas/BrokerState',
          },
        },
      },
      Error: {
        type: 'object',
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
      QueueName: {
        type: 'string',
        pattern: '^(?!\\.+$)[A-Za-z0-9._-]{1,200}$',
        description:
          'A queue name; one made only of dots (`.`, `..`) is never a queue.',
      },
      Requester: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        description:
          'Who asks, e.g. an entity ref such as user:default/alice.nguyen.',
      },
      Reason: {
        type: 'string',
        minLength: 3,
        maxLength: 1000,
      },
      FailureStatus: {
        type: 'string',
        enum: ['failed', 'parked', 'archived'],
      },
      Dlq: {
        type: 'object',
        required: [
          'name',
          'deadLetterQueue',
          'exchange',
          'bindingKeys',
          'consumer',
          'failed',
          'parked',
          'archived',
          'brokerDepth',
          'oldestFailureAt',
          'oldestAgeSeconds',
        ],
        properties: {
          name: {
            type: 'string',
            description: 'The consumer queue.',
          },
          deadLetterQueue: {
            type: 'string',
            description:
              'The broker queue the dead letters arrive on before the runtime stores them.',
          },
          exchange: {
            type: 'string',
          },
          bindingKeys: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          consumer: {
            type: 'string',
            description:
              'The consuming service (its OpenTelemetry service.name and catalog component).',
          },
          failed: {
            type: 'integer',
            minimum: 0,
          },
          parked: {
            type: 'integer',
            minimum: 0,
          },
          archived: {
            type: 'integer',
            minimum: 0,
          },
          brokerDepth: {
            type: 'integer',
            minimum: 0,
            description:
              'Dead letters still on the broker, not yet in the failure store.',
          },
          oldestFailureAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          oldestAgeSeconds: {
            type: ['number', 'null'],
          },
        },
      },
      FailureKind: {
        type: 'string',
        enum: ['transient', 'permanent', 'unknown'],
      },
      FailureClassification: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'reason'],
        description:
          "Whether replaying the message unchanged is likely to work, decided by the runtime\nfrom the error's class, its HTTP status and the attempts: `transient` (timeouts,\n5xx, unavailable), `permanent` (schema or validation errors, 4xx), `unknown`.\nRuntimes that cannot tell leave it out; callers treat that as `unknown`.\n",
        properties: {
          kind: {
            $ref: '#/components/schemas/FailureKind',
          },
          reason: {
            type: 'string',
            description:
              'One line, e.g. "HTTP 422 from book-invoice: the request is wrong, retrying will not help".',
          },
        },
      },
      EditedReplayRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['body', 'reason', 'requester'],
        properties: {
          body: {
            type: 'string',
            minLength: 1,
            maxLength: 1000000,
            description: 'The corrected body, as it is to be published.',
          },
          reason: {
            $ref: '#/components/schemas/Reason',
          },
          requester: {
            $ref: '#/components/schemas/Requester',
          },
        },
      },
      EditedReplay: {
        type: 'object',
        required: [
          'failureId',
          'dlq',
          'originalMessageId',
          'messageId',
          'exchange',
          'routingKey',
          'replayedAt',
        ],
        properties: {
          failureId: {
            type: 'string',
            format: 'uuid',
          },
          dlq: {
            type: 'string',
          },
          originalMessageId: {
            type: 'string',
          },
          messageId: {
            type: 'string',
            description: "The edited message's own id.",
          },
          exchange: {
            type: 'string',
          },
          routingKey: {
            type: 'string',
          },
          replayedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      FailedMessageSummary: {
        type: 'object',
        required: [
          'id',
          'dlq',
          'messageId',
          'status',
          'errorClass',
          'errorMessage',
          'stage',
          'fingerprint',
          'attempts',
          'replayCount',
          'firstFailureAt',
          'lastFailureAt',
          'orderId',
          'paymentId',
          'traceId',
          'replayJobId',
        ],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          dlq: {
            type: 'string',
          },
          messageId: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/FailureStatus',
          },
          errorClass: {
            type: 'string',
          },
          errorMessage: {
            type: 'string',
          },
          stage: {
            type: 'string',
          },
          fingerprint: {
            type: 'string',
          },
          attempts: {
            type: 'integer',
            minimum: 1,
          },
          replayCount: {
            type: 'integer',
            minimum: 0,
          },
          firstFailureAt: {
            type: 'string',
            format: 'date-time',
          },
          lastFailureAt: {
            type: 'string',
            format: 'date-time',
          },
          orderId: {
            type: ['string', 'null'],
          },
          paymentId: {
            type: ['string', 'null'],
          },
          traceId: {
            type: ['string', 'null'],
          },
          replayJobId: {
            type: ['string', 'null'],
            description:
              'The replay job the message is part of right now, if any.',
          },
          classification: {
            $ref: '#/components/schemas/FailureClassification',
          },
        },
      },
      FailedMessage: {
        allOf: [
          {
            $ref: '#/components/schemas/FailedMessageSummary',
          },
          {
            type: 'object',
            required: [
              'exchange',
              'routingKey',
              'queue',
              'consumer',
              'contentType',
              'headers',
              'body',
              'stack',
              'spanId',
              'idempotencyKey',
              'customerTier',
              'receivedAt',
              'statusReason',
            ],
            properties: {
              exchange: {
                type: 'string',
              },
              routingKey: {
                type: 'string',
              },
              queue: {
                type: 'string',
              },
              consumer: {
                type: 'string',
              },
              contentType: {
                type: 'string',
              },
              headers: {
                type: 'object',
                additionalProperties: true,
                description:
                  'Every header the message carried, including trace context, x-death and failure context.',
              },
              body: {
                type: 'string',
              },
              stack: {
                type: 'string',
              },
              spanId: {
                type: ['string', 'null'],
              },
              idempotencyKey: {
                type: ['string', 'null'],
              },
              customerTier: {
                type: ['string', 'null'],
              },
              receivedAt: {
                type: 'string',
                format: 'date-time',
              },
              statusReason: {
                type: ['string', 'null'],
              },
            },
          },
        ],
      },
      FingerprintGroup: {
        type: 'object',
        required: [
          'fingerprint',
          'errorClass',
          'stage',
          'sampleMessage',
          'sampleId',
          'count',
          'firstSeen',
          'lastSeen',
        ],
        properties: {
          fingerprint: {
            type: 'string',
          },
          errorClass: {
            type: 'string',
          },
          stage: {
            type: 'string',
          },
          sampleMessage: {
            type: 'string',
          },
          sampleId: {
            type: 'string',
          },
          count: {
            type: 'integer',
            minimum: 1,
          },
          firstSeen: {
            type: 'string',
            format: 'date-time',
          },
          lastSeen: {
            type: 'string',
            format: 'date-time',
          },
          classification: {
            $ref: '#/components/schemas/FailureClassification',
          },
        },
      },
      BulkMessageAction: {
        type: 'object',
        additionalProperties: false,
        required: ['ids', 'reason', 'requester'],
        properties: {
          ids: {
            type: 'array',
            minItems: 1,
            maxItems: 10000,
            items: {
              type: 'string',
              format: 'uuid',
            },
          },
          reason: {
            $ref: '#/components/schemas/Reason',
          },
          requester: {
            $ref: '#/components/schemas/Requester',
          },
        },
      },
      ReplayFilter: {
        type: 'object',
        additionalProperties: false,
        properties: {
          businessId: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
          },
          fingerprint: {
            type: 'string',
            pattern: '^[0-9a-f]{16}$',
          },
          errorClass: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
          },
          from: {
            type: 'string',
            format: 'date-time',
          },
          to: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ReplaySelection: {
        type: 'object',
        additionalProperties: false,
        required: ['dlq'],
        properties: {
          dlq: {
            $ref: '#/components/schemas/QueueName',
          },
          ids: {
            type: 'array',
            minItems: 1,
            maxItems: 100000,
            items: {
              type: 'string',
              format: 'uuid',
            },
          },
          filter: {
            $ref: '#/components/schemas/ReplayFilter',
          },
          ratePerSecond: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 100000,
            default: 100,
          },
          maxMessages: {
            type: 'integer',
            minimum: 1,
            maximum: 100000,
          },
          skipUnavailable: {
            type: 'boolean',
            default: false,
            description:
              "With `ids`: ids that are gone (replayed or purged since) or no longer `failed`\nare listed in the plan's `skipped` (reason `missing` or `not-failed:<status>`)\ninstead of failing the request. For callers that froze a selection earlier.\n",
          },
          reason: {
            $ref: '#/components/schemas/Reason',
          },
          requester: {
            $ref: '#/components/schemas/Requester',
          },
        },
      },
      ReplayPlan: {
        type: 'object',
        required: [
          'dlq',
          'count',
          'targets',
          'skipped',
          'ratePerSecond',
          'estimatedSeconds',
        ],
        properties: {
          dlq: {
            type: 'string',
          },
          count: {
            type: 'integer',
            minimum: 0,
            description: 'Messages that would be published.',
          },
          targets: {
            type: 'array',
            items: {
              type: 'object',
              required: ['exchange', 'routingKey', 'queue', 'count'],
              properties: {
                exchange: {
                  type: 'string',
                },
                routingKey: {
                  type: 'string',
                },
                queue: {
                  type: 'string',
                },
                count: {
                  type: 'integer',
                },
              },
            },
          },
          skipped: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'messageId', 'reason'],
              properties: {
                id: {
                  type: 'string',
                },
                messageId: {
                  type: 'string',
                },
                reason: {
                  type: 'string',
                  description:
                    'already-processed, in-replay:<job id>, missing or not-failed:<status>.',
                },
              },
            },
          },
          ratePerSecond: {
            type: 'number',
          },
          estimatedSeconds: {
            type: 'number',
          },
        },
      },
      ReplayOutcome: {
        type: 'string',
        enum: [
          'pending',
          'replayed',
          'skipped-duplicate',
          'skipped-missing',
          'failed-again',
          'parked',
        ],
      },
      ReplayJob: {
        type: 'object',
        required: [
          'id',
          'dlq',
          'status',
          'reason',
          'requester',
          'ratePerSecond',
          'total',
          'counts',
          'createdAt',
          'startedAt',
          'finishedAt',
          'cancelledBy',
          'error',
        ],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          dlq: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['pending', 'running', 'completed', 'cancelled', 'failed'],
          },
          reason: {
            type: 'string',
          },
          requester: {
            type: 'string',
          },
          ratePerSecond: {
            type: 'number',
          },
          total: {
            type: 'integer',
          },
          counts: {
            type: 'object',
            required: [
              'pending',
              'replayed',
              'skipped-duplicate',
              'skipped-missing',
              'failed-again',
              'parked',
            ],
            additionalProperties: {
              type: 'integer',
            },
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          startedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          finishedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          cancelledBy: {
            type: ['string', 'null'],
          },
          error: {
            type: ['string', 'null'],
          },
        },
      },
      ReplayItem: {
        type: 'object',
        required: [
          'seq',
          'failureId',
          'messageId',
          'orderId',
          'outcome',
          'detail',
          'updatedAt',
        ],
        properties: {
          seq: {
            type: 'integer',
          },
          failureId: {
            type: 'string',
          },
          messageId: {
            type: 'string',
          },
          orderId: {
            type: ['string', 'null'],
          },
          outcome: {
            $ref: '#/components/schemas/ReplayOutcome',
          },
          detail: {
            type: ['string', 'null'],
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ExternalEffects: {
        type: 'object',
        description:
          "What the simulated external systems (payment provider, ERP, email service) saw:\neach performs a request once per `Idempotency-Key` and answers a repeated key with\nthe first result. `doubled` counts effects beyond the first for the same business\nid and step (a double booking would show here, whatever the runtime's ledger says).\n",
        required: ['total', 'repeatedKeys', 'doubled', 'bySystem'],
        properties: {
          total: {
            type: 'integer',
            description:
              'Effects performed (first requests per key, filtered by businessId).',
          },
          repeatedKeys: {
            type: 'integer',
            description:
              'Requests that repeated a known key and got the first result back.',
          },
          doubled: {
            type: 'integer',
          },
          bySystem: {
            type: 'object',
            additionalProperties: {
              type: 'integer',
            },
          },
        },
      },
      SideEffect: {
        type: 'object',
        required: ['service', 'action', 'businessId', 'idempotencyKey', 'at'],
        properties: {
          service: {
            type: 'string',
          },
          action: {
            type: 'string',
          },
          businessId: {
            type: 'string',
          },
          idempotencyKey: {
            type: 'string',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      Fault: {
        type: 'object',
        additionalProperties: false,
        properties: {
          errorRate: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description:
              'Share of deliveries or requests that fail with a transient error.',
          },
          latencyMs: {
            type: 'integer',
            minimum: 0,
            maximum: 60000,
            description: 'Added to every delivery or request.',
          },
          outage: {
            type: 'boolean',
            description:
              'Simulated providers (payment-provider, legacy-erp) answer 503 to everything.',
          },
          rejectRate: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description:
              'Share of requests a simulated provider rejects for good (422).',
          },
        },
      },
      Traffic: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ordersPerSecond: {
            type: 'number',
            minimum: 0,
            maximum: 1000,
          },
          poisonRate: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description:
              'Share of orders that are schema-invalid (poison messages).',
          },
          refundRate: {
            type: 'number',
            minimum: 0,
            maximum: 1,
          },
        },
      },
    },
  },
};
