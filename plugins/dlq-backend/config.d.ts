import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Dead-letter inspection and replay (dlq-backend). */
  dlq?: {
    /** Integration runtimes whose admin API the portal operates. */
    runtimes?: Array<{
      /** Short name; queue Resources carry it in the switchboard.dev/runtime annotation. */
      name: string;
      /** Shown in the UI. */
      title?: string;
      /** The runtime admin API, e.g. http://localhost:7300. */
      baseUrl: string;
      /**
       * The runtime's admin bearer token. Never sent to the browser.
       * @visibility secret
       */
      token: string;
      /**
       * How long a runtime call may take before it gives up, as a Backstage duration
       * ('10s', { seconds: 10 }; default 10 seconds, at most 10 minutes).
       */
      timeout?: HumanDuration | string;
      /** @deprecated Use `timeout`; milliseconds. */
      timeoutMs?: number;
    }>;
    /**
     * The two-person rule: when one requester's replays on one queue within
     * `approvalWindow` would put more messages than this through without approval, the
     * replay needs a second person (default 100; 0 = every replay needs approval).
     */
    approvalThreshold?: number;
    /**
     * The rolling window the threshold holds over, as a Backstage duration: '1h', 'PT90M'
     * or { hours: 1 } (default 1 hour, at most 30 days). Counted: the requester's
     * planned, submitted and replayed messages on the queue in the window, except replays
     * that needed approval (a second person covered them), plans cancelled before any
     * runtime job, and the untouched rest of a failed canary.
     */
    approvalWindow?: HumanDuration | string;
    /** Body JSON keys or dotted paths, and header names, whose values are masked. */
    maskFields?: string[];
    /** Where "Open trace" points; {traceId} is replaced (default /journeys?q={traceId}). */
    traceUrl?: string;
    replay?: {
      /** Messages per second when a replay does not say (default 50). */
      defaultRatePerSecond?: number;
      /**
       * The fastest a replay may run (default 500, at most 100000). Requests outside
       * 1..maxRatePerSecond messages per second are refused with a 400; the lower bound is
       * fixed so a frozen plan always finishes (100000 messages in under 28 h).
       */
      maxRatePerSecond?: number;
      /** The most messages one replay may freeze (default 100000, at most 100000). */
      maxMessages?: number;
      /**
       * How long to watch replayed messages (the canary's, and the main job's before the
       * replay is called completed) for failing again, as a Backstage duration ('3s',
       * { seconds: 3 }; default 3 seconds, at most 10 minutes).
       */
      canarySettle?: HumanDuration | string;
      /** @deprecated Use `canarySettle`; milliseconds. */
      canarySettleMs?: number;
      /**
       * A plan not submitted within this time expires and is not listed as work
       * (Backstage duration, e.g. `{ minutes: 30 }` or `'30m'`; default 30 minutes).
       */
      plannedTtl?: HumanDuration | string;
    };
  };
}
