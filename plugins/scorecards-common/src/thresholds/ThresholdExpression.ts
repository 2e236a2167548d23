/**
 * Threshold expressions as intervals on the real line: `<x` is (-inf, x), `==x` is [x, x],
 * `[a, b)` is itself. One shape makes matching and the coverage check the same arithmetic.
 */

export interface IntervalBound {
  value: number;
  inclusive: boolean;
}

export interface Interval {
  low: IntervalBound;
  high: IntervalBound;
}

const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const COMPARISON = new RegExp(String.raw`^(<=|>=|==|<|>)\s*(${NUMBER})$`);
const RANGE = new RegExp(
  String.raw`^([\[(])\s*(${NUMBER})\s*,\s*(${NUMBER})\s*([\])])$`,
);

export const EXPRESSION_HINT =
  'use <, <=, >, >=, == followed by a number, or a range such as [90, 99.5) (square bracket: end included, round: excluded)';

const unbounded = (value: number): IntervalBound => ({
  value,
  inclusive: false,
});

/** The interval an expression matches; throws a `TypeError` saying what is wrong. */
export function parseThresholdExpression(expression: string): Interval {
  if (typeof expression !== 'string')
    throw new TypeError(
      `expected a string expression, got ${typeof expression}`,
    );
  const text = expression.trim();
  const numbers = text.match(new RegExp(NUMBER, 'g')) ?? [];
  if (numbers.some(n => !Number.isFinite(Number(n))))
    throw new TypeError(`"${expression}" has a number too large to compare`);
  const comparison = COMPARISON.exec(text);
  if (comparison) {
    const x = Number(comparison[2]);
    switch (comparison[1]) {
      case '<':
        return {
          low: unbounded(-Infinity),
          high: { value: x, inclusive: false },
        };
      case '<=':
        return {
          low: unbounded(-Infinity),
          high: { value: x, inclusive: true },
        };
      case '>':
        return {
          low: { value: x, inclusive: false },
          high: unbounded(Infinity),
        };
      case '>=':
        return {
          low: { value: x, inclusive: true },
          high: unbounded(Infinity),
        };
      default:
        return {
          low: { value: x, inclusive: true },
          high: { value: x, inclusive: true },
        };
    }
  }
  const range = RANGE.exec(text);
  if (range) {
    const interval: Interval = {
      low: { value: Number(range[2]), inclusive: range[1] === '[' },
      high: { value: Number(range[3]), inclusive: range[4] === ']' },
    };
    if (isEmptyInterval(interval))
      throw new TypeError(
        `"${expression}" matches no value (its lower end is not below its upper end)`,
      );
    return interval;
  }
  throw new TypeError(
    `"${expression}" is not a threshold expression; ${EXPRESSION_HINT}`,
  );
}

export function intervalContains(interval: Interval, value: number): boolean {
  const { low, high } = interval;
  const aboveLow = low.inclusive ? value >= low.value : value > low.value;
  const belowHigh = high.inclusive ? value <= high.value : value < high.value;
  return aboveLow && belowHigh;
}

export function isEmptyInterval({ low, high }: Interval): boolean {
  if (low.value > high.value) return true;
  return low.value === high.value && !(low.inclusive && high.inclusive);
}

/** `[0, 95)`, `(-inf, 0)`, `[100, 100]`: how gaps are reported. */
export function formatInterval({ low, high }: Interval): string {
  const end = (v: number) => {
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    return String(v);
  };
  return `${low.inclusive ? '[' : '('}${end(low.value)}, ${end(high.value)}${
    high.inclusive ? ']' : ')'
  }`;
}

/** The parts of `a` that `b` does not cover (zero, one or two intervals). */
export function subtractInterval(a: Interval, b: Interval): Interval[] {
  const overlap: Interval = {
    low: maxLow(a.low, b.low),
    high: minHigh(a.high, b.high),
  };
  if (isEmptyInterval(overlap)) return [a];
  const parts: Interval[] = [
    {
      low: a.low,
      high: { value: b.low.value, inclusive: !b.low.inclusive },
    },
    {
      low: { value: b.high.value, inclusive: !b.high.inclusive },
      high: a.high,
    },
  ];
  return parts.filter(p => !isEmptyInterval(p));
}

function maxLow(x: IntervalBound, y: IntervalBound): IntervalBound {
  if (x.value !== y.value) return x.value > y.value ? x : y;
  return { value: x.value, inclusive: x.inclusive && y.inclusive };
}

function minHigh(x: IntervalBound, y: IntervalBound): IntervalBound {
  if (x.value !== y.value) return x.value < y.value ? x : y;
  return { value: x.value, inclusive: x.inclusive && y.inclusive };
}
