import { env } from '../support/benchSettings';

// What the ingest-and-lookup bench sends and stores; see ../ingestAndLookup.ts for the overrides.
export const INGEST_SPANS = env('BENCH_INGEST_SPANS', 300_000);
export const CLIENTS = env('BENCH_CLIENTS', 4);
export const ENCODING = (process.env.BENCH_ENCODING ?? 'protobuf') as
  | 'protobuf'
  | 'json';
export const INGEST_MAX_SECONDS = env('BENCH_INGEST_MAX_SECONDS', 900);
export const SPANS_SMALL = env('BENCH_SPANS_SMALL', 1_000_000);
export const SPANS_LARGE = env('BENCH_SPANS_LARGE', 10_000_000);
export const LOOKUPS = env('BENCH_LOOKUPS', 2_000);
export const SPANS_PER_REQUEST = 1_000;
export const TRACES_PER_REQUEST = SPANS_PER_REQUEST / 10;
export const PEER_BATCH = 5_000; // the ingestor's default maxBatchSpans
export const BUSINESS_KEYS = ['app.order.id'];
export const TARGET_INGEST = 30_000;
export const TARGET_RATIO = 0.5;
export const TARGET_P99_MS = 50;
