import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { MessageDetail } from '@internal/plugin-dlq-common';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { fakeDlqApi, mountedRoutes } from '../testUtils/fakes';
import { DlqRouter } from './DlqRouter';

const detail: MessageDetail = {
  runtime: 'integration-runtime',
  message: {
    id: 'f1',
    dlq: 'orders.payment',
    messageId: 'msg-1',
    status: 'failed',
    errorClass: 'TimeoutError',
    errorMessage: 'payment provider timed out',
    stage: 'capture',
    fingerprint: 'fp1',
    attempts: 3,
    replayCount: 1,
    firstFailureAt: '2026-01-01T10:00:00Z',
    lastFailureAt: '2026-01-01T10:05:00Z',
    orderId: 'o-1',
    paymentId: 'p-1',
    traceId: null,
    replayJobId: null,
    exchange: 'orders',
    routingKey: 'order.created',
    queue: 'orders.payment',
    consumer: 'payment-service',
    contentType: 'application/json',
    headers: { 'x-first-death-reason': 'rejected' } as any,
    body: '{}',
    stack:
      'TimeoutError: payment provider timed out\n    at capture (payment.ts:42)',
    spanId: null,
    idempotencyKey: 'idem-1',
    customerTier: null,
    receivedAt: '2026-01-01T10:05:01Z',
    statusReason: null,
  },
  formattedBody: '{\n  "orderId": "o-1",\n  "customerId": "***"\n}',
  bodyIsJson: true,
  masked: ['customerId'],
  attempts: [
    {
      queue: 'orders.payment',
      reason: 'rejected',
      count: 3,
      time: '2026-01-01T10:05:00Z',
    },
  ],
  traceUrl: null,
  entities: { owner: 'group:default/team-payments' },
};

describe('MessagePage', () => {
  it('shows the masked body, headers, attempts and "no trace id"', async () => {
    const api = fakeDlqApi({ getMessage: jest.fn().mockResolvedValue(detail) });
    await renderInTestApp(<DlqRouter />, {
      apis: [[dlqApiRef, api]],
      mountedRoutes,
      mountPath: '/dead-letters/*',
      initialRouteEntries: [
        '/dead-letters/integration-runtime/orders.payment/messages/f1',
      ],
    });

    expect(await screen.findByTestId('message-body')).toHaveTextContent(
      '"customerId": "***"',
    );
    expect(api.getMessage).toHaveBeenCalledWith('integration-runtime', 'f1');
    expect(screen.getByText('Masked: customerId')).toBeInTheDocument();
    expect(screen.getByText('no trace id')).toBeInTheDocument();
    expect(screen.getByText('x-first-death-reason')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Replay this message' }),
    ).toBeEnabled();
    expect(screen.getByRole('link', { name: 'team-payments' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
  });
});
