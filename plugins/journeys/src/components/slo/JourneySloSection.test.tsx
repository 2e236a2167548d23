import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { SloDetail } from '@internal/plugin-journeys-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { journeysApiRef } from '../../api/JourneysApi';
import {
  burnDownPoints,
  burnRatePoints,
  fakeJourneysApi,
  journeySlos,
  mountedRoutes,
  responseError,
  sloAlert,
  sloDetail,
  sloRules,
  TRACE_A,
} from '../../testUtils/fakes';
import { JourneySloSection } from './JourneySloSection';

const DAY_MS = 86_400_000;
const checkout = { namespace: 'default', name: 'checkout' };

async function renderSection(
  getJourneySlos: jest.Mock = jest.fn(),
  objectives?: SloDetail[],
) {
  if (objectives) getJourneySlos.mockResolvedValue(journeySlos(objectives));
  const api = fakeJourneysApi({ getJourneySlos });
  await renderInTestApp(<JourneySloSection journey={checkout} />, {
    apis: [[journeysApiRef, api]],
    mountedRoutes,
  });
  return api;
}

const objective = (name: string) =>
  screen.findByTestId(`slo-objective-${name}`);

/** 200 bad of 10,000 against 99 %: twice the 100 allowed. */
const exhausted = () =>
  sloDetail({
    good: 9800,
    bad: 200,
    sli: 0.98,
    budget: {
      totalEvents: 100,
      consumedEvents: 200,
      remainingEvents: -100,
      remainingFraction: -1,
      totalTimeMs: 0.01 * 28 * DAY_MS,
      remainingTimeMs: -0.01 * 28 * DAY_MS,
    },
    budgetStatus: 'exhausted',
    timeToExhaustionMs: null,
    burnDown: burnDownPoints(28 * 24, -1),
  });

describe('JourneySloSection', () => {
  it('shows a healthy objective: SLI against target, what counts, the budget three ways, charts, rules and why', async () => {
    const api = await renderSection(jest.fn(), [sloDetail()]);
    const card = await objective('checkout-succeeds');
    expect(api.getJourneySlos).toHaveBeenCalledWith(checkout);

    expect(within(card).getByTestId('slo-sli')).toHaveTextContent(
      '99.42 % of 99 % target',
    );
    expect(card).toHaveTextContent('28 days, rolling');
    expect(card).toHaveTextContent('good: ok');
    expect(card).toHaveTextContent('bad: failed, stuck');
    expect(card).toHaveTextContent('excluded: rejected, in-flight');

    const budget = within(card).getByTestId('slo-budget-fact');
    expect(within(budget).getByTestId('slo-budget')).toHaveAttribute(
      'data-status',
      'healthy',
    );
    expect(budget).toHaveTextContent('42 % left');
    expect(budget).toHaveTextContent('42 of 100 events left');
    expect(budget).toHaveTextContent(
      '≈ 2 h 49 min of full outage left (of 6 h 43 min)',
    );
    // 42 % of 28 days at 1.5× is 7.84 days
    expect(within(card).getByTestId('slo-burn-1h')).toHaveTextContent(
      '1.5×budget gone in ≈ 7 d 20 h at this rate',
    );
    expect(within(card).queryByTestId('slo-exhausted')).toBeNull();
    expect(within(card).queryByTestId('slo-no-data')).toBeNull();

    expect(within(card).getByTestId('slo-burn-down')).toHaveAttribute(
      'aria-label',
      'checkout-succeeds: budget over the last 28 days, 42 % left now',
    );
    expect(within(card).getByTestId('slo-burn-rate')).toHaveAttribute(
      'aria-label',
      'checkout-succeeds: burn rates over the last 24 hours against page 13.4×, page 5.6×, ticket 2.8×, ticket 0.93×',
    );

    const rules = within(card).getAllByTestId('slo-rule');
    expect(rules.map(r => r.textContent)).toEqual([
      'page1h & 5m13.4×2 %1.5×1.2×200quiet',
      'page6h & 30m5.6×5 %1.5×1.2×1,200quiet',
      'ticket1d & 2h2.8×10 %1.5×1.2×4,800quiet',
      'ticket3d & 6h0.93×10 %1.5×1.2×14,400quiet',
    ]);
    expect(within(card).getByTestId('slo-rules')).toHaveTextContent(
      'holds at least 20 valid events (the low-traffic guard, minValidEvents)',
    );
    expect(within(card).getByTestId('slo-open-alerts')).toHaveTextContent(
      'No open alerts.',
    );

    const why = within(card).getByTestId('slo-why');
    expect(why).toHaveTextContent('valid × (1 − target) = 10,000 × 1 %');
    expect(why).toHaveTextContent(
      '(bad / valid) / (1 − target) = (3 / 200) / 1 %',
    );
    expect(why).toHaveTextContent('2 % × 28 days / 1h');

    const burning = within(card).getByTestId('slo-burning-instances');
    expect(within(burning).getByRole('link')).toHaveAttribute(
      'href',
      `/journeys/instances/${TRACE_A}`,
    );
    expect(within(burning).getByTestId('instance-status')).toHaveTextContent(
      'failed',
    );
    expect(burning).toHaveTextContent('1.25 s');
    expect(burning).toHaveTextContent('ord-4711');

    expect(screen.getByRole('link', { name: 'All SLOs' })).toHaveAttribute(
      'href',
      '/journeys/slos',
    );
  });

  it('says plainly when the budget is blown', async () => {
    await renderSection(jest.fn(), [exhausted()]);
    const card = await objective('checkout-succeeds');
    expect(within(card).getByTestId('slo-exhausted')).toHaveTextContent(
      'Budget exhausted: 100 more bad events than the 99 % target allows over the last 28 days; the objective is not met until they age out of the window.',
    );
    expect(within(card).getByTestId('slo-budget')).toHaveAttribute(
      'data-status',
      'exhausted',
    );
    const budget = within(card).getByTestId('slo-budget-fact');
    expect(budget).toHaveTextContent('-100 % left · exhausted');
    expect(budget).toHaveTextContent('100 events over the 100 allowed');
    expect(budget).not.toHaveTextContent('of full outage left');
    expect(within(card).getByTestId('slo-burn-1h')).not.toHaveTextContent(
      'budget gone',
    );
    expect(within(card).getByTestId('slo-sli')).toHaveTextContent(
      '98.00 % of 99 % target',
    );
  });

  it('reads without data: no charts, the reason instead', async () => {
    const empty = sloDetail({
      good: 0,
      bad: 0,
      sli: null,
      budget: {
        totalEvents: 0,
        consumedEvents: 0,
        remainingEvents: 0,
        remainingFraction: null,
        totalTimeMs: 0.01 * 28 * DAY_MS,
        remainingTimeMs: null,
      },
      budgetStatus: 'no-data',
      burnRates: burnRatePoints(1, 0)[0].burnRates,
      timeToExhaustionMs: null,
      rules: sloRules(
        sloRules().map(() => ({ longBurn: 0, shortBurn: 0, longValid: 0 })),
      ),
      burnDown: [],
      burnRateHistory: burnRatePoints(24, 0),
      burningInstances: [],
    });
    await renderSection(jest.fn(), [empty]);
    const card = await objective('checkout-succeeds');
    expect(within(card).getByTestId('slo-no-data')).toHaveTextContent(
      'No finished instances in the window yet',
    );
    expect(within(card).getByTestId('slo-sli')).toHaveTextContent(
      '– of 99 % target',
    );
    expect(within(card).getByTestId('slo-budget')).toHaveAttribute(
      'data-status',
      'no-data',
    );
    expect(within(card).queryByTestId('slo-burn-down')).toBeNull();
    expect(within(card).queryByTestId('slo-burn-rate')).toBeNull();
    expect(within(card).queryByTestId('slo-why')).toBeNull();
    expect(within(card).queryByTestId('slo-exhausted')).toBeNull();
    expect(card).toHaveTextContent('No alerts yet.');
  });

  it('shows a firing page alert with the window pair that fires, and a rule held back by the low-traffic guard', async () => {
    const rules = sloRules([
      { firing: true, longBurn: 20.5, shortBurn: 31, longValid: 400 },
      {},
      { tooFewEvents: true, longBurn: 3.5, shortBurn: 4, longValid: 12 },
    ]);
    const resolved = sloAlert({
      id: 3,
      severity: 'ticket',
      firingSince: '2026-01-20T08:00:00.000Z',
      resolvedAt: '2026-01-20T10:30:00.000Z',
      rules: [
        {
          factor: 2.8,
          longWindowMs: DAY_MS,
          shortWindowMs: 7_200_000,
          longBurn: 3,
          shortBurn: 3.2,
          longValid: 5000,
        },
      ],
    });
    await renderSection(jest.fn(), [
      sloDetail({
        rules,
        openAlerts: [sloAlert()],
        alertHistory: [sloAlert(), resolved],
      }),
    ]);
    const card = await objective('checkout-succeeds');
    const open = within(card).getByTestId('slo-open-alerts');
    expect(within(open).getByTestId('slo-severity')).toHaveTextContent('page');
    expect(open).toHaveTextContent('1h & 5m over 13.4×');
    expect(open).toHaveTextContent(
      '20.5× over 1h, 31× over 5m, 400 valid events',
    );
    expect(open).toHaveTextContent('30 % of the budget left when it fired');

    const [page, , ticket] = within(card).getAllByTestId('slo-rule');
    expect(page).toHaveTextContent(/firing$/);
    expect(ticket).toHaveTextContent(
      'held back by the low-traffic guard (12 of 20 valid events)',
    );

    const history = within(card).getByTestId('slo-alert-history');
    expect(history).toHaveTextContent('still open');
    expect(history).toHaveTextContent('1d & 2h over 2.8×');
    expect(history).toHaveTextContent('(after 2 h 30 min)');
  });

  it('stays readable with a lot: latency thresholds, paged instances, capped alert history', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      id: i.toString(16).padStart(32, '0'),
      status: 'ok',
      startedAt: new Date(Date.UTC(2026, 0, 29, 11, i)).toISOString(),
      durationMs: 9000 - i,
      businessKeys: { 'app.order.id': `ord-${i}` },
    }));
    const alerts = Array.from({ length: 12 }, (_, i) =>
      sloAlert({
        id: 100 + i,
        resolvedAt: new Date(Date.UTC(2026, 0, 10 + i, 12)).toISOString(),
        firingSince: new Date(Date.UTC(2026, 0, 10 + i, 11)).toISOString(),
      }),
    );
    await renderSection(jest.fn(), [
      sloDetail(),
      sloDetail({
        objective: 'checkout-fast',
        indicator: 'latency',
        thresholdMs: 5000,
        outcomes: { good: [], bad: [], excluded: ['rejected', 'in-flight'] },
        burnDown: burnDownPoints(28 * 24 * 6, 0.8),
        burnRateHistory: burnRatePoints(24, 0.2),
        burningInstances: many,
        alertHistory: alerts,
      }),
    ]);
    const card = await objective('checkout-fast');
    expect(await objective('checkout-succeeds')).toBeInTheDocument();
    expect(card).toHaveTextContent('good: finished within 5 s');
    expect(card).toHaveTextContent('bad: finished slower than 5 s');

    const burning = within(card).getByTestId('slo-burning-instances');
    expect(burning).toHaveTextContent('Slowest instances over the threshold');
    expect(within(burning).getAllByRole('link')).toHaveLength(5);

    const history = within(card).getByTestId('slo-alert-history');
    expect(within(history).getAllByTestId('slo-severity')).toHaveLength(5);
    await userEvent.click(
      within(history).getByRole('button', { name: 'Show all 12 alerts' }),
    );
    expect(within(history).getAllByTestId('slo-severity')).toHaveLength(12);
  });

  it('says when the journey declares no objectives', async () => {
    await renderSection(jest.fn(), []);
    expect(
      await screen.findByText(/Checkout declares no objectives/),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when the SLOs cannot be read", async () => {
    await renderSection(
      jest
        .fn()
        .mockRejectedValue(
          await responseError(
            404,
            'NotFoundError',
            "No journey 'journey:default/checkout'",
          ),
        ),
    );
    expect(
      await screen.findByText(
        "Could not read the SLOs: No journey 'journey:default/checkout'",
      ),
    ).toBeInTheDocument();
  });
});
