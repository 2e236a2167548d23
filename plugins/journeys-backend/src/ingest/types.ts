/** Outcome of one export request, mapped to OTLP's ExportTraceServiceResponse. */
export interface IngestResult {
  acceptedSpans: number;
  rejectedSpans: number;
  /** Why spans were rejected (first few reasons), for partialSuccess.errorMessage. */
  errorMessage?: string;
}

/**
 * Takes an export request in the OTLP/JSON shape (`{ resourceSpans: [...] }`, hex ids)
 * — already parsed, not yet validated — validates it, stores the valid spans and reports the
 * rest. Throws InputError when nothing in the request is usable, and
 * ServiceUnavailableError-like BackpressureError when the write queue is full.
 */
export interface TraceIngestor {
  ingest(request: unknown): Promise<IngestResult>;
}
