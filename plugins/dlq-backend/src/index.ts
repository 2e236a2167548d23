/**
 * Dead letters backend: inspection and safe replay on top of integration runtimes.
 *
 * @packageDocumentation
 */
export { dlqPlugin as default } from './plugin';
