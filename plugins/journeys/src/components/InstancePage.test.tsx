import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '@internal/plugin-dlq';
import { journeysApiRef } from '../api/JourneysApi';
import {
  fakeJourneysApi,
  instanceDetail,
  instanceSummary,
  mountedRoutes,
  responseError,
  TRACE_A,
  TRACE_B,
} from '../testUtils/fakes';
import { stubElementHeight } from '../testUtils/layout';
import { JourneysRouter } from './JourneysRouter';

const renderInstance = (
  api: ReturnType<typeof fakeJourneysApi>,
  id = TRACE_A,
) =>
  renderInTestApp(<JourneysRouter />, {
    apis: [[journeysApiRef, api]],
    mountedRoutes,
    mountPath: '/journeys/*',
    initialRouteEntries: [`/journeys/instances/${id}`],
  });

describe('InstancePage', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = stubElementHeight(600);
  });
  afterEach(() => restore());

  it('summarises a failed instance and draws the waterfall', async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(instanceDetail()),
    });
    await renderInstance(api);

    const summary = await screen.findByTestId('instance-summary');
    expect(api.getInstance).toHaveBeenCalledWith(TRACE_A);
    expect(within(summary).getByTestId('instance-status')).toHaveTextContent(
      'failed',
    );
    expect(within(summary).getByTestId('instance-status')).toHaveStyle({
      backgroundColor: '#d32f2f',
    });
    expect(
      within(summary).getByRole('link', { name: 'checkout' }),
    ).toHaveAttribute('href', '/journeys/default/checkout');
    expect(summary).toHaveTextContent('1.25 s');
    expect(summary).toHaveTextContent('2 / 5 / 1');
    expect(summary).toHaveTextContent('app.order.id ord-4711');
    expect(within(summary).getByTestId('failing-step')).toHaveTextContent(
      'Root cause: payment-service · POST /capture · HTTP 402: card declined',
    );
    expect(within(summary).getByTestId('recovered-steps')).toHaveTextContent(
      'order-service · process order-service.order-created: recovered after 3 attempts',
    );

    expect(screen.getAllByTestId('waterfall-row')).toHaveLength(5);
  });

  it('links the dead-letter record that carries one of the instance’s trace ids', async () => {
    const base = instanceDetail();
    const spans = base.spans.map(s =>
      s.kind === 5
        ? {
            ...s,
            name: 'process payment-service.order-created',
            status: 2 as const,
          }
        : s,
    );
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue({ ...base, spans }),
    });
    const dlq = {
      listDlqs: jest.fn().mockResolvedValue({
        items: [
          { runtime: 'rt', name: 'payment-service.order-created' },
          { runtime: 'rt', name: 'erp-connector.order-created' },
        ],
        unavailable: [],
      }),
      listMessages: jest.fn().mockResolvedValue({
        items: [
          {
            id: 'f-1',
            traceId: TRACE_B,
            status: 'failed',
            errorClass: 'CardDeclinedError',
          },
          {
            id: 'f-2',
            traceId: 'f'.repeat(32),
            status: 'failed',
            errorClass: 'OtherOrderError',
          },
        ],
      }),
    };
    renderInTestApp(<JourneysRouter />, {
      apis: [
        [journeysApiRef, api],
        [dlqApiRef, dlq as any],
      ],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: [`/journeys/instances/${TRACE_A}`],
    });
    const link = await screen.findByRole('link', {
      name: 'Dead letter in payment-service.order-created',
    });
    expect(link).toHaveAttribute(
      'href',
      '/dead-letters/rt/payment-service.order-created/messages/f-1',
    );
    expect(screen.getByTestId('dead-letter-records')).toHaveTextContent(
      'CardDeclinedError · failed',
    );
    expect(screen.getByTestId('dead-letter-records')).not.toHaveTextContent(
      'OtherOrderError',
    );
    // Only the DLQ of the failed consumer step is asked, for the instance's order id.
    expect(dlq.listMessages).toHaveBeenCalledTimes(1);
    expect(dlq.listMessages).toHaveBeenCalledWith(
      'rt',
      'payment-service.order-created',
      { businessId: 'ord-4711', limit: 100 },
    );
  });

  it('opens the failing span from the summary', async () => {
    const detail = instanceDetail();
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(detail),
      getSpan: jest.fn().mockResolvedValue({
        ...detail.spans[4],
        statusMessage: 'card declined',
        attributes: {},
        resource: {},
        events: [],
        linkAttributes: [],
      }),
    });
    await renderInstance(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show span' }),
    );
    expect(await screen.findByTestId('span-status-message')).toHaveTextContent(
      'card declined',
    );
    expect(api.getSpan).toHaveBeenCalledWith(TRACE_B, 'b000000000000003');
  });

  it('does not offer dead letters for an instance that went fine', async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(
        instanceDetail({
          instance: instanceSummary({
            status: 'ok',
            failingStep: undefined,
            errorCount: 0,
          }),
        }),
      ),
    });
    await renderInstance(api);
    expect(await screen.findByTestId('instance-summary')).toBeInTheDocument();
    expect(screen.queryByTestId('dead-letter-records')).toBeNull();
    expect(screen.queryByTestId('failing-step')).toBeNull();
  });

  it('warns when the server truncated the spans', async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(
        instanceDetail({
          truncated: true,
          instance: instanceSummary({ spanCount: 25_000 }),
        }),
      ),
    });
    await renderInstance(api);
    expect(await screen.findByTestId('truncated')).toHaveTextContent(
      '5 shown of 25000',
    );
  });

  it("shows the backend's message for an unknown instance", async () => {
    const api = fakeJourneysApi({
      getInstance: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            'NotFoundError',
            "No journey instance 'abc'",
          ),
        ),
    });
    await renderInstance(api, 'abc');
    expect(
      await screen.findByText(
        /Could not read the journey instance: No journey instance 'abc'/,
      ),
    ).toBeInTheDocument();
  });
});
