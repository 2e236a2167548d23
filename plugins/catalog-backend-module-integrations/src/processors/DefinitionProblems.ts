import { ApiEntity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';

/** How many of a document's problems a catalog error names; the rest are counted. */
export const MAX_PROBLEMS = 5;
/** Longest text kept of one problem: a parser's message can quote a large value. */
export const MAX_PROBLEM_LENGTH = 300;

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * The message of a catalog error about an invalid API definition, for the API's owner:
 * what is wrong and where (the parser's path and message), the first few problems only,
 * each on one bounded line, never the document itself.
 */
export function invalidDefinitionMessage(
  what: string,
  entityRef: string,
  problems: string[],
): string {
  const unique = [
    ...new Set(problems.map(p => truncate(p, MAX_PROBLEM_LENGTH))),
  ];
  const shown = unique.slice(0, MAX_PROBLEMS);
  const more = unique.length - shown.length;
  return `${what} definition of ${entityRef} is invalid: ${shown.join('; ')}${
    more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''
  }`;
}

/**
 * An API's `spec.definition` as text, or undefined after telling the owner (a catalog
 * error on the entity) that it is not text, e.g. a YAML mapping left unquoted.
 */
export function definitionText(
  what: string,
  entityRef: string,
  entity: ApiEntity,
  location: LocationSpec,
  emit: CatalogProcessorEmit,
): string | undefined {
  const definition: unknown = entity.spec.definition;
  if (typeof definition === 'string') return definition;
  emit(
    processingResult.inputError(
      location,
      `${what} definition of ${entityRef} is invalid: spec.definition must be a string`,
    ),
  );
  return undefined;
}
