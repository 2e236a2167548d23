import { toCsv } from '@internal/csv';

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | undefined;
}

/**
 * A table as CSV, safe to open in a spreadsheet: toCsv quotes text starting with
 * = + - @ (a formula) behind a single quote, the rule the dead-letter audit export uses.
 */
export function tableToCsv<Row>(
  columns: CsvColumn<Row>[],
  rows: Row[],
): string {
  return toCsv(
    columns.map(c => c.header),
    rows.map(row => columns.map(c => c.value(row))),
  );
}

/** `Orders scorecard 2026-12-04` → `orders-scorecard-2026-12-04.csv`. */
export function csvFilename(title: string): string {
  const slug = title
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'scorecard'}.csv`;
}
