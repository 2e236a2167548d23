// U+0000 and unpaired UTF-16 surrogates: PostgreSQL's text and jsonb refuse the first,
// UTF-8 cannot encode the others (drivers would silently turn them into U+FFFD anyway).
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

/** The replacement character, as a UTF-8 decoder writes for bytes it cannot read. */
export const REPLACEMENT = '\uFFFD';

/**
 * Text as both databases store it: every U+0000 and every lone surrogate becomes U+FFFD,
 * the same on SQLite and PostgreSQL, so a value reads back (and is searched) as stored.
 * Anything else is kept as it is.
 */
export function storableText(s: string): string {
  return MAYBE_UNSTORABLE.test(s) ? s.replace(UNSTORABLE, REPLACEMENT) : s;
}

/** `storableText` of at most `max` UTF-16 units; a pair cut in two loses its half. */
export function storableSlice(s: string, max: number): string {
  return storableText(s.length > max ? s.slice(0, max) : s);
}
