/** A cell a spreadsheet would read as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 CSV, safe to open in a spreadsheet: a text cell starting with `=`, `+`, `-`,
 * `@`, tab or CR gets a leading single quote and is quoted, so it is shown, not run
 * (OWASP CSV injection guidance). Numbers stay numbers (-3 is not a formula).
 */
export function toCsv(
  header: string[],
  rows: Array<Array<string | number | undefined>>,
): string {
  const cell = (v: string | number | undefined) => {
    if (v === undefined) return '';
    const s = String(v);
    if (typeof v === 'string' && FORMULA_START.test(s))
      return `"'${s.replace(/"/g, '""')}"`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[header, ...rows]
    .map(r => r.map(cell).join(','))
    .join('\r\n')}\r\n`;
}
