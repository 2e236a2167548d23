import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { EntityLink, entityTitle } from './EntityLink';

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef as any,
};

describe('EntityLink', () => {
  it('names an entity without its default kind and namespace', () => {
    expect(entityTitle('journey:default/checkout', 'journey')).toBe('checkout');
    expect(entityTitle('group:payments/team-a', 'journey')).toBe(
      'group:payments/team-a',
    );
    expect(entityTitle('not a ref:')).toBe('not a ref:');
  });

  it('shows a dash without a ref and the text of a ref that does not parse', async () => {
    await renderInTestApp(
      <>
        <span data-testid="none">
          <EntityLink entityRef={null} />
        </span>
        <span data-testid="bad">
          <EntityLink entityRef="a:b:c/d/e" />
        </span>
      </>,
      { mountedRoutes },
    );
    expect(await screen.findByTestId('none')).toHaveTextContent('–');
    expect(screen.getByTestId('bad')).toHaveTextContent('a:b:c/d/e');
  });

  it('titles the link from the ref', async () => {
    await renderInTestApp(
      <EntityLink entityRef="component:default/order-service" />,
      { mountedRoutes },
    );
    expect(
      await screen.findByRole('link', { name: 'component:order-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/order-service');
  });
});
