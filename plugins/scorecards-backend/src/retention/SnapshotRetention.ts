import { LoggerService } from '@backstage/backend-plugin-api';
import { SnapshotStore } from '../database/SnapshotStore';
import { bucketStart, DAY_MS, HOUR_MS } from '../snapshots/buckets';

export interface SnapshotRetentionOptions {
  /** Daily snapshots kept, counting back from today (today's bucket excluded). */
  days: number;
  /** Hourly snapshots kept, counting back from the current hour. */
  hourlyHours: number;
}

/** Deletes snapshots older than the configured retention, daily and hourly apart. */
export class SnapshotRetention {
  constructor(
    private readonly store: SnapshotStore,
    private readonly options: SnapshotRetentionOptions,
    private readonly clock: () => Date,
    private readonly logger: LoggerService,
  ) {}

  async run(): Promise<{ day: number; hour: number }> {
    const now = this.clock().getTime();
    const day = await this.store.deleteBefore(
      'day',
      bucketStart(now, 'day') - this.options.days * DAY_MS,
    );
    const hour = await this.store.deleteBefore(
      'hour',
      bucketStart(now, 'hour') - this.options.hourlyHours * HOUR_MS,
    );
    if (day + hour > 0)
      this.logger.info(
        `Scorecards retention deleted ${day} daily and ${hour} hourly snapshot(s)`,
      );
    return { day, hour };
  }
}
