import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { EditPreview } from '@internal/plugin-dlq-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { fakeDlqApi, mountedRoutes } from '../testUtils/fakes';
import { EditReplayDialog } from './EditReplayDialog';

const schema = {
  api: 'api:default/order-events',
  topic: 'resource:default/order.created',
  channel: 'orderCreated',
  message: 'OrderCreated',
  version: '1.3.0',
};

describe('EditReplayDialog', () => {
  it('lists the problems with their paths, shows the diff, and replays only a valid body with a reason', async () => {
    const invalid: EditPreview = {
      valid: false,
      problems: [
        { path: '/currency', message: 'must match pattern "^[A-Z]{3}$"' },
      ],
      schema,
      schemaMissing: null,
      diff: [{ kind: 'same', text: '{"currency":"EURO"}' }],
      changed: false,
    };
    const valid: EditPreview = {
      valid: true,
      problems: [],
      schema,
      schemaMissing: null,
      diff: [
        { kind: 'removed', text: '{"currency":"EURO"}' },
        { kind: 'added', text: '{"currency":"EUR"}' },
      ],
      changed: true,
    };
    const api = fakeDlqApi({
      previewEdit: jest
        .fn()
        .mockImplementation(async (_r, _id, body: string) =>
          body.includes('EURO') ? invalid : valid,
        ),
      replayEdited: jest.fn().mockResolvedValue({
        failureId: 'f1',
        originalMessageId: 'm1',
        messageId: 'm2',
        replayedAt: '2026-12-06T02:00:00.000Z',
      }),
    });
    const onReplayed = jest.fn();
    await renderInTestApp(
      <EditReplayDialog
        open
        onClose={jest.fn()}
        onReplayed={onReplayed}
        runtime="integration-runtime"
        id="f1"
        messageId="m1"
        initialBody='{"currency":"EURO"}'
        masked={['customerId']}
      />,
      { apis: [[dlqApiRef, api]], mountedRoutes },
    );
    const validation = await screen.findByTestId('edit-validation');
    expect(validation).toHaveTextContent('/currency must match pattern');
    const submit = screen.getByTestId('edit-submit');
    expect(submit).toBeDisabled();

    fireEvent.change(screen.getByTestId('edit-body'), {
      target: { value: '{"currency":"EUR"}' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('edit-validation')).toHaveTextContent(
        'Matches the OrderCreated schema of api:default/order-events',
      ),
    );
    const diff = screen.getByTestId('edit-diff');
    expect(diff.querySelector('[data-kind="removed"]')).toHaveTextContent(
      '- {"currency":"EURO"}',
    );
    expect(diff.querySelector('[data-kind="added"]')).toHaveTextContent(
      '+ {"currency":"EUR"}',
    );
    expect(submit).toBeDisabled(); // no reason yet
    await userEvent.type(screen.getByLabelText('reason'), 'EUR, not EURO');
    expect(submit).toBeEnabled();
    await userEvent.click(submit);
    await waitFor(() =>
      expect(api.replayEdited).toHaveBeenCalledWith(
        'integration-runtime',
        'f1',
        {
          body: '{"currency":"EUR"}',
          reason: 'EUR, not EURO',
        },
      ),
    );
    expect(onReplayed).toHaveBeenCalledWith(
      expect.objectContaining({ messageId: 'm2' }),
    );
  });

  it('warns when no schema is found and checks JSON syntax only', async () => {
    const api = fakeDlqApi({
      previewEdit: jest.fn().mockResolvedValue({
        valid: true,
        problems: [],
        schema: null,
        schemaMissing: 'no topic in the catalog has the address orders / x',
        diff: [],
        changed: false,
      }),
    });
    await renderInTestApp(
      <EditReplayDialog
        open
        onClose={jest.fn()}
        onReplayed={jest.fn()}
        runtime="rt"
        id="f1"
        messageId="m1"
        initialBody="{}"
        masked={[]}
      />,
      { apis: [[dlqApiRef, api]], mountedRoutes },
    );
    expect(await screen.findByTestId('edit-no-schema')).toHaveTextContent(
      'No schema for this message: no topic in the catalog has the address orders / x. Only JSON syntax is checked',
    );
    expect(screen.getByTestId('edit-validation')).toHaveTextContent(
      'Valid JSON. Nothing changed yet.',
    );
    expect(screen.getByTestId('edit-submit')).toBeDisabled();
  });
});
