// Generated from packages/integration-runtime/openapi.yaml by
// `yarn workspace @internal/integration-runtime-client generate`; do not edit.
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness, broker kind and the broker's state
     * @description Answers 200 while the process runs, also while the broker is down (`brokerState`
     *     says so); load balancers that should stop routing to a runtime without its broker
     *     use `/health/ready`.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness - 200 while the process runs */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness - 200 when the broker is up, 503 with Retry-After while it is down */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dlqs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every dead-letter queue with depth and oldest age */
    get: operations['listDlqs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dlqs/{dlq}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
      };
      cookie?: never;
    };
    /** One dead-letter queue */
    get: operations['getDlq'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dlqs/{dlq}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
      };
      cookie?: never;
    };
    /**
     * Page through failed messages without consuming them
     * @description Newest failure first. Keyset-paged with `cursor` from the previous page.
     */
    get: operations['listFailedMessages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dlqs/{dlq}/groups': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
      };
      cookie?: never;
    };
    /** Failed messages grouped by fingerprint */
    get: operations['listFingerprintGroups'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/dlqs/{dlq}/inflow': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
      };
      cookie?: never;
    };
    /**
     * Dead letters received per time bucket
     * @description Counts every dead letter the runtime drained into its failure store, also those
     *     since replayed, archived or purged, so the trend shows inflow rather than depth.
     */
    get: operations['getDlqInflow'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messages/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['MessageId'];
      };
      cookie?: never;
    };
    /** One failed message with its full context */
    get: operations['getFailedMessage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messages/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['MessageId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replay one failed message with a corrected body (edit and retry)
     * @description Publishes `body` instead of the stored body to the message's original exchange and
     *     routing key, for its original queue only. The edited message gets a new message id
     *     (it is a different message, not a redelivery) and keeps the idempotency key, so a
     *     side effect already performed for the business id is not repeated. The original
     *     record is kept, archived with a reason naming the new message id. A JSON message's
     *     body must be valid JSON; checking it against the topic's schema is the caller's job.
     */
    post: operations['replayEditedMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messages/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archive failed messages (kept, no longer replayable) */
    post: operations['archiveMessages'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/messages/purge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Delete failed messages for good */
    post: operations['purgeMessages'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/replays/plan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Dry run of a replay
     * @description What a replay with this selection would do; changes nothing.
     */
    post: operations['planReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/replays': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent replay jobs */
    get: operations['listReplays'];
    put?: never;
    /**
     * Start a replay job
     * @description Snapshots the selected failed messages and re-drives them at `ratePerSecond`.
     *     With an `Idempotency-Key` header, submitting the same request again returns the
     *     first job (200) instead of starting a second one.
     */
    post: operations['createReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/replays/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['ReplayId'];
      };
      cookie?: never;
    };
    /** A job's progress */
    get: operations['getReplay'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/replays/{id}/items': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['ReplayId'];
      };
      cookie?: never;
    };
    /** Each message of a job with its outcome */
    get: operations['listReplayItems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/replays/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['ReplayId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a running job */
    post: operations['cancelReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/side-effects': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Side effects the flows performed (what a replay must never repeat) */
    get: operations['listSideEffects'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/faults': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Fault injection knobs per service */
    get: operations['listFaults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/faults/{service}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        service: string;
      };
      cookie?: never;
    };
    get?: never;
    /** Set a service's fault knobs */
    put: operations['setFault'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/traffic': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The demo traffic generator's settings */
    get: operations['getTraffic'];
    /** Change the traffic generator's rate */
    put: operations['setTraffic'];
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
    /**
     * @description `down` while the connection to the broker is lost and being re-established.
     * @enum {string}
     */
    BrokerState: 'up' | 'down';
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'unavailable';
      /** @enum {string} */
      broker: 'rabbitmq' | 'embedded';
      brokerState: components['schemas']['BrokerState'];
    };
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
    /** @description A queue name; one made only of dots (`.`, `..`) is never a queue. */
    QueueName: string;
    /** @description Who asks, e.g. an entity ref such as user:default/alice.nguyen. */
    Requester: string;
    Reason: string;
    /** @enum {string} */
    FailureStatus: 'failed' | 'parked' | 'archived';
    Dlq: {
      /** @description The consumer queue. */
      name: string;
      /** @description The broker queue the dead letters arrive on before the runtime stores them. */
      deadLetterQueue: string;
      exchange: string;
      bindingKeys: string[];
      /** @description The consuming service (its OpenTelemetry service.name and catalog component). */
      consumer: string;
      failed: number;
      parked: number;
      archived: number;
      /** @description Dead letters still on the broker, not yet in the failure store. */
      brokerDepth: number;
      /** Format: date-time */
      oldestFailureAt: string | null;
      oldestAgeSeconds: number | null;
    };
    /** @enum {string} */
    FailureKind: 'transient' | 'permanent' | 'unknown';
    /**
     * @description Whether replaying the message unchanged is likely to work, decided by the runtime
     *     from the error's class, its HTTP status and the attempts: `transient` (timeouts,
     *     5xx, unavailable), `permanent` (schema or validation errors, 4xx), `unknown`.
     *     Runtimes that cannot tell leave it out; callers treat that as `unknown`.
     */
    FailureClassification: {
      kind: components['schemas']['FailureKind'];
      /** @description One line, e.g. "HTTP 422 from book-invoice: the request is wrong, retrying will not help". */
      reason: string;
    };
    EditedReplayRequest: {
      /** @description The corrected body, as it is to be published. */
      body: string;
      reason: components['schemas']['Reason'];
      requester: components['schemas']['Requester'];
    };
    EditedReplay: {
      /** Format: uuid */
      failureId: string;
      dlq: string;
      originalMessageId: string;
      /** @description The edited message's own id. */
      messageId: string;
      exchange: string;
      routingKey: string;
      /** Format: date-time */
      replayedAt: string;
    };
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
      /** @description The replay job the message is part of right now, if any. */
      replayJobId: string | null;
      classification?: components['schemas']['FailureClassification'];
    };
    FailedMessage: components['schemas']['FailedMessageSummary'] & {
      exchange: string;
      routingKey: string;
      queue: string;
      consumer: string;
      contentType: string;
      /** @description Every header the message carried, including trace context, x-death and failure context. */
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
    BulkMessageAction: {
      ids: string[];
      reason: components['schemas']['Reason'];
      requester: components['schemas']['Requester'];
    };
    ReplayFilter: {
      businessId?: string;
      fingerprint?: string;
      errorClass?: string;
      /** Format: date-time */
      from?: string;
      /** Format: date-time */
      to?: string;
    };
    ReplaySelection: {
      dlq: components['schemas']['QueueName'];
      ids?: string[];
      filter?: components['schemas']['ReplayFilter'];
      /** @default 100 */
      ratePerSecond: number;
      maxMessages?: number;
      /**
       * @description With `ids`: ids that are gone (replayed or purged since) or no longer `failed`
       *     are listed in the plan's `skipped` (reason `missing` or `not-failed:<status>`)
       *     instead of failing the request. For callers that froze a selection earlier.
       * @default false
       */
      skipUnavailable: boolean;
      reason?: components['schemas']['Reason'];
      requester?: components['schemas']['Requester'];
    };
    ReplayPlan: {
      dlq: string;
      /** @description Messages that would be published. */
      count: number;
      targets: {
        exchange: string;
        routingKey: string;
        queue: string;
        count: number;
      }[];
      skipped: {
        id: string;
        messageId: string;
        /** @description already-processed, in-replay:<job id>, missing or not-failed:<status>. */
        reason: string;
      }[];
      ratePerSecond: number;
      estimatedSeconds: number;
    };
    /** @enum {string} */
    ReplayOutcome:
      | 'pending'
      | 'replayed'
      | 'skipped-duplicate'
      | 'skipped-missing'
      | 'failed-again'
      | 'parked';
    ReplayJob: {
      /** Format: uuid */
      id: string;
      dlq: string;
      /** @enum {string} */
      status: 'pending' | 'running' | 'completed' | 'cancelled' | 'failed';
      reason: string;
      requester: string;
      ratePerSecond: number;
      total: number;
      counts: {
        [key: string]: number;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      startedAt: string | null;
      /** Format: date-time */
      finishedAt: string | null;
      cancelledBy: string | null;
      error: string | null;
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
    /**
     * @description What the simulated external systems (payment provider, ERP, email service) saw:
     *     each performs a request once per `Idempotency-Key` and answers a repeated key with
     *     the first result. `doubled` counts effects beyond the first for the same business
     *     id and step (a double booking would show here, whatever the runtime's ledger says).
     */
    ExternalEffects: {
      /** @description Effects performed (first requests per key, filtered by businessId). */
      total: number;
      /** @description Requests that repeated a known key and got the first result back. */
      repeatedKeys: number;
      doubled: number;
      bySystem: {
        [key: string]: number;
      };
    };
    SideEffect: {
      service: string;
      action: string;
      businessId: string;
      idempotencyKey: string;
      /** Format: date-time */
      at: string;
    };
    Fault: {
      /** @description Share of deliveries or requests that fail with a transient error. */
      errorRate?: number;
      /** @description Added to every delivery or request. */
      latencyMs?: number;
      /** @description Simulated providers (payment-provider, legacy-erp) answer 503 to everything. */
      outage?: boolean;
      /** @description Share of requests a simulated provider rejects for good (422). */
      rejectRate?: number;
    };
    Traffic: {
      ordersPerSecond?: number;
      /** @description Share of orders that are schema-invalid (poison messages). */
      poisonRate?: number;
      refundRate?: number;
    };
  };
  responses: {
    /** @description An error with a message that says what is wrong. */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /**
     * @description The broker is down (the runtime reconnects by itself): the request needs it and
     *     is worth repeating after `Retry-After` seconds. The error's name is
     *     `ServiceUnavailableError`.
     */
    Unavailable: {
      headers: {
        'Retry-After': components['headers']['RetryAfter'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description The consumer queue whose dead letters these are. */
    Dlq: components['schemas']['QueueName'];
    MessageId: string;
    ReplayId: string;
    Limit: number;
  };
  requestBodies: never;
  headers: {
    /** @description Seconds after which the request is worth repeating. */
    RetryAfter: number;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The runtime is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'ok';
            /** @enum {string} */
            broker: 'rabbitmq' | 'embedded';
            brokerState: components['schemas']['BrokerState'];
          };
        };
      };
      400: components['responses']['Error'];
    };
  };
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process runs. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'ok';
          };
        };
      };
      400: components['responses']['Error'];
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The runtime serves checkouts and replays. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      400: components['responses']['Error'];
      /** @description The broker is down; the runtime reconnects by itself. */
      503: {
        headers: {
          'Retry-After': components['headers']['RetryAfter'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  listDlqs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The runtime's dead-letter queues. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Dlq'][];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  getDlq: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
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
          'application/json': components['schemas']['Dlq'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  listFailedMessages: {
    parameters: {
      query?: {
        status?: components['schemas']['FailureStatus'];
        /** @description An order id or payment id. */
        businessId?: string;
        fingerprint?: string;
        errorClass?: string;
        /** @description Only messages classified so (see FailureClassification). */
        classification?: components['schemas']['FailureKind'];
        /** @description Last failure at or after this time. */
        from?: string;
        /** @description Last failure before this time. */
        to?: string;
        limit?: components['parameters']['Limit'];
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
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
          'application/json': {
            items: components['schemas']['FailedMessageSummary'][];
            nextCursor: string | null;
            total: number;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  listFingerprintGroups: {
    parameters: {
      query?: {
        status?: components['schemas']['FailureStatus'];
      };
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Groups, largest first. */
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
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  getDlqInflow: {
    parameters: {
      query?: {
        hours?: number;
        bucketMinutes?: number;
      };
      header?: never;
      path: {
        /** @description The consumer queue whose dead letters these are. */
        dlq: components['parameters']['Dlq'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Buckets oldest first, empty ones included. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            bucketSeconds: number;
            buckets: {
              /** Format: date-time */
              start: string;
              count: number;
            }[];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  getFailedMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['MessageId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The message, its headers, body and failure context. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FailedMessage'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  replayEditedMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['MessageId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EditedReplayRequest'];
      };
    };
    responses: {
      /** @description Published (the broker confirmed it). */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EditedReplay'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  archiveMessages: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkMessageAction'];
      };
    };
    responses: {
      /** @description What was archived. */
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
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  purgeMessages: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkMessageAction'];
      };
    };
    responses: {
      /** @description What was purged. */
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
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
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
        'application/json': components['schemas']['ReplaySelection'];
      };
    };
    responses: {
      /** @description The plan. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplayPlan'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  listReplays: {
    parameters: {
      query?: {
        dlq?: components['schemas']['QueueName'];
        limit?: components['parameters']['Limit'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Newest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ReplayJob'][];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  createReplay: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReplaySelection'] & {
          reason: components['schemas']['Reason'];
          requester: components['schemas']['Requester'];
        };
      };
    };
    responses: {
      /** @description The job created earlier with this Idempotency-Key. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplayJob'];
        };
      };
      /** @description The new job. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplayJob'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  getReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['ReplayId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplayJob'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  listReplayItems: {
    parameters: {
      query?: {
        outcome?: components['schemas']['ReplayOutcome'];
        /** @description Continue after this sequence number (`nextAfter` of the previous page). */
        after?: number;
        limit?: components['parameters']['Limit'];
      };
      header?: never;
      path: {
        id: components['parameters']['ReplayId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of items. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['ReplayItem'][];
            nextAfter: number | null;
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      404: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  cancelReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: components['parameters']['ReplayId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          requester: components['schemas']['Requester'];
          reason?: string;
        };
      };
    };
    responses: {
      /** @description The job, cancelled. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplayJob'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  listSideEffects: {
    parameters: {
      query?: {
        businessId?: string;
        limit?: components['parameters']['Limit'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Side effects, newest first, with totals and duplicates. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['SideEffect'][];
            total: number;
            /** @description Side effects beyond the first for the same idempotency key (should be 0). */
            duplicates: number;
            external?: components['schemas']['ExternalEffects'];
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  listFaults: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The knobs. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            services: {
              [key: string]: components['schemas']['Fault'];
            };
          };
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  setFault: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        service: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Fault'];
      };
    };
    responses: {
      /** @description The knobs now in force. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Fault'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  getTraffic: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Settings. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Traffic'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
  setTraffic: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Traffic'];
      };
    };
    responses: {
      /** @description Settings now in force. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Traffic'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Unavailable'];
    };
  };
}
