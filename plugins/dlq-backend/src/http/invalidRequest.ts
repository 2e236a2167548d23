import { InputError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';

/*
 * The router generated from src/schema/openapi.yaml answers a request that does not match
 * the description with an InputError whose message is the validator's
 * (`request/query/limit must be <= 500`). This names the rule instead, read from the same
 * description: `invalid query: limit must be an integer from 1 to 500`.
 */

type Schema = {
  $ref?: string;
  type?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: readonly unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
};
type Parameter = { $ref?: string; name?: string; in?: string; schema?: Schema };
type Operation = {
  parameters?: readonly Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Spec = {
  paths: Record<string, any>;
  components?: Record<string, any>;
};

const WHERE: Record<string, string> = {
  params: 'path',
  query: 'query',
  body: 'body',
};

function resolve<T extends { $ref?: string }>(spec: Spec, value?: T): T {
  let at: any = value;
  for (let hops = 0; at?.$ref && hops < 10; hops++) {
    at = at.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: any, key: string) => node?.[key], spec);
  }
  return at ?? {};
}

/** The schema of a field the validator named, found in the route's description. */
function schemaOf(
  spec: Spec,
  route: string,
  method: string,
  where: string,
  path: string[],
): Schema | undefined {
  const item = spec.paths[route];
  const operation: Operation | undefined = item?.[method];
  if (!operation) return undefined;
  if (where === 'body') {
    let schema = resolve(
      spec,
      operation.requestBody?.content?.['application/json']?.schema,
    );
    for (const key of path) {
      schema = resolve(
        spec,
        schema.type === 'array' ? schema.items : schema.properties?.[key],
      );
    }
    return schema;
  }
  const parameter = [
    ...(item.parameters ?? []),
    ...(operation.parameters ?? []),
  ]
    .map(p => resolve<Parameter>(spec, p))
    .find(
      p => p.name === path[0] && p.in === (where === 'params' ? 'path' : where),
    );
  if (!parameter) return undefined;
  // A repeated query parameter's value (`traceId/1`) is checked against the array's items.
  let schema = resolve(spec, parameter.schema);
  for (const key of path.slice(1)) {
    schema = resolve(
      spec,
      schema.type === 'array' ? schema.items : schema.properties?.[key],
    );
  }
  return schema;
}

/** The rule a value broke, in words, for the validator's message about it. */
function ruleOf(field: string, schema: Schema, message: string): string {
  const { minimum: min, maximum: max } = schema;
  if (
    (min !== undefined || max !== undefined) &&
    /^must be (>|<|integer|number)/.test(message)
  ) {
    const kind = schema.type === 'integer' ? 'an integer' : 'a number';
    let range = `from ${min} to ${max}`;
    if (max === undefined) range = `of at least ${min}`;
    else if (min === undefined) range = `of at most ${max}`;
    return `${field} must be ${kind} ${range}`;
  }
  if (/more than \d+ characters/.test(message))
    return `${field} must be at most ${schema.maxLength} characters`;
  if (/fewer than \d+ characters/.test(message))
    return schema.minLength === 1
      ? `${field} must not be empty`
      : `${field} must be at least ${schema.minLength} characters`;
  if (/allowed values/.test(message) && schema.enum)
    return `${field}: must be one of ${schema.enum.join(', ')}`;
  if (/^must have required property/.test(message))
    return `${field}: is required`;
  if (/^must NOT have additional properties/.test(message))
    return `${field}: is not a known field`;
  return `${field}: ${schema.description ?? message}`;
}

/**
 * Rewrites the generated router's validation errors (InputErrors starting `request/`);
 * `overrides` gives the words for rules that config sets (by `where.field`).
 */
export function invalidRequest(
  spec: Spec,
  overrides: Record<string, string> = {},
): ErrorRequestHandler {
  return (err, req, _res, next) => {
    const openapi = (req as { openapi?: { openApiRoute?: string } }).openapi;
    if (
      !(err instanceof InputError) ||
      !err.message.startsWith('request/') ||
      !openapi?.openApiRoute
    ) {
      next(err);
      return;
    }
    const route = openapi.openApiRoute;
    const method = req.method.toLowerCase();
    const parts = err.message.split(/, (?=request\/)/).map(part => {
      const [, location, message] = /^request\/(\S*) (.*)$/s.exec(part) ?? [];
      const [where, ...path] = (location ?? '').split('/');
      if (!WHERE[where]) return part;
      // A query parameter is repeated, not indexed, in a URL: `traceId`, not `traceId.1`.
      const named =
        where === 'query' ? path.filter(p => !/^\d+$/.test(p)) : path;
      const field = named.join('.') || where;
      const schema = schemaOf(spec, route, method, where, path);
      const rule =
        overrides[`${where}.${field}`] ??
        (schema ? ruleOf(field, schema, message) : `${field}: ${message}`);
      return `invalid ${WHERE[where]}: ${rule}`;
    });
    next(new InputError(parts.join('; ').slice(0, 2000)));
  };
}
