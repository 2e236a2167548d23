import { Config } from '@backstage/config';
import { FaroRouterOptions } from './FaroReceiver';

/** The service name the app's Faro SDK reports (packages/app/src/telemetry). */
export const PORTAL_SERVICE_NAME = 'switchboard-portal';

/**
 * `journeys.faro.*` and `app.baseUrl` as the receiver's options; undefined when
 * `journeys.faro.enabled` is false.
 */
export function readFaroOptions(
  config: Config,
): Omit<FaroRouterOptions, 'ingestor' | 'logger'> | undefined {
  const faro = config.getOptionalConfig('journeys.faro');
  if (faro?.getOptionalBoolean('enabled') === false) return undefined;
  const appBaseUrl = config.getOptionalString('app.baseUrl');
  return {
    maxBodyBytes: faro?.getOptionalNumber('maxBodyBytes') ?? 1024 * 1024,
    serviceNames: faro?.getOptionalStringArray('serviceNames') ?? [
      PORTAL_SERVICE_NAME,
    ],
    allowedOrigins: [
      ...(appBaseUrl ? [appBaseUrl] : []),
      ...(faro?.getOptionalStringArray('allowedOrigins') ?? []),
    ],
    rateLimit: {
      burst: faro?.getOptionalNumber('rateLimit.burst') ?? 60,
      perSecond: faro?.getOptionalNumber('rateLimit.perSecond') ?? 5,
    },
  };
}
