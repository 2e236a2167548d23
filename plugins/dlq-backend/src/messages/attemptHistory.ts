import { DeliveryAttempt, RuntimeSchemas } from '@internal/plugin-dlq-common';

type XDeath = {
  queue?: unknown;
  reason?: unknown;
  count?: unknown;
  time?: unknown;
};

/**
 * A message's delivery history: RabbitMQ's x-death entries (one per queue and reason,
 * newest first) when the broker recorded them, otherwise the runtime's failure context.
 */
export function attemptHistory(
  message: RuntimeSchemas['FailedMessage'],
): DeliveryAttempt[] {
  const xDeath = message.headers?.['x-death'];
  if (Array.isArray(xDeath) && xDeath.length > 0) {
    return (xDeath as XDeath[]).map(d => ({
      queue: String(d.queue ?? 'unknown'),
      reason: String(d.reason ?? 'unknown'),
      count: Number(d.count) || 1,
      time: timeOf(d.time),
    }));
  }
  return [
    {
      queue: message.queue,
      reason: `${message.errorClass} at ${message.stage}`,
      count: message.attempts,
      time: message.lastFailureAt,
    },
  ];
}

function timeOf(value: unknown): string | null {
  // amqplib decodes AMQP timestamps as seconds, sometimes wrapped as { value }.
  const raw =
    typeof value === 'object' && value !== null
      ? (value as { value?: unknown }).value
      : value;
  if (typeof raw === 'number') return new Date(raw * 1000).toISOString();
  if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw)))
    return new Date(raw).toISOString();
  return null;
}
