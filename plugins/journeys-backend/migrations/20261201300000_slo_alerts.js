// @ts-check

/**
 * SLO alert state: one row per firing of an objective's burn-rate alert (journey,
 * objective, severity), resolved when it stops; the figures that fired it, and whether the
 * owner was told of the firing and of the resolve (so a restart sends what is missing and
 * nothing twice).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('journeys_slo_alerts', table => {
    table.increments('id');
    table.string('journey', 255).notNullable();
    table.string('objective', 255).notNullable();
    table.string('severity', 16).notNullable();
    table.bigInteger('firing_since_us').notNullable();
    table.bigInteger('resolved_at_us');
    /** JSON: the rule, burn rates, valid/bad counts and budget when it fired. */
    table.text('figures').notNullable();
    table.boolean('notified_firing').notNullable().defaultTo(false);
    table.boolean('notified_resolved').notNullable().defaultTo(false);
    table.index(
      ['journey', 'objective', 'severity', 'resolved_at_us'],
      'journeys_slo_alerts_open_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('journeys_slo_alerts');
};
