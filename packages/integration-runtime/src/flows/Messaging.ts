import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import { PermanentError, REPLAY_ID } from '../broker/failureOutcome';
import { Broker, Consumer, Delivery, QueueSpec } from '../broker/types';
import { Outbox, stableMessageId } from '../store/Outbox';
import { inSpan, Telemetry } from '../telemetry/Telemetry';
import { Faults } from './Faults';

// OpenTelemetry messaging semantic conventions (incubating names, copied as advised).
/** Read by the portal's verdict rule (journeys-common's semantic-convention table). */
export const REPLAY_SPAN_ATTRIBUTE = 'switchboard.replay.id';

const MESSAGING = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  routingKey: 'messaging.rabbitmq.destination.routing_key',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  messageId: 'messaging.message.id',
  bodySize: 'messaging.message.body.size',
  consumerGroup: 'messaging.consumer.group.name',
} as const;

export class MalformedMessageError extends PermanentError {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessageError';
  }
}

export type MessageHandler = (
  payload: Record<string, unknown>,
  delivery: Delivery,
) => Promise<void>;

/**
 * Publishing and consuming with tracing: a PRODUCER span per publish with trace context
 * and baggage in the message headers; a CONSUMER span per delivery that starts a new
 * trace linked to the producing span (the async hop journeys stitch back together).
 */
export class Messaging {
  constructor(
    private readonly broker: Broker,
    private readonly telemetry: Telemetry,
    private readonly faults: Faults,
    private readonly outbox?: Outbox,
    /** Called after a message was enqueued (the outbox relay's kick). */
    private readonly onEnqueued: () => void = () => {},
  ) {}

  /**
   * Writes the message to the transactional outbox (call it inside the transaction of the
   * state change it announces); the relay publishes it. Its message id follows from the
   * idempotency key, so enqueueing the same event twice keeps one message. Synchronous.
   */
  enqueue(
    service: string,
    exchange: string,
    routingKey: string,
    payload: object,
    idempotencyKey: string,
  ): void {
    if (!this.outbox) throw new Error('Messaging has no outbox');
    const body = Buffer.from(JSON.stringify(payload));
    const messageId = stableMessageId(idempotencyKey);
    const span = this.telemetry.tracer(service).startSpan(
      `publish ${exchange}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: publishAttributes(exchange, routingKey, messageId, body),
      },
      context.active(),
    );
    try {
      const headers: Record<string, string> = {
        'idempotency-key': idempotencyKey,
      };
      this.telemetry.inject(trace.setSpan(context.active(), span), headers);
      const added = this.outbox.add({
        exchange,
        routingKey,
        messageId,
        body,
        headers,
      });
      if (!added) span.addEvent('already in the outbox');
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(e) });
      throw e;
    } finally {
      span.end();
    }
    setImmediate(this.onEnqueued);
  }

  async publish(
    service: string,
    exchange: string,
    routingKey: string,
    payload: object,
    idempotencyKey: string,
  ): Promise<void> {
    const body = Buffer.from(JSON.stringify(payload));
    const messageId = randomUUID();
    await inSpan(
      this.telemetry.tracer(service),
      `publish ${exchange}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: publishAttributes(exchange, routingKey, messageId, body),
      },
      context.active(),
      async () => {
        const headers: Record<string, string> = {
          'idempotency-key': idempotencyKey,
        };
        this.telemetry.inject(context.active(), headers);
        await this.broker.publish({
          exchange,
          routingKey,
          messageId,
          body,
          headers,
        });
      },
    );
  }

  consume(
    spec: QueueSpec,
    handler: MessageHandler,
    prefetch = 20,
  ): Promise<Consumer> {
    const tracer = this.telemetry.tracer(spec.consumer);
    return this.broker.consume(
      spec.name,
      async delivery => {
        const producer = this.telemetry.extract(delivery.headers);
        const link = trace.getSpanContext(producer);
        const replayId = delivery.headers[REPLAY_ID];
        await inSpan(
          tracer,
          `process ${spec.name}`,
          {
            kind: SpanKind.CONSUMER,
            root: true,
            links: link ? [{ context: link }] : [],
            attributes: {
              [MESSAGING.system]: 'rabbitmq',
              [MESSAGING.destination]: spec.name,
              [MESSAGING.routingKey]: delivery.routingKey,
              [MESSAGING.operationType]: 'process',
              [MESSAGING.operationName]: 'consume',
              [MESSAGING.messageId]: delivery.messageId,
              [MESSAGING.consumerGroup]: spec.consumer,
              [MESSAGING.bodySize]: delivery.body.length,
              'messaging.delivery.attempt': delivery.attempt,
              // The portal's mark of a delivery re-driven from a dead-letter queue.
              ...(typeof replayId === 'string' &&
                replayId && { [REPLAY_SPAN_ATTRIBUTE]: replayId }),
            },
          },
          // Baggage (business ids) comes along; the trace is new, joined by the link.
          producer,
          async () => {
            await this.faults.apply(spec.consumer);
            let payload: unknown;
            try {
              payload = JSON.parse(delivery.body.toString('utf-8'));
            } catch (e) {
              throw new MalformedMessageError(
                `body is not JSON: ${(e as Error).message}`,
              );
            }
            if (
              !payload ||
              typeof payload !== 'object' ||
              Array.isArray(payload)
            ) {
              throw new MalformedMessageError('body is not a JSON object');
            }
            await handler(payload as Record<string, unknown>, delivery);
          },
        );
      },
      { prefetch },
    );
  }
}

/** The producer span's messaging attributes of one publish. */
function publishAttributes(
  exchange: string,
  routingKey: string,
  messageId: string,
  body: Buffer,
) {
  return {
    [MESSAGING.system]: 'rabbitmq',
    [MESSAGING.destination]: exchange,
    [MESSAGING.routingKey]: routingKey,
    [MESSAGING.operationType]: 'send',
    [MESSAGING.operationName]: 'publish',
    [MESSAGING.messageId]: messageId,
    [MESSAGING.bodySize]: body.length,
  };
}
