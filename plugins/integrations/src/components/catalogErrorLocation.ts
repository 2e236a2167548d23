/**
 * A catalog file as the owner knows it: the location key without its `file:` or `url:`
 * prefix. Paths stay as the catalog has them.
 */
export function catalogFileOf(
  location: string | undefined,
): string | undefined {
  if (!location) return undefined;
  return location.replace(/^(file|url):/, '');
}
