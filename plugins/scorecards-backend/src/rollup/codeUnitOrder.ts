/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort` does by default: the same
 * order on every machine and locale, for refs and ids.
 */
export function codeUnitOrder(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
