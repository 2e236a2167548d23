import {
  Attributes,
  context,
  Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  Span,
  SpanKind,
  SpanStatusCode,
  Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SpanExporter,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';

/** Business identifiers: baggage keys and span attribute names at once. */
export const BusinessKey = {
  orderId: 'app.order.id',
  paymentId: 'app.payment.id',
  customerTier: 'app.customer.tier',
} as const;

export interface TelemetryOptions {
  /** OTLP/HTTP base URL (…/v1/traces is appended); none = spans are not exported. */
  otlpEndpoint?: string;
  otlpHeaders?: Record<string, string>;
  /** Replaces the OTLP exporter (tests use an in-memory exporter). */
  exporterFactory?: (service: string) => SpanExporter;
}

/** Copies the `app.*` baggage entries onto every span, so each span carries the business ids. */
class BaggageAttributesProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const baggage = propagation.getBaggage(parentContext);
    for (const [key, entry] of baggage?.getAllEntries() ?? []) {
      if (key.startsWith('app.')) span.setAttribute(key, entry.value);
    }
  }
  onEnd(): void {}
  async forceFlush() {}
  async shutdown() {}
}

let contextManagerInstalled = false;

/**
 * One tracer provider per service, so each demo service is its own OpenTelemetry resource
 * (service.name) although they share a process. Trace context and baggage travel as W3C
 * headers over HTTP and in message headers.
 */
export class Telemetry {
  private readonly providers = new Map<string, NodeTracerProvider>();
  readonly propagator = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });

  constructor(private readonly options: TelemetryOptions = {}) {
    // Context must follow async work; one manager per process is all OpenTelemetry allows.
    if (!contextManagerInstalled) {
      context.setGlobalContextManager(
        new AsyncLocalStorageContextManager().enable(),
      );
      contextManagerInstalled = true;
    }
  }

  tracer(service: string): Tracer {
    let provider = this.providers.get(service);
    if (!provider) {
      const exporter =
        this.options.exporterFactory?.(service) ??
        (this.options.otlpEndpoint
          ? new OTLPTraceExporter({
              url: `${this.options.otlpEndpoint.replace(/\/$/, '')}/v1/traces`,
              headers: this.options.otlpHeaders,
            })
          : undefined);
      provider = new NodeTracerProvider({
        resource: resourceFromAttributes({
          [ATTR_SERVICE_NAME]: service,
          [ATTR_SERVICE_VERSION]: '1.0.0',
          'service.namespace': 'acme-commerce',
          'deployment.environment.name': 'demo',
        }),
        spanProcessors: [
          new BaggageAttributesProcessor(),
          ...(exporter
            ? [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })]
            : []),
        ],
      });
      this.providers.set(service, provider);
    }
    return provider.getTracer('switchboard-integration-runtime', '1.0.0');
  }

  /** Writes traceparent, tracestate and baggage of `ctx` into a header carrier. */
  inject(ctx: Context, carrier: Record<string, unknown>) {
    this.propagator.inject(ctx, carrier, defaultTextMapSetter);
  }

  extract(carrier: Record<string, unknown>): Context {
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(carrier)) {
      if (typeof v === 'string') strings[k.toLowerCase()] = v;
      else if (Buffer.isBuffer(v))
        strings[k.toLowerCase()] = v.toString('utf-8');
    }
    return this.propagator.extract(
      context.active(),
      strings,
      defaultTextMapGetter,
    );
  }

  /** The active context with business ids added to its baggage. */
  withBusinessIds(
    ids: Partial<Record<keyof typeof BusinessKey, string | undefined>>,
    ctx = context.active(),
  ) {
    let baggage = propagation.getBaggage(ctx) ?? propagation.createBaggage();
    for (const [name, key] of Object.entries(BusinessKey)) {
      const value = ids[name as keyof typeof BusinessKey];
      if (value) baggage = baggage.setEntry(key, { value });
    }
    return propagation.setBaggage(ctx, baggage);
  }

  async flush() {
    await Promise.all([...this.providers.values()].map(p => p.forceFlush()));
  }

  async shutdown() {
    await Promise.all([...this.providers.values()].map(p => p.shutdown()));
    this.providers.clear();
  }
}

/** Runs `fn` in a span; records an exception and error status when it throws. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  options: {
    kind: SpanKind;
    attributes?: Attributes;
    links?: Array<{ context: ReturnType<Span['spanContext']> }>;
    root?: boolean;
  },
  ctx: Context,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, options, ctx, async span => {
    try {
      const result = await fn(span);
      span.end();
      return result;
    } catch (e) {
      const err = e as Error & { traceId?: string; spanId?: string };
      span.recordException(err);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
      // The dead letter will name the span that failed.
      err.traceId ??= span.spanContext().traceId;
      err.spanId ??= span.spanContext().spanId;
      span.end();
      throw err;
    }
  });
}
