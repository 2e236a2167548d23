import '@testing-library/jest-dom';
import { Entity } from '@backstage/catalog-model';
import { configApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { configure, fireEvent, screen, within } from '@testing-library/react';
import { deadLetterQueueRouteRef } from '../../routes';
import { MessagingOverviewCard } from './MessagingOverviewCard';

// A whole card with lazy catalog reads is slow on a busy CI machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

const topic: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'order.created',
    namespace: 'default',
    title: 'order.created',
    description: 'An order was placed and accepted.',
    annotations: {
      'switchboard.dev/broker': 'amqp://rabbitmq.internal.acme.example/',
      'switchboard.dev/address': 'order.created',
    },
  },
  spec: {
    type: 'topic',
    owner: 'orders',
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
      {
        name: 'OrderCreated',
        title: 'Order created',
        version: '1.3.0',
        contentType: 'application/json',
        api: 'api:default/order-events',
        payload: {
          type: 'object',
          required: ['orderId'],
          properties: {
            orderId: { type: 'string', description: 'The order' },
            customerTier: { type: 'string', enum: ['standard', 'gold'] },
          },
        },
      },
    ],
    channels: [
      {
        api: 'api:default/order-events',
        channel: 'orderCreated',
        sends: ['OrderCreated'],
        receives: [],
      },
    ],
    conflicts: [
      'owner: api:default/order-events says orders, api:default/legacy-order-events says finance',
    ],
  },
  relations: [
    { type: 'publishedBy', targetRef: 'component:default/order-service' },
    { type: 'subscribedBy', targetRef: 'component:default/payment-service' },
    { type: 'describedBy', targetRef: 'api:default/order-events' },
    { type: 'describedBy', targetRef: 'api:default/legacy-order-events' },
  ],
};

const component = (name: string, owner: string, api: string, how: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', title: `${name} title` },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: how, targetRef: api }],
});

const api = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name, namespace: 'default', title: `${name} title` },
  spec: { type: 'asyncapi', owner, lifecycle: 'production', definition: '' },
});

const queue: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payment-service.order-created',
    namespace: 'default',
    annotations: { 'switchboard.dev/runtime': 'integration-runtime' },
  },
  spec: {
    type: 'queue',
    owner: 'payments',
    broker: 'rabbitmq',
    address: {
      exchange: 'orders',
      routingKey: 'order.created',
      queue: 'payment-service.order-created',
    },
  },
};

const dlq: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payment-service.order-created.dlq',
    namespace: 'default',
    annotations: {
      'switchboard.dev/dead-letter-of':
        'resource:default/payment-service.order-created',
    },
  },
  spec: { type: 'dead-letter-queue', owner: 'payments' },
};

const catalogEntities: Entity[] = [
  component(
    'order-service',
    'orders',
    'api:default/order-events',
    'providesApi',
  ),
  component(
    'payment-service',
    'payments',
    'api:default/order-events',
    'consumesApi',
  ),
  api('order-events', 'orders'),
  api('legacy-order-events', 'finance'),
  queue,
  dlq,
];

async function render(
  entity: Entity,
  config: object = {},
  { withDeadLetters = true } = {},
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <MessagingOverviewCard />
    </EntityProvider>,
    {
      apis: [
        [catalogApiRef, catalogApiMock({ entities: catalogEntities })],
        [configApiRef, mockApis.config({ data: config })],
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef as any,
        ...(withDeadLetters
          ? { '/dead-letters/:runtime/:dlq': deadLetterQueueRouteRef }
          : {}),
      },
    },
  );
}

describe('MessagingOverviewCard', () => {
  it('names the dead-letter queue without a link when the Dead letters page is not installed', async () => {
    await render(topic, {}, { withDeadLetters: false });
    expect(
      await screen.findByText(/broker discovery is off: no live queue figures/),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Dead letters:/)).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'open in Dead letters' }),
    ).not.toBeInTheDocument();
  });

  it('shows a topic: broker and address, the documents, producers and consumers with owners, the schema, the conflict', async () => {
    await render(topic);

    expect(
      await screen.findByText('Overview of this topic'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('amqp://rabbitmq.internal.acme.example/').length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText('orders', { selector: 'span' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The documents that describe this topic disagree/),
    ).toBeInTheDocument();
    expect(screen.getByText(/says finance/)).toBeInTheDocument();

    // described by both APIs, each with a link to its definition tab
    const definitions = await screen.findAllByRole('link', {
      name: 'definition',
    });
    expect(definitions.map(a => a.getAttribute('href'))).toEqual([
      '/catalog/default/api/order-events/definition',
      '/catalog/default/api/legacy-order-events/definition',
    ]);

    // producers and consumers with their owners and what they send / receive
    const producers = screen.getByText('Producers').parentElement!;
    expect(
      await within(producers).findByText('order-service title'),
    ).toBeInTheDocument();
    expect(
      within(producers).getByText('sends OrderCreated'),
    ).toBeInTheDocument();
    expect(
      within(producers).getByRole('link', { name: 'orders' }),
    ).toHaveAttribute('href', '/catalog/default/group/orders');
    const consumers = screen.getByText('Consumers').parentElement!;
    expect(
      await within(consumers).findByText('payment-service title'),
    ).toBeInTheDocument();
    expect(
      within(consumers).getByText('receives OrderCreated'),
    ).toBeInTheDocument();

    // the bound queue, discovery off said plainly, its DLQ in the portal
    expect(
      await screen.findByText(/broker discovery is off: no live queue figures/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'open in Dead letters' }),
    ).toHaveAttribute(
      'href',
      '/dead-letters/integration-runtime/payment-service.order-created',
    );

    // the payload schema as a property table
    const table = screen.getByRole('table', { name: 'payload schema' });
    expect(within(table).getByText('orderId')).toBeInTheDocument();
    expect(within(table).getByText('The order')).toBeInTheDocument();
    expect(
      within(table).getByText('one of "standard", "gold"'),
    ).toBeInTheDocument();
  });

  it("shows a queue's live figures when discovery put them there, and the topic's messages it carries", async () => {
    const withFigures: Entity = {
      ...queue,
      metadata: {
        ...queue.metadata,
        annotations: {
          ...queue.metadata.annotations,
          'switchboard.dev/broker-figures': JSON.stringify({
            messages: 12,
            consumers: 2,
            publishRate: 4.5,
            at: '2026-01-01T10:00:00.000Z',
          }),
        },
      },
    };
    await renderInTestApp(
      <EntityProvider entity={withFigures}>
        <MessagingOverviewCard />
      </EntityProvider>,
      {
        apis: [
          [
            catalogApiRef,
            catalogApiMock({ entities: [...catalogEntities, topic] }),
          ],
          [
            configApiRef,
            mockApis.config({
              data: {
                catalog: {
                  providers: { rabbitmqDiscovery: { enabled: true } },
                },
              },
            }),
          ],
        ],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef as any,
          '/dead-letters/:runtime/:dlq': deadLetterQueueRouteRef,
        },
      },
    );
    expect(
      await screen.findByText('Overview of this queue'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        /12 messages ready · 2 consumers · 4\.5 msg\/s in/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'payment-service.order-created.dlq' }),
    ).toBeInTheDocument();
    // the queue has no schema of its own: the bound topic's message is shown
    expect(await screen.findByText('Bound to topic')).toBeInTheDocument();
    expect(await screen.findByText('Messages (1)')).toBeInTheDocument();
    fireEvent.click(await screen.findByText('Order created'));
    expect(
      await screen.findByRole('table', { name: 'payload schema' }),
    ).toBeInTheDocument();
  });

  it('renders nothing for other entities', async () => {
    await render({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', namespace: 'default' },
      spec: {},
    });
    expect(screen.queryByText(/Overview of this/)).not.toBeInTheDocument();
  });
});
