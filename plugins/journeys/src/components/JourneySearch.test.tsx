import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { journeysApiRef } from '../api/JourneysApi';
import {
  fakeJourneysApi,
  instanceDetail,
  instanceSummary,
  mountedRoutes,
  responseError,
  TRACE_A,
} from '../testUtils/fakes';
import { JourneysRouter } from './JourneysRouter';

const renderJourneys = (api: ReturnType<typeof fakeJourneysApi>) =>
  renderInTestApp(<JourneysRouter />, {
    apis: [[journeysApiRef, api]],
    mountedRoutes,
    mountPath: '/journeys/*',
    initialRouteEntries: ['/journeys'],
  });

describe('JourneySearch', () => {
  it('opens the instance straight away when exactly one instance matches', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([]),
      search: jest.fn().mockResolvedValue({
        query: 'ord-4711',
        matches: [
          {
            instance: instanceSummary(),
            matchedBy: 'business-key',
            key: 'app.order.id',
          },
        ],
      }),
      getInstance: jest.fn().mockResolvedValue(instanceDetail()),
    });
    await renderJourneys(api);

    await userEvent.type(
      screen.getByTestId('journey-search'),
      '  ord-4711 {enter}',
    );

    expect(await screen.findByTestId('instance-summary')).toBeInTheDocument();
    expect(api.search).toHaveBeenCalledWith('ord-4711');
    expect(api.getInstance).toHaveBeenCalledWith(TRACE_A);
  });

  it('says so when nothing matches, and stays on the page', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([]),
      search: jest.fn().mockResolvedValue({ query: 'ord-0000', matches: [] }),
    });
    await renderJourneys(api);

    await userEvent.type(screen.getByTestId('journey-search'), 'ord-0000');
    await userEvent.click(screen.getByRole('button', { name: 'Find' }));

    expect(await screen.findByTestId('search-no-match')).toHaveTextContent(
      'No journey instance found for “ord-0000”',
    );
    expect(api.getInstance).not.toHaveBeenCalled();
  });

  it('lists several matches with journey, status, start and what matched', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([]),
      search: jest.fn().mockResolvedValue({
        query: 'msg-1',
        matches: [
          {
            instance: instanceSummary({ id: 'a'.repeat(32) }),
            matchedBy: 'message-id',
          },
          {
            instance: instanceSummary({
              id: 'b'.repeat(32),
              status: 'ok',
              journey: null,
            }),
            matchedBy: 'trace-id',
          },
        ],
      }),
    });
    await renderJourneys(api);

    await userEvent.type(screen.getByTestId('journey-search'), 'msg-1{enter}');

    const rows = await screen.findAllByTestId('search-match');
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByRole('link', { name: 'aaaaaaaaaaaa…' }),
    ).toHaveAttribute('href', `/journeys/instances/${'a'.repeat(32)}`);
    expect(
      within(rows[0]).getByRole('link', { name: 'checkout' }),
    ).toHaveAttribute('href', '/journeys/default/checkout');
    expect(rows[0]).toHaveTextContent('failed');
    expect(rows[0]).toHaveTextContent('message id');
    expect(rows[1]).toHaveTextContent('no journey recognised');
    expect(rows[1]).toHaveTextContent('trace id');
    expect(api.getInstance).not.toHaveBeenCalled();
  });

  it("shows the backend's message when the search fails", async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([]),
      search: jest
        .fn()
        .mockRejectedValue(
          await responseError(400, 'InputError', 'q is too long'),
        ),
    });
    await renderJourneys(api);
    await userEvent.type(screen.getByTestId('journey-search'), 'x{enter}');
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Search failed: q is too long',
      ),
    );
  });
});
