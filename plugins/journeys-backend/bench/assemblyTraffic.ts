/*
 * The exporters of bench/assembly.ts, in a worker thread (their own event loop, as
 * exporters in other processes): every 100 ms, RATE/10 traces as OTLP/protobuf export
 * request bodies (as the SDK's proto exporter sends them), one per service, posted to the
 * main thread with the trace ids they carry.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ExportTraceServiceRequest } from '../src/ingest/OtlpDecoder';
import { exportRequest, TestSpan } from '../src/__testUtils__/otlp';
import { order } from './orderTraces';

const { rate, seconds, tickMs } = workerData as {
  rate: number;
  seconds: number;
  tickMs: number;
};

/** The JSON request's hex ids as bytes, encoded with OpenTelemetry's proto definitions. */
function protobuf(request: ReturnType<typeof exportRequest>): Uint8Array {
  const bytes = (hex: string) => Buffer.from(hex, 'hex');
  for (const rs of request.resourceSpans)
    for (const ss of rs.scopeSpans)
      for (const s of ss.spans as any[]) {
        s.traceId = bytes(s.traceId);
        s.spanId = bytes(s.spanId);
        s.parentSpanId = bytes(s.parentSpanId);
        for (const l of s.links) {
          l.traceId = bytes(l.traceId);
          l.spanId = bytes(l.spanId);
        }
      }
  return ExportTraceServiceRequest.encode(
    ExportTraceServiceRequest.fromObject(request),
  ).finish();
}

const started = Date.now();
let n = 0;
let due = 0;
const tick = () => {
  if (Date.now() - started >= seconds * 1000) {
    parentPort!.postMessage({ done: true });
    return;
  }
  due += (rate * tickMs) / 1000;
  const byService = new Map<string, TestSpan[]>();
  while (due >= 2) {
    for (const [service, list] of order(n++, Date.now())) {
      const all = byService.get(service) ?? [];
      all.push(...list);
      byService.set(service, all);
    }
    due -= 2;
  }
  for (const [service, list] of byService)
    parentPort!.postMessage({
      body: protobuf(exportRequest(service, list)),
      traceIds: [...new Set(list.map(s => s.traceId))],
      spans: list.length,
    });
  setTimeout(tick, tickMs - ((Date.now() - started) % tickMs));
};
tick();
