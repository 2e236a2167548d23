import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { journeysApiRef } from '../api/JourneysApi';
import { deadLetterRouteRef } from '../routes';
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

  const failedConsumer = () => {
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
    return { ...base, spans };
  };
  const letter = (id: string, dlq: string, errorClass: string) => ({
    traceId: TRACE_B,
    runtime: 'rt',
    dlq,
    id,
    messageId: `m-${id}`,
    status: 'failed',
    errorClass,
    errorMessage: 'card declined',
    firstFailureAt: '2026-03-01T10:00:00Z',
    lastFailureAt: '2026-03-01T10:00:05Z',
    businessKey: 'ord-4711',
  });

  it('links the dead letters that carry the instance’s trace ids, found in one request', async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(failedConsumer()),
    });
    const dlq = {
      findDeadLettersByTrace: jest.fn().mockResolvedValue({
        items: [
          letter('f-1', 'payment-service.order-created', 'CardDeclinedError'),
        ],
        errors: [],
        searchedPerQueue: 500,
      }),
      listDlqs: jest.fn(),
      listMessages: jest.fn(),
    };
    renderInTestApp(<JourneysRouter />, {
      apis: [
        [journeysApiRef, api],
        [dlqApiRef, dlq as any],
      ],
      mountedRoutes: {
        ...mountedRoutes,
        '/dead-letters/:runtime/:dlq/messages/:id': deadLetterRouteRef,
      },
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
    // One request with the instance's traces, the one with the failed span first; no
    // fan-out over the queues and no guessing of the business key.
    expect(dlq.findDeadLettersByTrace).toHaveBeenCalledTimes(1);
    expect(dlq.findDeadLettersByTrace).toHaveBeenCalledWith([TRACE_B, TRACE_A]);
    expect(dlq.listDlqs).not.toHaveBeenCalled();
    expect(dlq.listMessages).not.toHaveBeenCalled();
  });

  it('names the dead letters without a link when the dead letters page is not in the app', async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(failedConsumer()),
    });
    const dlq = {
      findDeadLettersByTrace: jest.fn().mockResolvedValue({
        items: [
          letter('f-1', 'payment-service.order-created', 'CardDeclinedError'),
        ],
        errors: [],
        searchedPerQueue: 500,
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
    expect(await screen.findByTestId('dead-letter-records')).toHaveTextContent(
      'Dead letter in payment-service.order-created CardDeclinedError · failed',
    );
    expect(
      screen.queryByRole('link', { name: /Dead letter in/ }),
    ).not.toBeInTheDocument();
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
