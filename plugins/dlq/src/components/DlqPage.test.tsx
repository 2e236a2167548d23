import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FailedMessageSummary } from '@internal/plugin-dlq-common';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { dlq, fakeDlqApi, mountedRoutes, replay } from '../testUtils/fakes';
import { DlqRouter } from './DlqRouter';

const message = (id: string): FailedMessageSummary => ({
  id,
  dlq: 'orders.payment',
  messageId: `msg-${id}`,
  status: 'failed',
  errorClass: 'TimeoutError',
  errorMessage: 'payment provider timed out',
  stage: 'capture',
  fingerprint: 'fp1',
  attempts: 3,
  replayCount: 0,
  firstFailureAt: '2026-01-01T10:00:00Z',
  lastFailureAt: '2026-01-01T10:05:00Z',
  orderId: `o-${id}`,
  paymentId: null,
  traceId: null,
  replayJobId: null,
});

describe('DlqPage', () => {
  it('reads filters from the URL, pages with the cursor and replays the selected messages', async () => {
    const api = fakeDlqApi({
      getDlq: jest.fn().mockResolvedValue(
        dlq({
          runtime: 'integration-runtime',
          name: 'orders.payment',
          failed: 30,
        }),
      ),
      listGroups: jest.fn().mockResolvedValue([]),
      listMessages: jest
        .fn()
        .mockImplementation(async (_r, _d, f) =>
          f?.cursor === 'c2'
            ? { items: [message('b')], nextCursor: null, total: 26 }
            : { items: [message('a')], nextCursor: 'c2', total: 26 },
        ),
      planReplay: jest
        .fn()
        .mockResolvedValue(replay({ plan: { ...replay().plan, count: 1 } })),
    });

    await renderInTestApp(<DlqRouter />, {
      apis: [[dlqApiRef, api]],
      mountedRoutes,
      mountPath: '/dead-letters/*',
      initialRouteEntries: [
        '/dead-letters/integration-runtime/orders.payment?status=failed&businessId=o-a',
      ],
    });

    expect(await screen.findByRole('link', { name: 'msg-a' })).toHaveAttribute(
      'href',
      '/dead-letters/integration-runtime/orders.payment/messages/a',
    );
    expect(api.listMessages).toHaveBeenLastCalledWith(
      'integration-runtime',
      'orders.payment',
      {
        status: 'failed',
        businessId: 'o-a',
        errorClass: undefined,
        fingerprint: undefined,
        from: undefined,
        to: undefined,
        limit: 25,
        cursor: undefined,
      },
    );
    expect(screen.getByLabelText('Business id')).toHaveValue('o-a');

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('link', { name: 'msg-b' }),
    ).toBeInTheDocument();
    expect(api.listMessages).toHaveBeenLastCalledWith(
      'integration-runtime',
      'orders.payment',
      expect.objectContaining({ cursor: 'c2', businessId: 'o-a' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(
      await screen.findByRole('link', { name: 'msg-a' }),
    ).toBeInTheDocument();

    const replaySelected = screen.getByRole('button', {
      name: 'Replay selected',
    });
    expect(replaySelected).toBeDisabled();
    await userEvent.click(screen.getByLabelText('select msg-a'));
    await userEvent.click(replaySelected);
    await waitFor(() =>
      expect(api.planReplay).toHaveBeenCalledWith({
        runtime: 'integration-runtime',
        dlq: 'orders.payment',
        selection: { ids: ['a'] },
        excludePermanent: true,
      }),
    );
    expect(
      await screen.findByText('1 message will be replayed'),
    ).toBeInTheDocument();
  }, 30_000);

  it('says why the buttons are disabled on a queue the user may not change: who owns it', async () => {
    const api = fakeDlqApi({
      getDlq: jest
        .fn()
        .mockResolvedValue(
          dlq({ runtime: 'integration-runtime', name: 'orders.payment' }),
        ),
      getDlqAccess: jest.fn().mockResolvedValue({
        owner: 'group:default/team-orders',
        queue: 'resource:default/orders.payment',
        replay: { allowed: false, reason: 'Only members of team-orders' },
        manage: { allowed: false, reason: 'Only members of team-orders' },
        approve: { allowed: false, reason: 'Only members of team-orders' },
      }),
      listGroups: jest.fn().mockResolvedValue([]),
      listMessages: jest.fn().mockResolvedValue({
        items: [message('a')],
        nextCursor: null,
        total: 1,
      }),
    });
    await renderInTestApp(<DlqRouter />, {
      apis: [[dlqApiRef, api]],
      mountedRoutes,
      mountPath: '/dead-letters/*',
      initialRouteEntries: ['/dead-letters/integration-runtime/orders.payment'],
    });
    const notice = await screen.findByTestId('access-notice');
    expect(notice).toHaveTextContent(
      'You may not replay, archive or purge messages of this queue: it is owned by team-orders, and you are not a member. Ask a member of team-orders to do it.',
    );
    expect(
      screen.getAllByRole('link', { name: 'team-orders' })[0],
    ).toHaveAttribute('href', '/catalog/default/group/team-orders');
    await userEvent.click(await screen.findByLabelText('select msg-a'));
    for (const name of [
      'Replay selected',
      'Archive selected',
      'Purge selected',
    ]) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
    expect(
      screen.getByRole('button', { name: /Replay all matching filter/ }),
    ).toBeDisabled();
  }, 30_000);
});
