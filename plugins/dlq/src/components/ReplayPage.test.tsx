import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { identityApiRef } from '@backstage/frontend-plugin-api';
import type { DlqAccess } from '@internal/plugin-dlq-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { fakeDlqApi, mountedRoutes, replay } from '../testUtils/fakes';
import { ReplayPage } from './ReplayPage';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const access = (approve: boolean): DlqAccess => ({
  owner: 'group:default/team-orders',
  queue: 'resource:default/orders.payment',
  replay: { allowed: true },
  manage: { allowed: true },
  approve: approve
    ? { allowed: true }
    : { allowed: false, reason: 'Only members of team-orders may approve' },
});

const render = (api: ReturnType<typeof fakeDlqApi>, user = ALICE) =>
  renderInTestApp(<ReplayPage />, {
    apis: [
      [dlqApiRef, api],
      [identityApiRef, mockApis.identity({ userEntityRef: user })],
    ],
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
      status: 'completed-with-failures',
      reason: 'provider fixed',
      progress: {
        total: 40,
        done: 40,
        counts: { ...counts, pending: 0, replayed: 38, 'failed-again': 2 },
      },
    });
    const api = fakeDlqApi({
      getDlqAccess: jest.fn().mockResolvedValue(access(true)),
      getReplay: jest
        .fn()
        .mockResolvedValueOnce(running)
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
    expect(screen.getByTestId('replay-progress-text')).toHaveTextContent(
      '12 of 40 done: 10 succeeded, 2 failed again, 28 pending',
    );
    expect(screen.getByText('provider fixed')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Cancel replay' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('still 503')).toBeInTheDocument();

    await waitFor(
      () =>
        expect(screen.getByTestId('replay-progress-text')).toHaveTextContent(
          '40 of 40 done: 38 succeeded, 2 failed again',
        ),
      { timeout: 3000 },
    );
    // The status says the messages failed again, in red/amber, not "completed".
    const chip = screen.getByTestId('replay-status');
    expect(chip).toHaveTextContent('completed with failures');
    expect(chip).toHaveStyle({ backgroundColor: '#ed6c02' });
    expect(screen.getByTestId('count-failed-again')).toHaveTextContent('2');
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

  it('does not offer the requester their own approval, and says whom they wait for', async () => {
    const api = fakeDlqApi({
      getDlqAccess: jest.fn().mockResolvedValue(access(true)),
      getReplay: jest.fn().mockResolvedValue(
        replay({
          status: 'awaiting-approval',
          approvalRequired: true,
          reason: 'big batch',
          requester: ALICE,
        }),
      ),
      listReplayItems: jest
        .fn()
        .mockResolvedValue({ items: [], nextAfter: null }),
    });
    await render(api, ALICE);
    const waiting = await screen.findByTestId('approval-waiting');
    await waitFor(() =>
      expect(waiting).toHaveTextContent(
        'You requested this replay: it waits for approval by a member of team-orders. They have been notified; you cannot approve your own replay.',
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Cancel replay' }),
    ).toBeInTheDocument();
  });

  it('says a cancelled replay was never decided, and counts its messages as not attempted', async () => {
    const counts = replay().progress.counts;
    const api = fakeDlqApi({
      getDlqAccess: jest.fn().mockResolvedValue(access(true)),
      getReplay: jest.fn().mockResolvedValue(
        replay({
          status: 'cancelled',
          approvalRequired: true,
          requester: ALICE,
          progress: {
            total: 40,
            done: 40,
            counts: { ...counts, pending: 0, 'not-attempted': 40 },
          },
        }),
      ),
      listReplayItems: jest
        .fn()
        .mockResolvedValue({ items: [], nextAfter: null }),
    });
    await render(api, BOB);
    expect(await screen.findByTestId('approval-state')).toHaveTextContent(
      'needed, never decided (cancelled)',
    );
    expect(screen.getByTestId('count-not-attempted')).toHaveTextContent('40');
    expect(screen.getByTestId('count-pending')).toHaveTextContent('0');
    expect(
      screen.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's refusal in full when an approval is refused", async () => {
    const refusal =
      'user:default/bob may not approve replays on orders.payment: only members of group:default/team-orders (its owner) may; ask one of them to approve replay r-0001-aaaa, or cancel it and plan a smaller one';
    const api = fakeDlqApi({
      getReplay: jest.fn().mockResolvedValue(
        replay({
          status: 'awaiting-approval',
          approvalRequired: true,
          reason: 'big batch',
          requester: ALICE,
        }),
      ),
      getDlqAccess: jest.fn().mockResolvedValue(access(true)),
      listReplayItems: jest
        .fn()
        .mockResolvedValue({ items: [], nextAfter: null }),
      approveReplay: jest.fn().mockRejectedValue(
        Object.assign(new Error('Request failed with 403 Forbidden'), {
          name: 'ResponseError',
          cause: {
            name: 'NotAllowedError',
            message: refusal,
          },
        }),
      ),
    });
    await render(api, BOB);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialogButtons = await screen.findAllByRole('button', {
      name: 'Approve',
    });
    await userEvent.click(dialogButtons[dialogButtons.length - 1]);

    const alert = await screen.findByText(refusal);
    expect(alert).toBeInTheDocument();
    expect(alert.closest('[role="alert"]')).toHaveStyle({
      whiteSpace: 'pre-wrap',
    });
    expect(api.approveReplay).toHaveBeenCalledWith('r-0001-aaaa', undefined);
  });
});
