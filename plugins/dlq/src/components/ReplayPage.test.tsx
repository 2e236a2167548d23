import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '../api/DlqApi';
import { fakeDlqApi, mountedRoutes, replay } from '../testUtils/fakes';
import { ReplayPage } from './ReplayPage';

const render = (api: ReturnType<typeof fakeDlqApi>) =>
  renderInTestApp(<ReplayPage />, {
    apis: [[dlqApiRef, api]],
    mountedRoutes,
    mountPath: '/dead-letters/replays/:id',
    initialRouteEntries: ['/dead-letters/replays/r-0001-aaaa'],
  });

describe('ReplayPage', () => {
  it('shows done / total on the progress bar and polls until the replay is terminal', async () => {
    const counts = replay().progress.counts;
    const running = replay({
      status: 'running',
      reason: 'provider fixed',
      progress: {
        total: 40,
        done: 12,
        counts: { ...counts, pending: 28, replayed: 10, 'failed-again': 2 },
      },
    });
    const completed = replay({
      status: 'completed',
      reason: 'provider fixed',
      progress: {
        total: 40,
        done: 40,
        counts: { ...counts, pending: 0, replayed: 38, 'failed-again': 2 },
      },
    });
    const api = fakeDlqApi({
      getReplay: jest
        .fn()
        .mockResolvedValueOnce(running)
        .mockResolvedValue(completed),
      listReplayItems: jest.fn().mockResolvedValue({
        items: [
          {
            seq: 1,
            failureId: 'f1',
            messageId: 'msg-1',
            orderId: 'o-1',
            outcome: 'failed-again',
            detail: 'still 503',
            updatedAt: '2026-01-01T10:00:00Z',
          },
        ],
        nextAfter: null,
      }),
    });

    await render(api);

    const bar = await screen.findByRole('progressbar', {
      name: 'replay progress',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '30');
    expect(screen.getByText('12 / 40 replayed')).toBeInTheDocument();
    expect(screen.getByText('provider fixed')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Cancel replay' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('still 503')).toBeInTheDocument();

    await waitFor(
      () => expect(screen.getByText('40 / 40 replayed')).toBeInTheDocument(),
      { timeout: 3000 },
    );
    expect(
      screen.getByRole('progressbar', { name: 'replay progress' }),
    ).toHaveAttribute('aria-valuenow', '100');
    expect(
      screen.queryByRole('button', { name: 'Cancel replay' }),
    ).not.toBeInTheDocument();
    const calls = api.getReplay.mock.calls.length;
    await new Promise(r => setTimeout(r, 1500));
    expect(api.getReplay.mock.calls.length).toBe(calls);
  });

  it("shows the backend's refusal when the requester tries to approve", async () => {
    const api = fakeDlqApi({
      getReplay: jest.fn().mockResolvedValue(
        replay({
          status: 'awaiting-approval',
          approvalRequired: true,
          reason: 'big batch',
        }),
      ),
      listReplayItems: jest
        .fn()
        .mockResolvedValue({ items: [], nextAfter: null }),
      approveReplay: jest.fn().mockRejectedValue(
        Object.assign(new Error('Request failed with 403 Forbidden'), {
          name: 'ResponseError',
          cause: {
            name: 'NotAllowedError',
            message: 'The requester cannot approve their own replay',
          },
        }),
      ),
    });
    await render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialogButtons = await screen.findAllByRole('button', {
      name: 'Approve',
    });
    await userEvent.click(dialogButtons[dialogButtons.length - 1]);

    expect(
      await screen.findByText('The requester cannot approve their own replay'),
    ).toBeInTheDocument();
    expect(api.approveReplay).toHaveBeenCalledWith('r-0001-aaaa', undefined);
  });
});
