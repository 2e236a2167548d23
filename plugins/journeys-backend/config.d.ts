import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Journeys: OTLP ingest, span storage and journey assembly (journeys-backend). */
  journeys?: {
    /** Span attributes always indexed as business keys, besides those Journeys declare (default [app.order.id]). */
    businessKeys?: string[];
    ingest?: {
      /** Largest OTLP request body, before and after gzip, in bytes (default 4 MiB); bigger → 413. */
      maxBodyBytes?: number;
      /** Spans accepted but not yet stored beyond which requests get 429 + Retry-After (default 200000). */
      maxQueuedSpans?: number;
      /** Spans per database transaction (default 5000). */
      maxBatchSpans?: number;
    };
    assembly?: {
      /**
       * Time between assembly runs, a duration such as `500ms`, `2s` or { seconds: 2 }
       * (default 500 ms). A run drains every settled trace.
       */
      interval?: string | HumanDuration;
      /** @deprecated use `interval`. Seconds between assembly runs. */
      intervalSeconds?: number;
      /** A trace is assembled once quiet for this long, e.g. `1500ms` (default 1.5 s). */
      settle?: string | HumanDuration;
      /** @deprecated use `settle`. Milliseconds. */
      settleMs?: number;
      /** How long a trace waits for the trace it links to, e.g. `1m` (default 1 minute). */
      waitForUpstream?: string | HumanDuration;
      /** @deprecated use `waitForUpstream`. Milliseconds. */
      waitForUpstreamMs?: number;
      /** Traces read and written per assembly batch (default 2000); a run takes batches until none is left. */
      batchSize?: number;
    };
    slo?: {
      /** How often every objective is evaluated, e.g. `1m` or { seconds: 20 } (default 1 minute). */
      evaluationInterval?: string | HumanDuration;
      /** Low-traffic guard: no burn-rate alert while its long window holds fewer valid events (default 10). */
      minValidEvents?: number;
      /**
       * Multiwindow burn-rate rules used as given for every objective without its own
       * (`alerting.rules` on the Journey); without them the SRE workbook's 30-day rules
       * (page 14.4 over 1h/5m, 6 over 6h/30m; ticket 3 over 1d/2h, 1 over 3d/6h) are scaled
       * to each objective's window with Sloth's rule. Windows: 5m, 30m, 1h, 2h, 6h, 1d, 3d.
       */
      rules?: Array<{
        severity: 'page' | 'ticket';
        factor: number;
        longWindow: string;
        shortWindow: string;
      }>;
    };
    retention?: {
      /** Traces that ended longer ago are deleted, e.g. `7d` (default 7 days). */
      maxAge?: string | HumanDuration;
      /** @deprecated use `maxAge`. Days. */
      maxAgeDays?: number;
      /** Above this many stored spans the oldest traces are deleted (default 10000000). */
      maxSpans?: number;
      /** Rollups (stats, SLOs) older than this are deleted, e.g. `400d` (default 400 days). */
      rollupMaxAge?: string | HumanDuration;
      /** @deprecated use `rollupMaxAge`. Days. */
      rollupMaxAgeDays?: number;
      /** Time between retention runs, e.g. `10m` (default 10 minutes). */
      interval?: string | HumanDuration;
      /** @deprecated use `interval`. Minutes. */
      intervalMinutes?: number;
    };
    /**
     * The Faro receiver at /api/journeys/faro/collect for the portal's browser telemetry
     * (unauthenticated). Its spans are stored as browser spans: shown in traces that backend
     * spans built, never deciding an instance's status, failing step or membership.
     */
    faro?: {
      /** Default true. */
      enabled?: boolean;
      /** Largest Faro payload in bytes (default 1 MiB). */
      maxBodyBytes?: number;
      /** `service.name` values accepted, the portal app's own (default [switchboard-portal]); others → 400. */
      serviceNames?: string[];
      /**
       * Origins allowed to post besides `app.baseUrl`'s (e.g. https://portal.example.com);
       * a request with another Origin header, or none, → 403.
       */
      allowedOrigins?: string[];
      /** Token bucket per client IP address (IPv6: per /64); over it → 429 with Retry-After. */
      rateLimit?: {
        /** Payloads a client may send at once (default 60). */
        burst?: number;
        /** Payloads per second a client may keep sending (default 5). */
        perSecond?: number;
      };
    };
    /** Most spans the instance waterfall returns (default 20000). */
    maxWaterfallSpans?: number;
  };
}
