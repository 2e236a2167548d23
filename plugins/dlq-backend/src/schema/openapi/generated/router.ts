// Generated from plugins/dlq-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-dlq-backend schema:generate`; do not edit.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'dlq',
    version: '1',
    description:
      'Dead letters (dlq-backend), under /api/dlq: the dead-letter queues of every configured integration runtime with their catalog context, their messages (masked) and fingerprint groups, editing and replaying one message, archiving and purging, replays that are planned, frozen, approved and run at a bounded rate, the audit trail (JSON or CSV), and the dead letters of one trace. Requests are checked against this description before a handler runs: a request that does not match it is a 400 that names the field.',
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
      runtime: {
        name: 'runtime',
        in: 'path',
        required: true,
        description: 'A runtime name (lower-case letters, digits and dashes).',
        schema: {
          $ref: '#/components/schemas/RuntimeName',
        },
      },
      dlq: {
        name: 'dlq',
        in: 'path',
        required: true,
        description: 'The consumer queue whose dead letters these are.',
        schema: {
          $ref: '#/components/schemas/QueueName',
        },
      },
      messageId: {
        name: 'id',
        in: 'path',
        required: true,
        description: "The failed message's id (the runtime's failure id).",
        schema: {
          $ref: '#/components/schemas/Uuid',
        },
      },
      replayId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          $ref: '#/components/schemas/Uuid',
        },
      },
    },
    responses: {
      Error: {
        description: 'An error whose message says what is wrong.',
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
          'The runtime is unreachable, or its broker is down (then `Retry-After` says after how many seconds asking again is worth it).',
        headers: {
          'Retry-After': {
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
      RuntimeName: {
        type: 'string',
        description: 'a runtime name (lower-case letters, digits and dashes)',
        pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
      },
      QueueName: {
        type: 'string',
        description:
          'a queue name (1 to 200 letters, digits, . _ -, not only dots)',
        pattern: '^(?!\\.+$)[A-Za-z0-9._-]{1,200}$',
      },
      Uuid: {
        type: 'string',
        description: 'must be a UUID',
        format: 'uuid',
      },
      Fingerprint: {
        type: 'string',
        description: '16 hex digits',
        pattern: '^[0-9a-f]{16}$',
      },
      TraceId: {
        type: 'string',
        description: 'a W3C trace id (32 lower-case hex digits, not all zero)',
        pattern: '^(?!0{32})[0-9a-f]{32}$',
      },
      DateTime: {
        type: 'string',
        description: 'must be an ISO 8601 date-time',
        format: 'date-time',
      },
      SearchText: {
        type: 'string',
        description:
          'Compared as given, trimmed; at most 200 characters, no control characters.',
        minLength: 1,
        maxLength: 200,
      },
      Reason: {
        type: 'string',
        description:
          'Why, for the audit trail: 3 to 1000 characters once trimmed, no control characters (new lines and tabs are fine).',
        maxLength: 1000,
      },
      MessageIds: {
        type: 'array',
        description: 'ids must list 1 to 1000 message ids',
        minItems: 1,
        maxItems: 1000,
        items: {
          $ref: '#/components/schemas/Uuid',
        },
      },
      RuntimeInfo: {
        type: 'object',
        description:
          'A runtime configured under dlq.runtimes, as the browser may see it (no URL, no token).',
        required: ['name', 'title', 'status'],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['up', 'degraded', 'down'],
            description:
              '`degraded`: the runtime answers, but its broker is down (queue depths and replays wait until it is back; stored dead letters can still be read).',
          },
          broker: {
            type: 'string',
          },
          error: {
            type: 'string',
            description:
              'Why the runtime is down, or what degraded means for it.',
          },
        },
      },
      DlqEntities: {
        type: 'object',
        description: 'Catalog entities a dead-letter queue maps to.',
        properties: {
          queue: {
            type: 'string',
            description:
              "The consumer queue's Resource entity: permissions are checked on it.",
          },
          deadLetterQueue: {
            type: 'string',
            description:
              "The dead-letter queue's own Resource entity, when declared.",
          },
          consumer: {
            type: 'string',
            description: 'The consuming Component.',
          },
          owner: {
            type: 'string',
            description: 'Owner of the queue (group ref), from the catalog.',
          },
        },
      },
      DlqActionAccess: {
        type: 'object',
        required: ['allowed'],
        properties: {
          allowed: {
            type: 'boolean',
          },
          reason: {
            type: 'string',
            description:
              'Why not: who owns the queue and whom to ask (absent when allowed).',
          },
        },
      },
      DlqAccess: {
        type: 'object',
        description: 'What the signed-in user may change on one queue.',
        required: ['owner', 'queue', 'replay', 'manage', 'approve'],
        properties: {
          owner: {
            type: 'string',
            nullable: true,
            description:
              'The owning group (entity ref), when the queue is in the catalog.',
          },
          queue: {
            type: 'string',
            nullable: true,
            description: "The queue's Resource entity, when declared.",
          },
          replay: {
            $ref: '#/components/schemas/DlqActionAccess',
          },
          manage: {
            $ref: '#/components/schemas/DlqActionAccess',
          },
          approve: {
            $ref: '#/components/schemas/DlqActionAccess',
          },
        },
      },
      InflowBucket: {
        type: 'object',
        required: ['start', 'count'],
        properties: {
          start: {
            type: 'string',
          },
          count: {
            type: 'integer',
          },
        },
      },
      DlqOverview: {
        type: 'object',
        description:
          'One dead-letter queue of one runtime, with its catalog context.',
        required: [
          'runtime',
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
          'entities',
          'inflow',
        ],
        properties: {
          runtime: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          deadLetterQueue: {
            type: 'string',
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
          },
          failed: {
            type: 'integer',
          },
          parked: {
            type: 'integer',
          },
          archived: {
            type: 'integer',
          },
          brokerDepth: {
            type: 'integer',
          },
          oldestFailureAt: {
            type: 'string',
            nullable: true,
          },
          oldestAgeSeconds: {
            type: 'number',
            nullable: true,
          },
          entities: {
            $ref: '#/components/schemas/DlqEntities',
          },
          inflow: {
            type: 'array',
            description:
              'Dead letters received per bucket (oldest first); empty when not asked for.',
            items: {
              $ref: '#/components/schemas/InflowBucket',
            },
          },
        },
      },
      RuntimeProblem: {
        type: 'object',
        description:
          'A runtime that could not be read; its queues are missing from the answer.',
        required: ['runtime', 'message'],
        properties: {
          runtime: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          title: {
            type: 'string',
            description: "The runtime's title, when known.",
          },
          status: {
            type: 'string',
            enum: ['down', 'degraded'],
            description:
              '`degraded`: the runtime answered, but its broker is down (it reconnects by itself); `down` (or absent): it could not be read.',
          },
          retryAfterSeconds: {
            type: 'integer',
            description:
              'For a degraded runtime: seconds after which reading again is worth it.',
          },
        },
      },
      DlqListResponse: {
        type: 'object',
        required: ['items', 'errors'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DlqOverview',
            },
          },
          errors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RuntimeProblem',
            },
          },
        },
      },
      FailureStatus: {
        type: 'string',
        enum: ['failed', 'parked', 'archived'],
      },
      FailureKind: {
        type: 'string',
        description:
          'transient (timeouts, 5xx, unavailable), permanent (schema, validation, 4xx) or unknown.',
        enum: ['transient', 'permanent', 'unknown'],
      },
      FailureClassification: {
        type: 'object',
        description:
          'Whether replaying the message unchanged is likely to work, as the runtime decided; runtimes that cannot tell leave it out (treat that as `unknown`).',
        required: ['kind', 'reason'],
        properties: {
          kind: {
            $ref: '#/components/schemas/FailureKind',
          },
          reason: {
            type: 'string',
          },
        },
      },
      FailedMessageSummary: {
        type: 'object',
        description:
          "A failed message in a list (the runtime admin API's FailedMessageSummary).",
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
          },
          replayCount: {
            type: 'integer',
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
            type: 'string',
            nullable: true,
          },
          paymentId: {
            type: 'string',
            nullable: true,
          },
          traceId: {
            type: 'string',
            nullable: true,
          },
          replayJobId: {
            type: 'string',
            nullable: true,
          },
          classification: {
            $ref: '#/components/schemas/FailureClassification',
          },
        },
      },
      FailedMessage: {
        description:
          "A failed message with its body, headers and failure context (the runtime's FailedMessage).",
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
              },
              body: {
                type: 'string',
              },
              stack: {
                type: 'string',
              },
              spanId: {
                type: 'string',
                nullable: true,
              },
              idempotencyKey: {
                type: 'string',
                nullable: true,
              },
              customerTier: {
                type: 'string',
                nullable: true,
              },
              receivedAt: {
                type: 'string',
                format: 'date-time',
              },
              statusReason: {
                type: 'string',
                nullable: true,
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
      MessagePage: {
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
            type: 'string',
            nullable: true,
            description: 'Pass as `cursor` for the next (older) page.',
          },
          total: {
            type: 'integer',
          },
        },
      },
      DeliveryAttempt: {
        type: 'object',
        description:
          "One delivery attempt, from the broker's x-death history and the failure context.",
        required: ['queue', 'reason', 'count', 'time'],
        properties: {
          queue: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          count: {
            type: 'integer',
          },
          time: {
            type: 'string',
            nullable: true,
          },
        },
      },
      MessageDetail: {
        type: 'object',
        description:
          'A failed message as the portal shows it, configured PII fields masked.',
        required: [
          'runtime',
          'message',
          'formattedBody',
          'bodyIsJson',
          'masked',
          'attempts',
          'traceUrl',
          'entities',
        ],
        properties: {
          runtime: {
            type: 'string',
          },
          message: {
            $ref: '#/components/schemas/FailedMessage',
          },
          formattedBody: {
            type: 'string',
            description:
              'The body pretty-printed when it is JSON, as received otherwise (masked either way).',
          },
          bodyIsJson: {
            type: 'boolean',
          },
          masked: {
            type: 'array',
            description:
              'JSON paths (body) and header names whose values were masked.',
            items: {
              type: 'string',
            },
          },
          attempts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DeliveryAttempt',
            },
          },
          traceUrl: {
            type: 'string',
            nullable: true,
            description:
              'Where its trace or journey instance opens, when a trace id is known.',
          },
          entities: {
            $ref: '#/components/schemas/DlqEntities',
          },
        },
      },
      TraceDeadLetter: {
        type: 'object',
        description:
          "A dead letter of one of the traces asked for, in one runtime's queue.",
        required: [
          'traceId',
          'runtime',
          'dlq',
          'id',
          'messageId',
          'status',
          'errorClass',
          'errorMessage',
          'firstFailureAt',
          'lastFailureAt',
          'businessKey',
        ],
        properties: {
          traceId: {
            $ref: '#/components/schemas/TraceId',
          },
          runtime: {
            type: 'string',
          },
          dlq: {
            type: 'string',
          },
          id: {
            type: 'string',
            format: 'uuid',
            description:
              "The failed message's id (GET /runtimes/{runtime}/messages/{id}).",
          },
          messageId: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/FailureStatus',
          },
          classification: {
            $ref: '#/components/schemas/FailureClassification',
          },
          errorClass: {
            type: 'string',
          },
          errorMessage: {
            type: 'string',
            description: 'Why it failed.',
          },
          firstFailureAt: {
            type: 'string',
            format: 'date-time',
          },
          lastFailureAt: {
            type: 'string',
            format: 'date-time',
          },
          businessKey: {
            type: 'string',
            nullable: true,
            description:
              'The business key the runtime reports (its order id, else its payment id).',
          },
        },
      },
      TraceDeadLetters: {
        type: 'object',
        required: ['items', 'errors', 'searchedPerQueue'],
        properties: {
          items: {
            type: 'array',
            description: 'Newest failure first.',
            items: {
              $ref: '#/components/schemas/TraceDeadLetter',
            },
          },
          errors: {
            type: 'array',
            description:
              'Runtimes or queues that could not be read; their dead letters are missing.',
            items: {
              $ref: '#/components/schemas/RuntimeProblem',
            },
          },
          searchedPerQueue: {
            type: 'integer',
            description:
              "How many of each queue's newest dead letters were searched (the runtimes cannot filter by trace id); older ones of the trace are not found.",
          },
        },
      },
      BodyProblem: {
        type: 'object',
        description:
          'One reason an edited body is refused, at a JSON path (`/lines/0/quantity`, empty = root).',
        required: ['path', 'message'],
        properties: {
          path: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
        },
      },
      DiffLine: {
        type: 'object',
        required: ['kind', 'text'],
        properties: {
          kind: {
            type: 'string',
            enum: ['same', 'added', 'removed'],
          },
          text: {
            type: 'string',
          },
        },
      },
      MessageSchemaSource: {
        type: 'object',
        description:
          "Where a message's payload schema came from: a topic's AsyncAPI document in the catalog.",
        required: ['api', 'topic', 'channel', 'message', 'version'],
        properties: {
          api: {
            type: 'string',
          },
          topic: {
            type: 'string',
          },
          channel: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
        },
      },
      EditPreview: {
        type: 'object',
        description:
          'What the backend thinks of an edited body (it checks again on replay).',
        required: [
          'valid',
          'problems',
          'schema',
          'schemaMissing',
          'diff',
          'changed',
        ],
        properties: {
          valid: {
            type: 'boolean',
          },
          problems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BodyProblem',
            },
          },
          schema: {
            type: 'object',
            nullable: true,
            allOf: [
              {
                $ref: '#/components/schemas/MessageSchemaSource',
              },
            ],
          },
          schemaMissing: {
            type: 'string',
            nullable: true,
            description:
              'Why no schema applies (then only JSON syntax is checked).',
          },
          diff: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DiffLine',
            },
          },
          changed: {
            type: 'boolean',
          },
        },
      },
      EditedBody: {
        type: 'string',
        description:
          'The edited body; masked fields left as they are keep their original values.',
        minLength: 1,
        maxLength: 200000,
      },
      PreviewEditRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['body'],
        properties: {
          body: {
            $ref: '#/components/schemas/EditedBody',
          },
        },
      },
      EditReplayRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['body', 'reason'],
        properties: {
          body: {
            $ref: '#/components/schemas/EditedBody',
          },
          reason: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      EditReplayResult: {
        type: 'object',
        required: ['failureId', 'originalMessageId', 'messageId', 'replayedAt'],
        properties: {
          failureId: {
            type: 'string',
          },
          originalMessageId: {
            type: 'string',
          },
          messageId: {
            type: 'string',
            description: "The edited message's own id.",
          },
          replayedAt: {
            type: 'string',
          },
        },
      },
      BulkMessageRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['ids', 'reason'],
        properties: {
          ids: {
            $ref: '#/components/schemas/MessageIds',
          },
          reason: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      ReplayFilter: {
        type: 'object',
        additionalProperties: false,
        properties: {
          businessId: {
            $ref: '#/components/schemas/SearchText',
          },
          errorClass: {
            $ref: '#/components/schemas/SearchText',
          },
          classification: {
            $ref: '#/components/schemas/FailureKind',
          },
          from: {
            $ref: '#/components/schemas/DateTime',
          },
          to: {
            $ref: '#/components/schemas/DateTime',
          },
        },
      },
      ReplaySelection: {
        type: 'object',
        description:
          'What to replay: explicit ids, or a fingerprint group and/or a filter.',
        additionalProperties: false,
        properties: {
          ids: {
            $ref: '#/components/schemas/MessageIds',
          },
          fingerprint: {
            $ref: '#/components/schemas/Fingerprint',
          },
          filter: {
            $ref: '#/components/schemas/ReplayFilter',
          },
        },
      },
      PlanReplayRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['runtime', 'dlq', 'selection'],
        properties: {
          runtime: {
            $ref: '#/components/schemas/RuntimeName',
          },
          dlq: {
            $ref: '#/components/schemas/QueueName',
          },
          selection: {
            $ref: '#/components/schemas/ReplaySelection',
          },
          ratePerSecond: {
            type: 'number',
            description:
              'Messages per second, from 1 to `dlq.replay.maxRatePerSecond`.',
            minimum: 1,
          },
          excludePermanent: {
            type: 'boolean',
            description:
              'Leave out the messages whose failure looks permanent (default true).',
          },
        },
      },
      SubmitReplayRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['reason'],
        properties: {
          reason: {
            $ref: '#/components/schemas/Reason',
          },
          canarySize: {
            type: 'integer',
            description:
              'Replay this many first and go on only when all of them succeeded.',
            minimum: 0,
            maximum: 1000,
          },
        },
      },
      DecisionRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          comment: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      CancelRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          reason: {
            $ref: '#/components/schemas/Reason',
          },
        },
      },
      ReplayStatus: {
        type: 'string',
        description:
          '`completed-with-failures`: every message was attempted, some came back to the DLQ; `canary-failed`: stopped by its canary; `expired`: a plan nobody submitted within `dlq.replay.plannedTtl`.',
        enum: [
          'planned',
          'awaiting-approval',
          'canary',
          'running',
          'completed',
          'completed-with-failures',
          'canary-failed',
          'cancelled',
          'rejected',
          'expired',
          'failed',
        ],
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
      ReplayCounts: {
        type: 'object',
        description:
          "The runtime's outcome per message, plus `not-attempted` for messages a replay that ended never published; they add up to `progress.total`.",
        required: [
          'pending',
          'replayed',
          'skipped-duplicate',
          'skipped-missing',
          'failed-again',
          'parked',
          'not-attempted',
        ],
        properties: {
          pending: {
            type: 'integer',
          },
          replayed: {
            type: 'integer',
          },
          'skipped-duplicate': {
            type: 'integer',
          },
          'skipped-missing': {
            type: 'integer',
          },
          'failed-again': {
            type: 'integer',
          },
          parked: {
            type: 'integer',
          },
          'not-attempted': {
            type: 'integer',
          },
        },
      },
      PermanentInPlan: {
        type: 'object',
        description: "The permanent-looking part of a replay plan's selection.",
        required: ['count', 'selected', 'excluded', 'reasons'],
        properties: {
          count: {
            type: 'integer',
          },
          selected: {
            type: 'integer',
          },
          excluded: {
            type: 'boolean',
            description:
              'Left out of the plan (its `count` and ids no longer include them).',
          },
          reasons: {
            type: 'array',
            description: 'The most frequent reasons, largest first.',
            items: {
              type: 'object',
              required: ['reason', 'count'],
              properties: {
                reason: {
                  type: 'string',
                },
                count: {
                  type: 'integer',
                },
              },
            },
          },
        },
      },
      ReplayTarget: {
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
      SkippedMessage: {
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
      Replay: {
        type: 'object',
        description:
          'A replay as the portal tracks it: a frozen plan, a reason, approval, runtime jobs.',
        required: [
          'id',
          'runtime',
          'dlq',
          'status',
          'selection',
          'plan',
          'requester',
          'reason',
          'canarySize',
          'approvalRequired',
          'approver',
          'decisionComment',
          'jobs',
          'progress',
          'error',
          'createdAt',
          'submittedAt',
          'decidedAt',
          'finishedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          runtime: {
            type: 'string',
          },
          dlq: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/ReplayStatus',
          },
          selection: {
            $ref: '#/components/schemas/ReplaySelection',
          },
          plan: {
            type: 'object',
            required: [
              'count',
              'targets',
              'skipped',
              'ratePerSecond',
              'estimatedSeconds',
              'plannedAt',
            ],
            properties: {
              count: {
                type: 'integer',
                description:
                  'Messages frozen at planning time; nothing that arrives later is added.',
              },
              targets: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/ReplayTarget',
                },
              },
              skipped: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/SkippedMessage',
                },
              },
              ratePerSecond: {
                type: 'number',
              },
              estimatedSeconds: {
                type: 'number',
              },
              plannedAt: {
                type: 'string',
              },
              permanent: {
                $ref: '#/components/schemas/PermanentInPlan',
              },
            },
          },
          requester: {
            type: 'string',
          },
          reason: {
            type: 'string',
            nullable: true,
          },
          canarySize: {
            type: 'integer',
          },
          approvalRequired: {
            type: 'boolean',
          },
          approver: {
            type: 'string',
            nullable: true,
          },
          decisionComment: {
            type: 'string',
            nullable: true,
          },
          jobs: {
            type: 'object',
            required: ['canary', 'main'],
            properties: {
              canary: {
                type: 'string',
                nullable: true,
              },
              main: {
                type: 'string',
                nullable: true,
              },
            },
          },
          progress: {
            type: 'object',
            required: ['total', 'done', 'counts'],
            properties: {
              total: {
                type: 'integer',
              },
              done: {
                type: 'integer',
              },
              counts: {
                $ref: '#/components/schemas/ReplayCounts',
              },
            },
          },
          error: {
            type: 'string',
            nullable: true,
          },
          createdAt: {
            type: 'string',
          },
          submittedAt: {
            type: 'string',
            nullable: true,
          },
          decidedAt: {
            type: 'string',
            nullable: true,
          },
          finishedAt: {
            type: 'string',
            nullable: true,
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
            type: 'string',
            nullable: true,
          },
          outcome: {
            $ref: '#/components/schemas/ReplayOutcome',
          },
          detail: {
            type: 'string',
            nullable: true,
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      ReplayItemPage: {
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
            type: 'integer',
            nullable: true,
            description: 'Pass as `after` for the next page.',
          },
        },
      },
      AuditAction: {
        type: 'string',
        enum: [
          'replay.plan',
          'replay.submit',
          'replay.approve',
          'replay.reject',
          'replay.cancel',
          'replay.finish',
          'replay.expire',
          'message.archive',
          'message.purge',
          'message.edit-replay',
        ],
      },
      AuditOutcome: {
        type: 'string',
        enum: ['succeeded', 'failed', 'denied'],
      },
      AuditEntry: {
        type: 'object',
        description:
          'An append-only audit entry: who, when, what, why, outcome.',
        required: [
          'id',
          'at',
          'actor',
          'action',
          'runtime',
          'dlq',
          'replayId',
          'messageCount',
          'reason',
          'outcome',
          'detail',
        ],
        properties: {
          id: {
            type: 'integer',
          },
          at: {
            type: 'string',
          },
          actor: {
            type: 'string',
          },
          action: {
            $ref: '#/components/schemas/AuditAction',
          },
          runtime: {
            type: 'string',
          },
          dlq: {
            type: 'string',
            nullable: true,
          },
          replayId: {
            type: 'string',
            nullable: true,
          },
          messageCount: {
            type: 'integer',
          },
          reason: {
            type: 'string',
            nullable: true,
          },
          outcome: {
            $ref: '#/components/schemas/AuditOutcome',
          },
          detail: {
            type: 'string',
            nullable: true,
          },
        },
      },
      AuditPage: {
        type: 'object',
        required: ['items', 'nextBefore'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AuditEntry',
            },
          },
          nextBefore: {
            type: 'integer',
            nullable: true,
            description: 'Pass as `before` for the next (older) page.',
          },
        },
      },
    },
  },
  paths: {
    '/runtimes': {
      get: {
        operationId: 'listRuntimes',
        summary:
          'The configured runtimes and whether they answer (signed-in users).',
        responses: {
          '200': {
            description: 'Every runtime.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/RuntimeInfo',
                      },
                    },
                  },
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/dlqs': {
      get: {
        operationId: 'listDlqs',
        summary:
          'Every dead-letter queue of every runtime (users, and services allowed to read dead letters); a runtime that cannot be read is reported in `errors`.',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            allowReserved: true,
            description:
              'Only the queues whose consumer, queue Resource or owner is this entity.',
            schema: {
              type: 'string',
              maxLength: 300,
            },
          },
          {
            name: 'inflowHours',
            in: 'query',
            allowReserved: true,
            description: 'Hours of inflow per queue; 0 leaves it out.',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 720,
              default: 24,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The queues, and the runtimes that could not be read.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DlqListResponse',
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
        },
      },
    },
    '/dead-letters': {
      get: {
        operationId: 'findDeadLettersByTrace',
        summary:
          "The dead letters of one or more traces (a journey instance's) across every runtime and queue the caller may read; queues they may not read are left out. Only each queue's newest `searchedPerQueue` dead letters are searched.",
        parameters: [
          {
            name: 'traceId',
            in: 'query',
            description: 'Repeat for several traces (at most 20).',
            allowReserved: true,
            required: true,
            style: 'form',
            explode: true,
            schema: {
              type: 'array',
              description: '1 to 20 W3C trace ids',
              minItems: 1,
              maxItems: 20,
              items: {
                $ref: '#/components/schemas/TraceId',
              },
            },
          },
        ],
        responses: {
          '200': {
            description: "The traces' dead letters.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TraceDeadLetters',
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
        },
      },
    },
    '/runtimes/{runtime}/dlqs/{dlq}': {
      get: {
        operationId: 'getDlq',
        summary: 'One dead-letter queue with its catalog context and inflow.',
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/dlq',
          },
          {
            name: 'inflowHours',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 720,
              default: 24,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The queue.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DlqOverview',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '502': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/runtimes/{runtime}/dlqs/{dlq}/access': {
      get: {
        operationId: 'getDlqAccess',
        summary:
          'What the signed-in user may change on the queue, and why not.',
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/dlq',
          },
        ],
        responses: {
          '200': {
            description: "The user's access.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DlqAccess',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/runtimes/{runtime}/dlqs/{dlq}/groups': {
      get: {
        operationId: 'listGroups',
        summary:
          "The queue's messages grouped by failure fingerprint (read permission on the queue).",
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/dlq',
          },
          {
            name: 'status',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/FailureStatus',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The groups, largest first.',
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
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '502': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/runtimes/{runtime}/dlqs/{dlq}/messages': {
      get: {
        operationId: 'listMessages',
        summary:
          "One page of the queue's failed messages, newest failure first (read permission on the queue); `from` must be before `to`.",
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/dlq',
          },
          {
            name: 'status',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/FailureStatus',
            },
          },
          {
            name: 'businessId',
            in: 'query',
            allowReserved: true,
            description: 'An order id or payment id.',
            schema: {
              $ref: '#/components/schemas/SearchText',
            },
          },
          {
            name: 'errorClass',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/SearchText',
            },
          },
          {
            name: 'classification',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/FailureKind',
            },
          },
          {
            name: 'fingerprint',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/Fingerprint',
            },
          },
          {
            name: 'from',
            in: 'query',
            allowReserved: true,
            description: 'Last failure at or after this time.',
            schema: {
              $ref: '#/components/schemas/DateTime',
            },
          },
          {
            name: 'to',
            in: 'query',
            allowReserved: true,
            description: 'Last failure before this time.',
            schema: {
              $ref: '#/components/schemas/DateTime',
            },
          },
          {
            name: 'limit',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 50,
            },
          },
          {
            name: 'cursor',
            in: 'query',
            allowReserved: true,
            description: '`nextCursor` of the previous page.',
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
                  $ref: '#/components/schemas/MessagePage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '502': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Unavailable',
          },
        },
      },
    },
    '/runtimes/{runtime}/dlqs/{dlq}/messages/archive': {
      post: {
        operationId: 'archiveMessages',
        summary: 'Archives messages of the queue (manage permission); audited.',
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/dlq',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BulkMessageRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The archived message ids.',
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
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/runtimes/{runtime}/dlqs/{dlq}/messages/purge': {
      post: {
        operationId: 'purgeMessages',
        summary:
          'Deletes messages of the queue for good (manage permission); audited.',
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/dlq',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BulkMessageRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The purged message ids.',
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
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/runtimes/{runtime}/messages/{id}': {
      get: {
        operationId: 'getMessage',
        summary: 'One failed message, masked (read permission on its queue).',
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/messageId',
          },
        ],
        responses: {
          '200': {
            description: 'The message.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MessageDetail',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/runtimes/{runtime}/messages/{id}/preview': {
      post: {
        operationId: 'previewEdit',
        summary:
          "Checks an edited body (JSON, the topic's schema) and diffs it; changes nothing.",
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/messageId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PreviewEditRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The verdict and the diff.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EditPreview',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/runtimes/{runtime}/messages/{id}/replay': {
      post: {
        operationId: 'replayEdited',
        summary:
          'Replays one message with an edited body (checked again; replay permission); audited.',
        parameters: [
          {
            $ref: '#/components/parameters/runtime',
          },
          {
            $ref: '#/components/parameters/messageId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/EditReplayRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'Replayed.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EditReplayResult',
                },
              },
            },
          },
          '400': {
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
        },
      },
    },
    '/replays/plan': {
      post: {
        operationId: 'planReplay',
        summary:
          'Freezes the messages a selection picks into a replay plan (replay permission); give `selection.ids`, or a fingerprint and/or a filter.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PlanReplayRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The planned replay.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Replay',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/replays/{id}/submit': {
      post: {
        operationId: 'submitReplay',
        summary:
          'Submits a planned replay with its reason; it starts, or waits for approval.',
        parameters: [
          {
            $ref: '#/components/parameters/replayId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/SubmitReplayRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The replay.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Replay',
                },
              },
            },
          },
          '400': {
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
        },
      },
    },
    '/replays/{id}/approve': {
      post: {
        operationId: 'approveReplay',
        summary: "Approves someone else's replay (approve permission).",
        parameters: [
          {
            $ref: '#/components/parameters/replayId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DecisionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The replay.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Replay',
                },
              },
            },
          },
          '400': {
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
        },
      },
    },
    '/replays/{id}/reject': {
      post: {
        operationId: 'rejectReplay',
        summary:
          "Rejects someone else's replay (approve permission); `comment` is required.",
        parameters: [
          {
            $ref: '#/components/parameters/replayId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DecisionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The replay.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Replay',
                },
              },
            },
          },
          '400': {
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
        },
      },
    },
    '/replays/{id}/cancel': {
      post: {
        operationId: 'cancelReplay',
        summary: 'Cancels a replay that has not finished (replay permission).',
        parameters: [
          {
            $ref: '#/components/parameters/replayId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CancelRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The replay.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Replay',
                },
              },
            },
          },
          '400': {
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
        },
      },
    },
    '/replays': {
      get: {
        operationId: 'listReplays',
        summary:
          'Replays, newest first (users, and services allowed to read dead letters).',
        parameters: [
          {
            name: 'runtime',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/RuntimeName',
            },
          },
          {
            name: 'dlq',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/QueueName',
            },
          },
          {
            name: 'status',
            in: 'query',
            description:
              'status must be one comma-separated list of replay statuses',
            allowReserved: true,
            schema: {
              type: 'string',
              maxLength: 500,
              pattern:
                '^(planned|awaiting-approval|canary|running|completed|completed-with-failures|canary-failed|cancelled|rejected|expired|failed)(,(planned|awaiting-approval|canary|running|completed|completed-with-failures|canary-failed|cancelled|rejected|expired|failed))*$',
            },
          },
          {
            name: 'limit',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 50,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The replays.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Replay',
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
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/replays/{id}': {
      get: {
        operationId: 'getReplay',
        summary: 'One replay.',
        parameters: [
          {
            $ref: '#/components/parameters/replayId',
          },
        ],
        responses: {
          '200': {
            description: 'The replay.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Replay',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/replays/{id}/items': {
      get: {
        operationId: 'listReplayItems',
        summary: "The replay's messages and their outcomes, in plan order.",
        parameters: [
          {
            $ref: '#/components/parameters/replayId',
          },
          {
            name: 'outcome',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/ReplayOutcome',
            },
          },
          {
            name: 'after',
            in: 'query',
            allowReserved: true,
            description: '`nextAfter` of the previous page.',
            schema: {
              type: 'integer',
              minimum: -1,
              maximum: 9007199254740991,
            },
          },
          {
            name: 'limit',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
              default: 100,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReplayItemPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/audit': {
      get: {
        operationId: 'listAudit',
        summary:
          'The audit trail, newest first (audit read permission), as JSON or CSV.',
        parameters: [
          {
            name: 'runtime',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/RuntimeName',
            },
          },
          {
            name: 'dlq',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/QueueName',
            },
          },
          {
            name: 'replayId',
            in: 'query',
            allowReserved: true,
            schema: {
              $ref: '#/components/schemas/Uuid',
            },
          },
          {
            name: 'before',
            in: 'query',
            allowReserved: true,
            description: '`nextBefore` of the previous page.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 9007199254740991,
            },
          },
          {
            name: 'limit',
            in: 'query',
            allowReserved: true,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 10000,
              default: 100,
            },
          },
          {
            name: 'format',
            in: 'query',
            allowReserved: true,
            description:
              '`csv`: the page as a CSV attachment (dead-letter-audit.csv).',
            schema: {
              type: 'string',
              enum: ['json', 'csv'],
              default: 'json',
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/AuditPage',
                },
              },
              'text/csv': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
