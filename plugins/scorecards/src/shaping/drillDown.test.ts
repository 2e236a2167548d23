import { drillDownLinks } from './drillDown';

describe('drillDownLinks', () => {
  it("leads from a journey's KPI to its instances", () => {
    expect(
      drillDownLinks('journey:shop/invoice sync', 'journey.successRate'),
    ).toEqual([
      expect.objectContaining({
        to: '/journeys/shop/invoice%20sync?window=7d',
      }),
    ]);
  });

  it('leads from queue and replay KPIs to Dead letters as well', () => {
    expect(
      drillDownLinks('journey:default/checkout', 'journey.replayRecovery').map(
        l => l.to,
      ),
    ).toEqual(['/journeys/default/checkout?window=7d', '/dead-letters']);
    expect(
      drillDownLinks('group:default/orders', 'dlq.backlogDepth').map(l => l.to),
    ).toEqual(['/dead-letters']);
  });

  it("leads from a team's journey KPI to its journeys", () => {
    expect(
      drillDownLinks('group:default/orders', 'journey.successRate').map(
        l => l.to,
      ),
    ).toEqual(['/journeys/slos?owner=group%3Adefault%2Forders']);
  });

  it('has nothing for a team KPI without instances', () => {
    expect(
      drillDownLinks('group:default/orders', 'contract.ownership'),
    ).toEqual([]);
  });
});
