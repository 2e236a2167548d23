// @ts-check

/**
 * A covering index on the hourly rollups: journey, hour, outcome, latency bucket and count.
 * The SLO evaluator sums every objective's 30 days of hourly cells each minute; rows are
 * written in time order, so through the primary key each cell is a lookup into a page of
 * other journeys' cells. With the count in the index a journey's window is one contiguous
 * read (measured in docs/benchmarks.md, "SLO evaluation").
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('journeys_rollups_hourly', table => {
    table.index(
      ['journey', 'bucket_start_us', 'outcome', 'le_ms', 'count'],
      'journeys_rollups_hourly_cells_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('journeys_rollups_hourly', table => {
    table.dropIndex(
      ['journey', 'bucket_start_us', 'outcome', 'le_ms', 'count'],
      'journeys_rollups_hourly_cells_idx',
    );
  });
};
