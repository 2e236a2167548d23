import { InputError } from '@backstage/errors';
import {
  AttributeValue,
  canonicalAttribute,
  readAttribute,
  readInteger,
  readText,
} from '@internal/plugin-journeys-common';
import { z } from 'zod';
import { NormalizedBatch, SpanFacts, SpanRecord, SpanSource } from '../types';
import { storableSlice, storableText } from './storableText';

function spanFacts(
  attributes: Record<string, AttributeValue>,
  statusMessage: string | undefined,
  status: number,
): string | null {
  const facts: SpanFacts = {};
  const httpStatus = readInteger(attributes, 'httpStatus');
  if (httpStatus !== undefined) facts.httpStatus = httpStatus;
  const rpcStatus = readInteger(attributes, 'rpcStatus');
  if (rpcStatus !== undefined) facts.rpcStatus = rpcStatus;
  const short = (v: string | undefined) => v && storableSlice(v, 255);
  const messageId = short(readText(attributes, 'messageId'));
  if (messageId) facts.messageId = messageId;
  const destination = short(readText(attributes, 'destination'));
  if (destination) facts.destination = destination;
  const operation = short(readText(attributes, 'messagingOperation'));
  if (operation) facts.operation = operation;
  const replayId = short(readText(attributes, 'replayId'));
  if (replayId) facts.replayId = replayId;
  // An error's message; instrumentations that set none (http's 5xx) leave `error.type`.
  const errorType = readText(attributes, 'errorType');
  if (status === 2 && (statusMessage || errorType))
    facts.message = storableSlice(
      statusMessage || `error.type ${errorType}`,
      512,
    );
  return Object.keys(facts).length ? JSON.stringify(facts) : null;
}

export interface NormalizerLimits {
  /** Deepest nesting of arrays/kvlists in an attribute value (default 8). */
  maxValueDepth: number;
  /** Longer string values are truncated, as OpenTelemetry's attribute limits do (default 4096). */
  maxValueLength: number;
  /** Attributes beyond this per span/resource/event are dropped (default 128). */
  maxAttributes: number;
  /** Events and links beyond these per span are dropped (defaults 128). */
  maxEvents: number;
  maxLinks: number;
}

export const DEFAULT_LIMITS: NormalizerLimits = {
  maxValueDepth: 8,
  maxValueLength: 4096,
  maxAttributes: 128,
  maxEvents: 128,
  maxLinks: 128,
};

class SpanError extends Error {}

/** A map for untrusted keys: no prototype, so every key is an own property. */
function prototypeFree(): Record<string, AttributeValue> {
  return Object.create(null);
}

// OTLP/JSON: lowerCamelCase fields, ids as hex, 64-bit integers as decimal strings or numbers.
// The protobuf decoder hands over the same shape with ids still as bytes.
const keyValues = z
  .array(z.object({ key: z.string(), value: z.unknown() }))
  .optional();
const requestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes: keyValues }).nullish(),
        scopeSpans: z
          .array(
            z.object({
              scope: z
                .object({
                  name: z.string().nullish(),
                  version: z.string().nullish(),
                })
                .nullish(),
              spans: z.array(z.unknown()).nullish(),
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

/** A 64-bit integer as protobufjs decodes it (the `long` package's Long). */
interface LongBits {
  low: number;
  high: number;
  unsigned?: boolean;
}
const isLong = (v: unknown): v is LongBits =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LongBits).low === 'number' &&
  typeof (v as LongBits).high === 'number';
const longValue = (v: LongBits) =>
  (v.unsigned ? v.high >>> 0 : v.high) * 2 ** 32 + (v.low >>> 0);

const nanos = z.union([
  z.string().regex(/^\d{1,20}$/),
  z.number().int().nonnegative(),
  z.custom<LongBits>(
    v => isLong(v) && longValue(v) >= 0,
    'a non-negative 64-bit integer',
  ),
]);
const id = z.union([z.string(), z.instanceof(Uint8Array)]);
const spanSchema = z.object({
  traceId: id,
  spanId: id,
  parentSpanId: id.nullish(),
  name: z.string().min(1, 'a span needs a name'),
  kind: z
    .union([
      z.number().int().min(0).max(5),
      z.enum([
        'SPAN_KIND_UNSPECIFIED',
        'SPAN_KIND_INTERNAL',
        'SPAN_KIND_SERVER',
        'SPAN_KIND_CLIENT',
        'SPAN_KIND_PRODUCER',
        'SPAN_KIND_CONSUMER',
      ]),
    ])
    .nullish(),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: keyValues,
  events: z
    .array(
      z.object({
        timeUnixNano: nanos.nullish(),
        name: z.string().nullish(),
        attributes: keyValues,
      }),
    )
    .nullish(),
  links: z
    .array(z.object({ traceId: id, spanId: id, attributes: keyValues }))
    .nullish(),
  status: z
    .object({
      code: z
        .union([
          z.number().int().min(0).max(2),
          z.enum(['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR']),
        ])
        .nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});

// Absent in OTLP/JSON means undefined or null alike.
const isNil = (v: unknown): v is null | undefined =>
  v === null || v === undefined;
const isId = (v: unknown) => typeof v === 'string' || v instanceof Uint8Array;
const isNanos = (v: unknown) =>
  (typeof v === 'string' &&
    v.length > 0 &&
    v.length <= 20 &&
    /^\d+$/.test(v)) ||
  (typeof v === 'number' && Number.isInteger(v) && v >= 0) ||
  (isLong(v) && longValue(v) >= 0);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isKeyValues = (v: unknown) =>
  v === undefined ||
  (Array.isArray(v) &&
    v.every(kv => isObject(kv) && typeof kv.key === 'string'));

/**
 * The shape almost every span has, checked by hand: at tens of thousands of spans per
 * second the schema's generic parse costs more than storing the span. Anything this does
 * not accept goes through `spanSchema`, which alone words the errors; this only ever
 * accepts what the schema accepts too.
 */
function isCommonSpanShape(raw: unknown): raw is z.infer<typeof spanSchema> {
  if (!isObject(raw)) return false;
  const {
    traceId,
    spanId,
    parentSpanId,
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    events,
    links,
    status,
  } = raw;
  if (
    !isId(traceId) ||
    !isId(spanId) ||
    (!isNil(parentSpanId) && !isId(parentSpanId))
  )
    return false;
  if (typeof name !== 'string' || name.length === 0) return false;
  if (
    !isNil(kind) &&
    !(
      typeof kind === 'number' &&
      Number.isInteger(kind) &&
      kind >= 0 &&
      kind <= 5
    )
  )
    return false;
  if (
    !isNanos(startTimeUnixNano) ||
    !isNanos(endTimeUnixNano) ||
    !isKeyValues(attributes)
  )
    return false;
  if (!isNil(events)) {
    if (!Array.isArray(events)) return false;
    for (const e of events) {
      if (!isObject(e) || !isKeyValues(e.attributes)) return false;
      if (!isNil(e.timeUnixNano) && !isNanos(e.timeUnixNano)) return false;
      if (!isNil(e.name) && typeof e.name !== 'string') return false;
    }
  }
  if (!isNil(links)) {
    if (!Array.isArray(links)) return false;
    for (const l of links)
      if (
        !isObject(l) ||
        !isId(l.traceId) ||
        !isId(l.spanId) ||
        !isKeyValues(l.attributes)
      )
        return false;
  }
  if (!isNil(status)) {
    if (!isObject(status)) return false;
    const { code, message } = status;
    if (
      !isNil(code) &&
      !(
        typeof code === 'number' &&
        Number.isInteger(code) &&
        code >= 0 &&
        code <= 2
      )
    )
      return false;
    if (!isNil(message) && typeof message !== 'string') return false;
  }
  return true;
}

const KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
const STATUS_NAMES = [
  'STATUS_CODE_UNSET',
  'STATUS_CODE_OK',
  'STATUS_CODE_ERROR',
];
const HEX = /^[0-9a-f]+$/;

function hexId(
  value: string | Uint8Array,
  bytes: number,
  what: string,
  optional = false,
): string {
  const hex =
    typeof value === 'string'
      ? value.toLowerCase()
      : Buffer.from(value).toString('hex');
  if (optional && hex === '') return '';
  if (hex.length !== bytes * 2 || !HEX.test(hex)) {
    throw new SpanError(`${what} must be ${bytes * 2} hex digits`);
  }
  if (/^0+$/.test(hex)) throw new SpanError(`${what} must not be all zeros`);
  return hex;
}

function toMicros(value: string | number | LongBits, what: string): number {
  let us: number;
  if (typeof value === 'number') us = Math.floor(value / 1000);
  else if (typeof value === 'string')
    us = value.length > 3 ? Number(value.slice(0, -3)) : 0;
  else us = Math.floor(longValue(value) / 1000);
  if (!Number.isSafeInteger(us) || us <= 0)
    throw new SpanError(`${what} must be a positive time in nanoseconds`);
  return us;
}

/**
 * Turns OTLP export requests (OTLP/JSON shape) into stored rows. Structure errors reject the
 * whole request (InputError); a bad span is rejected alone and named in the errors.
 */
export class SpanNormalizer {
  constructor(
    private readonly businessKeys: () => ReadonlySet<string>,
    private readonly limits: NormalizerLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * Browser spans (`source: 'browser'`) are marked untrusted and index neither business
   * keys nor links to other traces: they can never pull a trace into someone's instance.
   */
  normalize(request: unknown, source: SpanSource = 'otlp'): NormalizedBatch {
    const browser = source === 'browser';
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
      throw new InputError(
        'an OTLP export request must be a JSON object with resourceSpans',
      );
    }
    const parsed = requestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `invalid OTLP export request at ${issue.path.join('.') || '(root)'}: ${
          issue.message
        }`,
      );
    }
    const out: NormalizedBatch = {
      spans: [],
      keys: [],
      links: [],
      rejected: 0,
      errors: [],
    };
    const keysSeen = new Set<string>();
    const linksSeen = new Set<string>();
    const businessKeys = this.businessKeys();

    (parsed.data.resourceSpans ?? []).forEach((rs, r) => {
      let resource: Record<string, AttributeValue>;
      try {
        resource = this.attributes(
          rs.resource?.attributes,
          `resourceSpans.${r}.resource`,
        );
      } catch (e) {
        const count = (rs.scopeSpans ?? []).reduce(
          (n, ss) => n + (ss.spans?.length ?? 0),
          0,
        );
        this.reject(
          out,
          `resourceSpans.${r}.resource: ${(e as Error).message}`,
          count,
        );
        return;
      }
      const serviceName = resource['service.name'];
      const service =
        typeof serviceName === 'string' && serviceName
          ? serviceName
          : 'unknown_service';
      (rs.scopeSpans ?? []).forEach((ss, s) => {
        const scope = ss.scope?.name
          ? storableSlice(
              `${ss.scope.name}${
                ss.scope.version ? `@${ss.scope.version}` : ''
              }`,
              512,
            )
          : undefined;
        (ss.spans ?? []).forEach((raw, i) => {
          const where = `resourceSpans.${r}.scopeSpans.${s}.spans.${i}`;
          try {
            const span = this.span(
              raw,
              storableSlice(service, 255),
              resource,
              businessKeys,
              scope,
              browser,
            );
            out.spans.push(span.record);
            if (browser) return;
            for (const [key, value] of span.keys) {
              const k = `${span.record.traceId}\u0000${key}\u0000${value}`;
              if (keysSeen.has(k)) continue;
              keysSeen.add(k);
              out.keys.push({ traceId: span.record.traceId, key, value });
            }
            for (const linked of span.linkedTraces) {
              if (linked === span.record.traceId) continue;
              const k = `${span.record.traceId}:${linked}`;
              if (linksSeen.has(k)) continue;
              linksSeen.add(k);
              out.links.push([span.record.traceId, linked]);
            }
          } catch (e) {
            if (!(e instanceof SpanError)) throw e;
            this.reject(out, `${where}: ${e.message}`, 1);
          }
        });
      });
    });
    return out;
  }

  private reject(out: NormalizedBatch, message: string, count: number) {
    out.rejected += count;
    if (out.errors.length < 5) out.errors.push(message);
  }

  private span(
    raw: unknown,
    service: string,
    resource: Record<string, AttributeValue>,
    wanted: ReadonlySet<string>,
    scope: string | undefined,
    browser: boolean,
  ) {
    let s: z.infer<typeof spanSchema>;
    if (isCommonSpanShape(raw)) {
      s = raw;
    } else {
      const parsed = spanSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SpanError(
          `${issue.path.join('.') || 'span'}: ${issue.message}`,
        );
      }
      s = parsed.data;
    }
    const traceId = hexId(s.traceId, 16, 'traceId');
    const spanId = hexId(s.spanId, 8, 'spanId');
    const parentSpanId = s.parentSpanId
      ? hexId(s.parentSpanId, 8, 'parentSpanId', true)
      : '';
    const startUs = toMicros(s.startTimeUnixNano, 'startTimeUnixNano');
    const endUs = toMicros(s.endTimeUnixNano, 'endTimeUnixNano');
    if (endUs < startUs)
      throw new SpanError('endTimeUnixNano is before startTimeUnixNano');
    const kind =
      typeof s.kind === 'string' ? KIND_NAMES.indexOf(s.kind) : s.kind ?? 0;
    const code = s.status?.code;
    const status =
      typeof code === 'string' ? STATUS_NAMES.indexOf(code) : code ?? 0;
    const attributes = this.attributes(s.attributes, 'attributes');

    const links = (s.links ?? [])
      .slice(0, this.limits.maxLinks)
      .map((l, i) => ({
        traceId: hexId(l.traceId, 16, `links.${i}.traceId`),
        spanId: hexId(l.spanId, 8, `links.${i}.spanId`),
        attributes: this.attributes(l.attributes, `links.${i}.attributes`),
      }));
    const events = (s.events ?? [])
      .slice(0, this.limits.maxEvents)
      .map((e, i) => ({
        name: storableSlice(e.name ?? '', 512),
        timeUs: e.timeUnixNano
          ? toMicros(e.timeUnixNano, `events.${i}.timeUnixNano`)
          : startUs,
        attributes: this.attributes(e.attributes, `events.${i}.attributes`),
      }));

    const keys: Array<[string, string]> = [];
    for (const key of wanted) {
      // A key that is a semantic convention (the message id) is read under all its names.
      let v: unknown = Object.hasOwn(attributes, key)
        ? attributes[key]
        : undefined;
      if (key === canonicalAttribute('messageId'))
        v = readAttribute(attributes, 'messageId');
      if (
        (typeof v === 'string' && v.length > 0 && v.length <= 255) ||
        typeof v === 'number'
      )
        keys.push([key, String(v)]);
    }
    const route = readAttribute(attributes, 'httpRoute');
    const statusMessage = s.status?.message
      ? storableSlice(s.status.message, this.limits.maxValueLength)
      : undefined;
    const record: SpanRecord = {
      traceId,
      spanId,
      parentSpanId,
      name: storableSlice(s.name, 512),
      service,
      kind,
      startUs,
      durationUs: endUs - startUs,
      status,
      route: typeof route === 'string' ? storableSlice(route, 512) : null,
      links: links.length
        ? links.map(l => `${l.traceId}:${l.spanId}`).join(' ')
        : null,
      statusMessage,
      browser,
      facts: spanFacts(attributes, statusMessage, status),
      detail: JSON.stringify({
        attributes,
        resource,
        events,
        linkAttributes: links.map(l => l.attributes),
        statusMessage,
        scope,
      }),
    };
    return { record, keys, linkedTraces: links.map(l => l.traceId) };
  }

  /**
   * Attributes as a map without a prototype, so `__proto__`, `constructor` or `toString`
   * are keys like any other (an object literal would swallow `__proto__`).
   */
  private attributes(
    list: Array<{ key: string; value?: unknown }> | undefined | null,
    where: string,
  ) {
    const out = prototypeFree();
    if (!list) return out;
    let n = 0;
    for (const { key: raw, value } of list) {
      if (n >= this.limits.maxAttributes) break;
      if (raw.length === 0 || raw.length > 255)
        throw new SpanError(
          `${where}: attribute keys must have 1 to 255 characters`,
        );
      const key = storableText(raw);
      out[key] = this.value(value, `${where}.${key}`, 0);
      n++;
    }
    return out;
  }

  /** OTLP AnyValue → plain JSON value, depth-limited (hostile nesting never reaches the stack limit). */
  private value(v: unknown, where: string, depth: number): AttributeValue {
    if (depth > this.limits.maxValueDepth)
      throw new SpanError(
        `${where}: values nest deeper than ${this.limits.maxValueDepth} levels`,
      );
    if (v === undefined || v === null) return null;
    if (typeof v !== 'object' || Array.isArray(v))
      throw new SpanError(
        `${where}: an attribute value must be an AnyValue object`,
      );
    const o = v as Record<string, unknown>;
    if (
      'stringValue' in o &&
      o.stringValue !== undefined &&
      o.stringValue !== null
    ) {
      if (typeof o.stringValue !== 'string')
        throw new SpanError(`${where}: stringValue must be a string`);
      return storableSlice(o.stringValue, this.limits.maxValueLength);
    }
    if ('boolValue' in o && o.boolValue !== undefined && o.boolValue !== null) {
      if (typeof o.boolValue !== 'boolean')
        throw new SpanError(`${where}: boolValue must be a boolean`);
      return o.boolValue;
    }
    if ('intValue' in o && o.intValue !== undefined && o.intValue !== null) {
      const i = o.intValue;
      if (typeof i === 'number' && Number.isInteger(i)) return i;
      if (typeof i === 'string' && /^-?\d{1,20}$/.test(i)) return Number(i);
      if (typeof i === 'object' && i !== null && 'low' in i && 'high' in i) {
        const { low, high } = i as { low: number; high: number };
        return high * 2 ** 32 + (low >>> 0);
      }
      throw new SpanError(`${where}: intValue must be an integer`);
    }
    if (
      'doubleValue' in o &&
      o.doubleValue !== undefined &&
      o.doubleValue !== null
    ) {
      const d = o.doubleValue;
      if (typeof d === 'number') return d;
      if (d === 'NaN' || d === 'Infinity' || d === '-Infinity') return d;
      throw new SpanError(`${where}: doubleValue must be a number`);
    }
    if (
      'bytesValue' in o &&
      o.bytesValue !== undefined &&
      o.bytesValue !== null
    ) {
      const b = o.bytesValue;
      if (typeof b === 'string')
        return storableSlice(b, this.limits.maxValueLength);
      if (b instanceof Uint8Array)
        return Buffer.from(b)
          .toString('base64')
          .slice(0, this.limits.maxValueLength);
      throw new SpanError(`${where}: bytesValue must be base64`);
    }
    if ('arrayValue' in o && o.arrayValue) {
      const values = (o.arrayValue as { values?: unknown }).values ?? [];
      if (!Array.isArray(values))
        throw new SpanError(`${where}: arrayValue.values must be an array`);
      return values
        .slice(0, this.limits.maxAttributes)
        .map((x, i) => this.value(x, `${where}[${i}]`, depth + 1));
    }
    if ('kvlistValue' in o && o.kvlistValue) {
      const values = (o.kvlistValue as { values?: unknown }).values ?? [];
      if (!Array.isArray(values))
        throw new SpanError(`${where}: kvlistValue.values must be an array`);
      const out = prototypeFree();
      for (const kv of values.slice(0, this.limits.maxAttributes)) {
        if (
          !kv ||
          typeof kv !== 'object' ||
          typeof (kv as { key?: unknown }).key !== 'string'
        ) {
          throw new SpanError(
            `${where}: kvlistValue entries need a string key`,
          );
        }
        const { key: raw, value } = kv as { key: string; value?: unknown };
        const key = storableText(raw);
        out[key] = this.value(value, `${where}.${key}`, depth + 1);
      }
      return out;
    }
    return null;
  }
}
