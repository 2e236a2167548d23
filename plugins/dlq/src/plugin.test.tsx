import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { dlqPlugin } from './plugin';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fakeDlqApi } from './testUtils/fakes';

describe('dlqPlugin', () => {
  it('mounts the Dead letters page with its sub-pages and exports the audit trail as CSV', async () => {
    const api = fakeDlqApi({
      listDlqs: jest.fn().mockResolvedValue({ items: [], errors: [] }),
      listAudit: jest.fn().mockResolvedValue({
        items: [
          {
            id: 7,
            at: '2026-01-01T10:00:00Z',
            actor: 'user:default/alice',
            action: 'replay.submit',
            runtime: 'integration-runtime',
            dlq: 'orders.payment',
            replayId: 'r-0001-aaaa',
            messageCount: 40,
            reason: 'provider fixed',
            outcome: 'succeeded',
            detail: null,
          },
        ],
        nextBefore: null,
      }),
      exportAuditCsv: jest
        .fn()
        .mockResolvedValue(
          new Blob(['id,at\n7,2026-01-01'], { type: 'text/csv' }),
        ),
    });
    const createObjectURL = jest.fn(() => 'blob:audit');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });

    renderTestApp({
      features: [dlqPlugin],
      apis: [[dlqApiRef, api]],
      // the catalog plugin mounts this in the app
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef as any,
      },
      initialRouteEntries: [
        '/dead-letters/audit?runtime=integration-runtime&dlq=orders.payment',
      ],
    });

    expect(await screen.findByText('provider fixed')).toBeInTheDocument();
    expect(api.listAudit).toHaveBeenCalledWith({
      runtime: 'integration-runtime',
      dlq: 'orders.payment',
      replayId: undefined,
      before: undefined,
      limit: 50,
    });
    expect(screen.getByRole('link', { name: 'r-0001-a' })).toHaveAttribute(
      'href',
      '/dead-letters/replays/r-0001-aaaa',
    );

    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(api.exportAuditCsv).toHaveBeenCalledWith({
      runtime: 'integration-runtime',
      dlq: 'orders.payment',
      replayId: undefined,
    });
    expect(document.querySelector('a[download]')).toBeNull(); // the temporary link is removed
  });
});
