import type { CellStatus } from '../shaping/heatMap';

/** Strong colours for chips, lines and dots. */
export const STATUS_COLOUR: Record<CellStatus, string> = {
  green: '#2e7d32',
  amber: '#ed8b00',
  red: '#c62828',
  grey: '#9e9e9e',
};

/** Light tints for heat-map cells, dark text stays readable on each. */
export const STATUS_TINT: Record<CellStatus, string> = {
  green: '#c8e6c9',
  amber: '#ffe0a3',
  red: '#f5b4b4',
  grey: '#eeeeee',
};

/** The status as words, so it is not told by colour alone. */
export const STATUS_LABEL: Record<CellStatus, string> = {
  green: 'on target',
  amber: 'at risk',
  red: 'off target',
  grey: 'no status',
};
