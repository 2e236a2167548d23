// @ts-check

/**
 * One verdict rule for every instance, and per-minute rollups:
 * - spans carry `facts`: the few attributes the verdict reads (http/rpc status, message id,
 *   destination, replay id, an error's message), under the portal's own names whatever
 *   semantic-convention version wrote them;
 * - traces carry `verdict`: what the trace contributes to its instances' verdicts (its root
 *   step, live failure, recovered attempts, replay-driven spans), computed at assembly;
 * - instances carry their own run's duration (first attempt to first outcome), the first
 *   failure and the recovery of instances finished by a replay, the recovered steps, and
 *   `rolled`: the rollup cell the instance is counted in, so a changed verdict moves its count
 *   instead of adding a second one;
 * - `journeys_rollups`: per journey and minute (of the instance's start), counts by outcome
 *   and latency bucket (`le_ms`, the bucket's upper bound; recovered-by-replay instances are
 *   bucketed by their recovery time, in-flight and stuck ones by 0); `journeys_rollups_hourly`
 *   the same per hour. Rollups outlive spans; a cell whose count returns to 0 is deleted.
 * Every stored trace is marked for assembly again, so existing instances get the new rule
 * and their rollups.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('journeys_spans', table => {
    table.text('facts');
  });
  await knex.schema.alterTable('journeys_traces', table => {
    table.text('verdict');
  });
  if (knex.client.config.client === 'pg') {
    // 'recovered-by-replay' is longer than the first migration's 16 characters.
    await knex.raw(
      'ALTER TABLE journeys_instances ALTER COLUMN status TYPE varchar(32)',
    );
  }
  await knex.schema.alterTable('journeys_instances', table => {
    table.bigInteger('duration_us');
    table.bigInteger('first_failure_us');
    table.bigInteger('recovered_us');
    table.text('recovered_steps');
    table.string('rolled', 400);
    table.index(['journey', 'duration_us'], 'journeys_instances_duration_idx');
  });
  // The same counts per hour, so windows of days read 60 times fewer rows.
  for (const name of ['journeys_rollups', 'journeys_rollups_hourly']) {
    await knex.schema.createTable(name, table => {
      table.string('journey', 255).notNullable();
      table.bigInteger('bucket_start_us').notNullable();
      table.string('outcome', 32).notNullable();
      table.integer('le_ms').notNullable();
      table.integer('count').notNullable();
      table.primary(['journey', 'bucket_start_us', 'outcome', 'le_ms']);
    });
  }
  await knex('journeys_traces').update({
    dirty: knex.client.config.client === 'pg' ? true : 1,
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('journeys_rollups_hourly');
  await knex.schema.dropTable('journeys_rollups');
  await knex.schema.alterTable('journeys_instances', table => {
    table.dropIndex(
      ['journey', 'duration_us'],
      'journeys_instances_duration_idx',
    );
    table.dropColumn('duration_us');
    table.dropColumn('first_failure_us');
    table.dropColumn('recovered_us');
    table.dropColumn('recovered_steps');
    table.dropColumn('rolled');
  });
  await knex.schema.alterTable('journeys_traces', table => {
    table.dropColumn('verdict');
  });
  await knex.schema.alterTable('journeys_spans', table => {
    table.dropColumn('facts');
  });
};
