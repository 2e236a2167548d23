import { SpanSource } from '../types';

/** Outcome of one export request, mapped to OTLP's ExportTraceServiceResponse. */
export interface IngestResult {
  acceptedSpans: number;
  rejectedSpans: number;
  /** Why spans were rejected (first few reasons), for partialSuccess.errorMessage. */
  errorMessage?: string;
}

export interface IngestRequestOptions {
  /** 'browser' for the Faro receiver: its spans are stored as untrusted (default 'otlp'). */
  source?: SpanSource;
}

/**
 * Takes an export request in the OTLP/JSON shape (`{ resourceSpans: [...] }`, hex ids)
 * — already parsed, not yet validated — validates it, stores the valid spans and reports the
 * rest. Throws InputError when nothing in the request is usable or the database refused one
 * of its values, BackpressureError (429) when the write queue is full and
 * ServiceUnavailableError (503) when the store fails for another reason.
 */
export interface TraceIngestor {
  ingest(
    request: unknown,
    options?: IngestRequestOptions,
  ): Promise<IngestResult>;
}
