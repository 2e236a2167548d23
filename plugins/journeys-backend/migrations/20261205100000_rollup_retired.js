// @ts-check

/**
 * Counts of rollup hours that retention deleted, per journey, outcome and latency bucket,
 * so the Prometheus counters (kept hours + retired) never fall when old hours go.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('journeys_rollups_retired', table => {
    table.string('journey', 255).notNullable();
    table.string('outcome', 32).notNullable();
    table.integer('le_ms').notNullable();
    table.bigInteger('count').notNullable();
    table.primary(['journey', 'outcome', 'le_ms']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('journeys_rollups_retired');
};
