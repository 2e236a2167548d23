import { Knex } from 'knex';

const MINUTE_US = 60_000_000;
const HOUR_US = 60 * MINUTE_US;

/** One rollup cell to write: `count` instances of `journey` started in minute `minute`. */
export interface TestCell {
  journey: string;
  /** Epoch ms / 60,000. */
  minute: number;
  outcome: string;
  leMs: number;
  count: number;
}

/** Writes cells to the minute table and, summed per hour, to the hourly one (as assembly does). */
export async function writeRollups(knex: Knex, cells: TestCell[]) {
  const minutes = new Map<string, any>();
  const hours = new Map<string, any>();
  for (const c of cells) {
    const minute = c.minute * MINUTE_US;
    for (const [map, bucket] of [
      [minutes, minute],
      [hours, minute - (minute % HOUR_US)],
    ] as const) {
      const key = `${c.journey}|${bucket}|${c.outcome}|${c.leMs}`;
      const row = map.get(key) ?? {
        journey: c.journey,
        bucket_start_us: bucket,
        outcome: c.outcome,
        le_ms: c.leMs,
        count: 0,
      };
      row.count += c.count;
      map.set(key, row);
    }
  }
  await knex.batchInsert('journeys_rollups', [...minutes.values()], 200);
  await knex.batchInsert('journeys_rollups_hourly', [...hours.values()], 200);
}

/** Writes a finished instance row (for the lists that read instances). */
export async function writeInstance(
  knex: Knex,
  row: {
    id: string;
    journey: string;
    status: string;
    startMs: number;
    durationMs: number;
    businessKeys?: Record<string, string>;
  },
) {
  const startUs = row.startMs * 1000;
  const endUs = startUs + row.durationMs * 1000;
  await knex('journeys_instances').insert({
    id: row.id,
    journey: row.journey,
    status: row.status,
    start_us: startUs,
    end_us: endUs,
    last_activity_us: endUs,
    duration_us: row.durationMs * 1000,
    trace_count: 1,
    span_count: 1,
    error_count: row.status === 'ok' ? 0 : 1,
    services: '[]',
    business_keys: JSON.stringify(row.businessKeys ?? {}),
  });
}
