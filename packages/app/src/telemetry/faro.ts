import {
  type Faro,
  getWebInstrumentations,
  initializeFaro,
} from '@grafana/faro-web-sdk';
import { TracingInstrumentation } from '@grafana/faro-web-tracing';
import type { PortalFaroOptions } from './config';

/** The service name of the portal's browser spans. */
export const PORTAL_SERVICE_NAME = 'switchboard-portal';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let instance: Faro | undefined;

/**
 * Starts Faro once per page: web instrumentations (user actions, errors, web vitals,
 * sessions, views) plus OpenTelemetry tracing of fetch and XHR, exported as OTLP inside
 * the Faro payload. Returns undefined instead of throwing: telemetry never breaks the app,
 * and an unreachable collector only costs Faro's own retries.
 */
export function initPortalFaro(options: PortalFaroOptions): Faro | undefined {
  if (instance) {
    return instance;
  }
  try {
    instance = initializeFaro({
      url: options.url,
      app: {
        name: PORTAL_SERVICE_NAME,
        version: options.version,
        environment: options.environment,
        gitHash: options.gitHash,
      },
      instrumentations: [
        // Console capture would post every console line as a Faro log, which the journeys
        // receiver drops anyway.
        ...getWebInstrumentations({ captureConsole: false }),
        new TracingInstrumentation({
          instrumentationOptions: {
            propagateTraceHeaderCorsUrls: [
              new RegExp(`^${escapeRegExp(options.backendBaseUrl)}(/|$)`),
            ],
          },
        }),
      ],
    });
    return instance;
  } catch (error) {
    // eslint-disable-next-line no-console
    console.warn(
      'Switchboard: browser telemetry is off, Faro failed to start',
      error,
    );
    return undefined;
  }
}
