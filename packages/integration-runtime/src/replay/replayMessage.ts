import {
  REPLAY_COUNT,
  REPLAY_ID,
  REPLAY_TARGET_QUEUE,
} from '../broker/failureOutcome';
import { HeaderValue } from '../broker/types';
import { Row } from './types';

/** On an edited replay: the message id of the failed message it corrects. */
export const REPLAY_EDITED_FROM = 'replay-edited-from';

/**
 * A stored failure as the message to publish again: its exchange, routing key, message
 * id and body, its own headers without the failure context, marked with the replay.
 */
export function replayMessage(jobId: string, r: Row) {
  const original = JSON.parse(r.headers) as Record<string, unknown>;
  const headers: Record<string, HeaderValue> = {};
  for (const [k, v] of Object.entries(original)) {
    // Failure context and broker-owned x- headers stay with the record, not the retry.
    if (
      k.startsWith('failure-') ||
      k.startsWith('x-') ||
      k.startsWith('replay-')
    )
      continue;
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
      headers[k] = v as HeaderValue;
    }
  }
  headers[REPLAY_ID] = jobId;
  headers[REPLAY_COUNT] = (r.replay_count as number) + 1;
  headers[REPLAY_TARGET_QUEUE] = r.dlq;
  return {
    exchange: r.exchange as string,
    routingKey: r.routing_key as string,
    messageId: r.message_id as string,
    contentType: r.content_type as string,
    body: Buffer.from(r.body),
    headers,
  };
}
