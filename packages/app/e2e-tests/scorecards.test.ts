import { APIRequestContext, expect, test } from '@playwright/test';
import { e2eBackend } from './e2eEnvironment';
import { keepScreenshot } from './screenshots';
import { sidebar, signInAsGuest } from './signIn';

const api = { authorization: `Bearer ${e2eBackend.token}` };
const base = `${e2eBackend.url}/api/scorecards`;

interface Row {
  entityRef: string;
  title: string;
  status?: string;
  memberCount: number;
  items: Array<{ kpiId: string; value: number; status?: string }>;
}

/**
 * The teams once the first daily snapshot is written: the backend writes it a couple of
 * minutes after it starts (from the journeys, dead-letter and catalog providers).
 */
async function teamsWithValues(request: APIRequestContext): Promise<Row[]> {
  let rows: Row[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${base}/aggregations?kind=group&sort=status&order=desc&limit=50`,
          { headers: api },
        );
        expect(res.status()).toBe(200);
        rows = (await res.json()).items;
        return rows.filter(r => r.items.length > 0).length;
      },
      { timeout: 240_000, intervals: [5_000] },
    )
    .toBeGreaterThanOrEqual(4);
  return rows;
}

test.describe('Scorecards', () => {
  test.setTimeout(360_000);

  test('the REST API rolls teams up along the catalog and refuses bad input with a JSON 4xx', async ({
    request,
  }) => {
    const rows = await teamsWithValues(request);
    const titles = rows.map(r => r.title);
    expect(titles).toEqual(expect.arrayContaining(['Orders', 'Payments']));
    // The organisation holds what every team under it owns: at least as many entities.
    const acme = rows.find(r => r.entityRef === 'group:default/acme')!;
    const orders = rows.find(r => r.entityRef === 'group:default/orders')!;
    expect(acme.memberCount).toBeGreaterThanOrEqual(orders.memberCount);
    expect(orders.memberCount).toBeGreaterThan(0);

    // Paging and search happen on the server.
    const page = await request.get(
      `${base}/aggregations?kind=group&q=pay&limit=1`,
      { headers: api },
    );
    expect(page.status()).toBe(200);
    const paged = await page.json();
    expect(paged.items.map((r: Row) => r.title)).toEqual(['Payments']);
    expect(paged.total).toBe(1);

    // The team's drill-down lists the journeys and queues it owns, each with its values.
    const members = await request.get(
      `${base}/entities/group/default/orders/members?limit=100`,
      { headers: api },
    );
    expect(members.status()).toBe(200);
    const memberRefs = (await members.json()).items.map(
      (m: { entityRef: string }) => m.entityRef,
    );
    expect(memberRefs).toContain('journey:default/checkout');

    for (const bad of [
      '/aggregations?kind=planet',
      '/aggregations?limit=0',
      '/aggregations?limit=100000',
      '/aggregations?kpiId=nope&sort=value',
      '/aggregations?day=2026-02-30',
      "/entities/group/default/orders/members?sort=';drop",
      '/entities/journey/default/checkout/history?kpiId=journey.successRate&from=x&to=y',
    ]) {
      const res = await request.get(`${base}${bad}`, { headers: api });
      expect(res.status(), bad).toBe(400);
      const body = await res.json();
      expect(body.error.message, bad).toBeTruthy();
      expect(JSON.stringify(body), bad).not.toMatch(/select |knex|at .*\.ts/i);
    }
    expect(
      (
        await request.get(`${base}/entities/group/default/no-such-team`, {
          headers: api,
        })
      ).status(),
    ).toBe(404);
    expect((await request.get(`${base}/aggregations`)).status()).toBe(401);
  });

  test('a leader walks from the home card to the organisation, a team, an entity and its history', async ({
    page,
    request,
  }) => {
    await teamsWithValues(request);
    await signInAsGuest(page);

    // Home: the guest's team (Orders) with its rolled-up status.
    await sidebar(page).locator('a', { hasText: 'Home' }).click();
    const card = page.getByTestId('your-teams-scorecards');
    await expect(card.getByText('Orders').first()).toBeVisible({
      timeout: 30_000,
    });
    await keepScreenshot(page, 'scorecards-home');

    // The organisation overview: teams × KPIs, coloured.
    await sidebar(page)
      .getByRole('link', { name: 'Scorecards', exact: true })
      .click();
    await expect(
      page.getByRole('heading', { name: 'Organisation overview' }),
    ).toBeVisible();
    const table = page.getByRole('table').first();
    for (const team of ['Acme Commerce', 'Orders', 'Payments'])
      await expect(
        table.getByRole('link', { name: team, exact: true }),
      ).toBeVisible();
    await expect(
      table.getByText(/\d+ (green|amber|red) of \d+/).first(),
    ).toBeVisible();
    await keepScreenshot(page, 'scorecards-overview');

    // Search is sent to the server: one team left.
    await page.getByLabel('Find a team').fill('pay');
    await expect(
      table.getByRole('link', { name: 'Payments', exact: true }),
    ).toBeVisible();
    await expect(
      table.getByRole('link', { name: 'Orders', exact: true }),
    ).toHaveCount(0);
    await page.getByLabel('Find a team').fill('');

    // A team: its KPIs aggregated from what it owns, and the entities behind them.
    await table.getByRole('link', { name: 'Orders', exact: true }).click();
    await expect(
      page.getByRole('heading', { name: 'Team Orders' }),
    ).toBeVisible();
    await expect(page.getByText(/Aggregated from \d+ entities/)).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Entities behind Orders' }),
    ).toBeVisible();
    await keepScreenshot(page, 'scorecards-team');

    // An entity of the team, then one of its KPIs' history.
    const behind = page.getByRole('table', { name: /Entities behind Orders/ });
    await behind.getByRole('link', { name: 'Checkout', exact: true }).click();
    await expect(page).toHaveURL(/\/scorecards\/journey\/default\/checkout$/);
    await page
      .getByRole('link', { name: 'History and instances' })
      .first()
      .click();
    await expect(page).toHaveURL(/\/kpis\/journey\./);
    await expect(page.getByLabel('Period')).toBeVisible();
    // Down to the instances: the journey's page in Journeys.
    await page
      .getByRole('link', { name: /Checkout in Journeys|instances/i })
      .first()
      .click();
    await expect(page).toHaveURL(/\/journeys\/default\/checkout/);
  });

  test('searching "scorecard" finds the Scorecards page and team scorecards', async ({
    page,
    request,
  }) => {
    // The collator indexes on its schedule after the backend starts.
    await expect
      .poll(
        async () => {
          const res = await request.get(
            `${e2eBackend.url}/api/search/query?term=scorecard&types[0]=scorecard`,
            { headers: api },
          );
          return res.ok() ? (await res.json()).results.length : 0;
        },
        { timeout: 180_000, intervals: [5_000] },
      )
      .toBeGreaterThan(1);
    await signInAsGuest(page);
    await page.goto('/search?query=scorecard');
    await expect(
      page.getByRole('link', { name: /Scorecard: Orders/ }).first(),
    ).toBeVisible();
    await keepScreenshot(page, 'scorecards-search');
  });
});
