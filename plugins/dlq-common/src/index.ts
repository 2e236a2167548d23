/**
 * Dead letters: the dlq-backend REST contract and permissions.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './permissions';
export * from './replayOutcome';
