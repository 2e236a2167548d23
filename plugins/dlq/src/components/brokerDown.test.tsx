import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { dlqApiRef } from '@internal/plugin-dlq-react';
import { fakeDlqApi, mountedRoutes } from '../testUtils/fakes';
import { brokerDown } from './common';
import { DlqRouter } from './DlqRouter';
import { OverviewPage } from './OverviewPage';

const BROKER_DOWN =
  "runtime integration-runtime's broker is down; try again in 7 s";

/** What DlqClient throws for the backend's 503 with Retry-After (a ResponseError). */
function brokerDownError(retryAfter: string | null = '7') {
  return Object.assign(new Error(`Request failed with 503, ${BROKER_DOWN}`), {
    name: 'ResponseError',
    statusCode: 503,
    cause: { name: 'ServiceUnavailableError', message: BROKER_DOWN },
    response: {
      headers: {
        get: (name: string) =>
          name.toLowerCase() === 'retry-after' ? retryAfter : null,
      },
    },
  });
}

describe('a runtime whose broker is down', () => {
  it('is a warning on the overview, apart from runtimes that could not be read', async () => {
    const api = fakeDlqApi({
      listDlqs: jest.fn().mockResolvedValue({
        items: [],
        errors: [
          {
            runtime: 'integration-runtime',
            title: 'Order-to-cash runtime',
            status: 'degraded',
            retryAfterSeconds: 7,
            message:
              'its broker is down: queue depths and replays wait until it is back (try again in 7 s); stored dead letters can still be read',
          },
          {
            runtime: 'billing-runtime',
            status: 'down',
            message: "runtime 'billing-runtime' is unreachable",
          },
        ],
      }),
      listReplays: jest.fn().mockResolvedValue([]),
    });

    await renderInTestApp(<OverviewPage />, {
      apis: [[dlqApiRef, api]],
      mountedRoutes,
    });

    const degraded = await screen.findByTestId('runtime-degraded');
    expect(degraded).toHaveTextContent(
      'Runtime Order-to-cash runtime is degraded: its broker is down',
    );
    expect(degraded.className).toMatch(/standardWarning/);
    const unreadable = screen.getByTestId('runtime-errors');
    expect(unreadable).toHaveTextContent('One runtime could not be read');
    expect(unreadable).toHaveTextContent('billing-runtime');
    expect(unreadable).not.toHaveTextContent('integration-runtime');
  });

  it('says on a queue page that the queue will be back, not that it failed', async () => {
    const api = fakeDlqApi({
      getDlq: jest.fn().mockRejectedValue(brokerDownError()),
      listGroups: jest.fn().mockRejectedValue(brokerDownError()),
      listMessages: jest.fn().mockRejectedValue(brokerDownError()),
      listReplays: jest.fn().mockResolvedValue([]),
    });

    await renderInTestApp(<DlqRouter />, {
      apis: [[dlqApiRef, api]],
      mountedRoutes,
      mountPath: '/dead-letters/*',
      initialRouteEntries: ['/dead-letters/integration-runtime/orders.payment'],
    });

    const notices = await screen.findAllByTestId('broker-down');
    expect(notices[0]).toHaveTextContent(
      `Could not read orders.payment: ${BROKER_DOWN}. It will be back`,
    );
    expect(notices[0].className).toMatch(/standardWarning/);
    // Every notice about it is amber: no red alert, no error panel.
    for (const notice of notices)
      expect(notice.className).toMatch(/standardWarning/);
    expect(document.querySelector('.MuiAlert-standardError')).toBeNull();
  });

  it('recognises the 503 by its Retry-After or its message, and nothing else', () => {
    expect(brokerDown(brokerDownError())).toEqual({
      message: BROKER_DOWN,
      retryAfterSeconds: 7,
    });
    expect(brokerDown(brokerDownError(null))?.retryAfterSeconds).toBe(7);
    expect(
      brokerDown({ ...brokerDownError(), statusCode: 502 }),
    ).toBeUndefined();
    expect(
      brokerDown(
        Object.assign(new Error('x'), {
          name: 'ResponseError',
          statusCode: 503,
          cause: { message: "runtime 'x' is unreachable (ECONNREFUSED)" },
        }),
      ),
    ).toBeUndefined();
  });
});
