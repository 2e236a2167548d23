export interface TrafficSettings {
  ordersPerSecond: number;
  poisonRate: number;
  refundRate: number;
}

const SKUS = [
  'SKU-KETTLE',
  'SKU-MUG',
  'SKU-TEA-EARL',
  'SKU-TEA-SENCHA',
  'SKU-GRINDER',
  'SKU-FILTER',
];
const TIERS = ['standard', 'standard', 'standard', 'gold', 'platinum'] as const;

/**
 * Demo traffic: places orders through the storefront at a settable rate, some of them
 * poison (a currency the payment contract rejects), and asks for some refunds.
 */
export class TrafficGenerator {
  private current: TrafficSettings;
  private timer?: NodeJS.Timeout;
  private placed: string[] = [];
  private debt = 0;
  private last = Date.now();

  constructor(
    private readonly storefrontUrl: () => string,
    initial: Partial<TrafficSettings> = {},
    private readonly random: () => number = Math.random,
    private readonly logger?: (msg: string, meta?: object) => void,
  ) {
    this.current = {
      ordersPerSecond: 0,
      poisonRate: 0,
      refundRate: 0,
      ...initial,
    };
  }

  settings(): TrafficSettings {
    return { ...this.current };
  }

  configure(change: Partial<TrafficSettings>): TrafficSettings {
    this.current = { ...this.current, ...change };
    return this.settings();
  }

  start() {
    this.last = Date.now();
    this.timer = setInterval(() => this.tick(), 100);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick() {
    const now = Date.now();
    this.debt += ((now - this.last) / 1000) * this.current.ordersPerSecond;
    this.last = now;
    for (; this.debt >= 1; this.debt--) {
      this.placeOrder().catch(e =>
        this.logger?.('traffic: order failed', { error: String(e) }),
      );
    }
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  async placeOrder(): Promise<string | undefined> {
    const poison = this.random() < this.current.poisonRate;
    const order = {
      customerId: `C${1000 + Math.floor(this.random() * 9000)}`,
      customerTier: this.pick(TIERS),
      currency: poison ? 'EURO' : 'EUR',
      lines: Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => ({
        sku: this.pick(SKUS),
        quantity: 1 + Math.floor(this.random() * 3),
        unitPrice: (5 + Math.floor(this.random() * 9000) / 100).toFixed(2),
      })),
    };
    const res = await fetch(`${this.storefrontUrl()}/storefront/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order),
    });
    const body = (await res.json().catch(() => ({}))) as { orderId?: string };
    if (!res.ok || !body.orderId) return undefined;
    this.placed.push(body.orderId);
    if (this.placed.length > 200) this.placed.shift();
    if (this.random() < this.current.refundRate && this.placed.length > 5) {
      const orderId = this.placed.splice(
        Math.floor(this.random() * (this.placed.length - 5)),
        1,
      )[0];
      await fetch(
        `${this.storefrontUrl()}/storefront/orders/${orderId}/refund`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'customer changed their mind' }),
        },
      );
    }
    return body.orderId;
  }
}
