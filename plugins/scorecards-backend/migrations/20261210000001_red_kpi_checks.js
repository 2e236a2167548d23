// @ts-check

/**
 * The days the turned-red check has run for. The first check of all has no previous one
 * to compare with: it records what is red without notifying, so a new installation does
 * not announce every red KPI of every team at once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_red_kpi_checks', table => {
    /** The day checked (UTC start, ms). */
    table.bigInteger('day').notNullable().primary();
    /** When it was last checked (ms). */
    table.bigInteger('checked_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_red_kpi_checks');
};
