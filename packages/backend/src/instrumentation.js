/*
 * OpenTelemetry for the Backstage backend itself, as backstage.io/docs/tutorials/setup-opentelemetry
 * describes: loaded with `--require` before the backend starts, in dev
 * (`backstage-cli package start --require ./src/instrumentation.js`, the package's start
 * script) and in production (`node --require ./packages/backend/src/instrumentation.js
 * packages/backend`).
 *
 * It starts only when an OTLP endpoint is configured, so tests and CI run without it:
 *   OTEL_EXPORTER_OTLP_ENDPOINT          e.g. http://localhost:7007/api/journeys (the journeys
 *                                        receiver; /v1/traces is appended) or a Collector
 *   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT   the full traces URL instead
 *   OTEL_EXPORTER_OTLP_HEADERS           e.g. Authorization=Bearer <journeys ingest token>
 * The exporter reads these (and the other standard OTEL_* variables) itself.
 */

// Prevent from running more than once (due to worker threads)
const { isMainThread } = require('node:worker_threads');

const endpoint =
  process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT;

if (isMainThread && endpoint && process.env.OTEL_SDK_DISABLED !== 'true') {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const {
    OTLPTraceExporter,
  } = require('@opentelemetry/exporter-trace-otlp-http');
  const {
    HttpInstrumentation,
  } = require('@opentelemetry/instrumentation-http');
  const {
    ExpressInstrumentation,
  } = require('@opentelemetry/instrumentation-express');

  // Requests that must not become spans: the trace receivers themselves (the backend's own
  // exports would otherwise produce spans that are exported again, forever), and the
  // health probes that poll every second.
  const IGNORED_INCOMING = [
    /^\/api\/journeys\/v1\/traces(\/|\?|$)/,
    /^\/api\/journeys\/faro(\/|\?|$)/,
    /^\/\.backstage\/health\//,
  ];

  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || 'switchboard-backend',
    // OTLP/JSON over HTTP; url, headers and timeouts come from the OTEL_* variables.
    traceExporter: new OTLPTraceExporter(),
    // Traces only, unless metrics or logs are asked for explicitly: the journeys receiver
    // has no /v1/metrics or /v1/logs.
    metricReaders: process.env.OTEL_METRICS_EXPORTER ? undefined : [],
    logRecordProcessors: process.env.OTEL_LOGS_EXPORTER ? undefined : [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: request =>
          IGNORED_INCOMING.some(pattern => pattern.test(request.url ?? '')),
      }),
      new ExpressInstrumentation(),
    ],
  });
  // No signal handlers here: Backstage stops on SIGTERM/SIGINT and exits; the spans
  // still buffered then (at most a few seconds' worth) are dropped.
  sdk.start();
}
