import { formatUs } from '../format';

/** Sizes in pixels shared by the waterfall's axis, rows and grid lines. */
export const ROW_HEIGHT = 28;
export const AXIS_HEIGHT = 28;
export const LABEL_WIDTH = 380;
/** Room right of the time axis for the duration label of a span that ends last. */
export const RIGHT_GUTTER = 56;

/** Maps a time in microseconds to a position: percent of the axis, or µs since the start. */
export type Scale = (us: number) => number;

/** Offset from the instance start: `+0`, `+400 ms`. */
export const offsetLabel = (us: number) =>
  us <= 0 ? '+0' : `+${formatUs(us)}`;
