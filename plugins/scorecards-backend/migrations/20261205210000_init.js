// @ts-check

/**
 * scorecards-backend's tables. Snapshots are read by KPI and time (the org overview, a
 * KPI's history) and by entity (a journey's card), and deleted by age.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_snapshots', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('kpi_id', 255).notNullable();
    /** `day` or `hour`. */
    table.string('granularity', 8).notNullable();
    /** Start of the UTC day or hour, ms since the epoch. */
    table.bigInteger('bucket_start').notNullable();
    table.double('value').notNullable();
    /** green, amber or red under the thresholds in force when written; null: no rule matched. */
    table.string('status', 8);
    table.bigInteger('written_at').notNullable();
    table.primary(['entity_ref', 'kpi_id', 'granularity', 'bucket_start']);
    table.index(
      ['granularity', 'kpi_id', 'bucket_start'],
      'scorecards_snapshots_kpi_time_idx',
    );
    table.index(
      ['granularity', 'bucket_start'],
      'scorecards_snapshots_time_idx',
    );
  });

  // One row per provider and bucket it has been run for, even when it returned no values,
  // so a bucket is computed once and a day with no data is not backfilled again each run.
  await knex.schema.createTable('scorecards_provider_runs', table => {
    table.string('provider_id', 255).notNullable();
    table.string('granularity', 8).notNullable();
    table.bigInteger('bucket_start').notNullable();
    table.integer('snapshot_count').notNullable();
    table.bigInteger('finished_at').notNullable();
    table.primary(['provider_id', 'granularity', 'bucket_start']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_provider_runs');
  await knex.schema.dropTable('scorecards_snapshots');
};
