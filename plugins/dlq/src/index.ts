/**
 * Dead letters: inspect failed messages, replay them safely, archive or purge, audit.
 *
 * @packageDocumentation
 */
export { dlqPlugin as default } from './plugin';
