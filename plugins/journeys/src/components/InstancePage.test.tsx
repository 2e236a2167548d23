import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

const renderInstance = (api: ReturnType<typeof fakeJourneysApi>, id = TRACE_A) =>
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

  it('summarises a failed instance, links its dead letters and draws the waterfall', async () => {
    const api = fakeJourneysApi({ getInstance: jest.fn().mockResolvedValue(instanceDetail()) });
    await renderInstance(api);

    const summary = await screen.findByTestId('instance-summary');
    expect(api.getInstance).toHaveBeenCalledWith(TRACE_A);
    expect(within(summary).getByTestId('instance-status')).toHaveTextContent('failed');
    expect(within(summary).getByTestId('instance-status')).toHaveStyle({ backgroundColor: '#d32f2f' });
    expect(within(summary).getByRole('link', { name: 'checkout' })).toHaveAttribute('href', '/journeys/default/checkout');
    expect(summary).toHaveTextContent('1.25 s');
    expect(summary).toHaveTextContent('2 / 5 / 1');
    expect(summary).toHaveTextContent('app.order.id ord-4711');
    expect(within(summary).getByTestId('failing-step')).toHaveTextContent('Failed at payment-service · POST /capture: card declined');
    expect(within(summary).getByRole('link', { name: 'Dead letters for ord-4711' })).toHaveAttribute(
      'href',
      '/dead-letters?businessId=ord-4711',
    );

    expect(screen.getAllByTestId('waterfall-row')).toHaveLength(5);
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
    await userEvent.click(await screen.findByRole('button', { name: 'Show span' }));
    expect(await screen.findByTestId('span-status-message')).toHaveTextContent('card declined');
    expect(api.getSpan).toHaveBeenCalledWith(TRACE_B, 'b000000000000003');
  });

  it('does not offer dead letters for an instance that went fine', async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(
        instanceDetail({ instance: instanceSummary({ status: 'ok', failingStep: undefined, errorCount: 0 }) }),
      ),
    });
    await renderInstance(api);
    expect(await screen.findByTestId('instance-summary')).toBeInTheDocument();
    expect(screen.queryByTestId('dead-letters-link')).toBeNull();
    expect(screen.queryByTestId('failing-step')).toBeNull();
  });

  it('warns when the server truncated the spans', async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockResolvedValue(
        instanceDetail({ truncated: true, instance: instanceSummary({ spanCount: 25_000 }) }),
      ),
    });
    await renderInstance(api);
    expect(await screen.findByTestId('truncated')).toHaveTextContent('5 shown of 25000');
  });

  it("shows the backend's message for an unknown instance", async () => {
    const api = fakeJourneysApi({
      getInstance: jest.fn().mockRejectedValue(await responseError(404, 'NotFoundError', "No journey instance 'abc'")),
    });
    await renderInstance(api, 'abc');
    expect(await screen.findByText(/Could not read the journey instance: No journey instance 'abc'/)).toBeInTheDocument();
  });
});
