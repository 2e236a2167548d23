import { BrokerUnavailableError } from './types';

/** Callers of `Broker.whenUp()` waiting for the broker to come back. */
export class UpWaiters {
  private waiters = new Set<() => void>();

  wait(what: string, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new BrokerUnavailableError(`stopped waiting for ${what}`));
        return;
      }
      const onAbort = () => {
        this.waiters.delete(done);
        reject(new BrokerUnavailableError(`stopped waiting for ${what}`));
      };
      function done() {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(done);
    });
  }

  wakeAll() {
    const waiters = [...this.waiters];
    this.waiters.clear();
    waiters.forEach(w => w());
  }
}
