/**
 * Dead letters: inspect them per dead-letter queue, replay them safely, archive or purge, audit.
 *
 * @packageDocumentation
 */
export { dlqPlugin as default } from './plugin';
