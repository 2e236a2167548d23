// @ts-check

/**
 * dlq-backend's tables: replays (frozen plans and their lifecycle) and an append-only
 * audit trail. Database triggers refuse UPDATE and DELETE on the audit table, so no code
 * path (ours or a future one) can alter or remove an entry.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dlq_replays', table => {
    table.string('id').primary();
    table.string('runtime').notNullable();
    table.string('dlq').notNullable();
    table.string('status').notNullable();
    table.text('selection').notNullable();
    table.text('message_ids').notNullable();
    table.text('plan').notNullable();
    table.string('requester').notNullable();
    table.text('reason');
    table.integer('canary_size').notNullable().defaultTo(0);
    table.float('rate_per_second').notNullable();
    table.boolean('approval_required').notNullable();
    table.string('approver');
    table.text('decision_comment');
    table.string('canary_job_id');
    table.string('main_job_id');
    table.text('final_counts');
    table.text('error');
    table.string('created_at').notNullable();
    table.string('submitted_at');
    table.string('decided_at');
    table.string('finished_at');
    table.index(['runtime', 'dlq', 'created_at'], 'dlq_replays_queue_idx');
    table.index(['status'], 'dlq_replays_status_idx');
  });

  await knex.schema.createTable('dlq_audit', table => {
    table.bigIncrements('id').primary();
    table.string('at').notNullable();
    table.string('actor').notNullable();
    table.string('action').notNullable();
    table.string('runtime').notNullable();
    table.string('dlq');
    table.string('replay_id');
    table.integer('message_count').notNullable().defaultTo(0);
    table.text('reason');
    table.string('outcome').notNullable();
    table.text('detail');
    table.index(['runtime', 'dlq', 'id'], 'dlq_audit_queue_idx');
    table.index(['replay_id'], 'dlq_audit_replay_idx');
  });

  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION dlq_audit_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'dlq_audit is append-only';
      END;
      $$ LANGUAGE plpgsql`);
    await knex.raw(`
      CREATE TRIGGER dlq_audit_append_only BEFORE UPDATE OR DELETE ON dlq_audit
      FOR EACH ROW EXECUTE FUNCTION dlq_audit_append_only()`);
  } else {
    for (const op of ['UPDATE', 'DELETE']) {
      await knex.raw(`
        CREATE TRIGGER dlq_audit_no_${op.toLowerCase()} BEFORE ${op} ON dlq_audit
        BEGIN SELECT RAISE(ABORT, 'dlq_audit is append-only'); END`);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dlq_audit');
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP FUNCTION IF EXISTS dlq_audit_append_only()');
  }
  await knex.schema.dropTable('dlq_replays');
};
