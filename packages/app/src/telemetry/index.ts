import { createFrontendFeatureLoader } from '@backstage/frontend-plugin-api';
import { readPortalFaroOptions } from './config';

/**
 * Browser telemetry of the portal itself (Grafana Faro, see ./faro.ts).
 *
 * A feature loader, because loaders get the frontend config before the app creates its
 * APIs: Faro has to patch `window.fetch` before the fetch API captures it, or the
 * portal's backend calls would neither be traced nor carry `traceparent`. It contributes
 * no features, and any failure only turns telemetry off.
 */
export const telemetryLoader = createFrontendFeatureLoader({
  async loader({ config }) {
    if (process.env.NODE_ENV === 'test') {
      return [];
    }
    try {
      const options = readPortalFaroOptions(config);
      if (options) {
        // Its own chunk: the OpenTelemetry web SDK is only loaded when telemetry is on.
        const { initPortalFaro } = await import('./faro');
        initPortalFaro(options);
      }
    } catch (error) {
      // eslint-disable-next-line no-console
      console.warn('Switchboard: browser telemetry is off', error);
    }
    return [];
  },
});
