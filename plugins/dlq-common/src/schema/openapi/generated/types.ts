// Generated from plugins/dlq-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-dlq-backend schema:generate`; do not edit.
/* eslint-disable */
export interface paths {
  '/runtimes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The configured runtimes and whether they answer (signed-in users). */
    get: operations['listRuntimes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dlqs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every dead-letter queue of every runtime (users, and services allowed to read dead letters); a runtime that cannot be read is reported in `errors`. */
    get: operations['listDlqs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/dead-letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The dead letters of one or more traces (a journey instance's) across every runtime and queue the caller may read; queues they may not read are left out. Only each queue's newest `searchedPerQueue` dead letters are searched. */
    get: operations['findDeadLettersByTrace'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/dlqs/{dlq}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One dead-letter queue with its catalog context and inflow. */
    get: operations['getDlq'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/dlqs/{dlq}/access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the signed-in user may change on the queue, and why not. */
    get: operations['getDlqAccess'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/dlqs/{dlq}/groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The queue's messages grouped by failure fingerprint (read permission on the queue). */
    get: operations['listGroups'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/dlqs/{dlq}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One page of the queue's failed messages, newest failure first (read permission on the queue); `from` must be before `to`. */
    get: operations['listMessages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/dlqs/{dlq}/messages/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archives messages of the queue (manage permission); audited. */
    post: operations['archiveMessages'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/dlqs/{dlq}/messages/purge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deletes messages of the queue for good (manage permission); audited. */
    post: operations['purgeMessages'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/messages/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One failed message, masked (read permission on its queue). */
    get: operations['getMessage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/messages/{id}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Checks an edited body (JSON, the topic's schema) and diffs it; changes nothing. */
    post: operations['previewEdit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runtimes/{runtime}/messages/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replays one message with an edited body (checked again; replay permission); audited. */
    post: operations['replayEdited'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays/plan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Freezes the messages a selection picks into a replay plan (replay permission); give `selection.ids`, or a fingerprint and/or a filter. */
    post: operations['planReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays/{id}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Submits a planned replay with its reason; it starts, or waits for approval. */
    post: operations['submitReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays/{id}/approve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approves someone else's replay (approve permission). */
    post: operations['approveReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays/{id}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Rejects someone else's replay (approve permission); `comment` is required. */
    post: operations['rejectReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancels a replay that has not finished (replay permission). */
    post: operations['cancelReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Replays, newest first (users, and services allowed to read dead letters). */
    get: operations['listReplays'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One replay. */
    get: operations['getReplay'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/replays/{id}/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The replay's messages and their outcomes, in plan order. */
    get: operations['listReplayItems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail, newest first (audit read permission), as JSON or CSV. */
    get: operations['listAudit'];
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
    /** @description a runtime name (lower-case letters, digits and dashes) */
    RuntimeName: string;
    /** @description a queue name (1 to 200 letters, digits, . _ -, not only dots) */
    QueueName: string;
    /**
     * Format: uuid
     * @description must be a UUID
     */
    Uuid: string;
    /** @description 16 hex digits */
    Fingerprint: string;
    /** @description a W3C trace id (32 lower-case hex digits, not all zero) */
    TraceId: string;
    /**
     * Format: date-time
     * @description must be an ISO 8601 date-time
     */
    DateTime: string;
    /** @description Compared as given, trimmed; at most 200 characters, no control characters. */
    SearchText: string;
    /** @description Why, for the audit trail: 3 to 1000 characters once trimmed, no control characters (new lines and tabs are fine). */
    Reason: string;
    /** @description ids must list 1 to 1000 message ids */
    MessageIds: components['schemas']['Uuid'][];
    /** @description A runtime configured under dlq.runtimes, as the browser may see it (no URL, no token). */
    RuntimeInfo: {
      name: string;
      title: string;
      /**
       * @description `degraded`: the runtime answers, but its broker is down (queue depths and replays wait until it is back; stored dead letters can still be read).
       * @enum {string}
       */
      status: 'up' | 'degraded' | 'down';
      broker?: string;
      /** @description Why the runtime is down, or what degraded means for it. */
      error?: string;
    };
    /** @description Catalog entities a dead-letter queue maps to. */
    DlqEntities: {
      /** @description The consumer queue's Resource entity: permissions are checked on it. */
      queue?: string;
      /** @description The dead-letter queue's own Resource entity, when declared. */
      deadLetterQueue?: string;
      /** @description The consuming Component. */
      consumer?: string;
      /** @description Owner of the queue (group ref), from the catalog. */
      owner?: string;
    };
    DlqActionAccess: {
      allowed: boolean;
      /** @description Why not: who owns the queue and whom to ask (absent when allowed). */
      reason?: string;
    };
    /** @description What the signed-in user may change on one queue. */
    DlqAccess: {
      /** @description The owning group (entity ref), when the queue is in the catalog. */
      owner: string | null;
      /** @description The queue's Resource entity, when declared. */
      queue: string | null;
      replay: components['schemas']['DlqActionAccess'];
      manage: components['schemas']['DlqActionAccess'];
      approve: components['schemas']['DlqActionAccess'];
    };
    InflowBucket: {
      start: string;
      count: number;
    };
    /** @description One dead-letter queue of one runtime, with its catalog context. */
    DlqOverview: {
      runtime: string;
      name: string;
      deadLetterQueue: string;
      exchange: string;
      bindingKeys: string[];
      consumer: string;
      failed: number;
      parked: number;
      archived: number;
      brokerDepth: number;
      oldestFailureAt: string | null;
      oldestAgeSeconds: number | null;
      entities: components['schemas']['DlqEntities'];
      /** @description Dead letters received per bucket (oldest first); empty when not asked for. */
      inflow: components['schemas']['InflowBucket'][];
    };
    /** @description A runtime that could not be read; its queues are missing from the answer. */
    RuntimeProblem: {
      runtime: string;
      message: string;
      /** @description The runtime's title, when known. */
      title?: string;
      /**
       * @description `degraded`: the runtime answered, but its broker is down (it reconnects by itself); `down` (or absent): it could not be read.
       * @enum {string}
       */
      status?: 'down' | 'degraded';
      /** @description For a degraded runtime: seconds after which reading again is worth it. */
      retryAfterSeconds?: number;
    };
    DlqListResponse: {
      items: components['schemas']['DlqOverview'][];
      errors: components['schemas']['RuntimeProblem'][];
    };
    /** @enum {string} */
    FailureStatus: 'failed' | 'parked' | 'archived';
    /**
     * @description transient (timeouts, 5xx, unavailable), permanent (schema, validation, 4xx) or unknown.
     * @enum {string}
     */
    FailureKind: 'transient' | 'permanent' | 'unknown';
    /** @description Whether replaying the message unchanged is likely to work, as the runtime decided; runtimes that cannot tell leave it out (treat that as `unknown`). */
    FailureClassification: {
      kind: components['schemas']['FailureKind'];
      reason: string;
    };
    /** @description A failed message in a list (the runtime admin API's FailedMessageSummary). */
    FailedMessageSummary: {
      /** Format: uuid */
      id: string;
      dlq: string;
      messageId: string;
      status: components['schemas']['FailureStatus'];
      errorClass: string;
      errorMessage: string;
      stage: string;
      fingerprint: string;
      attempts: number;
      replayCount: number;
      /** Format: date-time */
      firstFailureAt: string;
      /** Format: date-time */
      lastFailureAt: string;
      orderId: string | null;
      paymentId: string | null;
      traceId: string | null;
      replayJobId: string | null;
      classification?: components['schemas']['FailureClassification'];
    };
    /** @description A failed message with its body, headers and failure context (the runtime's FailedMessage). */
    FailedMessage: components['schemas']['FailedMessageSummary'] & {
      exchange: string;
      routingKey: string;
      queue: string;
      consumer: string;
      contentType: string;
      headers: {
        [key: string]: unknown;
      };
      body: string;
      stack: string;
      spanId: string | null;
      idempotencyKey: string | null;
      customerTier: string | null;
      /** Format: date-time */
      receivedAt: string;
      statusReason: string | null;
    };
    FingerprintGroup: {
      fingerprint: string;
      errorClass: string;
      stage: string;
      sampleMessage: string;
      sampleId: string;
      count: number;
      /** Format: date-time */
      firstSeen: string;
      /** Format: date-time */
      lastSeen: string;
      classification?: components['schemas']['FailureClassification'];
    };
    MessagePage: {
      items: components['schemas']['FailedMessageSummary'][];
      /** @description Pass as `cursor` for the next (older) page. */
      nextCursor: string | null;
      total: number;
    };
    /** @description One delivery attempt, from the broker's x-death history and the failure context. */
    DeliveryAttempt: {
      queue: string;
      reason: string;
      count: number;
      time: string | null;
    };
    /** @description A failed message as the portal shows it, configured PII fields masked. */
    MessageDetail: {
      runtime: string;
      message: components['schemas']['FailedMessage'];
      /** @description The body pretty-printed when it is JSON, as received otherwise (masked either way). */
      formattedBody: string;
      bodyIsJson: boolean;
      /** @description JSON paths (body) and header names whose values were masked. */
      masked: string[];
      attempts: components['schemas']['DeliveryAttempt'][];
      /** @description Where its trace or journey instance opens, when a trace id is known. */
      traceUrl: string | null;
      entities: components['schemas']['DlqEntities'];
    };
    /** @description A dead letter of one of the traces asked for, in one runtime's queue. */
    TraceDeadLetter: {
      traceId: components['schemas']['TraceId'];
      runtime: string;
      dlq: string;
      /**
       * Format: uuid
       * @description The failed message's id (GET /runtimes/{runtime}/messages/{id}).
       */
      id: string;
      messageId: string;
      status: components['schemas']['FailureStatus'];
      classification?: components['schemas']['FailureClassification'];
      errorClass: string;
      /** @description Why it failed. */
      errorMessage: string;
      /** Format: date-time */
      firstFailureAt: string;
      /** Format: date-time */
      lastFailureAt: string;
      /** @description The business key the runtime reports (its order id, else its payment id). */
      businessKey: string | null;
    };
    TraceDeadLetters: {
      /** @description Newest failure first. */
      items: components['schemas']['TraceDeadLetter'][];
      /** @description Runtimes or queues that could not be read; their dead letters are missing. */
      errors: components['schemas']['RuntimeProblem'][];
      /** @description How many of each queue's newest dead letters were searched (the runtimes cannot filter by trace id); older ones of the trace are not found. */
      searchedPerQueue: number;
    };
    /** @description One reason an edited body is refused, at a JSON path (`/lines/0/quantity`, empty = root). */
    BodyProblem: {
      path: string;
      message: string;
    };
    DiffLine: {
      /** @enum {string} */
      kind: 'same' | 'added' | 'removed';
      text: string;
    };
    /** @description Where a message's payload schema came from: a topic's AsyncAPI document in the catalog. */
    MessageSchemaSource: {
      api: string;
      topic: string;
      channel: string;
      message: string;
      version: string;
    };
    /** @description What the backend thinks of an edited body (it checks again on replay). */
    EditPreview: {
      valid: boolean;
      problems: components['schemas']['BodyProblem'][];
      schema: components['schemas']['MessageSchemaSource'] | null;
      /** @description Why no schema applies (then only JSON syntax is checked). */
      schemaMissing: string | null;
      diff: components['schemas']['DiffLine'][];
      changed: boolean;
    };
    /** @description The edited body; masked fields left as they are keep their original values. */
    EditedBody: string;
    PreviewEditRequest: {
      body: components['schemas']['EditedBody'];
    };
    EditReplayRequest: {
      body: components['schemas']['EditedBody'];
      reason: components['schemas']['Reason'];
    };
    EditReplayResult: {
      failureId: string;
      originalMessageId: string;
      /** @description The edited message's own id. */
      messageId: string;
      replayedAt: string;
    };
    BulkMessageRequest: {
      ids: components['schemas']['MessageIds'];
      reason: components['schemas']['Reason'];
    };
    ReplayFilter: {
      businessId?: components['schemas']['SearchText'];
      errorClass?: components['schemas']['SearchText'];
      classification?: components['schemas']['FailureKind'];
      from?: components['schemas']['DateTime'];
      to?: components['schemas']['DateTime'];
    };
    /** @description What to replay: explicit ids, or a fingerprint group and/or a filter. */
    ReplaySelection: {
      ids?: components['schemas']['MessageIds'];
      fingerprint?: components['schemas']['Fingerprint'];
      filter?: components['schemas']['ReplayFilter'];
    };
    PlanReplayRequest: {
      runtime: components['schemas']['RuntimeName'];
      dlq: components['schemas']['QueueName'];
      selection: components['schemas']['ReplaySelection'];
      /** @description Messages per second, from 1 to `dlq.replay.maxRatePerSecond`. */
      ratePerSecond?: number;
      /** @description Leave out the messages whose failure looks permanent (default true). */
      excludePermanent?: boolean;
    };
    SubmitReplayRequest: {
      reason: components['schemas']['Reason'];
      /** @description Replay this many first and go on only when all of them succeeded. */
      canarySize?: number;
    };
    DecisionRequest: {
      comment?: components['schemas']['Reason'];
    };
    CancelRequest: {
      reason?: components['schemas']['Reason'];
    };
    /**
     * @description `completed-with-failures`: every message was attempted, some came back to the DLQ; `canary-failed`: stopped by its canary; `expired`: a plan nobody submitted within `dlq.replay.plannedTtl`.
     * @enum {string}
     */
    ReplayStatus:
      | 'planned'
      | 'awaiting-approval'
      | 'canary'
      | 'running'
      | 'completed'
      | 'completed-with-failures'
      | 'canary-failed'
      | 'cancelled'
      | 'rejected'
      | 'expired'
      | 'failed';
    /** @enum {string} */
    ReplayOutcome:
      | 'pending'
      | 'replayed'
      | 'skipped-duplicate'
      | 'skipped-missing'
      | 'failed-again'
      | 'parked';
    /** @description The runtime's outcome per message, plus `not-attempted` for messages a replay that ended never published; they add up to `progress.total`. */
    ReplayCounts: {
      pending: number;
      replayed: number;
      'skipped-duplicate': number;
      'skipped-missing': number;
      'failed-again': number;
      parked: number;
      'not-attempted': number;
    };
    /** @description The permanent-looking part of a replay plan's selection. */
    PermanentInPlan: {
      count: number;
      selected: number;
      /** @description Left out of the plan (its `count` and ids no longer include them). */
      excluded: boolean;
      /** @description The most frequent reasons, largest first. */
      reasons: {
        reason: string;
        count: number;
      }[];
    };
    ReplayTarget: {
      exchange: string;
      routingKey: string;
      queue: string;
      count: number;
    };
    SkippedMessage: {
      id: string;
      messageId: string;
      /** @description already-processed, in-replay:<job id>, missing or not-failed:<status>. */
      reason: string;
    };
    /** @description A replay as the portal tracks it: a frozen plan, a reason, approval, runtime jobs. */
    Replay: {
      id: string;
      runtime: string;
      dlq: string;
      status: components['schemas']['ReplayStatus'];
      selection: components['schemas']['ReplaySelection'];
      plan: {
        /** @description Messages frozen at planning time; nothing that arrives later is added. */
        count: number;
        targets: components['schemas']['ReplayTarget'][];
        skipped: components['schemas']['SkippedMessage'][];
        ratePerSecond: number;
        estimatedSeconds: number;
        plannedAt: string;
        permanent?: components['schemas']['PermanentInPlan'];
      };
      requester: string;
      reason: string | null;
      canarySize: number;
      approvalRequired: boolean;
      approver: string | null;
      decisionComment: string | null;
      jobs: {
        canary: string | null;
        main: string | null;
      };
      progress: {
        total: number;
        done: number;
        counts: components['schemas']['ReplayCounts'];
      };
      error: string | null;
      createdAt: string;
      submittedAt: string | null;
      decidedAt: string | null;
      finishedAt: string | null;
    };
    ReplayItem: {
      seq: number;
      failureId: string;
      messageId: string;
      orderId: string | null;
      outcome: components['schemas']['ReplayOutcome'];
      detail: string | null;
      /** Format: date-time */
      updatedAt: string;
    };
    ReplayItemPage: {
      items: components['schemas']['ReplayItem'][];
      /** @description Pass as `after` for the next page. */
      nextAfter: number | null;
    };
    /** @enum {string} */
    AuditAction:
      | 'replay.plan'
      | 'replay.submit'
      | 'replay.approve'
      | 'replay.reject'
      | 'replay.cancel'
      | 'replay.finish'
      | 'replay.expire'
      | 'message.archive'
      | 'message.purge'
      | 'message.edit-replay';
    /** @enum {string} */
    AuditOutcome: 'succeeded' | 'failed' | 'denied';
    /** @description An append-only audit entry: who, when, what, why, outcome. */
    AuditEntry: {
      id: number;
      at: string;
      actor: string;
      action: components['schemas']['AuditAction'];
      runtime: string;
      dlq: string | null;
      replayId: string | null;
      messageCount: number;
      reason: string | null;
      outcome: components['schemas']['AuditOutcome'];
      detail: string | null;
    };
    AuditPage: {
      items: components['schemas']['AuditEntry'][];
      /** @description Pass as `before` for the next (older) page. */
      nextBefore: number | null;
    };
  };
  responses: {
    /** @description An error whose message says what is wrong. */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The runtime is unreachable, or its broker is down (then `Retry-After` says after how many seconds asking again is worth it). */
    Unavailable: {
      headers: {
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description A runtime name (lower-case letters, digits and dashes). */
    runtime: components['schemas']['RuntimeName'];
    /** @description The consumer queue whose dead letters these are. */
    dlq: components['schemas']['QueueName'];
    /** @description The failed message's id (the runtime's failure id). */
    messageId: components['schemas']['Uuid'];
    replayId: components['schemas']['Uuid'];
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listRuntimes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every runtime. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['RuntimeInfo'][];
          };
        };
      };
      401: components['responses']['Error'];
    };
  };
  listDlqs: {
    parameters: {
      query?: {
        /** @description Only the queues whose consumer, queue Resource or owner is this entity. */
        entityRef?: string;
        /** @description Hours of inflow per queue; 0 leaves it out. */
        inflowHours?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The queues, and the runtimes that could not be read. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DlqListResponse'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
  findDeadLettersByTrace: {
    parameters: {
      query: {
        /** @description Repeat for several traces (at most 20). */
        traceId: components['schemas']['TraceId'][];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The traces' dead letters. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TraceDeadLetters'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
    };
  };
  getDlq: {
    parameters: {
      query?: {
        inflowHours?: number;
      };
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['dlq'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The queue. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DlqOverview'];
        };
      };
      400: components['responses']['Error'];
      404: components['responses']['Error'];
      502: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  getDlqAccess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['dlq'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The user's access. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DlqAccess'];
        };
      };
      400: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  listGroups: {
    parameters: {
      query?: {
        status?: components['schemas']['FailureStatus'];
      };
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['dlq'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The groups, largest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['FingerprintGroup'][];
          };
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      502: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  listMessages: {
    parameters: {
      query?: {
        status?: components['schemas']['FailureStatus'];
        /** @description An order id or payment id. */
        businessId?: components['schemas']['SearchText'];
        errorClass?: components['schemas']['SearchText'];
        classification?: components['schemas']['FailureKind'];
        fingerprint?: components['schemas']['Fingerprint'];
        /** @description Last failure at or after this time. */
        from?: components['schemas']['DateTime'];
        /** @description Last failure before this time. */
        to?: components['schemas']['DateTime'];
        limit?: number;
        /** @description `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['dlq'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessagePage'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      502: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  archiveMessages: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['dlq'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkMessageRequest'];
      };
    };
    responses: {
      /** @description The archived message ids. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            archived: string[];
          };
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  purgeMessages: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['dlq'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkMessageRequest'];
      };
    };
    responses: {
      /** @description The purged message ids. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            purged: string[];
          };
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  getMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The failed message's id (the runtime's failure id). */
        id: components['parameters']['messageId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The message. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessageDetail'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  previewEdit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The failed message's id (the runtime's failure id). */
        id: components['parameters']['messageId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PreviewEditRequest'];
      };
    };
    responses: {
      /** @description The verdict and the diff. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EditPreview'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  replayEdited: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A runtime name (lower-case letters, digits and dashes). */
        runtime: components['parameters']['runtime'];
        /** @description The failed message's id (the runtime's failure id). */
        id: components['parameters']['messageId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EditReplayRequest'];
      };
    };
    responses: {
      /** @description Replayed. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EditReplayResult'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
    };
  };
  planReplay: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanReplayRequest'];
      };
    };
    responses: {
      /** @description The planned replay. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Replay'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  submitReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['replayId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SubmitReplayRequest'];
      };
    };
    responses: {
      /** @description The replay. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Replay'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
    };
  };
  approveReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['replayId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['DecisionRequest'];
      };
    };
    responses: {
      /** @description The replay. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Replay'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
    };
  };
  rejectReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['replayId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionRequest'];
      };
    };
    responses: {
      /** @description The replay. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Replay'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
    };
  };
  cancelReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['replayId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['CancelRequest'];
      };
    };
    responses: {
      /** @description The replay. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Replay'];
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
    };
  };
  listReplays: {
    parameters: {
      query?: {
        runtime?: components['schemas']['RuntimeName'];
        dlq?: components['schemas']['QueueName'];
        /** @description status must be one comma-separated list of replay statuses */
        status?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The replays. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Replay'][];
          };
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
  getReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['replayId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The replay. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Replay'];
        };
      };
      400: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  listReplayItems: {
    parameters: {
      query?: {
        outcome?: components['schemas']['ReplayOutcome'];
        /** @description `nextAfter` of the previous page. */
        after?: number;
        limit?: number;
      };
      header?: never;
      path: {
        id: components['parameters']['replayId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplayItemPage'];
        };
      };
      400: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  listAudit: {
    parameters: {
      query?: {
        runtime?: components['schemas']['RuntimeName'];
        dlq?: components['schemas']['QueueName'];
        replayId?: components['schemas']['Uuid'];
        /** @description `nextBefore` of the previous page. */
        before?: number;
        limit?: number;
        /** @description `csv`: the page as a CSV attachment (dead-letter-audit.csv). */
        format?: 'json' | 'csv';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPage'];
          'text/csv': string;
        };
      };
      400: components['responses']['Error'];
      403: components['responses']['Error'];
    };
  };
}
