import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { BackpressureError } from './ingestErrors';
import { SpanStore } from '../database/SpanStore';
import { NormalizedBatch } from '../types';
import { SpanNormalizer } from './SpanNormalizer';
import { storeFailure } from './storeErrors';
import { IngestRequestOptions, IngestResult, TraceIngestor } from './types';

export interface IngestOptions {
  /** Spans waiting for the database beyond this are refused with 429 (default 200,000). */
  maxQueuedSpans: number;
  /** Spans per database transaction (default 5,000). */
  maxBatchSpans: number;
  /**
   * How long a write waits for more requests to join its transaction when fewer than
   * maxBatchSpans are pending (default 5 ms): commits, not rows, are the cost of a write.
   */
  gatherMs?: number;
}

interface Pending {
  batch: NormalizedBatch;
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * Validates export requests and writes them through one queue: concurrent requests are
 * merged into large transactions, and a request is answered only once its spans are stored.
 * When a merged write fails, each request is written again alone, so one request the
 * database refuses fails alone (400) and the others it was merged with are stored.
 */
export class SpanIngestor implements TraceIngestor {
  private pending: Pending[] = [];
  private queuedSpans = 0;
  private flushing = false;

  constructor(
    private readonly normalizer: Pick<SpanNormalizer, 'normalize'>,
    private readonly store: Pick<SpanStore, 'write'>,
    private readonly options: IngestOptions,
    private readonly logger: LoggerService,
  ) {}

  async ingest(
    request: unknown,
    options: IngestRequestOptions = {},
  ): Promise<IngestResult> {
    const batch = this.normalizer.normalize(request, options.source);
    const errorMessage = batch.errors.length
      ? `${batch.rejected} span(s) rejected: ${batch.errors.join('; ')}${
          batch.rejected > batch.errors.length ? '; …' : ''
        }`
      : undefined;
    if (batch.spans.length === 0) {
      if (batch.rejected > 0)
        throw new InputError(`no span accepted; ${errorMessage}`);
      return { acceptedSpans: 0, rejectedSpans: 0 };
    }
    if (this.queuedSpans + batch.spans.length > this.options.maxQueuedSpans) {
      throw new BackpressureError(
        `ingest queue is full (${this.queuedSpans} spans waiting for storage); retry later`,
        Math.max(1, Math.ceil(this.queuedSpans / 50_000)),
      );
    }
    this.queuedSpans += batch.spans.length;
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      void this.flush();
    });
    return {
      acceptedSpans: batch.spans.length,
      rejectedSpans: batch.rejected,
      errorMessage,
    };
  }

  /** Spans accepted but not yet written. */
  get queued() {
    return this.queuedSpans;
  }

  private async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length) {
        const gatherMs = this.options.gatherMs ?? 20;
        if (gatherMs > 0 && this.queuedSpans < this.options.maxBatchSpans) {
          await new Promise(resolve => setTimeout(resolve, gatherMs));
        }
        const take: Pending[] = [];
        let spans = 0;
        while (
          this.pending.length &&
          (take.length === 0 ||
            spans + this.pending[0].batch.spans.length <=
              this.options.maxBatchSpans)
        ) {
          const next = this.pending.shift()!;
          spans += next.batch.spans.length;
          take.push(next);
        }
        try {
          await this.write(take);
        } finally {
          this.queuedSpans -= spans;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Writes the requests together; after a failure, each alone. Never throws. */
  private async write(take: Pending[]) {
    try {
      await this.store.write(
        take.length === 1
          ? take[0].batch
          : {
              spans: take.flatMap(p => p.batch.spans),
              keys: take.flatMap(p => p.batch.keys),
              links: take.flatMap(p => p.batch.links),
            },
      );
      take.forEach(p => p.resolve());
      return;
    } catch (e) {
      if (take.length === 1) {
        this.fail(take[0], e);
        return;
      }
      this.logger.warn(
        `storing ${take.length} requests together failed; storing each alone`,
      );
    }
    for (const p of take) {
      try {
        await this.store.write(p.batch);
        p.resolve();
      } catch (e) {
        this.fail(p, e);
      }
    }
  }

  private fail(p: Pending, error: unknown) {
    const answer = storeFailure(error);
    this.logger.error(
      `storing ${p.batch.spans.length} spans failed (answered: ${answer.message})`,
      error as Error,
    );
    p.reject(answer);
  }
}
