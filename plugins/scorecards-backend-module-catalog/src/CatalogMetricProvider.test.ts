import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { compileCoveringThresholdRules } from '@internal/plugin-scorecards-common';
import {
  contractCatalog,
  expectedValues,
} from './__fixtures__/contractCatalog';
import { CatalogIndexReader } from './CatalogIndexReader';
import { CatalogMetricProvider } from './CatalogMetricProvider';

const window = {
  from: new Date('2026-12-03T00:00:00.000Z'),
  to: new Date('2026-12-04T00:00:00.000Z'),
  now: new Date('2026-12-04T00:40:00.000Z'),
};

describe('CatalogMetricProvider', () => {
  it('computes from a fake catalog read page by page with the plugin’s own credentials', async () => {
    const catalog = catalogServiceMock({ entities: contractCatalog });
    const queries = jest.spyOn(catalog, 'queryEntities');
    const auth = mockServices.auth({ pluginId: 'scorecards' });
    const provider = new CatalogMetricProvider({
      index: new CatalogIndexReader({ catalog, auth, pageSize: 2 }),
      logger: mockServices.logger.mock(),
    });
    // The scorecards backend hands out every API and Resource; only contracts get values.
    const handedOut = contractCatalog.filter(e =>
      ['API', 'Resource'].includes(e.kind),
    );
    expect(await provider.compute(handedOut, window)).toEqual(expectedValues);

    // 4 owners, 4 APIs and 1 topic, two per page: 2 + 2 + 1 pages.
    expect(queries).toHaveBeenCalledTimes(5);
    for (const [, options] of queries.mock.calls)
      expect(
        (options as { credentials: { principal: unknown } }).credentials
          .principal,
      ).toEqual({
        type: 'service',
        subject: 'plugin:scorecards',
      });
  });

  it('declares both KPIs with thresholds covering their whole domain', () => {
    const provider = new CatalogMetricProvider({
      index: { load: jest.fn() },
      logger: mockServices.logger.mock(),
    });
    expect(provider.kpis.map(k => [k.id, k.aggregation])).toEqual([
      ['integration.deprecatedConsumers', 'sum'],
      ['integration.ownershipCompleteness', 'mean'],
    ]);
    for (const kpi of provider.kpis)
      expect(() =>
        compileCoveringThresholdRules(kpi.defaultThresholds, kpi.domain),
      ).not.toThrow();
  });

  it('fails the run when the catalog fails, so the period is retried', async () => {
    const catalog = catalogServiceMock({ entities: contractCatalog });
    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValue(new Error('catalog unavailable'));
    const provider = new CatalogMetricProvider({
      index: new CatalogIndexReader({
        catalog,
        auth: mockServices.auth({ pluginId: 'scorecards' }),
      }),
      logger: mockServices.logger.mock(),
    });
    await expect(provider.compute(contractCatalog, window)).rejects.toThrow(
      'catalog unavailable',
    );
  });
});
