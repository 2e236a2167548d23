import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { RuntimeInfo } from '@internal/plugin-dlq-common';
import { readRuntimeSettings } from '../config';
import { RuntimeClient, RuntimeSettings } from './RuntimeClient';

/** The runtimes configured under dlq.runtimes, by name. */
export class RuntimeRegistry {
  private readonly clients = new Map<string, RuntimeClient>();

  /** The runtimes as config.ts read them from `dlq.runtimes`. */
  static fromSettings(settings: RuntimeSettings[], fetchImpl?: typeof fetch) {
    const registry = new RuntimeRegistry();
    for (const runtime of settings)
      registry.clients.set(runtime.name, new RuntimeClient(runtime, fetchImpl));
    return registry;
  }

  static fromConfig(config: Config, fetchImpl?: typeof fetch) {
    return RuntimeRegistry.fromSettings(readRuntimeSettings(config), fetchImpl);
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
          const health = await client.call(api => api.GET('/health'));
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
