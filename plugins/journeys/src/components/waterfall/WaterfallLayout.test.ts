import type { WaterfallSpan } from '@internal/plugin-journeys-common';
import { filterRows, layoutWaterfall, timeTicks } from './WaterfallLayout';

const T1 = 'a'.repeat(32);
const T2 = 'b'.repeat(32);

const span = (
  p: Partial<WaterfallSpan> &
    Pick<WaterfallSpan, 'traceId' | 'spanId' | 'startUs'>,
): WaterfallSpan => ({
  parentSpanId: '',
  name: p.spanId,
  service: 'svc',
  kind: 1,
  durationUs: 100,
  status: 0,
  links: [],
  ...p,
});

describe('layoutWaterfall', () => {
  // Input deliberately out of order: the server orders by start, the layout must not rely on it.
  const spans = [
    span({
      traceId: T2,
      spanId: 'c1',
      kind: 5,
      service: 'payment-service',
      startUs: 2_000,
      links: [{ traceId: T1, spanId: 'p1' }],
    }),
    span({
      traceId: T1,
      spanId: 'r1',
      kind: 2,
      service: 'order-service',
      startUs: 1_000,
      durationUs: 900,
    }),
    span({
      traceId: T1,
      spanId: 'p1',
      parentSpanId: 'r1',
      kind: 4,
      service: 'order-service',
      startUs: 1_500,
    }),
    span({
      traceId: T1,
      spanId: 'db',
      parentSpanId: 'r1',
      kind: 3,
      service: 'order-service',
      startUs: 1_100,
    }),
    span({
      traceId: T2,
      spanId: 'c2',
      parentSpanId: 'c1',
      service: 'payment-service',
      startUs: 2_100,
      status: 2,
    }),
    span({
      traceId: T2,
      spanId: 'orphan',
      parentSpanId: 'gone',
      service: 'payment-service',
      startUs: 2_050,
    }),
  ];
  const layout = layoutWaterfall(spans, [`${T1}:r1`, `${T1}:p1`, `${T2}:c1`]);

  it('groups by trace in order of trace start and nests spans depth-first under their parent', () => {
    expect(
      layout.rows.map(r =>
        r.type === 'trace'
          ? `# ${r.service}`
          : `${'  '.repeat(r.depth)}${r.span.spanId}`,
      ),
    ).toEqual([
      '# order-service',
      'r1',
      '  db',
      '  p1',
      '# payment-service',
      'c1',
      '  c2',
      'orphan',
    ]);
    expect(layout).toMatchObject({
      startUs: 1_000,
      endUs: 2_200,
      spanCount: 6,
      traceCount: 2,
    });
  });

  it('marks the async hop, producers, errors and the critical path', () => {
    const rows = Object.fromEntries(
      layout.rows.flatMap(r => (r.type === 'span' ? [[r.span.spanId, r]] : [])),
    );
    expect(rows.c1).toMatchObject({
      asyncEntry: true,
      critical: true,
      linkedFrom: {
        key: `${T1}:p1`,
        service: 'order-service',
        startUs: 1_500,
        endUs: 1_600,
      },
    });
    expect(rows.p1).toMatchObject({
      producer: true,
      asyncEntry: false,
      critical: true,
    });
    expect(rows.c2).toMatchObject({ error: true, critical: false });
    expect(rows.db).toMatchObject({
      producer: false,
      error: false,
      critical: false,
      linkedFrom: null,
    });
    expect(layout.rows[4]).toMatchObject({
      type: 'trace',
      async: true,
      errorCount: 1,
      spanCount: 3,
    });
  });

  it('filters by text and errors, keeping the trace header of what remains', () => {
    expect(
      filterRows(layout.rows, { text: 'PAYMENT', errorsOnly: true }).map(
        r => r.key,
      ),
    ).toEqual([`trace:${T2}`, `${T2}:c2`]);
    expect(
      filterRows(layout.rows, { text: 'db', errorsOnly: false }).map(
        r => r.key,
      ),
    ).toEqual([`trace:${T1}`, `${T1}:db`]);
    expect(filterRows(layout.rows, { text: ' ', errorsOnly: false })).toBe(
      layout.rows,
    );
  });
});

describe('timeTicks', () => {
  it('steps 1-2-5 across the duration', () => {
    expect(timeTicks(1_000_000)).toEqual([
      0, 200_000, 400_000, 600_000, 800_000, 1_000_000,
    ]);
    expect(timeTicks(4_300, 4)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    expect(timeTicks(1_250_000)).toEqual([
      0, 200_000, 400_000, 600_000, 800_000, 1_000_000, 1_200_000,
    ]);
    expect(timeTicks(0)).toEqual([0]);
  });
});
