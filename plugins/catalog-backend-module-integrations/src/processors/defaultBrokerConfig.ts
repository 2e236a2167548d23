import { Config } from '@backstage/config';
import { BrokerIdentityError, parseBrokerUrl } from './BrokerIdentity';

const KEY = 'integrations.defaultBroker';

/**
 * integrations.defaultBroker as a canonical broker URL: the broker of AsyncAPI channels
 * whose document names no server. Undefined when unset; a value that is no broker URL
 * stops the backend at start with the key named.
 */
export function readDefaultBroker(config: Config): string | undefined {
  const value = config.getOptionalString(KEY);
  if (value === undefined) return undefined;
  try {
    return parseBrokerUrl(value);
  } catch (e) {
    if (e instanceof BrokerIdentityError) {
      throw new Error(`${KEY} is invalid: ${e.message}`);
    }
    throw e;
  }
}
