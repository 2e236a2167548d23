import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogEntitySource } from './ScorecardEntitySource';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
});

describe('CatalogEntitySource', () => {
  it('follows the cursor until the last page, filtering by kind, as the plugin itself', async () => {
    const catalog = catalogServiceMock.mock();
    catalog.queryEntities
      .mockResolvedValueOnce({
        items: [entity('Journey', 'a')],
        totalItems: 2,
        pageInfo: { nextCursor: 'c1' },
      })
      .mockResolvedValueOnce({
        items: [entity('Journey', 'b')],
        totalItems: 2,
        pageInfo: {},
      });
    const source = new CatalogEntitySource(catalog, mockServices.auth());

    const found = await source.entitiesOfKinds(['Journey']);

    expect(found.map(e => e.metadata.name)).toEqual(['a', 'b']);
    expect(
      catalog.queryEntities.mock.calls.map(([request]) => request),
    ).toEqual([
      { filter: { kind: ['Journey'] }, limit: 500 },
      { cursor: 'c1', limit: 500 },
    ]);
    expect(catalog.queryEntities.mock.calls[0][1]).toEqual({
      credentials: mockCredentials.service('plugin:test'),
    });
  });

  it('asks nothing for no kinds', async () => {
    const catalog = catalogServiceMock.mock();
    expect(
      await new CatalogEntitySource(
        catalog,
        mockServices.auth(),
      ).entitiesOfKinds([]),
    ).toEqual([]);
    expect(catalog.queryEntities).not.toHaveBeenCalled();
  });
});
