/** An exchange on the broker, as the management API lists it. */
export interface RabbitMqExchange {
  /** The default exchange is listed with an empty name. */
  name: string;
  vhost: string;
  type: string;
  durable: boolean;
}

/** A queue on the broker, as the management API lists it. */
export interface RabbitMqQueue {
  name: string;
  vhost: string;
  durable: boolean;
  /** Absent until the broker has collected the queue's first statistics. */
  messages?: number;
  consumers?: number;
  /** Rates, once the broker has collected them (absent with statistics disabled). */
  message_stats?: {
    publish_details?: { rate?: number };
    deliver_get_details?: { rate?: number };
  };
  /** x-arguments, e.g. x-dead-letter-exchange. */
  arguments: Record<string, unknown>;
}

/** A binding from an exchange to a queue or another exchange. */
export interface RabbitMqBinding {
  /** Empty for the default exchange's implicit binding of every queue. */
  source: string;
  destination: string;
  destination_type: 'queue' | 'exchange';
  routing_key: string;
  vhost: string;
}

export interface RabbitMqManagementClientOptions {
  /** e.g. http://rabbitmq:15672; credentials in the URL are ignored (use username/password). */
  baseUrl: string;
  username: string;
  password: string;
  /** Per request; a hung management API must not stall discovery forever. */
  timeoutMs?: number;
}

const BODY_EXCERPT_LENGTH = 300;

/** A small typed client of RabbitMQ's management HTTP API (read-only). */
export class RabbitMqManagementClient {
  /** The base URL without credentials, safe for logs, errors and annotations. */
  readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(options: RabbitMqManagementClientOptions) {
    const url = new URL(options.baseUrl);
    url.username = '';
    url.password = '';
    this.baseUrl = url.toString().replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(
      `${options.username}:${options.password}`,
    ).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  listExchanges(vhost: string): Promise<RabbitMqExchange[]> {
    return this.get(`/api/exchanges/${encodeURIComponent(vhost)}`, [
      'name',
      'vhost',
      'type',
      'durable',
    ]);
  }

  listQueues(vhost: string): Promise<RabbitMqQueue[]> {
    return this.get(`/api/queues/${encodeURIComponent(vhost)}`, [
      'name',
      'vhost',
      'durable',
      'messages',
      'consumers',
      'message_stats',
      'arguments',
    ]);
  }

  listBindings(vhost: string): Promise<RabbitMqBinding[]> {
    return this.get(`/api/bindings/${encodeURIComponent(vhost)}`, [
      'source',
      'destination',
      'destination_type',
      'routing_key',
      'vhost',
    ]);
  }

  private async get<T>(path: string, columns: string[]): Promise<T> {
    const url = `${this.baseUrl}${path}?columns=${columns.join(',')}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const cause = (e as Error & { cause?: Error }).cause;
      throw new Error(
        `RabbitMQ management API GET ${url} failed: ${(e as Error).message}${
          cause ? ` (${cause.message})` : ''
        }`,
      );
    }
    if (!res.ok) {
      const body = (await res.text().catch(() => '')).slice(
        0,
        BODY_EXCERPT_LENGTH,
      );
      throw new Error(
        `RabbitMQ management API GET ${url} answered ${res.status} ${
          res.statusText
        }${body ? `: ${body}` : ''}`,
      );
    }
    return (await res.json()) as T;
  }
}
