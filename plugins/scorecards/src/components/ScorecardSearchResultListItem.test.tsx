import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ScorecardSearchResultListItem } from './ScorecardSearchResultListItem';

describe('ScorecardSearchResultListItem', () => {
  it("links the scorecard by its title and names the entity's kind", async () => {
    await renderInTestApp(
      <ScorecardSearchResultListItem
        result={
          {
            title: 'Orders',
            text: 'Team scorecard: off target, score 42; 2 KPIs off target',
            location: '/scorecards/group/default/orders',
            kind: 'group',
            entityRef: 'group:default/orders',
          } as any
        }
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: { title: '<em>Ord</em>ers' },
        }}
      />,
    );
    expect(screen.getByRole('link', { name: 'Orders' })).toHaveAttribute(
      'href',
      '/scorecards/group/default/orders',
    );
    expect(
      screen.getByText(
        'Team scorecard: off target, score 42; 2 KPIs off target',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Kind: Team')).toBeInTheDocument();
  });
});
