/** Fault injection knobs of one service (see the Fault schema in openapi.yaml). */
export interface Fault {
  errorRate?: number;
  latencyMs?: number;
  outage?: boolean;
  rejectRate?: number;
}

/** A transient failure injected on purpose: retried, then dead-lettered. */
export class InjectedFaultError extends Error {
  constructor(service: string) {
    super(`fault injected in ${service} (errorRate)`);
    this.name = 'InjectedFaultError';
  }
}

/** Per-service fault knobs, settable at start (config) and at run time (admin API). */
export class Faults {
  private readonly knobs = new Map<string, Fault>();

  constructor(
    readonly services: readonly string[],
    initial: Record<string, Fault> = {},
    private readonly random: () => number = Math.random,
  ) {
    for (const [service, fault] of Object.entries(initial))
      this.set(service, fault);
  }

  has(service: string) {
    return this.services.includes(service);
  }

  get(service: string): Fault {
    return {
      errorRate: 0,
      latencyMs: 0,
      outage: false,
      rejectRate: 0,
      ...this.knobs.get(service),
    };
  }

  all(): Record<string, Fault> {
    return Object.fromEntries(this.services.map(s => [s, this.get(s)]));
  }

  /** Replaces the service's knobs (unset fields go back to no fault). */
  set(service: string, fault: Fault): Fault {
    if (!this.has(service)) throw new Error(`unknown service '${service}'`);
    this.knobs.set(service, { ...fault });
    return this.get(service);
  }

  /** Added latency, then a transient error at the configured rate. */
  async apply(service: string): Promise<void> {
    const fault = this.get(service);
    if (fault.latencyMs) await new Promise(r => setTimeout(r, fault.latencyMs));
    if (fault.errorRate && this.random() < fault.errorRate) {
      throw new InjectedFaultError(service);
    }
  }

  /**
   * For a simulated external provider: added latency, then whether it is down (outage,
   * or a transient failure at errorRate). The caller answers 503 when it is.
   */
  async providerDown(service: string): Promise<boolean> {
    const fault = this.get(service);
    if (fault.latencyMs) await new Promise(r => setTimeout(r, fault.latencyMs));
    return !!fault.outage || this.chance(fault.errorRate);
  }

  chance(p: number | undefined) {
    return !!p && this.random() < p;
  }
}
