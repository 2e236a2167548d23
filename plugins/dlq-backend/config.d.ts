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
      /** Milliseconds before a runtime call gives up (default 10000). */
      timeoutMs?: number;
    }>;
    /** Replays of more messages than this need approval by a second person (default 100). */
    approvalThreshold?: number;
    /** Body JSON keys or dotted paths, and header names, whose values are masked. */
    maskFields?: string[];
    /** Where "Open trace" points; {traceId} is replaced (default /journeys?q={traceId}). */
    traceUrl?: string;
    replay?: {
      /** Messages per second when a replay does not say (default 50). */
      defaultRatePerSecond?: number;
      /** The fastest a replay may run (default 500). */
      maxRatePerSecond?: number;
      /** The most messages one replay may freeze (default 100000). */
      maxMessages?: number;
      /** How long to watch replayed canary messages for failing again, in ms (default 3000). */
      canarySettleMs?: number;
    };
  };
}
