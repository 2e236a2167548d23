import { randomBytes } from 'node:crypto';

/** Builders for OTLP/JSON export requests, as an SDK's JSON exporter would send them. */
export const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export interface TestSpan {
  traceId: string;
  spanId?: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startMs: number;
  durationMs?: number;
  error?: string;
  attributes?: Record<string, string | number | boolean>;
  links?: Array<{ traceId: string; spanId: string }>;
}

function anyValue(v: string | number | boolean) {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

export function otlpSpan(s: TestSpan) {
  const start = BigInt(Math.round(s.startMs * 1000)) * 1000n;
  const end = start + BigInt(Math.round((s.durationMs ?? 10) * 1000)) * 1000n;
  return {
    traceId: s.traceId,
    spanId: s.spanId ?? hex(8),
    parentSpanId: s.parentSpanId ?? '',
    name: s.name,
    kind: s.kind ?? 1,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: end.toString(),
    attributes: Object.entries(s.attributes ?? {}).map(([key, value]) => ({
      key,
      value: anyValue(value),
    })),
    links: (s.links ?? []).map(l => ({ ...l, attributes: [] })),
    status: s.error ? { code: 2, message: s.error } : { code: 0 },
  };
}

export function exportRequest(service: string, spans: TestSpan[]) {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: service } },
          ],
        },
        scopeSpans: [{ scope: { name: 'test' }, spans: spans.map(otlpSpan) }],
      },
    ],
  };
}
