import { createStatusRollup, worseStatus } from './statusRollup';
import { RollupInput } from './statusRollup';

const inputs: RollupInput[] = [
  { kpiId: 'volume', status: 'green' },
  { kpiId: 'successRate', status: 'amber' },
  { kpiId: 'cycleTime', status: 'green' },
  { kpiId: 'freshness', status: undefined },
];

describe('createStatusRollup', () => {
  it('worst-of: the worst status, with counts and an equal-weight score', () => {
    const rollup = createStatusRollup({ mode: 'worst-of' });
    // (100 + 50 + 100) / 3 = 83.33…
    expect(rollup(inputs)).toEqual({
      status: 'amber',
      score: 250 / 3,
      counts: { green: 2, amber: 1, red: 0 },
      unknown: 1,
    });
    expect(rollup([...inputs, { kpiId: 'x', status: 'red' }]).status).toBe(
      'red',
    );
  });

  it('weighted: score from the weights, status from the default score thresholds', () => {
    const rollup = createStatusRollup({
      mode: 'weighted',
      weights: { successRate: 3, volume: 1, cycleTime: 0 },
    });
    // volume 1×100 + successRate 3×50 = 250 over weight 4 → 62.5 → amber ([50, 80)).
    expect(rollup(inputs)).toMatchObject({ score: 62.5, status: 'amber' });
    // Equal weights, one red of two: 50 is exactly amber's lower bound.
    expect(
      createStatusRollup({ mode: 'weighted' })([
        { kpiId: 'a', status: 'green' },
        { kpiId: 'b', status: 'red' },
      ]),
    ).toMatchObject({ score: 50, status: 'amber' });
    // Four green and one amber: 90 → green, where worst-of would say amber.
    const mostlyGreen: RollupInput[] = ['a', 'b', 'c', 'd']
      .map((kpiId): RollupInput => ({ kpiId, status: 'green' }))
      .concat({ kpiId: 'e', status: 'amber' });
    expect(createStatusRollup({ mode: 'weighted' })(mostlyGreen)).toMatchObject(
      {
        score: 90,
        status: 'green',
      },
    );
  });

  it('weighted: uses configured score thresholds (80 is green only from 80 inclusive)', () => {
    const rollup = createStatusRollup({
      mode: 'weighted',
      scoreThresholds: [
        { status: 'green', expression: '>90' },
        { status: 'amber', expression: '(60, 90]' },
        { status: 'red', expression: '<=60' },
      ],
    });
    const fourOfFive = ['a', 'b', 'c', 'd']
      .map((kpiId): RollupInput => ({ kpiId, status: 'green' }))
      .concat({ kpiId: 'e', status: 'amber' });
    expect(rollup(fourOfFive)).toMatchObject({ score: 90, status: 'amber' });
  });

  it('has no status and no score when nothing has a value or everything weighs 0', () => {
    expect(createStatusRollup()([{ kpiId: 'a', status: undefined }])).toEqual({
      status: undefined,
      score: undefined,
      counts: { green: 0, amber: 0, red: 0 },
      unknown: 1,
    });
    expect(
      createStatusRollup({ mode: 'weighted', weights: { a: 0 } })([
        { kpiId: 'a', status: 'red' },
      ]),
    ).toMatchObject({ status: undefined, score: undefined });
  });

  it.each([
    [
      { mode: 'average' },
      'rollup.mode: expected "worst-of" or "weighted", got "average"',
    ],
    [
      { mode: 'weighted', weights: { a: -1 } },
      'rollup.weights.a: expected a number >= 0, got -1',
    ],
    [
      { mode: 'weighted', weights: { a: '2' } },
      'rollup.weights.a: expected a number >= 0, got "2"',
    ],
    [
      {
        mode: 'weighted',
        scoreThresholds: [{ status: 'green', expression: '>=50' }],
      },
      'rollup.scoreThresholds rules: no rule matches [0, 50)',
    ],
  ])('refuses %j', (options, message) => {
    expect(() => createStatusRollup(options as never)).toThrow(message);
  });
});

describe('worseStatus', () => {
  it('orders red over amber over green', () => {
    expect(worseStatus('green', 'amber')).toBe('amber');
    expect(worseStatus('red', 'amber')).toBe('red');
    expect(worseStatus('green', 'green')).toBe('green');
  });
});
