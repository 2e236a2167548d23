import fs from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { mockServices } from '@backstage/backend-test-utils';
import {
  Entity,
  FieldFormatEntityPolicy,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_ADDRESS,
  ANNOTATION_ASYNCAPI_API,
  ANNOTATION_ASYNCAPI_CHANNEL,
  ANNOTATION_BROKER,
} from '@internal/plugin-integrations-common';
import { parseAllDocuments } from 'yaml';
import {
  AsyncApiEntityProcessor,
  resourceNameForAddress,
} from './AsyncApiEntityProcessor';

const FIXTURES = path.resolve(__dirname, '../__fixtures__/asyncapi');
const CATALOG_INFO = path.resolve(__dirname, '../../../../catalog-info');
const location: LocationSpec = { type: 'file', target: '/catalog/apis.yaml' };

const read = (file: string) => fs.readFileSync(file, 'utf-8');

function apiEntity(name: string, definition: unknown): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: 'orders',
      system: 'commerce',
      definition,
    } as Entity['spec'],
  };
}

function component(
  name: string,
  relations: { providesApi?: string[]; consumesApi?: string[] },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    relations: Object.entries(relations).flatMap(([type, targets]) =>
      targets.map(targetRef => ({ type, targetRef })),
    ),
  };
}

/** The demo catalog's components with the relations the built-in processor derives. */
function demoComponents(): Entity[] {
  return parseAllDocuments(read(path.join(CATALOG_INFO, 'components.yaml')))
    .map(doc => doc.toJS() as Entity)
    .map(entity => {
      const apis = (key: string) =>
        ((entity.spec?.[key] as string[] | undefined) ?? []).map(
          name => `api:default/${name}`,
        );
      return component(entity.metadata.name, {
        providesApi: apis('providesApis'),
        consumesApi: apis('consumesApis'),
      });
    });
}

function memoryCache(): CatalogProcessorCache {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

async function processApi(
  api: Entity,
  options: {
    components?: Entity[];
    cache?: CatalogProcessorCache;
    /** Entities already in the catalog (other APIs, topics they emitted). */
    catalog?: Entity[];
    defaultBroker?: string;
  } = {},
) {
  const processor = new AsyncApiEntityProcessor({
    catalog: catalogServiceMock({
      entities: [...(options.components ?? []), ...(options.catalog ?? [])],
    }),
    auth: mockServices.auth(),
    defaultBroker: options.defaultBroker,
  });
  const results: CatalogProcessorResult[] = [];
  const returned = await processor.postProcessEntity(
    api,
    location,
    result => results.push(result),
    options.cache ?? memoryCache(),
  );
  expect(returned).toBe(api);
  const allRelations = results.flatMap(r =>
    r.type === 'relation'
      ? [
          `${stringifyEntityRef(r.relation.source)} ${
            r.relation.type
          } ${stringifyEntityRef(r.relation.target)}`,
        ]
      : [],
  );
  const describing = (relation: string) => / describe(s|dBy) /.test(relation);
  return {
    resources: results.flatMap(r => (r.type === 'entity' ? [r.entity] : [])),
    /** publish/subscribe relations */
    relations: allRelations.filter(r => !describing(r)),
    /** describedBy/describes relations */
    descriptions: allRelations.filter(describing),
    errors: results.flatMap(r => (r.type === 'error' ? [r.error.message] : [])),
  };
}

/** "component:default/x publishesTo resource:default/y" plus its reverse. */
function pair(
  componentName: string,
  direction: 'publishes' | 'subscribes',
  resourceName: string,
) {
  // Entity refs are case-insensitive; stringifyEntityRef writes them in lower case.
  const c = `component:default/${componentName}`;
  const r = `resource:default/${resourceName.toLocaleLowerCase('en-US')}`;
  return direction === 'publishes'
    ? [`${c} publishesTo ${r}`, `${r} publishedBy ${c}`]
    : [`${c} subscribesTo ${r}`, `${r} subscribedBy ${c}`];
}

async function expectValidResources(resources: Entity[]) {
  const names = new FieldFormatEntityPolicy();
  for (const resource of resources) {
    // Backstage's own Resource schema has to accept the extra spec fields.
    await expect(resourceEntityV1alpha1Validator.check(resource)).resolves.toBe(
      true,
    );
    await expect(names.enforce(resource)).resolves.toBe(resource);
  }
}

describe('AsyncApiEntityProcessor', () => {
  afterEach(() => jest.restoreAllMocks());

  describe('catalog-info/apis/order-events.asyncapi.yaml (AsyncAPI 3.0, AMQP)', () => {
    it('emits a topic per channel, with broker, address and messages', async () => {
      const api = apiEntity(
        'order-events',
        read(path.join(CATALOG_INFO, 'apis/order-events.asyncapi.yaml')),
      );
      const { resources, errors } = await processApi(api);

      expect(errors).toEqual([]);
      expect(resources.map(r => r.metadata.name)).toEqual([
        'order.created',
        'order.refund-requested',
      ]);
      expect(resources[0]).toEqual({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'order.created',
          namespace: 'default',
          title: 'order.created',
          description: 'An order was placed and accepted.',
          annotations: {
            [ANNOTATION_ASYNCAPI_API]: 'api:default/order-events',
            [ANNOTATION_ASYNCAPI_CHANNEL]: 'orderCreated',
            [ANNOTATION_BROKER]: 'amqp://rabbitmq.internal.acme.example/',
            [ANNOTATION_ADDRESS]: 'order.created',
          },
        },
        spec: {
          type: 'topic',
          owner: 'orders',
          system: 'commerce',
          lifecycle: 'production',
          broker: 'rabbitmq',
          address: { exchange: 'orders', routingKey: 'order.created' },
          deliveryGuarantee: 'at-least-once',
          server: {
            url: 'amqp://rabbitmq.internal.acme.example/',
            protocol: 'amqp',
            name: 'production',
            declared: true,
          },
          messages: [
            expect.objectContaining({
              name: 'OrderCreated',
              title: 'Order created',
              version: '1.3.0',
              contentType: 'application/json',
              api: 'api:default/order-events',
              schemaHash: expect.stringMatching(/^[0-9a-f]{12}$/),
            }),
          ],
          channels: [
            {
              api: 'api:default/order-events',
              channel: 'orderCreated',
              sends: ['OrderCreated'],
              receives: [],
            },
          ],
          describedBy: [
            {
              api: 'api:default/order-events',
              owner: 'orders',
              title: 'Order events',
              version: '1.3.0',
            },
          ],
        },
      });
      // the payload schema from components.schemas, $ref resolved
      const payload = (resources[0].spec?.messages as any)[0].payload;
      expect(payload.required).toEqual([
        'orderId',
        'customerId',
        'total',
        'currency',
        'lines',
        'createdAt',
      ]);
      expect(payload.properties.customerTier).toEqual({
        type: 'string',
        enum: ['standard', 'gold', 'platinum'],
      });
      expect(payload.properties.lines.items.required).toEqual([
        'sku',
        'quantity',
        'unitPrice',
      ]);
      expect(JSON.stringify(resources[0])).not.toContain('x-parser');
      await expectValidResources(resources);
    });

    it('relates the provider as publisher and the consumers as subscribers', async () => {
      const api = apiEntity(
        'order-events',
        read(path.join(CATALOG_INFO, 'apis/order-events.asyncapi.yaml')),
      );
      const { relations } = await processApi(api, {
        components: demoComponents(),
      });

      const expected = ['order.created', 'order.refund-requested'].flatMap(
        topic => [
          ...pair('order-service', 'publishes', topic),
          ...pair('payment-service', 'subscribes', topic),
          ...pair('erp-connector', 'subscribes', topic),
        ],
      );
      expect(relations.sort()).toEqual(expected.sort());
    });
  });

  describe('catalog-info/apis/payment-events.asyncapi.yaml (AsyncAPI 2.6, AMQP)', () => {
    it('reads 2.x `subscribe` as the provider publishing', async () => {
      const api = apiEntity(
        'payment-events',
        read(path.join(CATALOG_INFO, 'apis/payment-events.asyncapi.yaml')),
      );
      const { resources, relations, errors } = await processApi(api, {
        components: demoComponents(),
      });

      expect(errors).toEqual([]);
      expect(resources.map(r => r.metadata.name)).toEqual([
        'payment.captured',
        'payment.failed',
        'payment.refunded',
      ]);
      expect(resources[0].spec).toMatchObject({
        type: 'topic',
        broker: 'rabbitmq',
        address: { exchange: 'payments', routingKey: 'payment.captured' },
        messages: [
          {
            name: 'PaymentCaptured',
            version: '2.0.1',
            contentType: 'application/json',
          },
        ],
      });
      const expected = [
        'payment.captured',
        'payment.failed',
        'payment.refunded',
      ].flatMap(topic => [
        ...pair('payment-service', 'publishes', topic),
        ...pair('order-service', 'subscribes', topic),
        ...pair('inventory-service', 'subscribes', topic),
        ...pair('notification-service', 'subscribes', topic),
        ...pair('erp-connector', 'subscribes', topic),
      ]);
      expect(relations.sort()).toEqual(expected.sort());
      await expectValidResources(resources);
    });
  });

  describe('asyncapi/spec examples', () => {
    const components = [
      component('streetlights', {
        providesApi: ['api:default/streetlights'],
      }),
      component('dashboard', { consumesApi: ['api:default/streetlights'] }),
    ];

    it('2.6 streetlights-mqtt: `publish` is received, `subscribe` is sent by the provider', async () => {
      const api = apiEntity(
        'streetlights',
        read(path.join(FIXTURES, 'streetlights-mqtt-2.6.0.yml')),
      );
      const { resources, relations, errors } = await processApi(api, {
        components,
      });

      expect(errors).toEqual([]);
      const byChannel = Object.fromEntries(
        resources.map(r => [
          r.metadata.annotations?.[ANNOTATION_ASYNCAPI_CHANNEL],
          r,
        ]),
      );
      const measured =
        byChannel[
          'smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured'
        ];
      const turnOn =
        byChannel[
          'smartylighting/streetlights/1/0/action/{streetlightId}/turn/on'
        ];
      expect(resources).toHaveLength(4);
      // 69 characters once sanitised: shortened to 63 with a hash
      expect(measured.metadata.name).toMatch(
        /^smartylighting-streetlights-1-0-event-streetlightId-li-[0-9a-f]{8}$/,
      );
      expect(turnOn.metadata.name).toBe(
        'smartylighting-streetlights-1-0-action-streetlightId-turn-on',
      );
      expect(measured.spec).toMatchObject({
        type: 'topic',
        owner: 'orders',
        system: 'commerce',
        lifecycle: 'production',
        broker: 'mqtt',
        // test.mosquitto.org:{port}, port variable default 1883: the default port goes
        server: { url: 'mqtt://test.mosquitto.org', declared: true },
        messages: [
          expect.objectContaining({
            name: 'lightMeasured',
            version: '1.0.0',
            contentType: 'application/json',
          }),
        ],
        channels: [
          expect.objectContaining({ sends: [], receives: ['lightMeasured'] }),
        ],
      });
      expect(measured.spec).not.toHaveProperty('address');
      expect(relations).toEqual(
        expect.arrayContaining([
          ...pair('streetlights', 'subscribes', measured.metadata.name),
          ...pair('dashboard', 'publishes', measured.metadata.name),
          ...pair('streetlights', 'publishes', turnOn.metadata.name),
          ...pair('dashboard', 'subscribes', turnOn.metadata.name),
        ]),
      );
      // one pair per component and channel: nothing in the other direction
      expect(relations).toHaveLength(4 * 2 * 2);
      await expectValidResources(resources);
    });

    it('3.0 streetlights-kafka: `receive` and `send` operations', async () => {
      const api = apiEntity(
        'streetlights',
        read(path.join(FIXTURES, 'streetlights-kafka-3.0.0.yml')),
      );
      const { resources, relations, errors } = await processApi(api, {
        components,
      });

      expect(errors).toEqual([]);
      expect(
        resources.map(
          r => r.metadata.annotations?.[ANNOTATION_ASYNCAPI_CHANNEL],
        ),
      ).toEqual([
        'lightingMeasured',
        'lightTurnOn',
        'lightTurnOff',
        'lightsDim',
      ]);
      const [measured, turnOn, turnOff, dim] = resources.map(
        r => r.metadata.name,
      );
      expect(resources[0].metadata.title).toBe(
        'smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured',
      );
      expect(resources[0].spec).toMatchObject({
        type: 'topic',
        broker: 'kafka',
      });
      expect(resources[0].spec).not.toHaveProperty('address');
      expect(resources[0].spec).not.toHaveProperty('deliveryGuarantee');
      expect(relations.sort()).toEqual(
        [
          ...pair('streetlights', 'subscribes', measured),
          ...pair('dashboard', 'publishes', measured),
          ...[turnOn, turnOff, dim].flatMap(name => [
            ...pair('streetlights', 'publishes', name),
            ...pair('dashboard', 'subscribes', name),
          ]),
        ].sort(),
      );
      await expectValidResources(resources);
    });
  });

  describe('AMQP bindings and channel layout', () => {
    const document = (channels: string, operations: string) =>
      [
        'asyncapi: 3.0.0',
        'info: { title: Billing, version: 2.1.0 }',
        'servers:',
        '  production: { host: rabbitmq.example:5672, protocol: amqp }',
        'channels:',
        channels,
        'operations:',
        operations,
      ].join('\n');

    it('makes a queue of a channel whose AMQP binding says `is: queue`', async () => {
      const { resources } = await processApi(
        apiEntity(
          'billing',
          document(
            [
              '  invoices:',
              '    address: billing.invoices',
              '    bindings:',
              '      amqp: { is: queue, queue: { name: billing.invoices.v2 } }',
            ].join('\n'),
            "  book: { action: receive, channel: { $ref: '#/channels/invoices' } }",
          ),
        ),
      );
      expect(resources).toHaveLength(1);
      expect(resources[0].spec).toMatchObject({
        type: 'queue',
        broker: 'rabbitmq',
        address: { queue: 'billing.invoices.v2' },
        deliveryGuarantee: 'at-least-once',
      });
      await expectValidResources(resources);
    });

    it('emits one resource for channels that share an address', async () => {
      const { resources, relations } = await processApi(
        apiEntity(
          'billing',
          document(
            [
              '  outgoing:',
              '    address: billing.events',
              '    messages: { invoiceBooked: { name: InvoiceBooked } }',
              '  incoming:',
              '    address: billing.events',
              '    messages: { invoiceVoided: { name: InvoiceVoided } }',
            ].join('\n'),
            [
              "  send: { action: send, channel: { $ref: '#/channels/outgoing' } }",
              "  receive: { action: receive, channel: { $ref: '#/channels/incoming' } }",
            ].join('\n'),
          ),
        ),
        {
          components: [
            component('billing', { providesApi: ['api:default/billing'] }),
          ],
        },
      );
      expect(resources).toHaveLength(1);
      expect(resources[0].spec?.messages).toEqual([
        expect.objectContaining({ name: 'InvoiceBooked' }),
        expect.objectContaining({ name: 'InvoiceVoided' }),
      ]);
      expect(relations.sort()).toEqual(
        [
          ...pair('billing', 'publishes', 'billing.events'),
          ...pair('billing', 'subscribes', 'billing.events'),
        ].sort(),
      );
    });
  });

  describe('invalid input', () => {
    it('reports each problem with its path and emits nothing else', async () => {
      const definition = [
        'asyncapi: 3.0.0',
        'info:',
        '  title: Order events',
        '  version: 1.0.0',
        'channels:',
        '  orderCreated:',
        '    address: order.created',
        '    messages: [OrderCreated]',
      ].join('\n');
      const { resources, relations, errors } = await processApi(
        apiEntity('order-events', definition),
        { components: demoComponents() },
      );

      expect(resources).toEqual([]);
      expect(relations).toEqual([]);
      expect(errors).toEqual([
        expect.stringMatching(
          /^AsyncAPI definition of api:default\/order-events is invalid: .*channels\.orderCreated\.messages: /,
        ),
      ]);
    });

    it('refuses external $refs instead of fetching or reading them', async () => {
      const definition = read(
        path.join(FIXTURES, 'streetlights-kafka-3.0.0.yml'),
      ).replace(
        "$ref: '#/components/schemas/dimLightPayload'",
        "$ref: 'file:///etc/hostname'",
      );
      const { resources, errors } = await processApi(
        apiEntity('streetlights', definition),
      );

      expect(resources).toEqual([]);
      expect(errors).toEqual([
        expect.stringContaining(
          '$ref file:///etc/hostname: external references are not resolved',
        ),
      ]);
    });

    it('reports a wrong version field of an AsyncAPI 2.x document', async () => {
      const definition = read(
        path.join(FIXTURES, 'streetlights-mqtt-2.6.0.yml'),
      ).replace(/^asyncapi: .*$/m, "asyncapi: '2.99.0'");
      const { resources, errors } = await processApi(
        apiEntity('streetlights', definition),
      );
      expect(resources).toEqual([]);
      expect(errors).toEqual([
        expect.stringMatching(
          /^AsyncAPI definition of api:default\/streetlights is invalid: .*2\.99\.0/,
        ),
      ]);
    });

    it('reports a YAML syntax error', async () => {
      const { errors } = await processApi(
        apiEntity(
          'order-events',
          'asyncapi: 3.0.0\ninfo:\n  title: "Order events\n  version: 1.0.0\n',
        ),
      );
      expect(errors).toEqual([
        expect.stringMatching(
          /^AsyncAPI definition of api:default\/order-events is invalid: .+/,
        ),
      ]);
      expect(errors[0]).not.toContain('\n');
    });

    it('refuses a relative $ref out of the document without reading the file', async () => {
      const readFile = jest.spyOn(fs.promises, 'readFile');
      const readFileSync = jest.spyOn(fs, 'readFileSync');
      const readFileCallback = jest.spyOn(fs, 'readFile');
      const definition = read(
        path.join(FIXTURES, 'streetlights-kafka-3.0.0.yml'),
      ).replace(
        "$ref: '#/components/schemas/dimLightPayload'",
        "$ref: '../../../../../etc/passwd'",
      );
      const calls = () =>
        [
          ...readFile.mock.calls,
          ...readFileSync.mock.calls,
          ...readFileCallback.mock.calls,
        ].map(c => String(c[0]));
      const before = calls().length;
      const { resources, errors } = await processApi(
        apiEntity('streetlights', definition),
      );
      expect(resources).toEqual([]);
      expect(errors).toEqual([
        expect.stringMatching(
          /\$ref .*etc\/passwd: external references are not resolved/,
        ),
      ]);
      expect(
        calls()
          .slice(before)
          .filter(p => p.includes('passwd')),
      ).toEqual([]);
    });

    it('names the first five problems of many and counts the rest', async () => {
      const channels = Array.from({ length: 9 }, (_, i) =>
        [
          `  broken${i}:`,
          `    address: broken.${i}`,
          `    messages: [Unknown${i}]`,
        ].join('\n'),
      );
      const definition = [
        'asyncapi: 3.0.0',
        'info:',
        '  title: Order events',
        '  version: 1.0.0',
        'channels:',
        ...channels,
      ].join('\n');
      const { errors } = await processApi(
        apiEntity('order-events', definition),
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/ \(and \d+ more problems\)$/);
      const listed = errors[0]
        .replace(/^[^:]+: /, '')
        .replace(/ \(and \d+ more problems\)$/, '')
        .split('; ');
      expect(listed).toHaveLength(5);
    });

    it('asks for a string definition', async () => {
      const { errors } = await processApi(
        apiEntity('order-events', { $text: './apis/order-events.yaml' }),
      );
      expect(errors).toEqual([
        'AsyncAPI definition of api:default/order-events is invalid: spec.definition must be a string',
      ]);
    });
  });

  it('leaves other API types alone', async () => {
    const api = apiEntity('orders-api', 'openapi: 3.1.0');
    api.spec!.type = 'openapi';
    const { resources, relations, errors } = await processApi(api);
    expect([...resources, ...relations, ...errors]).toEqual([]);
  });

  it('parses an unchanged definition only once', async () => {
    const parse = jest.spyOn(Parser.prototype, 'parse');
    const cache = memoryCache();
    const api = apiEntity(
      'order-events',
      read(path.join(CATALOG_INFO, 'apis/order-events.asyncapi.yaml')),
    );

    const first = await processApi(api, { cache });
    const second = await processApi(api, { cache });

    expect(parse).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
  });
});

describe('resourceNameForAddress', () => {
  it.each([
    ['order.created', 'order.created'],
    ['orders/created', 'orders-created'],
    ['a.{id}.b', 'a-id-b'],
    ['/leading/and/trailing/', 'leading-and-trailing'],
  ])('%s → %s', (address, name) => {
    expect(resourceNameForAddress(address)).toBe(name);
  });

  it('shortens long addresses to 63 characters, keeping them apart by a hash', () => {
    const a = resourceNameForAddress(`${'x'.repeat(70)}.a`);
    const b = resourceNameForAddress(`${'x'.repeat(70)}.b`);
    expect(a).toMatch(/^x{54}-[0-9a-f]{8}$/);
    expect(a).toHaveLength(63);
    expect(a).not.toBe(b);
  });

  it('names an address without letters or digits by its hash', () => {
    expect(resourceNameForAddress('/')).toMatch(/^channel-[0-9a-f]{8}$/);
  });
});

describe('AsyncApiEntityProcessor on components', () => {
  it('relates a component to the channels of the AsyncAPI documents it provides and consumes', async () => {
    const orderEvents = apiEntity(
      'order-events',
      read(path.join(CATALOG_INFO, 'apis/order-events.asyncapi.yaml')),
    );
    const processor = new AsyncApiEntityProcessor({
      catalog: catalogServiceMock({ entities: [orderEvents] }),
      auth: mockServices.auth(),
    });
    const relationsOf = async (entity: Entity) => {
      const results: CatalogProcessorResult[] = [];
      await processor.postProcessEntity(
        entity,
        location,
        r => results.push(r),
        memoryCache(),
      );
      return results
        .filter(r => r.type === 'relation')
        .map(r => {
          const { source, type, target } = (r as any).relation;
          return `${source.kind}:${source.name} ${type} ${target.kind}:${target.name}`;
        })
        .sort();
    };
    const provider: Entity = {
      ...component('order-service', {}),
      spec: {
        type: 'service',
        owner: 'orders',
        providesApis: ['order-events'],
      },
    };
    const consumer: Entity = {
      ...component('erp-connector', {}),
      spec: {
        type: 'service',
        owner: 'x',
        consumesApis: ['api:default/order-events', 'missing-api'],
      },
    };
    expect(await relationsOf(provider)).toEqual(
      [
        'Component:order-service publishesTo Resource:order.created',
        'Component:order-service publishesTo Resource:order.refund-requested',
        'Resource:order.created publishedBy Component:order-service',
        'Resource:order.refund-requested publishedBy Component:order-service',
      ].sort(),
    );
    expect(await relationsOf(consumer)).toEqual(
      [
        'Component:erp-connector subscribesTo Resource:order.created',
        'Component:erp-connector subscribesTo Resource:order.refund-requested',
        'Resource:order.created subscribedBy Component:erp-connector',
        'Resource:order.refund-requested subscribedBy Component:erp-connector',
      ].sort(),
    );
  });
});

/** A topic as the catalog has it after a pass: what was emitted, plus its describedBy relations. */
function stored(resource: Entity, describedBy: string[]): Entity {
  return {
    ...resource,
    relations: describedBy.map(targetRef => ({
      type: 'describedBy',
      targetRef,
    })),
  };
}

describe('AsyncApiEntityProcessor: topic identity (asyncapi/spec examples)', () => {
  const rpcServer = read(path.join(FIXTURES, 'rpc-server-3.1.0.yml'));
  const rpcClient = read(path.join(FIXTURES, 'rpc-client-3.1.0.yml'));
  const kraken = read(
    path.join(
      FIXTURES,
      'kraken-websocket-request-reply-multiple-channels-3.1.0.yml',
    ),
  );
  const withOwner = (entity: Entity, owner: string): Entity => ({
    ...entity,
    spec: { ...entity.spec, owner },
  });

  it('3.1 kraken: seven channels on `/` without a server are one topic on the default broker, each channel with its direction', async () => {
    const { resources, relations, descriptions, errors } = await processApi(
      apiEntity('kraken', kraken),
      {
        components: [
          component('kraken-gateway', { providesApi: ['api:default/kraken'] }),
        ],
        defaultBroker: 'ws://ws.kraken.com',
      },
    );
    expect(errors).toEqual([]);
    expect(resources).toHaveLength(1);
    const [topic] = resources;
    expect(topic.metadata.name).toMatch(/^channel-[0-9a-f]{8}$/);
    expect(topic.metadata.title).toBe('/');
    expect(topic.metadata.annotations).toMatchObject({
      [ANNOTATION_BROKER]: 'ws://ws.kraken.com',
      [ANNOTATION_ADDRESS]: '/',
      [ANNOTATION_ASYNCAPI_CHANNEL]:
        'ping,pong,heartbeat,systemStatus,currencyInfo,subscribe,unsubscribe',
    });
    expect(topic.spec).toMatchObject({
      broker: 'websocket',
      server: { url: 'ws://ws.kraken.com', declared: false },
    });
    const direction = Object.fromEntries(
      (topic.spec?.channels as any[]).map(c => [
        c.channel,
        { sends: c.sends, receives: c.receives },
      ]),
    );
    expect(direction).toEqual({
      ping: { sends: [], receives: ['ping'] },
      // replies of receive operations: the API sends them
      pong: { sends: ['pong'], receives: [] },
      currencyInfo: {
        sends: ['dummyCurrencyInfo', 'subscriptionStatus'],
        receives: [],
      },
      heartbeat: { sends: ['heartbeat'], receives: [] },
      systemStatus: { sends: ['systemStatus'], receives: [] },
      subscribe: { sends: [], receives: ['subscribe'] },
      unsubscribe: { sends: [], receives: ['unsubscribe'] },
    });
    expect((topic.spec?.messages as any[]).map(m => m.name)).toEqual([
      'ping',
      'pong',
      'heartbeat',
      'systemStatus',
      'subscriptionStatus',
      'dummyCurrencyInfo',
      'subscribe',
      'unsubscribe',
    ]);
    const status = (topic.spec?.messages as any[]).find(
      m => m.name === 'subscriptionStatus',
    );
    expect(status.payload.oneOf).toHaveLength(2);
    expect(status.examples).toHaveLength(2);
    expect(relations.sort()).toEqual(
      [
        ...pair('kraken-gateway', 'publishes', topic.metadata.name),
        ...pair('kraken-gateway', 'subscribes', topic.metadata.name),
      ].sort(),
    );
    expect(descriptions.sort()).toEqual(
      [
        `api:default/kraken describes resource:default/${topic.metadata.name}`,
        `resource:default/${topic.metadata.name} describedBy api:default/kraken`,
      ].sort(),
    );
    await expectValidResources(resources);
  });

  it("3.1 rpc-server and rpc-client: one entity per queue, the client a producer and consumer of the server's queues with its own relation", async () => {
    const server = withOwner(apiEntity('rpc-server', rpcServer), 'calculators');
    const client = withOwner(apiEntity('rpc-client', rpcClient), 'shop');
    const components = [
      component('sum-service', { providesApi: ['api:default/rpc-server'] }),
      component('checkout', { providesApi: ['api:default/rpc-client'] }),
    ];

    // first pass: the server's document, on an empty catalog
    const first = await processApi(server, { components });
    expect(first.errors).toEqual([]);
    expect(first.resources.map(r => r.metadata.name)).toEqual([
      'queue',
      'rpc_queue',
    ]);
    const rpcQueue = first.resources[1];
    expect(rpcQueue.metadata.annotations).toMatchObject({
      [ANNOTATION_BROKER]: 'amqp://rabbitmq.example.org/',
      [ANNOTATION_ADDRESS]: 'rpc_queue',
      [ANNOTATION_ASYNCAPI_API]: 'api:default/rpc-server',
    });
    expect(rpcQueue.spec).toMatchObject({
      type: 'queue',
      broker: 'rabbitmq',
      address: { queue: 'rpc_queue' },
      owner: 'calculators',
    });

    // the client's document finds them and describes them, without emitting its own
    const catalog = first.resources.map(r =>
      stored(r, ['api:default/rpc-server']),
    );
    const second = await processApi(client, {
      components,
      catalog: [...catalog, server],
    });
    expect(second.errors).toEqual([]);
    expect(second.resources).toEqual([]);
    expect(second.relations.sort()).toEqual(
      [
        ...pair('checkout', 'publishes', 'rpc_queue'),
        ...pair('checkout', 'subscribes', 'queue'),
      ].sort(),
    );
    expect(second.descriptions).toEqual(
      expect.arrayContaining([
        'resource:default/rpc_queue describedBy api:default/rpc-client',
        'api:default/rpc-client describes resource:default/rpc_queue',
      ]),
    );

    // the server's next pass: both documents on the entity, each with its direction
    const third = await processApi(server, {
      components,
      catalog: [
        ...first.resources.map(r =>
          stored(r, ['api:default/rpc-server', 'api:default/rpc-client']),
        ),
        server,
        client,
      ],
    });
    const queue = third.resources.find(r => r.metadata.name === 'rpc_queue')!;
    expect(queue.spec?.describedBy).toEqual([
      expect.objectContaining({
        api: 'api:default/rpc-server',
        owner: 'calculators',
      }),
      expect.objectContaining({ api: 'api:default/rpc-client', owner: 'shop' }),
    ]);
    expect(queue.spec?.channels).toEqual([
      {
        api: 'api:default/rpc-server',
        channel: 'rpc_queue',
        sends: [],
        receives: ['sum'],
      },
      {
        api: 'api:default/rpc-client',
        channel: 'rpc_queue',
        sends: ['requestSum'],
        receives: [],
      },
    ]);
    expect((queue.spec?.messages as any[]).map(m => [m.name, m.api])).toEqual([
      ['sum', 'api:default/rpc-server'],
      ['requestSum', 'api:default/rpc-client'],
    ]);
    // two owners claim the queue: shown on the entity
    expect(queue.spec?.conflicts).toEqual([
      'owner: api:default/rpc-server says calculators, api:default/rpc-client says shop',
    ]);
    await expectValidResources(third.resources);
  });

  it('takes the same broker written another way (case, default port) as the same identity', async () => {
    const server = apiEntity('rpc-server', rpcServer);
    const first = await processApi(server);
    const client = apiEntity(
      'rpc-client',
      rpcClient.replace(
        'host: rabbitmq.example.org',
        'host: RabbitMQ.Example.ORG:5672',
      ),
    );
    const { resources, descriptions } = await processApi(client, {
      catalog: [
        ...first.resources.map(r => stored(r, ['api:default/rpc-server'])),
        server,
      ],
    });
    expect(resources).toEqual([]);
    expect(descriptions).toContain(
      'resource:default/rpc_queue describedBy api:default/rpc-client',
    );
  });

  it('gives a topic of another broker with the same address a name of its own', async () => {
    // the same server deployed on a second broker
    const other = apiEntity(
      'rpc-server-eu',
      rpcServer.replace(
        'host: rabbitmq.example.org',
        'host: rabbitmq.eu.example.org',
      ),
    );
    const first = await processApi(other);
    const { resources, errors } = await processApi(
      apiEntity('rpc-server', rpcServer),
      {
        catalog: first.resources.map(r =>
          stored(r, ['api:default/rpc-server-eu']),
        ),
      },
    );
    expect(errors).toEqual([]);
    const names = resources.map(r => r.metadata.name);
    expect(names).toEqual([
      expect.stringMatching(/^queue-[0-9a-f]{8}$/),
      expect.stringMatching(/^rpc_queue-[0-9a-f]{8}$/),
    ]);
    expect(resources[1].metadata.annotations?.[ANNOTATION_BROKER]).toBe(
      'amqp://rabbitmq.example.org/',
    );
    // stable: the next pass finds its own entity by identity and keeps the name
    const again = await processApi(apiEntity('rpc-server', rpcServer), {
      catalog: [
        ...first.resources.map(r => stored(r, ['api:default/rpc-server-eu'])),
        ...resources.map(r => stored(r, ['api:default/rpc-server'])),
      ],
    });
    expect(again.resources.map(r => r.metadata.name)).toEqual(names);
    await expectValidResources(resources);
  });

  it('lists a message whose schema differs between two documents as a conflict', async () => {
    const orderEvents = read(
      path.join(CATALOG_INFO, 'apis/order-events.asyncapi.yaml'),
    );
    const original = apiEntity('order-events', orderEvents);
    const copy = apiEntity(
      'order-events-legacy',
      orderEvents.replace(
        'enum: [standard, gold, platinum]',
        'enum: [standard, gold]',
      ),
    );
    const first = await processApi(original);
    const described = await processApi(copy, {
      catalog: [
        ...first.resources.map(r => stored(r, ['api:default/order-events'])),
      ],
    });
    expect(described.resources).toEqual([]);
    const next = await processApi(original, {
      catalog: [
        ...first.resources.map(r =>
          stored(r, [
            'api:default/order-events',
            'api:default/order-events-legacy',
          ]),
        ),
        copy,
      ],
    });
    const created = next.resources.find(
      r => r.metadata.name === 'order.created',
    )!;
    expect(created.spec?.conflicts).toEqual([
      'message OrderCreated: api:default/order-events-legacy gives another schema than api:default/order-events',
    ]);
    // the refund topic's schema is the same in both: no conflict there
    const refund = next.resources.find(
      r => r.metadata.name === 'order.refund-requested',
    )!;
    expect(refund.spec).not.toHaveProperty('conflicts');
  });

  it('describes a queue a person declared in a catalog file instead of emitting a second one', async () => {
    const declared: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'rpc_queue', namespace: 'default' },
      spec: {
        type: 'queue',
        owner: 'calculators',
        broker: 'rabbitmq',
        address: { queue: 'rpc_queue' },
      },
    };
    const { resources, descriptions } = await processApi(
      apiEntity('rpc-server', rpcServer),
      { catalog: [declared] },
    );
    expect(resources.map(r => r.metadata.name)).toEqual(['queue']);
    expect(descriptions).toContain(
      'resource:default/rpc_queue describedBy api:default/rpc-server',
    );
  });
});
