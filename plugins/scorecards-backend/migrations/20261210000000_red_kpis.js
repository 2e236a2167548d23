// @ts-check

/**
 * Which team KPIs are red, for the turned-red notifications: a row exists while the KPI of
 * what the group owns directly stays red, so it is announced once; leaving red deletes it,
 * so turning red again announces again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecards_red_kpis', table => {
    /** The group, e.g. `group:default/payments`. */
    table.string('entity_ref', 255).notNullable();
    table.string('kpi_id', 255).notNullable();
    /** The latest day (UTC start, ms) it was found red. */
    table.bigInteger('day').notNullable();
    /** The first day of this red spell (UTC start, ms). */
    table.bigInteger('since').notNullable();
    /** The rolled-up value when it turned red, for the notification. */
    table.double('value').notNullable();
    /** When the owners were told (ms); null until the notification went out. */
    table.bigInteger('notified_at');
    table.primary(['entity_ref', 'kpi_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecards_red_kpis');
};
