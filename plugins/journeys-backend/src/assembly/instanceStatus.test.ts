import { JourneyDefinition } from '../journeys/JourneyCatalog';
import { assessInstance, MemberTrace } from './instanceStatus';

const checkout: JourneyDefinition = {
  ref: 'journey:default/checkout',
  title: 'Checkout',
  owner: 'group:default/orders',
  components: [],
  entry: { service: 'storefront', route: '/storefront/checkout' },
  completion: {
    service: 'notification-service',
    span: 'process notification-service.shipment-dispatched',
  },
  businessKeys: ['app.order.id'],
  stuckAfterMs: 60_000,
};

let n = 0;
function trace(
  service: string,
  name: string,
  startMs: number,
  opts: { error?: boolean; completes?: boolean } = {},
): MemberTrace {
  const traceId = String(++n).padStart(32, '0');
  return {
    traceId,
    startUs: startMs * 1000,
    endUs: (startMs + 10) * 1000,
    spanCount: 2,
    errorCount: opts.error ? 1 : 0,
    rootService: service,
    rootName: name,
    rootStatus: opts.error ? 2 : 0,
    completes: opts.completes ? [checkout.ref] : [],
    errorEndUs: opts.error ? (startMs + 10) * 1000 : null,
    errorStep: opts.error
      ? { traceId, spanId: 'a'.repeat(16), service, name, message: 'boom' }
      : null,
  };
}

const entry = trace('storefront', 'POST /storefront/checkout', 0);
const now = 100_000 * 1000;

describe('assessInstance', () => {
  it('is ok once the completion step ran, whatever failed and was retried before', () => {
    const facts = assessInstance(
      checkout,
      [
        entry,
        trace('payment-service', 'process p', 100, { error: true }),
        trace('payment-service', 'process p', 300),
        trace('notification-service', 'x', 900, { completes: true }),
      ],
      now,
    );
    expect(facts).toMatchObject({
      status: 'ok',
      traceCount: 4,
      spanCount: 8,
      errorCount: 1,
      failingStep: null,
      startUs: 0,
      endUs: 910_000,
    });
  });

  it('is failed when a step’s latest attempt failed, even if a parallel branch finished later', () => {
    const payment = trace('payment-service', 'process p', 100, { error: true });
    const erp = trace('erp-connector', 'process erp', 200);
    const facts = assessInstance(checkout, [entry, payment, erp], now);
    expect(facts.status).toBe('failed');
    expect(facts.failingStep).toMatchObject({
      service: 'payment-service',
      message: 'boom',
      traceId: payment.traceId,
    });
  });

  it('turns back to in flight when the retry of the failed step succeeds', () => {
    const facts = assessInstance(
      checkout,
      [
        entry,
        trace('payment-service', 'process p', 100, { error: true }),
        trace('payment-service', 'process p', 500),
      ],
      1_000 * 1000,
    );
    expect(facts.status).toBe('in-flight');
  });

  it('is stuck when unfinished and quiet past the journey’s stuckAfter, naming the last step', () => {
    const facts = assessInstance(
      checkout,
      [entry, trace('inventory-service', 'process inv', 200)],
      (200 + 10 + 60_001) * 1000,
    );
    expect(facts.status).toBe('stuck');
    expect(facts.failingStep).toMatchObject({
      service: 'inventory-service',
      message: 'no activity since this step',
    });
  });

  it('without a completion step (or a journey) is ok when no step failed', () => {
    expect(
      assessInstance(undefined, [trace('erp-connector', 'process erp', 0)], now)
        .status,
    ).toBe('ok');
    expect(
      assessInstance(
        undefined,
        [trace('erp-connector', 'process erp', 0, { error: true })],
        now,
      ).status,
    ).toBe('failed');
  });
});
