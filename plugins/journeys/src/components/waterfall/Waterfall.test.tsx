import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { journeysApiRef } from '../../api/JourneysApi';
import {
  fakeJourneysApi,
  instanceDetail,
  manySpans,
  mountedRoutes,
  TRACE_A,
  TRACE_B,
} from '../../testUtils/fakes';
import { stubElementHeight } from '../../testUtils/layout';
import { Waterfall } from './Waterfall';

describe('Waterfall', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = stubElementHeight(600);
  });
  afterEach(() => restore());

  it('keeps only the visible rows of a 10,000-span instance in the DOM', async () => {
    const spans = manySpans(10_000);
    const detail = instanceDetail({ spans, criticalPath: [] });
    await renderInTestApp(<Waterfall detail={detail} />, {
      apis: [[journeysApiRef, fakeJourneysApi()]],
      mountedRoutes,
    });

    const rows = await screen.findAllByTestId('waterfall-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(100);
    // the first trace header and its first spans, in order
    expect(screen.getAllByTestId('waterfall-trace')[0]).toHaveTextContent(
      `trace 0000… · service-0`,
    );
    expect(within(rows[0]).getByTestId('waterfall-service')).toHaveTextContent(
      'service-0',
    );
    expect(rows[0]).toHaveAccessibleName('service-0 op 0');
    expect(rows[1]).toHaveAccessibleName('service-0 op 1');
    expect(screen.getByTestId('waterfall-count')).toHaveTextContent(
      '10000 spans in 10 traces',
    );
  });

  it('filters to errors and by text over all 10,000 spans, not just the visible ones', async () => {
    const detail = instanceDetail({
      spans: manySpans(10_000),
      criticalPath: [],
    });
    await renderInTestApp(<Waterfall detail={detail} />, {
      apis: [[journeysApiRef, fakeJourneysApi()]],
      mountedRoutes,
    });
    await screen.findAllByTestId('waterfall-row');

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Errors only' }),
    );
    // one error every 97 spans
    expect(screen.getByTestId('waterfall-count')).toHaveTextContent(
      '103 of 10000 spans',
    );
    for (const row of screen.getAllByTestId('waterfall-row'))
      expect(row).toHaveAttribute('data-error', 'true');

    await userEvent.type(screen.getByTestId('waterfall-filter'), 'service-9');
    // errors at 97k + 96 between 9000 and 9999: k = 92..102
    expect(await screen.findByText(/of 10000 spans/)).toHaveTextContent(
      '11 of 10000 spans',
    );
    expect(screen.getAllByTestId('waterfall-trace')).toHaveLength(1);
  });

  it('marks the critical path, errors, the async hop and the producer, on a shared time axis', async () => {
    const detail = instanceDetail({
      criticalPath: [
        `${TRACE_A}:a000000000000001`,
        `${TRACE_A}:a000000000000003`,
        `${TRACE_B}:b000000000000001`,
      ],
    });
    await renderInTestApp(<Waterfall detail={detail} />, {
      apis: [[journeysApiRef, fakeJourneysApi()]],
      mountedRoutes,
    });

    const rows = await screen.findAllByTestId('waterfall-row');
    expect(
      rows.map(r => within(r).getByTestId('waterfall-service').textContent),
    ).toEqual([
      'storefront',
      'order-service',
      'order-service',
      'payment-service',
      'payment-service',
    ]);
    const traces = screen.getAllByTestId('waterfall-trace');
    expect(traces.map(t => t.textContent)).toEqual([
      expect.stringContaining('trace 4bf9… · storefront'),
      expect.stringContaining('trace 9c1e… · payment-service'),
    ]);
    expect(traces[1]).toHaveTextContent('(async hop)');

    const [checkout, orders, publish, consume, capture] = rows;
    const critical = (row: HTMLElement) =>
      within(row).getByTestId('waterfall-bar').getAttribute('data-critical');
    expect([checkout, orders, publish, consume, capture].map(critical)).toEqual(
      ['true', 'false', 'true', 'true', 'false'],
    );
    expect(
      within(checkout).getByTestId('waterfall-bar').style.outline,
    ).toContain('2px solid');
    expect(within(orders).getByTestId('waterfall-bar').style.outline).toBe('');

    expect(capture).toHaveAttribute('data-error', 'true');
    expect(within(capture).getByTestId('error-marker')).toBeInTheDocument();
    expect(within(capture).getByTestId('waterfall-bar')).toHaveStyle({
      background: 'rgb(211, 47, 47)',
    });
    expect(consume).toHaveAttribute('data-error', 'false');
    expect(within(consume).queryByTestId('error-marker')).toBeNull();

    expect(within(consume).getByTestId('async-chip')).toBeInTheDocument();
    expect(within(consume).getByTestId('async-connector')).toHaveStyle({
      borderTop: '1px dashed #555',
    });
    expect(within(publish).getByTestId('producer-chip')).toBeInTheDocument();
    expect(within(orders).queryByTestId('async-chip')).toBeNull();

    // bars are placed on one axis from the instance start (0) to its last end (1.25 s)
    expect(within(checkout).getByTestId('waterfall-bar').style.left).toBe('0%');
    expect(within(consume).getByTestId('waterfall-bar').style.left).toBe('32%');
    expect(within(capture).getByTestId('waterfall-bar').style.width).toBe(
      '56%',
    );
    expect(
      screen.getAllByTestId('waterfall-tick').map(t => t.textContent),
    ).toEqual([
      '0',
      '200 ms',
      '400 ms',
      '600 ms',
      '800 ms',
      '1.00 s',
      '1.20 s',
    ]);
    expect(screen.getByTestId('waterfall-legend')).toHaveTextContent(
      'critical path',
    );
  });

  it('opens the span details in a side panel', async () => {
    const api = fakeJourneysApi({
      getSpan: jest.fn().mockResolvedValue({
        ...instanceDetail().spans[4],
        statusMessage: 'card declined',
        scope: '@opentelemetry/instrumentation-http',
        attributes: {
          'http.response.status_code': 402,
          'app.order.id': 'ord-4711',
        },
        resource: { 'service.name': 'payment-service' },
        events: [
          {
            name: 'exception',
            timeUs: instanceDetail().spans[4].startUs + 5_000,
            attributes: { 'exception.type': 'CardDeclined' },
          },
        ],
        linkAttributes: [],
      }),
    });
    await renderInTestApp(<Waterfall detail={instanceDetail()} />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: /payment-service POST \/capture/,
      }),
    );

    const drawer = await screen.findByTestId('span-drawer');
    expect(api.getSpan).toHaveBeenCalledWith(TRACE_B, 'b000000000000003');
    expect(
      await within(drawer).findByTestId('span-status-message'),
    ).toHaveTextContent('card declined');
    expect(
      within(drawer).getByText('http.response.status_code'),
    ).toBeInTheDocument();
    expect(within(drawer).getByText('402')).toBeInTheDocument();
    expect(within(drawer).getByText('exception.type')).toBeInTheDocument();
    expect(within(drawer).getByText('+5 ms into the span')).toBeInTheDocument();
    expect(
      within(drawer).getByText('+500 ms into the instance'),
    ).toBeInTheDocument();
  });
});
