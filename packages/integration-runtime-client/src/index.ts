/**
 * The integration runtime's admin API contract, generated from
 * packages/integration-runtime/openapi.yaml, and a typed client that checks every answer
 * against it.
 *
 * @packageDocumentation
 */
export type {
  components as RuntimeAdminComponents,
  paths as RuntimeAdminPaths,
  operations as RuntimeAdminOperations,
} from './generated/runtimeAdmin.generated';
export { runtimeAdminDocument } from './generated/runtimeAdminDocument.generated';
export {
  createRuntimeAdminClient,
  responseContractMiddleware,
} from './createRuntimeAdminClient';
export type { RuntimeAdminClient } from './createRuntimeAdminClient';
export { ResponseContract } from './ResponseContract';
export { RuntimeContractError } from './RuntimeContractError';

import type { components } from './generated/runtimeAdmin.generated';
/** The schemas of the runtime admin API, by name (`RuntimeSchemas['ReplayJob']`). */
export type RuntimeSchemas = components['schemas'];
