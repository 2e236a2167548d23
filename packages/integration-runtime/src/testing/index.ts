// Test helpers for packages that run the reference runtime in their own tests.
export { AdminClient, waitFor } from './AdminClient';
export type { ApiAnswer } from './AdminClient';
export * from './testRuntime';
export { freePort, startRuntimeProcess } from './runtimeProcess';
export type { RuntimeProcess } from './runtimeProcess';
