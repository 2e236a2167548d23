import {
  formatInterval,
  intervalContains,
  parseThresholdExpression,
  subtractInterval,
} from './ThresholdExpression';

const matches = (expression: string, value: number) =>
  intervalContains(parseThresholdExpression(expression), value);

describe('parseThresholdExpression', () => {
  it.each([
    // expression, value, matches
    ['<95', 94.999, true],
    ['<95', 95, false],
    ['<=95', 95, true],
    ['<=95', 95.0001, false],
    ['>99', 99, false],
    ['>99', 99.0001, true],
    ['>=99', 99, true],
    ['>=99', 98.999, false],
    ['==0', 0, true],
    ['==0', -0, true],
    ['==0', 1e-9, false],
    ['[95, 99)', 95, true],
    ['[95, 99)', 99, false],
    ['[95, 99)', 94.9, false],
    ['(95, 99]', 95, false],
    ['(95, 99]', 99, true],
    ['[1,1]', 1, true],
    ['  >= -5  ', -5, true],
    ['>= -5', -5.1, false],
    ['<1e3', 999, true],
    ['<1e3', 1000, false],
    ['>.5', 0.6, true],
  ])('%s on %d → %s', (expression, value, expected) => {
    expect(matches(expression, value)).toBe(expected);
  });

  it.each([
    '',
    '95',
    '=<95',
    '< ',
    '>=abc',
    '[1, 2',
    '1-5',
    '[1; 2)',
    '!=3',
    '<95%',
  ])('rejects %j and says what is accepted', expression => {
    expect(() => parseThresholdExpression(expression)).toThrow(
      /is not a threshold expression; use <, <=, >, >=, ==/,
    );
  });

  it.each(['[5, 1)', '[1, 1)', '(1, 1]', '(1, 1)'])(
    'rejects the empty range %s',
    expression => {
      expect(() => parseThresholdExpression(expression)).toThrow(
        /matches no value/,
      );
    },
  );

  it('rejects a non-string', () => {
    expect(() => parseThresholdExpression(5 as unknown as string)).toThrow(
      'expected a string expression, got number',
    );
  });
});

describe('subtractInterval', () => {
  const p = parseThresholdExpression;
  const fmt = (expression: string, minus: string) =>
    subtractInterval(p(expression), p(minus)).map(formatInterval);

  it('keeps what lies on either side', () => {
    expect(fmt('[0, 100]', '[20, 30)')).toEqual(['[0, 20)', '[30, 100]']);
  });
  it('leaves a single point where bounds only touch', () => {
    expect(fmt('[0, 100]', '<100')).toEqual(['[100, 100]']);
    expect(fmt('[0, 100]', '>0')).toEqual(['[0, 0]']);
  });
  it('removes everything when covered, nothing when disjoint', () => {
    expect(fmt('[0, 100]', '>=0')).toEqual([]);
    expect(fmt('[0, 10)', '>=10')).toEqual(['[0, 10)']);
  });
  it('formats unbounded ends', () => {
    expect(fmt('>=-5', '[0, 1]')).toEqual(['[-5, 0)', '(1, inf)']);
    expect(fmt('<0', '>=-1')).toEqual(['(-inf, -1)']);
  });
  it('refuses numbers beyond double range', () => {
    expect(() => p('<1e999')).toThrow(
      '"<1e999" has a number too large to compare',
    );
  });
});
