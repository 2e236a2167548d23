import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { dlq, fakeDlqApi, mountedRoutes, replay } from '../testUtils/fakes';
import { formatAge } from './common';
import { OverviewPage } from './OverviewPage';

describe('OverviewPage', () => {
  it("warns about a runtime that is down and still lists the other runtime's queues, most failed first", async () => {
    const api = fakeDlqApi({
      listDlqs: jest.fn().mockResolvedValue({
        items: [
          dlq({ runtime: 'billing-runtime', name: 'invoices.send', failed: 2 }),
          dlq({
            runtime: 'billing-runtime',
            name: 'payments.capture',
            failed: 17,
            oldestAgeSeconds: 11532,
            inflow: [
              { start: '2026-01-01T10:00:00Z', count: 3 },
              { start: '2026-01-01T11:00:00Z', count: 5 },
            ],
          }),
        ],
        errors: [
          {
            runtime: 'integration-runtime',
            message: "runtime 'integration-runtime' is unreachable",
          },
        ],
      }),
      listReplays: jest
        .fn()
        .mockResolvedValue([replay({ status: 'awaiting-approval' })]),
    });

    await renderInTestApp(<OverviewPage />, {
      apis: [[dlqApiRef, api]],
      mountedRoutes,
    });

    const warning = await screen.findByTestId('runtime-errors');
    expect(warning).toHaveTextContent(
      "integration-runtime: runtime 'integration-runtime' is unreachable",
    );

    const first = await screen.findByRole('link', { name: 'payments.capture' });
    const second = screen.getByRole('link', { name: 'invoices.send' });
    expect(first).toHaveAttribute(
      'href',
      '/dead-letters/billing-runtime/payments.capture',
    );
    // most failed first
    expect(
      first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByText('3 h 12 min')).toBeInTheDocument();
    expect(screen.getByLabelText('inflow: 8 in 2 buckets')).toBeInTheDocument();

    expect(
      await screen.findByText(/awaiting approval by a second person/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Audit trail' })).toHaveAttribute(
      'href',
      '/dead-letters/audit',
    );
  });

  it('shows the error instead of a blank page when listing fails', async () => {
    const api = fakeDlqApi({
      listDlqs: jest.fn().mockRejectedValue(new Error('Service unavailable')),
      listReplays: jest.fn().mockResolvedValue([]),
    });
    await renderInTestApp(<OverviewPage />, {
      apis: [[dlqApiRef, api]],
      mountedRoutes,
    });
    expect(
      await screen.findByText(
        /Could not list dead-letter queues: Service unavailable/,
      ),
    ).toBeInTheDocument();
  });
});

describe('formatAge', () => {
  it('humanises seconds', () => {
    expect(formatAge(null)).toBe('–');
    expect(formatAge(42)).toBe('42 s');
    expect(formatAge(11532)).toBe('3 h 12 min');
    expect(formatAge(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
  });
});
