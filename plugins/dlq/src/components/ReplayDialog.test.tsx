import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '../api/DlqApi';
import { fakeDlqApi, mountedRoutes, replay } from '../testUtils/fakes';
import { ReplayDialog } from './ReplayDialog';

describe('ReplayDialog', () => {
  it('plans, keeps Replay disabled until a reason is given, then submits reason and canary size', async () => {
    const planned = replay({
      plan: {
        ...replay().plan,
        count: 40,
        skipped: [
          { id: 'f9', messageId: 'msg-9', reason: 'already-processed' },
        ],
        estimatedSeconds: 90,
      },
      approvalRequired: true,
    });
    const api = fakeDlqApi({
      planReplay: jest.fn().mockResolvedValue(planned),
      submitReplay: jest
        .fn()
        .mockResolvedValue({ ...planned, status: 'awaiting-approval' }),
    });
    const onClose = jest.fn();

    await renderInTestApp(
      <ReplayDialog
        open
        onClose={onClose}
        runtime="integration-runtime"
        dlq="orders.payment"
        selection={{ fingerprint: 'fp1' }}
        description="group TimeoutError"
      />,
      { apis: [[dlqApiRef, api]], mountedRoutes },
    );

    expect(
      await screen.findByText('40 messages will be replayed'),
    ).toBeInTheDocument();
    expect(api.planReplay).toHaveBeenCalledWith({
      runtime: 'integration-runtime',
      dlq: 'orders.payment',
      selection: { fingerprint: 'fp1' },
    });
    expect(screen.getByText('msg-9')).toBeInTheDocument();
    expect(screen.getByText('already processed')).toBeInTheDocument();
    expect(screen.getByText(/needs approval/)).toBeInTheDocument();

    const submit = screen.getByTestId('replay-submit');
    expect(submit).toBeDisabled();
    await userEvent.type(screen.getByLabelText('reason'), 'ab');
    expect(submit).toBeDisabled();
    await userEvent.type(screen.getByLabelText('reason'), 'c fixed in 1.4.2');
    expect(submit).toBeEnabled();

    const canary = screen.getByLabelText('canary size');
    await userEvent.clear(canary);
    await userEvent.type(canary, '5');
    await userEvent.click(submit);

    await waitFor(() =>
      expect(api.submitReplay).toHaveBeenCalledWith(planned.id, {
        reason: 'abc fixed in 1.4.2',
        canarySize: 5,
      }),
    );
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it("shows the backend's message when planning is refused", async () => {
    const api = fakeDlqApi({
      planReplay: jest.fn().mockRejectedValue(
        Object.assign(new Error('Request failed with 403 Forbidden'), {
          name: 'ResponseError',
          cause: {
            name: 'NotAllowedError',
            message: 'You are not allowed to replay messages of orders.payment',
          },
        }),
      ),
    });
    await renderInTestApp(
      <ReplayDialog
        open
        onClose={jest.fn()}
        runtime="rt"
        dlq="orders.payment"
        selection={{ ids: ['a'] }}
        description="1 message"
      />,
      { apis: [[dlqApiRef, api]], mountedRoutes },
    );
    expect(
      await screen.findByText(
        'You are not allowed to replay messages of orders.payment',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('replay-submit')).toBeDisabled();
  });
});
