import { createApp } from '@backstage/frontend-defaults';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import dlqPlugin from '@internal/plugin-dlq';
import integrationsPlugin from '@internal/plugin-integrations';
import journeysPlugin from '@internal/plugin-journeys';
import scorecardsPlugin from '@internal/plugin-scorecards';
import { fireEvent, render, screen } from '@testing-library/react';
import App, { appFeatures } from './App';

describe('App', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Switchboard' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
  });
  afterEach(() => {
    localStorage.clear();
    jest.restoreAllMocks();
  });

  it('renders its sign-in page, titled from the config, with the guest provider', async () => {
    render(App.createRoot());

    expect(
      await screen.findByRole('heading', { name: 'Switchboard' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });

  it("shows every plugin's page in the sidebar once a guest is signed in", async () => {
    // The build adds the app's packages by discovery (app.packages: all), which jest does
    // not run: the plugins the sidebar needs are added here by hand.
    const app = createApp({
      features: [
        ...appFeatures,
        notificationsPlugin,
        searchPlugin,
        integrationsPlugin,
        dlqPlugin,
        journeysPlugin,
        scorecardsPlugin,
      ],
    });
    // No auth backend in the test: the guest provider asks whether to use its local
    // guest identity instead.
    jest.spyOn(window, 'confirm').mockReturnValue(true);
    render(app.createRoot());
    fireEvent.click(await screen.findByRole('button', { name: 'Enter' }));

    const link = (name: string) => screen.findByRole('link', { name });
    expect(await link('Catalog')).toHaveAttribute('href', '/catalog');
    expect(await link('Integrations')).toHaveAttribute('href', '/integrations');
    expect(await link('Dead letters')).toHaveAttribute('href', '/dead-letters');
    expect(await link('Journeys')).toHaveAttribute('href', '/journeys');
    expect(await link('Scorecards')).toHaveAttribute('href', '/scorecards');
  });
});
