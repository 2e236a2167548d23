import { setTimeout as sleep } from 'node:timers/promises';
import {
  Channel,
  ChannelModel,
  ConfirmChannel,
  ConsumeMessage,
  IllegalOperationError,
  Message,
  Options,
  connect,
} from 'amqplib';
import {
  FailureHeader,
  REPLAY_ID,
  REPLAY_TARGET_QUEUE,
  failureOutcome,
  isReplayForAnotherQueue,
} from './failureOutcome';
import {
  Broker,
  BrokerState,
  BrokerUnavailableError,
  ConsumeOptions,
  Consumer,
  Delivery,
  DeliveryHandler,
  MessageHeaders,
  OutgoingMessage,
  QueueSpec,
  RetryPolicy,
  Topology,
  deadLetterQueueName,
  retryQueueName,
} from './types';
import { UpWaiters } from './UpWaiters';

export type RabbitBrokerLogger = (msg: string, meta?: object) => void;

export interface RabbitBrokerOptions {
  /** e.g. `amqp://guest:guest@127.0.0.1:5672` */
  url: string;
  /** Receives connection/channel events and settle failures; silent by default. */
  logger?: RabbitBrokerLogger;
  /** Reconnect backoff: first delay, doubled per failed attempt up to the cap (ms). */
  reconnectBaseDelayMs?: number;
  reconnectMaxDelayMs?: number;
}

/** How a consumer is (re)attached to a channel after every (re)connect. */
interface ManagedConsumer {
  queue: string;
  prefetch: number;
  process: (
    msg: ConsumeMessage,
    ch: Channel,
    stopping: AbortSignal,
  ) => Promise<void>;
  channel?: Channel;
  consumerTag?: string;
  open: boolean;
  cancelled: boolean;
  inFlight: Set<Promise<void>>;
  stopping: AbortController;
}

const DEFAULT_PREFETCH = 50;
const DEFAULT_CONTENT_TYPE = 'application/json';
/** Pause before a dead letter whose handler failed goes back on the DLQ, so a failing store does not spin. */
const DEAD_LETTER_REQUEUE_DELAY_MS = 1000;
const NOT_FOUND = 404;

/**
 * Headers read as strings (replay routing, trace ids, failure context). Another client may
 * have sent them as AMQP byte arrays, which amqplib decodes to Buffers; other header
 * values (x-death tables, binary headers) pass through untouched.
 */
const STRING_HEADERS: readonly string[] = [
  ...Object.values(FailureHeader).filter(h => h !== FailureHeader.attempts),
  REPLAY_TARGET_QUEUE,
  REPLAY_ID,
  'traceparent',
  'tracestate',
];

/** What consume() needs from the topology for one queue. */
interface QueueRoute {
  spec: QueueSpec;
  retry: RetryPolicy;
  deadLetterExchange: string;
}

type Settlement = 'ack' | 'requeue' | 'reject';

const errorMessage = (err: unknown) =>
  err instanceof Error ? err.message : String(err);

const closeCode = (err: unknown) =>
  typeof err === 'object' && err !== null && 'code' in err
    ? (err as { code: unknown }).code
    : undefined;

const stringHeader = (headers: MessageHeaders, name: string) => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

const numberHeader = (value: unknown, fallback: number) => {
  const n = Number(value ?? fallback);
  return Number.isFinite(n) ? n : fallback;
};

function deliveryHeaders(msg: Message): MessageHeaders {
  const headers: MessageHeaders = { ...msg.properties.headers };
  for (const name of STRING_HEADERS) {
    const value = headers[name];
    if (Buffer.isBuffer(value)) headers[name] = value.toString('utf8');
  }
  return headers;
}

/**
 * Origin of a message RabbitMQ dead-lettered itself (a consumer rejected it without the
 * failure headers): the oldest x-death entry, which RabbitMQ keeps last.
 */
function firstDeath(headers: MessageHeaders): {
  exchange?: string;
  routingKey?: string;
} {
  const deaths = headers['x-death'];
  if (!Array.isArray(deaths) || deaths.length === 0) return {};
  const oldest: unknown = deaths[deaths.length - 1];
  if (typeof oldest !== 'object' || oldest === null) return {};
  const { exchange, 'routing-keys': keys } = oldest as {
    exchange?: unknown;
    'routing-keys'?: unknown;
  };
  return {
    exchange: typeof exchange === 'string' ? exchange : undefined,
    routingKey:
      Array.isArray(keys) && typeof keys[0] === 'string' ? keys[0] : undefined,
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

const topologyKey = (topology: Topology) =>
  `${topology.deadLetterExchange}|${topology.exchanges.join(',')}`;

async function declareTopology(ch: Channel, topology: Topology) {
  for (const exchange of topology.exchanges) {
    await ch.assertExchange(exchange, 'topic', { durable: true });
  }
  await ch.assertExchange(topology.deadLetterExchange, 'direct', {
    durable: true,
  });
  for (const spec of topology.queues) {
    // The queue's own DLX arguments catch broker-level rejects (x-death is added).
    await ch.assertQueue(spec.name, {
      durable: true,
      deadLetterExchange: topology.deadLetterExchange,
      deadLetterRoutingKey: spec.name,
    });
    for (const key of spec.bindingKeys) {
      await ch.bindQueue(spec.name, spec.exchange, key);
    }
    const dlq = deadLetterQueueName(spec.name);
    await ch.assertQueue(dlq, { durable: true });
    await ch.bindQueue(dlq, topology.deadLetterExchange, spec.name);
    // One queue per attempt, so per-message TTLs in a queue differ only by jitter and
    // an expired message never waits long behind a later-expiring one.
    for (let attempt = 2; attempt <= topology.retry.maxAttempts; attempt++) {
      await ch.assertQueue(retryQueueName(spec.name, attempt), {
        durable: true,
        deadLetterExchange: '',
        deadLetterRoutingKey: spec.name,
      });
    }
  }
}

/** One channel opened on first use and reopened after it closed (a channel error such as a 404 closes it). */
class LazyChannel<C extends Channel> {
  private current?: Promise<C>;

  constructor(private readonly open: () => Promise<C>) {}

  get(): Promise<C> {
    if (!this.current) {
      const opening = this.open();
      const reset = () => {
        if (this.current === opening) this.current = undefined;
      };
      opening.then(ch => ch.once('close', reset), reset);
      this.current = opening;
    }
    return this.current;
  }
}

/**
 * The RabbitMQ adapter: topic exchanges, per-attempt TTL retry queues and a direct DLX.
 * A lost connection is re-established by itself (exponential backoff with jitter, capped):
 * the topology is declared again and every consumer re-attached; while it is down,
 * operations fail fast with `BrokerUnavailableError`.
 */
export class RabbitBroker implements Broker {
  readonly kind = 'rabbitmq' as const;

  private readonly routes = new Map<string, QueueRoute>();
  /** Every topology set up, declared again after a reconnect (queues may be gone). */
  private readonly topologies = new Map<string, Topology>();
  private readonly consumers = new Set<ManagedConsumer>();
  /** Last error amqplib reported per channel, so a failed confirm says why the channel died. */
  private readonly channelErrors = new WeakMap<Channel, Error>();
  /** Set while a channel's write buffer is full; publishes wait for its 'drain'. */
  private readonly drains = new WeakMap<Channel, Promise<void>>();
  private readonly publisher = new LazyChannel<ConfirmChannel>(() =>
    this.openPublisher(),
  );
  private readonly inspector = new LazyChannel<Channel>(() =>
    this.openChannel('queue-depth', model => model.createChannel()),
  );
  private model?: ChannelModel;
  private closed = false;
  private readonly upWaiters = new UpWaiters();
  private reconnecting?: Promise<void>;
  private readonly reconnectStop = new AbortController();
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  static async connect(options: RabbitBrokerOptions): Promise<RabbitBroker> {
    let model: ChannelModel;
    try {
      model = await connect(options.url);
    } catch (err) {
      throw new Error(
        `could not connect to RabbitMQ at ${redactUrl(
          options.url,
        )}: ${errorMessage(err)}`,
        { cause: err },
      );
    }
    const broker = new RabbitBroker(options);
    broker.attach(model);
    return broker;
  }

  private readonly log: RabbitBrokerLogger;
  private readonly url: string;

  private constructor(options: RabbitBrokerOptions) {
    this.log = options.logger ?? (() => {});
    this.url = options.url;
    this.baseDelayMs = options.reconnectBaseDelayMs ?? 250;
    this.maxDelayMs = options.reconnectMaxDelayMs ?? 5000;
  }

  get state(): BrokerState {
    return this.model ? 'up' : 'down';
  }

  whenUp(signal?: AbortSignal): Promise<void> {
    if (this.model) return Promise.resolve();
    return this.upWaiters.wait('RabbitMQ', signal);
  }

  private attach(model: ChannelModel) {
    const log = this.log;
    // Without an 'error' listener, EventEmitter would throw and crash the process.
    model.on('error', err =>
      log('RabbitMQ connection error', { error: err.message }),
    );
    model.on('close', err => {
      if (this.model === model) this.model = undefined;
      if (this.closed) return;
      log('RabbitMQ connection closed; reconnecting', {
        error: err?.message,
      });
      this.reconnect();
    });
    model.on('blocked', reason =>
      log('RabbitMQ blocked the connection; publishes stall', { reason }),
    );
    model.on('unblocked', () => log('RabbitMQ unblocked the connection'));
    this.model = model;
  }

  /** Reconnects until it works or the broker is closed; one loop at a time. */
  private reconnect() {
    if (this.reconnecting || this.closed) return;
    const started = Date.now();
    this.reconnecting = (async () => {
      for (let attempt = 1; !this.closed; attempt++) {
        const cap = Math.min(
          this.maxDelayMs,
          this.baseDelayMs * 2 ** Math.min(attempt - 1, 20),
        );
        // Full jitter in [cap/2, cap]: processes that lost the broker together do not
        // all knock at the same moment.
        const delay = Math.round(cap / 2 + (Math.random() * cap) / 2);
        await sleep(delay, undefined, {
          signal: this.reconnectStop.signal,
        }).catch(() => {});
        if (this.closed) return;
        let model: ChannelModel | undefined;
        try {
          model = await connect(this.url);
          await this.restore(model);
        } catch (err) {
          await model?.close().catch(() => {});
          this.log('RabbitMQ reconnect attempt failed', {
            attempt,
            nextInMs: Math.min(this.maxDelayMs, cap * 2),
            error: errorMessage(err),
          });
          continue;
        }
        if (this.closed) {
          await model.close().catch(() => {});
          return;
        }
        this.attach(model);
        await this.reattachConsumers();
        this.log('RabbitMQ reconnected', {
          attempt,
          downForMs: Date.now() - started,
          consumers: this.consumers.size,
        });
        this.upWaiters.wakeAll();
        return;
      }
    })().finally(() => {
      this.reconnecting = undefined;
    });
  }

  /** Declares every known topology again on a fresh connection (before it is used). */
  private async restore(model: ChannelModel) {
    if (this.topologies.size === 0) return;
    const ch = await model.createChannel();
    ch.on('error', err =>
      this.log('RabbitMQ setup channel error', { error: err.message }),
    );
    try {
      for (const topology of this.topologies.values()) {
        await declareTopology(ch, topology);
      }
    } finally {
      await ch.close().catch(() => {});
    }
  }

  private async reattachConsumers() {
    for (const consumer of this.consumers) {
      if (consumer.cancelled) continue;
      try {
        await this.attachConsumer(consumer);
      } catch (err) {
        // A queue deleted meanwhile: the others still come back.
        this.log(`could not re-attach the consumer of ${consumer.queue}`, {
          error: errorMessage(err),
        });
      }
    }
  }

  private requireModel(): ChannelModel {
    if (this.closed) throw new Error('RabbitBroker is closed');
    if (!this.model) {
      throw new BrokerUnavailableError('RabbitMQ is unreachable; reconnecting');
    }
    return this.model;
  }

  async setup(topology: Topology): Promise<void> {
    await this.withChannel('setup', ch => declareTopology(ch, topology));
    this.topologies.set(topologyKey(topology), topology);
    for (const spec of topology.queues) {
      this.routes.set(spec.name, {
        spec,
        retry: topology.retry,
        deadLetterExchange: topology.deadLetterExchange,
      });
    }
  }

  async publish(message: OutgoingMessage): Promise<void> {
    await this.publishConfirmed(
      message.exchange,
      message.routingKey,
      message.body,
      {
        persistent: true,
        messageId: message.messageId,
        contentType: message.contentType ?? DEFAULT_CONTENT_TYPE,
        headers: message.headers,
      },
    );
  }

  async consume(
    queue: string,
    handler: DeliveryHandler,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    const route = this.routes.get(queue);
    if (!route) {
      this.log(
        `consuming ${queue} without its topology (setup() not called on this broker): ` +
          'failed deliveries go straight to the dead-letter queue, without retries or failure headers',
      );
    }
    return this.startConsumer(
      queue,
      options.prefetch ?? DEFAULT_PREFETCH,
      async (msg, ch) => {
        const headers = deliveryHeaders(msg);
        // Back from a retry queue the envelope says exchange '' and the retry queue's key.
        const delivery: Delivery = {
          queue,
          exchange:
            stringHeader(headers, FailureHeader.exchange) ??
            msg.fields.exchange,
          routingKey:
            stringHeader(headers, FailureHeader.routingKey) ??
            msg.fields.routingKey,
          messageId: String(msg.properties.messageId ?? ''),
          body: msg.content,
          headers,
          attempt: numberHeader(headers[FailureHeader.attempts], 0) + 1,
        };
        if (isReplayForAnotherQueue(delivery)) {
          this.settle(ch, msg, 'ack', queue);
          return;
        }
        try {
          await handler(delivery);
        } catch (error) {
          await this.handleFailure(ch, msg, delivery, error, route);
          return;
        }
        this.settle(ch, msg, 'ack', queue);
      },
    );
  }

  async consumeDeadLetters(
    queue: string,
    handler: DeliveryHandler,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    const dlq = deadLetterQueueName(queue);
    return this.startConsumer(
      dlq,
      options.prefetch ?? DEFAULT_PREFETCH,
      async (msg, ch, stopping) => {
        const headers = deliveryHeaders(msg);
        // The envelope names the DLX; the failure headers (or x-death) name the origin.
        const origin = firstDeath(headers);
        const delivery: Delivery = {
          queue: dlq,
          exchange:
            stringHeader(headers, FailureHeader.exchange) ??
            origin.exchange ??
            msg.fields.exchange,
          routingKey:
            stringHeader(headers, FailureHeader.routingKey) ??
            origin.routingKey ??
            msg.fields.routingKey,
          messageId: String(msg.properties.messageId ?? ''),
          body: msg.content,
          headers,
          attempt: numberHeader(headers[FailureHeader.attempts], 1),
        };
        try {
          await handler(delivery);
        } catch (error) {
          this.log(`dead-letter handler failed on ${dlq}; requeueing`, {
            messageId: delivery.messageId,
            error: errorMessage(error),
          });
          // Cut short when the consumer is cancelled, so cancel() does not wait it out.
          await sleep(DEAD_LETTER_REQUEUE_DELAY_MS, undefined, {
            signal: stopping,
          }).catch(() => {});
          this.settle(ch, msg, 'requeue', dlq);
          return;
        }
        this.settle(ch, msg, 'ack', dlq);
      },
    );
  }

  async queueDepth(queue: string): Promise<number> {
    const ch = await this.inspector.get();
    try {
      return (await ch.checkQueue(queue)).messageCount;
    } catch (err) {
      if (!this.model || !this.channelErrors.has(ch)) {
        throw new BrokerUnavailableError(
          `RabbitMQ is unreachable; the depth of ${queue} is unknown`,
          5,
          { cause: err },
        );
      }
      if (closeCode(err) === NOT_FOUND) {
        throw new Error(`RabbitMQ queue ${queue} does not exist`, {
          cause: err,
        });
      }
      throw new Error(
        `could not read the depth of RabbitMQ queue ${queue}: ${errorMessage(
          err,
        )}`,
        { cause: err },
      );
    }
  }

  async teardown(topology: Topology): Promise<void> {
    // Deleting a missing queue or exchange is a no-op in RabbitMQ, so teardown is idempotent.
    await this.withChannel('teardown', async ch => {
      for (const spec of topology.queues) {
        await ch.deleteQueue(spec.name);
        await ch.deleteQueue(deadLetterQueueName(spec.name));
        for (
          let attempt = 2;
          attempt <= topology.retry.maxAttempts;
          attempt++
        ) {
          await ch.deleteQueue(retryQueueName(spec.name, attempt));
        }
        this.routes.delete(spec.name);
      }
      for (const exchange of [
        ...topology.exchanges,
        topology.deadLetterExchange,
      ]) {
        await ch.deleteExchange(exchange);
      }
    });
    this.topologies.delete(topologyKey(topology));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reconnectStop.abort();
    await this.reconnecting;
    const model = this.model;
    this.model = undefined;
    // Closing the connection closes every channel with it; unacknowledged deliveries
    // go back to their queues and unconfirmed publishes reject.
    try {
      await model?.close();
    } catch (err) {
      if (!(err instanceof IllegalOperationError)) throw err;
    }
  }

  /** Retry or dead-letter a failed delivery (confirmed), then ack; requeue if that fails. */
  private async handleFailure(
    ch: Channel,
    msg: ConsumeMessage,
    delivery: Delivery,
    error: unknown,
    route: QueueRoute | undefined,
  ): Promise<void> {
    const { queue } = delivery;
    if (!route) {
      // No retry policy known: the queue's x-dead-letter-* arguments route it to the DLQ.
      this.settle(ch, msg, 'reject', queue);
      return;
    }
    const outcome = failureOutcome(
      delivery,
      error,
      route.retry,
      route.spec.consumer,
    );
    const options: Options.Publish = {
      persistent: true,
      messageId: msg.properties.messageId,
      contentType: msg.properties.contentType ?? DEFAULT_CONTENT_TYPE,
      headers: outcome.headers,
      // A republish that routes nowhere would be confirmed and lost: have it returned and logged.
      mandatory: true,
    };
    try {
      if (outcome.kind === 'retry') {
        await this.publishConfirmed(
          '',
          retryQueueName(queue, outcome.attempt),
          msg.content,
          { ...options, expiration: String(outcome.delayMs) },
        );
      } else {
        await this.publishConfirmed(
          route.deadLetterExchange,
          queue,
          msg.content,
          options,
        );
      }
    } catch (err) {
      this.log(
        `could not ${outcome.kind} a delivery from ${queue}; requeueing`,
        {
          messageId: delivery.messageId,
          error: errorMessage(err),
        },
      );
      this.settle(ch, msg, 'requeue', queue);
      return;
    }
    this.settle(ch, msg, 'ack', queue);
  }

  private settle(
    ch: Channel,
    msg: Message,
    how: Settlement,
    queue: string,
  ): void {
    try {
      if (how === 'ack') ch.ack(msg);
      else ch.nack(msg, false, how === 'requeue');
    } catch (err) {
      // The channel is gone (cancelled, broker closed, connection lost); RabbitMQ
      // redelivers whatever it did not see settled.
      this.log(`could not ${how} a delivery from ${queue}`, {
        messageId: msg.properties.messageId,
        error: errorMessage(err),
      });
    }
  }

  private async startConsumer(
    queue: string,
    prefetch: number,
    process: ManagedConsumer['process'],
  ): Promise<Consumer> {
    const consumer: ManagedConsumer = {
      queue,
      prefetch,
      process,
      open: false,
      cancelled: false,
      inFlight: new Set(),
      stopping: new AbortController(),
    };
    await this.attachConsumer(consumer);
    this.consumers.add(consumer);
    return {
      cancel: async () => {
        consumer.cancelled = true;
        this.consumers.delete(consumer);
        const ch = consumer.channel;
        if (ch && consumer.open && consumer.consumerTag) {
          await ch.cancel(consumer.consumerTag).catch(err =>
            this.log(`could not cancel the consumer of ${queue}`, {
              error: errorMessage(err),
            }),
          );
        }
        consumer.stopping.abort();
        await Promise.allSettled(consumer.inFlight);
        if (ch && consumer.open) await ch.close().catch(() => {});
      },
    };
  }

  /** Opens a channel for the consumer and starts consuming on it (again after a reconnect). */
  private async attachConsumer(consumer: ManagedConsumer): Promise<void> {
    const { queue } = consumer;
    const ch = await this.openChannel(`consumer ${queue}`, model =>
      model.createChannel(),
    );
    consumer.channel = ch;
    consumer.open = true;
    ch.once('close', () => {
      if (consumer.channel === ch) consumer.open = false;
    });
    try {
      await ch.prefetch(consumer.prefetch);
      ({ consumerTag: consumer.consumerTag } = await ch.consume(queue, msg => {
        if (!msg) {
          this.log(
            `RabbitMQ cancelled the consumer of ${queue} (queue deleted?)`,
          );
          return;
        }
        const handling: Promise<void> = consumer
          .process(msg, ch, consumer.stopping.signal)
          .catch(err =>
            this.log(`unexpected error handling a delivery from ${queue}`, {
              error: errorMessage(err),
            }),
          )
          .finally(() => consumer.inFlight.delete(handling));
        consumer.inFlight.add(handling);
      }));
    } catch (err) {
      await ch.close().catch(() => {});
      if (closeCode(err) === NOT_FOUND) {
        throw new Error(`RabbitMQ queue ${queue} does not exist`, {
          cause: err,
        });
      }
      throw err;
    }
  }

  private async publishConfirmed(
    exchange: string,
    routingKey: string,
    body: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    const ch = await this.publisher.get();
    // Re-check after every wake-up: publishers woken by the same 'drain' may fill the
    // buffer again. No await between the last check and publish() below.
    for (let full = this.drains.get(ch); full; full = this.drains.get(ch)) {
      await full;
    }
    const target = exchange
      ? `exchange ${exchange} (${routingKey})`
      : `queue ${routingKey}`;
    await new Promise<void>((resolve, reject) => {
      const fail = (cause: unknown) => {
        const channelError = this.channelErrors.get(ch);
        if (!channelError && !/nack/i.test(errorMessage(cause))) {
          // The connection went before the confirm: RabbitMQ may or may not have
          // persisted it; the caller retries with the same message id.
          reject(
            new BrokerUnavailableError(
              `RabbitMQ connection lost before it confirmed the publish to ${target}: ${errorMessage(
                cause,
              )}`,
              5,
              { cause },
            ),
          );
          return;
        }
        const reason = channelError ?? cause;
        reject(
          new Error(
            `RabbitMQ did not confirm the publish to ${target}: ${errorMessage(
              reason,
            )}`,
            { cause: reason },
          ),
        );
      };
      try {
        const accepted = ch.publish(
          exchange,
          routingKey,
          body,
          options,
          (err: unknown) => (err ? fail(err) : resolve()),
        );
        if (!accepted) this.waitForDrain(ch);
      } catch (err) {
        // Thrown synchronously when the channel is already closed.
        fail(err);
      }
    });
  }

  private waitForDrain(ch: Channel): void {
    if (this.drains.has(ch)) return;
    const drained = new Promise<void>(resolve => {
      const done = () => {
        ch.off('drain', done);
        ch.off('close', done);
        this.drains.delete(ch);
        resolve();
      };
      ch.on('drain', done);
      ch.on('close', done);
    });
    this.drains.set(ch, drained);
  }

  private async openPublisher(): Promise<ConfirmChannel> {
    const ch = await this.openChannel('publish', model =>
      model.createConfirmChannel(),
    );
    ch.on('return', (msg: Message) =>
      this.log('RabbitMQ returned an unroutable message', {
        exchange: msg.fields.exchange,
        routingKey: msg.fields.routingKey,
        messageId: msg.properties.messageId,
      }),
    );
    return ch;
  }

  private async openChannel<C extends Channel>(
    purpose: string,
    create: (model: ChannelModel) => Promise<C>,
  ): Promise<C> {
    const ch = await create(this.requireModel());
    // amqplib emits 'error' before 'close' when the server closes a channel; unhandled,
    // the event would crash the process.
    ch.on('error', err => {
      this.channelErrors.set(ch, err);
      this.log(`RabbitMQ ${purpose} channel error`, { error: err.message });
    });
    return ch;
  }

  private async withChannel(
    purpose: string,
    work: (ch: Channel) => Promise<void>,
  ): Promise<void> {
    const ch = await this.openChannel(purpose, model => model.createChannel());
    try {
      await work(ch);
    } finally {
      // Already closed if an operation failed: nothing to do then.
      await ch.close().catch(() => {});
    }
  }
}
