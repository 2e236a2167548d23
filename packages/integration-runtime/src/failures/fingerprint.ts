import { createHash } from 'node:crypto';

/**
 * Replaces the parts of an error message that differ between otherwise identical
 * failures (ids, numbers, quoted values, timestamps), so they group together.
 */
export function normaliseErrorMessage(message: string): string {
  return message
    .replace(
      /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?\b/g,
      '<time>',
    )
    .replace(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
      '<uuid>',
    )
    .replace(/\b[0-9a-f]{16,}\b/gi, '<hex>')
    .replace(/\b[a-z]{2,5}_[0-9a-z]{6,}\b/gi, '<id>')
    .replace(/"[^"]*"|'[^']*'/g, '<str>')
    .replace(/\d+(\.\d+)?/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** Groups failures by error class + failing stage + normalised message. */
export function failureFingerprint(
  errorClass: string,
  stage: string,
  message: string,
): string {
  return createHash('sha256')
    .update(`${errorClass}\n${stage}\n${normaliseErrorMessage(message)}`)
    .digest('hex')
    .slice(0, 16);
}
