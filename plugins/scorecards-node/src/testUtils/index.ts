/**
 * Test helpers for metric provider modules: a local HTTP server answering fixed JSON, to
 * test a provider's real HTTP client against the answers of the API it reads.
 *
 * @packageDocumentation
 */

export { FixtureHttpServer } from './FixtureHttpServer';
export type { FixtureAnswer } from './FixtureHttpServer';
