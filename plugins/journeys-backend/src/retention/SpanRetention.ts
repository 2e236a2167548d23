import { LoggerService } from '@backstage/backend-plugin-api';
import { InstanceStore } from '../database/InstanceStore';

export interface RetentionOptions {
  /** Traces that ended longer ago are deleted (default 7 days). */
  maxAgeMs: number;
  /** Beyond this many stored spans the oldest traces go (default 10,000,000). */
  maxSpans: number;
  /** Rollups (per-minute counts, what stats and SLOs read) live longer (default 400 days). */
  rollupMaxAgeMs: number;
}

/** Deletes old traces by age, then by size; instances lose their entry trace with them. */
export class SpanRetention {
  constructor(
    private readonly store: InstanceStore,
    private readonly options: RetentionOptions,
    private readonly logger: LoggerService,
  ) {}

  async run(nowMs = Date.now()): Promise<{ traces: number }> {
    let deleted = 0;
    for (;;) {
      const old = await this.store.tracesEndedBefore(
        (nowMs - this.options.maxAgeMs) * 1000,
        2000,
      );
      if (!old.length) break;
      deleted += await this.delete(old);
    }
    let total = await this.store.spanTotal();
    while (total > this.options.maxSpans) {
      const oldest = await this.store.oldestTraces(2000);
      if (!oldest.length) break;
      deleted += await this.delete(oldest);
      total = await this.store.spanTotal();
    }
    const rollups = await this.store.deleteRollupsBefore(
      (nowMs - this.options.rollupMaxAgeMs) * 1000,
    );
    if (deleted || rollups)
      this.logger.info(
        `retention deleted ${deleted} traces and ${rollups} rollup cells`,
      );
    return { traces: deleted };
  }

  private async delete(traceIds: string[]) {
    const touched = await this.store.deleteTraces(traceIds);
    const gone = new Set(traceIds);
    await this.store.deleteInstances(
      touched.filter(id => gone.has(id)),
      { unroll: false },
    );
    return traceIds.length;
  }
}
