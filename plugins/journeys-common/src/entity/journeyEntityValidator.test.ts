import { Entity } from '@backstage/catalog-model';
import schema from './Journey.v1alpha1.schema.json';
import {
  isJourneyEntity,
  journeyEntityV1alpha1Validator,
  validateJourneyEntity,
} from './journeyEntityValidator';
import { JourneyEntityV1alpha1 } from './JourneyEntity';

/** The example in the schema: a whole checkout journey with both kinds of objective. */
function journey(): JourneyEntityV1alpha1 {
  return structuredClone(schema.examples[0]) as JourneyEntityV1alpha1;
}

function withSpec(
  change: (spec: Record<string, any>) => void,
): JourneyEntityV1alpha1 {
  const entity = journey();
  change(entity.spec);
  return entity;
}

describe('validateJourneyEntity', () => {
  it('accepts the example journey', async () => {
    const entity = journey();
    expect(validateJourneyEntity(entity)).toBe(entity);
    await expect(journeyEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  });

  it('accepts objectives counting rejected and recovered-by-replay, with their own alert rules', () => {
    const entity = withSpec(spec => {
      spec.objectives[0].indicator.ratio.total.status = [
        'ok',
        'failed',
        'rejected',
        'recovered-by-replay',
      ];
      spec.objectives[0].alerting = {
        minValidEvents: 20,
        rules: [
          {
            severity: 'page',
            factor: 14.4,
            longWindow: '1h',
            shortWindow: '5m',
          },
          {
            severity: 'ticket',
            factor: 1,
            longWindow: '3d',
            shortWindow: '6h',
          },
        ],
      };
    });
    expect(validateJourneyEntity(entity)).toBe(entity);
  });

  it('accepts a minimal journey whose entry is a span name', () => {
    const entity = withSpec(spec => {
      delete spec.system;
      delete spec.completion;
      delete spec.stuckAfter;
      delete spec.objectives;
      spec.entry = {
        service: 'erp-connector',
        span: 'process erp-connector.order-created',
      };
    });
    expect(validateJourneyEntity(entity)).toBe(entity);
  });

  it('returns false for other kinds and apiVersions, as Backstage kind validators do', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'storefront' },
      spec: { type: 'website', owner: 'orders', lifecycle: 'production' },
    };
    expect(validateJourneyEntity(component)).toBe(false);
    await expect(journeyEntityV1alpha1Validator.check(component)).resolves.toBe(
      false,
    );
    expect(
      validateJourneyEntity({ ...journey(), apiVersion: 'switchboard.dev/v2' }),
    ).toBe(false);
  });

  it.each<[string, (spec: Record<string, any>) => void, string]>([
    ['no owner', spec => delete spec.owner, 'spec.owner: required'],
    [
      'an owner that is not a string',
      spec => (spec.owner = 7),
      'spec.owner: must be string',
    ],
    [
      'no components',
      spec => delete spec.components,
      'spec.components: required',
    ],
    [
      'empty components',
      spec => (spec.components = []),
      'spec.components: must not be empty',
    ],
    [
      'a component that is not a string',
      spec => (spec.components = ['storefront', 42]),
      'spec.components[1]: must be string',
    ],
    ['no entry', spec => delete spec.entry, 'spec.entry: required'],
    [
      'an entry without service',
      spec => (spec.entry = { route: '/storefront/checkout' }),
      'spec.entry.service: required',
    ],
    [
      'an entry with neither span nor route',
      spec => (spec.entry = { service: 'storefront' }),
      'spec.entry: must have exactly one of span or route',
    ],
    [
      'an entry with both span and route',
      spec =>
        (spec.entry = {
          service: 'storefront',
          span: 'POST /storefront/checkout',
          route: '/storefront/checkout',
        }),
      'spec.entry: must have exactly one of span or route',
    ],
    [
      'a completion with neither span nor route',
      spec => (spec.completion = { service: 'notification-service' }),
      'spec.completion: must have exactly one of span or route',
    ],
    [
      'an unknown entry field',
      spec => (spec.entry.method = 'POST'),
      'spec.entry.method: unknown field',
    ],
    [
      'no businessKeys',
      spec => delete spec.businessKeys,
      'spec.businessKeys: required',
    ],
    [
      'empty businessKeys',
      spec => (spec.businessKeys = []),
      'spec.businessKeys: must not be empty',
    ],
    [
      'a business key that is not an attribute name',
      spec => (spec.businessKeys = ['app.order.id', 'Order ID']),
      'spec.businessKeys[1]: must be a span attribute name such as app.order.id',
    ],
    [
      'a stuckAfter without unit',
      spec => (spec.stuckAfter = '600'),
      'spec.stuckAfter: must be a duration such as 10m, 2h or 28d',
    ],
    [
      'a stuckAfter in words',
      spec => (spec.stuckAfter = '10 minutes'),
      'spec.stuckAfter: must be a duration',
    ],
    [
      'an objective without name',
      spec => delete spec.objectives[1].name,
      'spec.objectives[1].name: required',
    ],
    [
      'a target of 1',
      spec => (spec.objectives[0].target = 1),
      'spec.objectives[0].target: must be < 1',
    ],
    [
      'a target of 0',
      spec => (spec.objectives[0].target = 0),
      'spec.objectives[0].target: must be > 0',
    ],
    [
      'a target in percent',
      spec => (spec.objectives[0].target = 99),
      'spec.objectives[0].target: must be < 1',
    ],
    [
      'a timeWindow that is not a duration',
      spec => (spec.objectives[1].timeWindow = 'weekly'),
      'spec.objectives[1].timeWindow: must be a duration',
    ],
    [
      'an indicator with neither ratio nor latency',
      spec => (spec.objectives[0].indicator = {}),
      'spec.objectives[0].indicator: must have exactly one of ratio or latency',
    ],
    [
      'an indicator with both ratio and latency',
      spec => (spec.objectives[0].indicator.latency = { thresholdMs: 5000 }),
      'spec.objectives[0].indicator: must have exactly one of ratio or latency',
    ],
    [
      'an unknown status',
      spec => (spec.objectives[0].indicator.ratio.good.status = ['good']),
      'spec.objectives[0].indicator.ratio.good.status[0]: must be equal to one of the allowed values (allowedValues: ok,failed,stuck,rejected,recovered-by-replay)',
    ],
    [
      'an in-flight status, which is not final',
      spec =>
        (spec.objectives[0].indicator.ratio.total.status = ['ok', 'in-flight']),
      'spec.objectives[0].indicator.ratio.total.status[1]: must be equal to one of the allowed values',
    ],
    [
      'a ratio without total',
      spec => delete spec.objectives[0].indicator.ratio.total,
      'spec.objectives[0].indicator.ratio.total: required',
    ],
    [
      'good statuses missing from total',
      spec =>
        (spec.objectives[0].indicator.ratio = {
          good: { status: ['ok', 'stuck'] },
          total: { status: ['ok', 'failed'] },
        }),
      'spec.objectives[0].indicator.ratio.good.status: stuck must also be in total.status',
    ],
    [
      'a latency threshold of 0',
      spec => (spec.objectives[1].indicator.latency.thresholdMs = 0),
      'spec.objectives[1].indicator.latency.thresholdMs: must be > 0',
    ],
    [
      'a latency threshold as text',
      spec => (spec.objectives[1].indicator.latency.thresholdMs = '5s'),
      'spec.objectives[1].indicator.latency.thresholdMs: must be number',
    ],
    [
      'an alert rule over a window the burn rates do not have',
      spec =>
        (spec.objectives[0].alerting = {
          rules: [
            {
              severity: 'page',
              factor: 10,
              longWindow: '7d',
              shortWindow: '1h',
            },
          ],
        }),
      'spec.objectives[0].alerting.rules[0].longWindow: must be equal to one of the allowed values',
    ],
    [
      'an alert rule of an unknown severity',
      spec =>
        (spec.objectives[0].alerting = {
          rules: [
            {
              severity: 'sms',
              factor: 10,
              longWindow: '1h',
              shortWindow: '5m',
            },
          ],
        }),
      'spec.objectives[0].alerting.rules[0].severity',
    ],
    [
      'a negative low-traffic guard',
      spec => (spec.objectives[0].alerting = { minValidEvents: -1 }),
      'spec.objectives[0].alerting.minValidEvents: must be >= 0',
    ],
    [
      'an unknown spec field',
      spec => (spec.slo = { target: 0.99 }),
      'spec.slo: unknown field',
    ],
  ])('rejects %s, naming the field', async (_, change, message) => {
    const entity = withSpec(change);
    expect(() => validateJourneyEntity(entity)).toThrow(TypeError);
    expect(() => validateJourneyEntity(entity)).toThrow(
      expect.objectContaining({
        message: expect.stringContaining(message),
      }),
    );
    await expect(journeyEntityV1alpha1Validator.check(entity)).rejects.toThrow(
      message,
    );
  });

  it('rejects a journey without spec', () => {
    const { spec: _, ...entity } = journey();
    expect(() => validateJourneyEntity(entity)).toThrow('spec: required');
  });
});

describe('isJourneyEntity', () => {
  it('recognises journeys by kind', () => {
    expect(isJourneyEntity(journey())).toBe(true);
    expect(isJourneyEntity({ ...journey(), kind: 'journey' })).toBe(true);
    expect(isJourneyEntity({ ...journey(), kind: 'Component' })).toBe(false);
  });
});
