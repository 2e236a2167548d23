/**
 * Dead letters: the dlq-backend REST contract, permissions, and the runtime admin API
 * contract (generated types, document, validator).
 *
 * @packageDocumentation
 */
export * from './api';
export * from './permissions';
export * from './replayOutcome';
export { ContractValidator } from './runtime/ContractValidator';
export { runtimeAdminDocument } from './runtime/runtimeAdminDocument.generated';
export type { paths as RuntimeAdminPaths } from './runtime/runtimeAdmin.generated';
