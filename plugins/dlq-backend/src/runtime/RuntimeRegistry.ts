import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { RuntimeInfo } from '@internal/plugin-dlq-common';
import { RuntimeClient } from './RuntimeClient';

/** Runtime names: lower-case letters, digits and dashes (also a URL path segment). */
export const RUNTIME_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The runtimes configured under dlq.runtimes, by name. */
export class RuntimeRegistry {
  private readonly clients = new Map<string, RuntimeClient>();

  static fromConfig(config: Config, fetchImpl?: typeof fetch) {
    const registry = new RuntimeRegistry();
    for (const c of config.getOptionalConfigArray('dlq.runtimes') ?? []) {
      const name = c.getString('name');
      if (!RUNTIME_NAME_PATTERN.test(name)) {
        throw new InputError(
          `dlq.runtimes: name '${name}' must be lower-case letters, digits and dashes`,
        );
      }
      if (registry.clients.has(name))
        throw new InputError(`dlq.runtimes: '${name}' is configured twice`);
      registry.clients.set(
        name,
        new RuntimeClient(
          {
            name,
            title: c.getOptionalString('title') ?? name,
            baseUrl: c.getString('baseUrl'),
            token: c.getString('token'),
            timeoutMs: c.getOptionalNumber('timeoutMs') ?? 10_000,
          },
          fetchImpl,
        ),
      );
    }
    return registry;
  }

  all() {
    return [...this.clients.values()];
  }

  get(name: string): RuntimeClient {
    const client = this.clients.get(name);
    if (!client) {
      throw new NotFoundError(
        `no runtime '${name}' (configured: ${
          [...this.clients.keys()].join(', ') || 'none'
        })`,
      );
    }
    return client;
  }

  /**
   * Health of every runtime; one that is down is reported, not thrown. A runtime that
   * answers while its broker is down is 'degraded', with what that means in `error`.
   */
  async describe(): Promise<RuntimeInfo[]> {
    return Promise.all(
      this.all().map(async client => {
        const base = { name: client.name, title: client.settings.title };
        try {
          const health = await client.call('GET /health', api =>
            api.GET('/health'),
          );
          if (health.brokerState === 'down') {
            return {
              ...base,
              status: 'degraded' as const,
              broker: health.broker,
              error: `its broker (${health.broker}) is down: queue depths and replays wait until it is back; stored dead letters can still be read`,
            };
          }
          return { ...base, status: 'up' as const, broker: health.broker };
        } catch (e) {
          return {
            ...base,
            status: 'down' as const,
            error: (e as Error).message,
          };
        }
      }),
    );
  }
}
