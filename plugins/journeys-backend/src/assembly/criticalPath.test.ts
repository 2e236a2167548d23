import { WaterfallSpan } from '@internal/plugin-journeys-common';
import { criticalPath } from './criticalPath';

const span = (
  traceId: string,
  spanId: string,
  parentSpanId: string,
  startUs: number,
  durationUs: number,
  links: WaterfallSpan['links'] = [],
): WaterfallSpan => ({
  traceId,
  spanId,
  parentSpanId,
  name: spanId,
  service: 'svc',
  kind: 1,
  startUs,
  durationUs,
  status: 0,
  links,
});

describe('criticalPath', () => {
  it('follows the child whose subtree ends last, within a trace', () => {
    const spans = [
      span('t1', 'root', '', 0, 100),
      span('t1', 'fast', 'root', 1, 10),
      span('t1', 'slow', 'root', 5, 90),
      span('t1', 'leaf', 'slow', 10, 80),
    ];
    expect(criticalPath(spans)).toEqual(['t1:root', 't1:slow', 't1:leaf']);
  });

  it('crosses async hops: a consumer trace linking to the producer span continues the path', () => {
    const spans = [
      span('t1', 'entry', '', 0, 50),
      span('t1', 'publish', 'entry', 10, 5),
      span('t1', 'other', 'entry', 20, 25),
      span('t2', 'consume', '', 100, 30, [
        { traceId: 't1', spanId: 'publish' },
      ]),
      span('t2', 'work', 'consume', 105, 20),
      span('t3', 'erp', '', 60, 10, [{ traceId: 't1', spanId: 'publish' }]),
    ];
    expect(criticalPath(spans)).toEqual([
      't1:entry',
      't1:publish',
      't2:consume',
      't2:work',
    ]);
  });

  it('survives cycles made by hostile links', () => {
    const spans = [
      span('t1', 'a', '', 0, 10, [{ traceId: 't2', spanId: 'b' }]),
      span('t2', 'b', '', 5, 10, [{ traceId: 't1', spanId: 'a' }]),
    ];
    expect(criticalPath(spans).length).toBeGreaterThan(0);
    expect(criticalPath([])).toEqual([]);
  });
});
