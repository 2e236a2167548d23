// @ts-check

/**
 * Spans from the browser (Faro) receiver are untrusted: they are marked, and a trace counts
 * how many of its spans are such, so its summary (root, status, error step, time range)
 * comes from the backend services' spans alone. Existing rows came from OTLP exporters.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('journeys_spans', table => {
    table.boolean('browser').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('journeys_traces', table => {
    table.integer('browser_spans').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('journeys_traces', table => {
    table.dropColumn('browser_spans');
  });
  await knex.schema.alterTable('journeys_spans', table => {
    table.dropColumn('browser');
  });
};
