export interface Config {
  /** Switchboard settings that the app reads. */
  switchboard?: {
    telemetry?: {
      /**
       * Browser telemetry of the portal itself with the Grafana Faro web SDK: UI actions,
       * page loads and fetches become traces (service `switchboard-portal`), and fetches to
       * the backend carry a W3C `traceparent` so backend spans join the browser's trace.
       */
      faro?: {
        /**
         * Turns browser telemetry on or off (default true).
         * @visibility frontend
         */
        enabled?: boolean;
        /**
         * Where the Faro payloads are posted: the journeys receiver by default
         * (`${backend.baseUrl}/api/journeys/faro/collect`), or any Faro collector such as
         * Grafana Alloy's `faro.receiver`.
         * @visibility frontend
         */
        url?: string;
        /**
         * Reported as the app's environment (`deployment.environment.name` on the spans),
         * e.g. development or production.
         * @visibility frontend
         */
        environment?: string;
      };
    };
  };
}
