/**
 * A message's JSON schema as rows of a property table: one row per property (nested
 * ones with a dotted path, array items with `[]`), what a reader needs to write or read
 * the message. Pure, so the card only draws.
 */

type Schema = { [key: string]: unknown };

export interface SchemaRow {
  /** e.g. `lines[].sku`; empty for the root when it is no object. */
  path: string;
  /** Nesting depth, for indentation. */
  depth: number;
  type: string;
  required: boolean;
  description?: string;
  /** enum / const / format / pattern / bounds, in words. */
  constraints: string[];
  /** An example value as JSON text. */
  example?: string;
  /** Set for the alternatives of a oneOf / anyOf: "one of 1/2". */
  variant?: string;
}

const isSchema = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_ROWS = 300;

function typeOf(schema: Schema): string {
  if (typeof schema.$circular === 'string') return `↻ ${schema.$circular}`;
  const t = schema.type;
  if (Array.isArray(t)) return t.join(' | ');
  if (typeof t === 'string') {
    if (t === 'array' && isSchema(schema.items)) {
      return `array of ${typeOf(schema.items)}`;
    }
    return t;
  }
  if ('const' in schema) return typeof schema.const;
  if (Array.isArray(schema.enum)) return 'enum';
  if (isSchema(schema.properties)) return 'object';
  if (Array.isArray(schema.oneOf)) return 'one of';
  if (Array.isArray(schema.anyOf)) return 'any of';
  return 'any';
}

function constraintsOf(schema: Schema): string[] {
  const out: string[] = [];
  const json = (v: unknown) => JSON.stringify(v);
  if ('const' in schema) out.push(`= ${json(schema.const)}`);
  if (Array.isArray(schema.enum))
    out.push(`one of ${schema.enum.map(json).join(', ')}`);
  if (typeof schema.format === 'string') out.push(`format ${schema.format}`);
  if (typeof schema.pattern === 'string') out.push(`pattern ${schema.pattern}`);
  for (const [key, word] of [
    ['minimum', '≥'],
    ['exclusiveMinimum', '>'],
    ['maximum', '≤'],
    ['exclusiveMaximum', '<'],
    ['minLength', 'length ≥'],
    ['maxLength', 'length ≤'],
    ['minItems', 'items ≥'],
    ['maxItems', 'items ≤'],
    ['multipleOf', 'multiple of'],
  ] as const) {
    if (typeof schema[key] === 'number') out.push(`${word} ${schema[key]}`);
  }
  if ('default' in schema) out.push(`default ${json(schema.default)}`);
  if (schema.additionalProperties === false) out.push('no other properties');
  return out;
}

function exampleOf(schema: Schema): string | undefined {
  const example = Array.isArray(schema.examples)
    ? schema.examples[0]
    : schema.example;
  return example === undefined ? undefined : JSON.stringify(example);
}

/** allOf parts merged into one object schema (properties and required united). */
function merged(schema: Schema): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  const out: Schema = { ...schema, allOf: undefined };
  const properties: Schema = isSchema(schema.properties)
    ? { ...schema.properties }
    : {};
  const required = new Set<string>(
    Array.isArray(schema.required) ? (schema.required as string[]) : [],
  );
  for (const part of schema.allOf) {
    if (!isSchema(part)) continue;
    const p = merged(part);
    if (isSchema(p.properties)) Object.assign(properties, p.properties);
    if (Array.isArray(p.required))
      (p.required as string[]).forEach(r => required.add(r));
    if (!out.type && p.type) out.type = p.type;
    if (!out.description && p.description) out.description = p.description;
  }
  out.properties = properties;
  out.required = [...required];
  return out;
}

export function schemaRows(root: unknown): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const visit = (
    raw: unknown,
    path: string,
    depth: number,
    required: boolean,
    variant?: string,
  ) => {
    if (!isSchema(raw) || rows.length >= MAX_ROWS) return;
    const schema = merged(raw);
    if (path) {
      rows.push({
        path,
        depth,
        type: typeOf(schema),
        required,
        description:
          typeof schema.description === 'string'
            ? schema.description
            : undefined,
        constraints: constraintsOf(schema),
        example: exampleOf(schema),
        variant,
      });
    }
    const childDepth = path ? depth + 1 : depth;
    if (isSchema(schema.properties)) {
      const req = new Set(
        Array.isArray(schema.required) ? (schema.required as string[]) : [],
      );
      for (const [name, child] of Object.entries(schema.properties)) {
        visit(
          child,
          path ? `${path}.${name}` : name,
          childDepth,
          req.has(name),
        );
      }
    }
    if (isSchema(schema.items)) {
      const items = merged(schema.items);
      if (isSchema(items.properties) || items.oneOf || items.anyOf) {
        visit(
          { ...items, description: undefined },
          `${path}[]`,
          childDepth,
          false,
        );
      }
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = schema[key];
      if (!Array.isArray(options)) continue;
      options.forEach((option, i) => {
        const label = `${key === 'oneOf' ? 'one of' : 'any of'} ${i + 1}/${
          options.length
        }`;
        const o = isSchema(option) ? merged(option) : {};
        if (isSchema(o.properties)) {
          const req = new Set(
            Array.isArray(o.required) ? (o.required as string[]) : [],
          );
          for (const [name, child] of Object.entries(o.properties)) {
            visit(
              child,
              path ? `${path}.${name}` : name,
              childDepth,
              req.has(name),
              label,
            );
          }
        } else {
          visit(o, `${path || '(payload)'}`, childDepth, false, label);
        }
      });
    }
  };
  if (
    isSchema(root) &&
    !isSchema(merged(root).properties) &&
    !root.oneOf &&
    !root.anyOf
  ) {
    visit(root, '(payload)', 0, true);
  } else {
    visit(root, '', 0, true);
  }
  return rows;
}
