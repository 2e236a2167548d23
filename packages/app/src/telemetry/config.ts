import type { ConfigApi } from '@backstage/frontend-plugin-api';

/** What the portal's Faro instance needs, read from the frontend config. */
export interface PortalFaroOptions {
  /** Where Faro posts its payloads. */
  url: string;
  /** The backend's base URL: fetches to it carry the W3C `traceparent` header. */
  backendBaseUrl: string;
  environment?: string;
  version: string;
  /** The commit the bundle was built from, when known. */
  gitHash?: string;
}

/** What the Backstage CLI's bundler defines as `process.env.BUILD_INFO`. */
interface BuildInfo {
  packageVersion?: string;
  commit?: string;
}

function readBuildInfo(): BuildInfo {
  try {
    // Replaced by an object literal at bundle time; absent under jest.
    const info = process.env.BUILD_INFO as unknown as BuildInfo | undefined;
    return info && typeof info === 'object' ? info : {};
  } catch {
    return {};
  }
}

/**
 * The app's version from its package.json (as the bundler recorded it); the template's
 * 0.0.0 placeholder says nothing, so 0.1.0 then.
 */
export function portalVersion(info: BuildInfo = readBuildInfo()): string {
  const version = info.packageVersion;
  return version && version !== '0.0.0' ? version : '0.1.0';
}

/**
 * Reads `switchboard.telemetry.faro` from the frontend config; undefined when browser
 * telemetry is switched off.
 */
export function readPortalFaroOptions(
  config: ConfigApi,
): PortalFaroOptions | undefined {
  const faroConfig = config.getOptionalConfig('switchboard.telemetry.faro');
  if (faroConfig?.getOptionalBoolean('enabled') === false) {
    return undefined;
  }
  const buildInfo = readBuildInfo();
  const backendBaseUrl = config
    .getString('backend.baseUrl')
    .replace(/\/+$/, '');
  return {
    url:
      faroConfig?.getOptionalString('url') ??
      `${backendBaseUrl}/api/journeys/faro/collect`,
    backendBaseUrl,
    environment: faroConfig?.getOptionalString('environment'),
    version: portalVersion(buildInfo),
    gitHash:
      buildInfo.commit && buildInfo.commit !== 'unknown'
        ? buildInfo.commit
        : undefined,
  };
}
