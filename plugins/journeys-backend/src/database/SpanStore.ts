import { SpanDetail, WaterfallSpan } from '@internal/plugin-journeys-common';
import { NormalizedBatch } from '../types';

/**
 * Spans as received and the per-trace summaries kept current with them.
 * `DatabaseSpanStore` keeps them in the plugin's tables; an adapter to an existing trace
 * store implements the same interface.
 */
export interface SpanStore {
  /** Stores one batch (spans, trace summaries, business keys, links) atomically. */
  write(
    batch: Pick<NormalizedBatch, 'spans' | 'keys' | 'links'>,
    receivedUs?: number,
  ): Promise<void>;
  /** The spans of some traces for the waterfall (no details), oldest first, at most `limit`. */
  waterfall(
    traceIds: string[],
    limit: number,
  ): Promise<{ spans: WaterfallSpan[]; truncated: boolean }>;
  span(traceId: string, spanId: string): Promise<SpanDetail | undefined>;
}
