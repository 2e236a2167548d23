import { SpanRecord } from '../../src/types';

export const SPAN_HEAD =
  'INSERT INTO journeys_spans (trace_id,span_id,parent_span_id,name,service,kind,start_us,duration_us,status,route,links,detail)';
export const TRACE_HEAD =
  'INSERT INTO journeys_traces (trace_id,start_us,end_us,span_count,error_count,root_service,root_name,root_status,error_end_us,error_step,received_us,dirty)';
// The store's upsert (DatabaseSpanStore.traceUpsertSql, SQLite flavour).
export const TRACE_UPSERT_TAIL = `ON CONFLICT (trace_id) DO UPDATE SET
  start_us = MIN(journeys_traces.start_us, excluded.start_us),
  end_us = MAX(journeys_traces.end_us, excluded.end_us),
  span_count = journeys_traces.span_count + excluded.span_count,
  error_count = journeys_traces.error_count + excluded.error_count,
  root_service = COALESCE(excluded.root_service, journeys_traces.root_service),
  root_name = COALESCE(excluded.root_name, journeys_traces.root_name),
  root_status = COALESCE(excluded.root_status, journeys_traces.root_status),
  error_step = CASE WHEN excluded.error_end_us IS NOT NULL AND (journeys_traces.error_end_us IS NULL OR excluded.error_end_us > journeys_traces.error_end_us) THEN excluded.error_step ELSE journeys_traces.error_step END,
  error_end_us = CASE WHEN excluded.error_end_us IS NOT NULL AND (journeys_traces.error_end_us IS NULL OR excluded.error_end_us > journeys_traces.error_end_us) THEN excluded.error_end_us ELSE journeys_traces.error_end_us END,
  received_us = excluded.received_us,
  dirty = excluded.dirty`;

export const spanRow = (s: SpanRecord) => [
  s.traceId,
  s.spanId,
  s.parentSpanId,
  s.name,
  s.service,
  s.kind,
  s.startUs,
  s.durationUs,
  s.status,
  s.route,
  s.links,
  s.detail,
];
