/**
 * The broker contract both adapters implement (RabbitMQ and the embedded SQLite store),
 * so flows, the DLQ drain and replay never know which one runs underneath.
 */

/** Header values as both transports carry them. */
export type HeaderValue = string | number | boolean | null | undefined;
export type MessageHeaders = Record<string, HeaderValue | unknown>;

/** A consumer queue: bound to a topic exchange, with its own retry and dead-letter queues. */
export interface QueueSpec {
  /** e.g. `payment-service.order-created` */
  name: string;
  /** Topic exchange the queue is bound to, e.g. `orders`. */
  exchange: string;
  /** Topic binding keys, e.g. `['order.created']` (`*` and `#` as in AMQP). */
  bindingKeys: string[];
  /** The service (OpenTelemetry service.name) that consumes the queue. */
  consumer: string;
}

export interface RetryPolicy {
  /** Deliveries in all, including the first; the last failure dead-letters. */
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1: the delay is scaled by a random factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
}

export interface Topology {
  /** Topic exchanges (durable). */
  exchanges: string[];
  queues: QueueSpec[];
  retry: RetryPolicy;
  /** Direct exchange the dead letters go through; routing key = consumer queue name. */
  deadLetterExchange: string;
}

export const retryQueueName = (queue: string, attempt: number) =>
  `${queue}.retry.${attempt}`;
export const deadLetterQueueName = (queue: string) => `${queue}.dlq`;

export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  messageId: string;
  body: Buffer;
  headers: Record<string, HeaderValue>;
  contentType?: string;
}

export interface Delivery {
  /** The queue the message was consumed from. */
  queue: string;
  /** Exchange and routing key the message was originally published with. */
  exchange: string;
  routingKey: string;
  messageId: string;
  body: Buffer;
  headers: MessageHeaders;
  /** 1 on the first delivery, 2 on the first retry, ... */
  attempt: number;
}

/** Resolve to acknowledge; throw to retry (or dead-letter once attempts are used up). */
export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

export interface ConsumeOptions {
  /** Deliveries in flight at once for this consumer. */
  prefetch?: number;
}

export interface Consumer {
  /** Stops taking new deliveries and waits for the ones in flight. */
  cancel(): Promise<void>;
}

export interface Broker {
  readonly kind: 'rabbitmq' | 'embedded';
  /** Whether the broker answers now; consumers come back by themselves after `down`. */
  readonly state: BrokerState;
  /** Resolves once the broker is `up` (at once if it is); rejects when `signal` aborts. */
  whenUp(signal?: AbortSignal): Promise<void>;
  /** Declares exchanges, queues, retry and dead-letter queues and bindings. Idempotent. */
  setup(topology: Topology): Promise<void>;
  /** Resolves once the broker has confirmed (persisted) the message; rejects otherwise. */
  publish(message: OutgoingMessage): Promise<void>;
  /**
   * Consumes a consumer queue with the topology's retry policy: a handler that throws is
   * retried after an exponential, jittered delay; a `PermanentError` or the last
   * attempt dead-letters the message with its failure context (see `failureOutcome`).
   */
  consume(
    queue: string,
    handler: DeliveryHandler,
    options?: ConsumeOptions,
  ): Promise<Consumer>;
  /**
   * Consumes a dead-letter queue (`<queue>.dlq`) with no retry policy: resolve to remove
   * the message, throw to leave it on the queue for a later attempt.
   */
  consumeDeadLetters(
    queue: string,
    handler: DeliveryHandler,
    options?: ConsumeOptions,
  ): Promise<Consumer>;
  /** Messages ready in a queue (any queue the topology declared). */
  queueDepth(queue: string): Promise<number>;
  /** Removes every queue and exchange of the topology (tests). */
  teardown(topology: Topology): Promise<void>;
  close(): Promise<void>;
}

/** `down` while the connection is lost and being re-established. */
export type BrokerState = 'up' | 'down';

/**
 * The broker cannot be reached right now (connection lost, reconnecting). Callers answer
 * 503 with Retry-After, or keep the work for later (outbox, paused replay).
 */
export class BrokerUnavailableError extends Error {
  constructor(
    message: string,
    /** Seconds after which a retry is worth it. */
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BrokerUnavailableError';
  }
}
