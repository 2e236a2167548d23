import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '@internal/plugin-dlq-react';
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
      excludePermanent: true,
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

  it('warns about permanent-looking messages, leaves them out by default and re-plans with them when asked', async () => {
    const permanent = {
      selected: 80,
      count: 12,
      reasons: [
        {
          reason:
            'schema validation (SchemaValidationError): the message does not match its contract',
          count: 12,
        },
      ],
    };
    const left = replay({
      id: 'r-left',
      plan: {
        ...replay().plan,
        count: 68,
        permanent: { ...permanent, excluded: true },
      },
    });
    const kept = replay({
      id: 'r-kept',
      plan: {
        ...replay().plan,
        count: 80,
        permanent: { ...permanent, excluded: false },
      },
    });
    const api = fakeDlqApi({
      planReplay: jest
        .fn()
        .mockImplementation(async r => (r.excludePermanent ? left : kept)),
      cancelReplay: jest
        .fn()
        .mockResolvedValue({ ...left, status: 'cancelled' }),
    });
    await renderInTestApp(
      <ReplayDialog
        open
        onClose={jest.fn()}
        runtime="integration-runtime"
        dlq="orders.payment"
        selection={{ fingerprint: 'fp1' }}
        description="group SchemaValidationError"
      />,
      { apis: [[dlqApiRef, api]], mountedRoutes },
    );
    const warning = await screen.findByTestId('permanent-warning');
    expect(warning).toHaveTextContent(
      '12 of 80 look permanent (schema validation (SchemaValidationError)); they will likely fail again. They are left out of this replay.',
    );
    expect(
      screen.getByText('68 messages will be replayed'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('leave them out'));
    expect(
      await screen.findByText('80 messages will be replayed'),
    ).toBeInTheDocument();
    expect(api.planReplay).toHaveBeenLastCalledWith(
      expect.objectContaining({ excludePermanent: false }),
    );
    // The plan made with the other choice is dropped.
    expect(api.cancelReplay).toHaveBeenCalledWith('r-left');
    expect(screen.getByTestId('permanent-warning')).toHaveTextContent(
      'They are part of this replay.',
    );
  });
});
