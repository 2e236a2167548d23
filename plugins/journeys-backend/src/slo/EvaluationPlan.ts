import type { RollupRange } from '../database/InstanceStore';
import { BURN_WINDOWS_MS, MinuteCounts, WindowCounts } from './burnRate';

const MINUTE_MS = 60_000;
const MINUTE_US = MINUTE_MS * 1000;
const HOUR_MINUTES = 60;
/** The minutes a burn rate looks back at most (as far as the evaluator's series reaches). */
const LONGEST_BURN_MINUTES = BURN_WINDOWS_MS['3d'] / MINUTE_MS;

/** A rollup range counted in (+1) or out (-1) of a figure. */
interface Term {
  range: number;
  sign: 1 | -1;
}

const floorHour = (minute: number) =>
  Math.floor(minute / HOUR_MINUTES) * HOUR_MINUTES;
const ceilHour = (minute: number) =>
  Math.ceil(minute / HOUR_MINUTES) * HOUR_MINUTES;

/** A range of one table asked for by a figure, before ranges are cut apart. */
interface Request {
  line: Line;
  from: number;
  to: number;
  sign: 1 | -1;
}

/** Ranges of minutes asked for on one table, cut into pieces that do not overlap. */
class Line {
  private readonly requests: Request[] = [];

  request(from: number, to: number, sign: 1 | -1 = 1): Request[] {
    if (from >= to) return [];
    const r = { line: this, from, to, sign };
    this.requests.push(r);
    return [r];
  }

  cut() {
    const points = [
      ...new Set(this.requests.flatMap(r => [r.from, r.to])),
    ].sort((a, b) => a - b);
    const pieces: Array<[number, number]> = [];
    const index = new Map<number, number>();
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      if (this.requests.some(r => r.from <= from && to <= r.to)) {
        index.set(from, pieces.length);
        pieces.push([from, to]);
      }
    }
    return {
      pieces,
      of: (r: Request): Term[] =>
        pieces.flatMap(([from, to]) =>
          r.from <= from && to <= r.to
            ? [{ range: index.get(from)!, sign: r.sign }]
            : [],
        ),
    };
  }
}

/**
 * The rollup ranges one evaluation of a journey reads at `nowMs`, and how its figures are
 * put back together from the events counted in each range. The figures are the ones
 * per-minute series give (the burn windows end with the minute of `nowMs`; an SLO window's
 * budget is the hourly cells from the start of its first hour on), read with far fewer rows:
 * - a burn window's whole hours come from the hourly table and only its edges from the
 *   minute table: the minutes of the current hour up to now, and at its start the minutes
 *   between the start and the nearer hour boundary (added when the boundary is after the
 *   start, taken off the hour when it is before);
 * - ranges are cut where any figure starts or ends, so every cell is read once.
 * Exact because the hourly table holds the sum of the minute cells of each hour
 * (`DatabaseInstanceStore` moves both in one transaction).
 */
export class EvaluationPlan {
  /** What to count, minute ranges first; every range is read once. */
  readonly ranges: RollupRange[] = [];
  private readonly nowMinute: number;
  private readonly budgets = new Map<number, Term[]>();
  /** Events from a start minute to now, by start minute. */
  private readonly sinceMinute = new Map<number, Term[]>();

  /**
   * @param burnWindowsMs every window a burn rate or an alert rule is computed over
   * @param sloWindowsMs every objective's SLO window (its budget)
   */
  constructor(
    nowMs: number,
    burnWindowsMs: Iterable<number>,
    sloWindowsMs: Iterable<number>,
  ) {
    this.nowMinute = Math.floor(nowMs / MINUTE_MS);
    const end = this.nowMinute + 1;
    const currentHour = floorHour(end);
    const minutes = new Line();
    const hours = new Line();
    const budgets = new Map<number, Request[]>();
    const sinceMinute = new Map<number, Request[]>();

    for (const windowMs of sloWindowsMs) {
      // As the per-minute series counted the hourly cells: from the start of the first hour
      // for ceil(window) + 1 minutes (so the current hour's cell is in it).
      const first =
        Math.floor((nowMs - windowMs) / (HOUR_MINUTES * MINUTE_MS)) *
        HOUR_MINUTES;
      const windowMinutes =
        Math.ceil((nowMs - first * MINUTE_MS) / MINUTE_MS) + 1;
      budgets.set(
        windowMs,
        hours.request(first, ceilHour(first + windowMinutes)),
      );
    }

    const starts = new Set<number>();
    for (const windowMs of burnWindowsMs) starts.add(this.startOf(windowMs));
    for (const start of starts) {
      if (start >= currentHour) {
        sinceMinute.set(start, minutes.request(start, end));
        continue;
      }
      const down = start - floorHour(start);
      const up = ceilHour(start) - start;
      const anchor = down <= up ? floorHour(start) : ceilHour(start);
      sinceMinute.set(start, [
        ...hours.request(anchor, currentHour),
        ...minutes.request(currentHour, end),
        ...(anchor < start ? minutes.request(anchor, start, -1) : []),
        ...(anchor > start ? minutes.request(start, anchor) : []),
      ]);
    }

    const minuteRanges = minutes.cut();
    const hourRanges = hours.cut();
    for (const [from, to] of minuteRanges.pieces)
      this.ranges.push({
        table: 'minute',
        fromUs: from * MINUTE_US,
        toUs: to * MINUTE_US,
      });
    for (const [from, to] of hourRanges.pieces)
      this.ranges.push({
        table: 'hour',
        fromUs: from * MINUTE_US,
        toUs: to * MINUTE_US,
      });
    const resolve = (terms: Request[]) =>
      terms.flatMap(t =>
        t.line === minutes
          ? minuteRanges.of(t)
          : hourRanges.of(t).map(x => ({
              range: x.range + minuteRanges.pieces.length,
              sign: x.sign,
            })),
      );
    for (const [windowMs, requests] of budgets)
      this.budgets.set(windowMs, resolve(requests));
    for (const [start, requests] of sinceMinute)
      this.sinceMinute.set(start, resolve(requests));
  }

  /**
   * One objective's figures, from the events counted per range (`counts[range][column]`):
   * its budget over an SLO window, and its burn windows.
   */
  totals(
    counts: ReadonlyArray<ReadonlyArray<number>>,
    goodColumn: number,
    badColumn: number,
  ): {
    budget: (sloWindowMs: number) => MinuteCounts;
    burn: WindowCounts;
  } {
    const sum = (terms: Term[] | undefined, what: string): MinuteCounts => {
      if (!terms) throw new Error(`EvaluationPlan: ${what} was not planned`);
      let good = 0;
      let bad = 0;
      for (const t of terms) {
        good += t.sign * counts[t.range][goodColumn];
        bad += t.sign * counts[t.range][badColumn];
      }
      return { good, bad };
    };
    return {
      budget: windowMs =>
        sum(
          this.budgets.get(windowMs),
          `the budget of a ${windowMs} ms window`,
        ),
      burn: {
        sum: (endMinute, windowMs) => {
          if (endMinute !== this.nowMinute)
            throw new Error(
              `EvaluationPlan: burn windows end at minute ${this.nowMinute}, not ${endMinute}`,
            );
          return sum(
            this.sinceMinute.get(this.startOf(windowMs)),
            `a ${windowMs} ms burn window`,
          );
        },
      },
    };
  }

  /** The first minute of a burn window, as `MinuteSeries.sum` over 3 days counts it. */
  private startOf(windowMs: number) {
    const minutes = Math.max(1, Math.round(windowMs / MINUTE_MS));
    return this.nowMinute + 1 - Math.min(minutes, LONGEST_BURN_MINUTES);
  }
}
