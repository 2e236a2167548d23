import { isIPv6 } from 'node:net';

export interface RateLimitOptions {
  /** Requests a client may send at once after being quiet. */
  burst: number;
  /** Requests per second a client may keep sending. */
  perSecond: number;
  /** Clients tracked at most; beyond it the longest-idle are forgotten (default 10,000). */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * A token bucket per client: `burst` requests at once, refilled at `perSecond`. A client
 * is its IP address; IPv6 clients by their /64, the block one host usually holds.
 */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.burst >= 1) || !(options.perSecond > 0))
      throw new Error(
        'a rate limit needs burst >= 1 and perSecond > 0 requests',
      );
    this.maxClients = options.maxClients ?? 10_000;
  }

  /** Takes one token: 0 when the request may pass, else the seconds until it may. */
  take(client: string, nowMs = Date.now()): number {
    const key = clientKey(client);
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(key);
    let tokens = burst;
    if (bucket) {
      tokens = Math.min(
        burst,
        bucket.tokens + ((nowMs - bucket.atMs) / 1000) * perSecond,
      );
      // Re-inserted below, so the map stays ordered from longest idle to latest.
      this.buckets.delete(key);
    }
    if (tokens < 1) {
      this.buckets.set(key, { tokens, atMs: nowMs });
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    }
    this.buckets.set(key, { tokens: tokens - 1, atMs: nowMs });
    if (this.buckets.size > this.maxClients) {
      // The oldest entry is the longest idle: forgetting it at worst gives it a full bucket.
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return 0;
  }
}

function clientKey(ip: string): string {
  if (!isIPv6(ip) || ip.includes('.')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map(g => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
