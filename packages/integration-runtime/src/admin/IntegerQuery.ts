import { InputError } from '@backstage/errors';
import { Request } from 'express';

type Doc = Record<string, any>;

interface IntegerSchema {
  minimum?: number;
  maximum?: number;
  default?: number;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Reads integer query parameters with the bounds and default openapi.yaml declares for
 * the operation. The request validator coerces `Infinity` and `1e309` to Infinity and then
 * skips minimum and maximum (Ajv checks bounds on finite numbers only), so every integer is
 * checked again here before it reaches SQL.
 */
export class IntegerQuery {
  private readonly byOperation = new Map<string, Map<string, IntegerSchema>>();

  constructor(private readonly doc: Doc) {
    for (const [route, item] of Object.entries<Doc>(doc.paths)) {
      for (const method of METHODS) {
        if (!item[method]) continue;
        const integers = new Map<string, IntegerSchema>();
        for (const ref of [
          ...(item.parameters ?? []),
          ...(item[method].parameters ?? []),
        ]) {
          const p = this.resolve(ref);
          const schema = this.resolve(p.schema ?? {});
          if (p.in === 'query' && schema.type === 'integer')
            integers.set(p.name, schema);
        }
        this.byOperation.set(`${method.toUpperCase()} ${route}`, integers);
      }
    }
  }

  private resolve(obj: Doc): Doc {
    if (!obj?.$ref) return obj;
    return this.resolve(
      obj.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((o: Doc, k: string) => o?.[k], this.doc),
    );
  }

  /** The parameter's value, its declared default when absent; InputError when out of bounds. */
  read(req: Request, name: string): number | undefined {
    // Set by express-openapi-validator on every request it validated.
    const { openapi } = req as Request & { openapi?: { openApiRoute: string } };
    const operation = `${req.method} ${openapi?.openApiRoute}`;
    const schema = this.byOperation.get(operation)?.get(name);
    if (!schema) {
      throw new Error(`${operation} has no integer query parameter '${name}'`);
    }
    const raw: unknown = req.query[name];
    if (raw === undefined || raw === '') return schema.default;
    const value =
      typeof raw === 'string' && /^-?\d{1,16}$/.test(raw) ? Number(raw) : raw;
    const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
    const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      value < min ||
      value > max
    ) {
      throw new InputError(
        `/query/${name}: must be an integer from ${min} to ${max}, got '${String(
          raw,
        ).slice(0, 40)}'`,
      );
    }
    return value;
  }
}
