import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { scorecardsApiRef } from './api/ScorecardsApi';
import { scorecardsPlugin } from './plugin';
import {
  aggregateRow,
  fakeScorecardsApi,
  group,
  KPIS,
  rollupPage,
} from './testUtils/fakes';
import defaultExport from './index';

describe('scorecardsPlugin', () => {
  it('is the default export, so the app discovers it from package.json', () => {
    expect(defaultExport).toBe(scorecardsPlugin);
  });

  it('mounts the Scorecards page at /scorecards', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest
        .fn()
        .mockResolvedValue(
          rollupPage([aggregateRow('group:default/orders', 'Orders', [])]),
        ),
    });
    renderTestApp({
      features: [scorecardsPlugin],
      apis: [
        [scorecardsApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [group('orders')] })],
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef as any,
      },
      initialRouteEntries: ['/scorecards'],
    });
    expect(
      await screen.findByText('Organisation overview', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Orders' })).toHaveAttribute(
      'href',
      '/scorecards/group/default/orders',
    );
  });

  it('adds a Scorecard tab to Group, System, Domain and Journey entities only', () => {
    const tester = createExtensionTester(
      scorecardsPlugin.getExtension('entity-content:scorecards/scorecard'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('scorecard');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Scorecard');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const entity = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name: 'x' },
    });
    expect(filter(entity('Group'))).toBe(true);
    expect(filter(entity('System'))).toBe(true);
    expect(filter(entity('Domain'))).toBe(true);
    expect(filter(entity('Journey'))).toBe(true);
    expect(filter(entity('Component'))).toBe(false);
    expect(filter(entity('API'))).toBe(false);
  });

  it('offers a home page card and renders scorecard search results', () => {
    const widget = createExtensionTester(
      scorecardsPlugin.getExtension('home-page-widget:scorecards/your-teams'),
    ).get(HomePageWidgetBlueprint.dataRefs.widget);
    // app-config.yaml's home page layout places the card by this name.
    expect(widget.name).toBe('ScorecardsYourTeams');
    expect(widget.title).toBe("Your teams' scorecards");
    const item = createExtensionTester(
      scorecardsPlugin.getExtension(
        'search-result-list-item:scorecards/scorecard',
      ),
    ).get(SearchResultListItemBlueprint.dataRefs.item);
    const result = (type: string) => ({
      type,
      document: { title: 't', text: '', location: '/' },
    });
    expect(item.predicate?.(result('scorecard'))).toBe(true);
    expect(item.predicate?.(result('software-catalog'))).toBe(false);
  });
});
