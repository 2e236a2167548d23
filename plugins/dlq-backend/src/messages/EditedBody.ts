import { InputError } from '@backstage/errors';
import { BodyProblem, DiffLine } from '@internal/plugin-dlq-common';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { diffLines } from 'diff';
import { MASK } from './PiiMasker';

/*
 * The pure half of "edit and replay": JSON and schema checks of an edited body, putting
 * back the personal data the editor only ever saw masked, and a line diff.
 */

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

function describe(err: ErrorObject): string {
  if (err.keyword === 'additionalProperties') {
    const name = (err.params as { additionalProperty: string })
      .additionalProperty;
    return `must not have the property '${name}'`;
  }
  if (err.keyword === 'enum') {
    const allowed = (err.params as { allowedValues: unknown[] }).allowedValues;
    return `must be one of ${JSON.stringify(allowed)}`;
  }
  return err.message ?? err.keyword;
}

/** Problems of `text` as JSON, and against `schema` when there is one. */
export function checkBody(
  text: string,
  schema: Record<string, unknown> | undefined,
): { problems: BodyProblem[]; value?: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      problems: [
        { path: '', message: `not valid JSON: ${(e as Error).message}` },
      ],
    };
  }
  if (!schema) return { problems: [], value };
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (e) {
      return {
        problems: [
          {
            path: '',
            message: `the topic's schema cannot be used: ${
              (e as Error).message
            }`,
          },
        ],
        value,
      };
    }
    compiled.set(schema, validate);
  }
  if (validate(value)) return { problems: [], value };
  return {
    problems: (validate.errors ?? []).slice(0, 50).map(err => ({
      path: err.instancePath,
      message: describe(err),
    })),
    value,
  };
}

/**
 * The editor starts from the masked body. A field still holding the mask at the path it
 * was masked at gets its original value back; a mask anywhere else is refused, so a
 * placeholder is never published as data.
 */
export function unmask(edited: unknown, original: unknown): unknown {
  const left: string[] = [];
  const walk = (e: unknown, o: unknown, path: string): unknown => {
    if (e === MASK) {
      if (o !== undefined && o !== MASK) return o;
      left.push(path || '/');
      return e;
    }
    if (Array.isArray(e)) {
      return e.map((v, i) =>
        walk(v, Array.isArray(o) ? o[i] : undefined, `${path}/${i}`),
      );
    }
    if (e && typeof e === 'object') {
      const from =
        o && typeof o === 'object' && !Array.isArray(o)
          ? (o as Record<string, unknown>)
          : {};
      return Object.fromEntries(
        Object.entries(e).map(([k, v]) => [
          k,
          walk(v, from[k], `${path}/${k}`),
        ]),
      );
    }
    return e;
  };
  const result = walk(edited, original, '');
  if (left.length) {
    throw new InputError(
      `the body holds the mask placeholder at ${left
        .slice(0, 5)
        .join(', ')} where the original had no value: type the real value`,
    );
  }
  return result;
}

/** Line diff of two texts (both masked: the diff is shown and audited). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    let kind: DiffLine['kind'] = 'same';
    if (part.added) kind = 'added';
    else if (part.removed) kind = 'removed';
    const texts = part.value.replace(/\n$/, '').split('\n');
    for (const text of texts) lines.push({ kind, text });
  }
  return lines;
}

/** The diff as unified-style text, for the audit trail. */
export function diffText(lines: DiffLine[]): string {
  return lines
    .filter(l => l.kind !== 'same')
    .map(l => `${l.kind === 'added' ? '+' : '-'} ${l.text}`)
    .join('\n');
}

export function problemsText(problems: BodyProblem[]): string {
  const listed = problems
    .slice(0, 10)
    .map(p => `${p.path || '(root)'}: ${p.message}`)
    .join('; ');
  return problems.length > 10
    ? `${listed} (and ${problems.length - 10} more)`
    : listed;
}
