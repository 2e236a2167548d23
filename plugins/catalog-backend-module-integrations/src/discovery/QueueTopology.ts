import { RabbitMqBinding, RabbitMqQueue } from './RabbitMqManagementClient';

const DEAD_LETTER_EXCHANGE_ARGUMENT = 'x-dead-letter-exchange';

/** What a vhost's queue arguments and bindings say about each queue. */
export class QueueTopology {
  private readonly deadLetterExchanges: ReadonlySet<string>;
  private readonly exchangesByQueue = new Map<string, string[]>();

  constructor(queues: RabbitMqQueue[], bindings: RabbitMqBinding[]) {
    // The default exchange ('') is left out: retry queues dead-letter through it back to
    // their work queue, which does not make the work queue a dead-letter queue.
    this.deadLetterExchanges = new Set(
      queues
        .map(q => q.arguments[DEAD_LETTER_EXCHANGE_ARGUMENT])
        .filter((x): x is string => typeof x === 'string' && x !== ''),
    );
    for (const b of bindings) {
      if (b.destination_type !== 'queue' || b.source === '') continue;
      const sources = this.exchangesByQueue.get(b.destination) ?? [];
      if (!sources.includes(b.source)) sources.push(b.source);
      this.exchangesByQueue.set(b.destination, sources);
    }
  }

  /** The exchange a queue is bound to; the alphabetically first when several, for stable entities. */
  exchangeOf(queue: string): string | undefined {
    return [...(this.exchangesByQueue.get(queue) ?? [])].sort()[0];
  }

  /** Named `.dlq`, or bound to an exchange that some queue dead-letters into. */
  isDeadLetterQueue(queue: string): boolean {
    return (
      queue.endsWith('.dlq') ||
      (this.exchangesByQueue.get(queue) ?? []).some(e =>
        this.deadLetterExchanges.has(e),
      )
    );
  }
}
