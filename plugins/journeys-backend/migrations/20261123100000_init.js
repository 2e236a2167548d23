// @ts-check

/**
 * journeys-backend's tables. Spans are written in large batches and read by trace id, so
 * the span table carries one index only; everything the UI searches or aggregates on
 * (business keys, links between traces, traces, instances) lives in small side tables.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('journeys_spans', table => {
    table.string('trace_id', 32).notNullable();
    table.string('span_id', 16).notNullable();
    table.string('parent_span_id', 16).notNullable();
    table.string('name', 512).notNullable();
    table.string('service', 255).notNullable();
    table.smallint('kind').notNullable();
    table.bigInteger('start_us').notNullable();
    table.bigInteger('duration_us').notNullable();
    table.smallint('status').notNullable();
    table.string('route', 512);
    /** `traceId:spanId` of linked spans, space separated (the waterfall's async hops). */
    table.text('links');
    /** JSON: attributes, resource, events, link attributes, status message, scope. */
    table.text('detail').notNullable();
    table.index(['trace_id'], 'journeys_spans_trace_idx');
  });

  await knex.schema.createTable('journeys_traces', table => {
    table.string('trace_id', 32).primary();
    table.bigInteger('start_us').notNullable();
    table.bigInteger('end_us').notNullable();
    table.integer('span_count').notNullable();
    table.integer('error_count').notNullable();
    table.string('root_service', 255);
    /** Journey whose entry span this trace holds, and journeys whose completion it holds. */
    table.string('entry_journey', 255);
    table.text('completes');
    table.string('root_name', 512);
    table.smallint('root_status');
    /** The most recent error span of the trace. */
    table.bigInteger('error_end_us');
    table.text('error_step');
    /** Microseconds when the last span of the trace arrived; assembly waits for quiet. */
    table.bigInteger('received_us').notNullable();
    table.boolean('dirty').notNullable().defaultTo(true);
    table.index(['dirty', 'received_us'], 'journeys_traces_dirty_idx');
    table.index(['end_us'], 'journeys_traces_end_idx');
  });

  await knex.schema.createTable('journeys_trace_links', table => {
    /** The trace whose span carries the link (e.g. a consumer's new trace). */
    table.string('trace_id', 32).notNullable();
    /** The trace it continues (e.g. the producer's). */
    table.string('linked_trace_id', 32).notNullable();
    table.primary(['trace_id', 'linked_trace_id']);
    table.index(['linked_trace_id'], 'journeys_trace_links_linked_idx');
  });

  await knex.schema.createTable('journeys_keys', table => {
    table.string('value', 255).notNullable();
    table.string('key', 255).notNullable();
    table.string('trace_id', 32).notNullable();
    table.primary(['value', 'key', 'trace_id']);
    table.index(['trace_id'], 'journeys_keys_trace_idx');
  });

  await knex.schema.createTable('journeys_instances', table => {
    /** The trace id of the instance's entry trace. */
    table.string('id', 32).primary();
    table.string('journey', 255);
    table.string('status', 16).notNullable();
    table.bigInteger('start_us').notNullable();
    table.bigInteger('end_us').notNullable();
    table.bigInteger('last_activity_us').notNullable();
    table.integer('trace_count').notNullable();
    table.integer('span_count').notNullable();
    table.integer('error_count').notNullable();
    table.text('services').notNullable();
    table.text('business_keys').notNullable();
    table.text('failing_step');
    table.index(['journey', 'start_us'], 'journeys_instances_journey_idx');
    table.index(
      ['status', 'last_activity_us'],
      'journeys_instances_status_idx',
    );
    table.index(['start_us'], 'journeys_instances_start_idx');
  });

  await knex.schema.createTable('journeys_instance_traces', table => {
    table.string('instance_id', 32).notNullable();
    table.string('trace_id', 32).notNullable();
    table.primary(['instance_id', 'trace_id']);
    table.index(['trace_id'], 'journeys_instance_traces_trace_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const t of [
    'journeys_instance_traces',
    'journeys_instances',
    'journeys_keys',
    'journeys_trace_links',
    'journeys_traces',
    'journeys_spans',
  ]) {
    await knex.schema.dropTable(t);
  }
};
