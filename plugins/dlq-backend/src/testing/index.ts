// Test helpers for packages that run dlq-backend against an integration runtime in their
// own tests (packages/backend runs it inside the app's catalog and permission policy).
export * from './demoNames';
export { startDeadLetterRuntime } from './deadLetterRuntime';
export type { DeadLetterRuntime } from './deadLetterRuntime';
export { dlqCaller, dlqRawRequester } from './dlqRequests';
export type { Answer, DlqCall, DlqRawRequest } from './dlqRequests';
export { permissionsDeciding } from './permissionsDeciding';
export type { PermissionDecision } from './permissionsDeciding';
export { startDlqTestBackend } from './dlqTestBackend';
export type { DlqTestBackend, DlqTestBackendOptions } from './dlqTestBackend';
