export * from './vocabulary';
export * from './artifacts';
/** @deprecated import toCsv from `@internal/csv`; kept here while dlq-backend still imports it from this package. */
export { toCsv } from '@internal/csv';
