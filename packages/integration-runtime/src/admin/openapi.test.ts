import { Validator } from '@seriousme/openapi-schema-validator';
import { loadOpenApiDocument } from './AdminServer';

describe('runtime admin API contract', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = loadOpenApiDocument();
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('protects every /v1 operation with the bearer token and declares its errors', () => {
    const doc = loadOpenApiDocument();
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      if (!path.startsWith('/v1')) continue;
      for (const [method, op] of Object.entries<any>(item)) {
        if (method === 'parameters') continue;
        expect({ op: `${method} ${path}`, security: op.security }).toEqual({
          op: `${method} ${path}`,
          security: undefined,
        });
        expect(Object.keys(op.responses)).toContain('401');
        if (method !== 'get')
          expect(Object.keys(op.responses)).toEqual(
            expect.arrayContaining(['400', '403']),
          );
      }
    }
  });
});
