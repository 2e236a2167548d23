import { Validator } from '@seriousme/openapi-schema-validator';
import { QUEUE_NAME } from '../broker/queueName';
import { loadOpenApiDocument } from './AdminServer';

type Doc = Record<string, any>;

/** Every operation of the document with what these tests look at. */
function operationsOf(doc: Doc) {
  return Object.entries<Doc>(doc.paths).flatMap(([path, item]) =>
    Object.entries<Doc>(item)
      .filter(([method]) => method !== 'parameters')
      .map(([method, op]) => ({
        path,
        method,
        name: `${method} ${path}`,
        security: op.security,
        statuses: Object.keys(op.responses),
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
      })),
  );
}

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
    const v1 = operationsOf(doc).filter(o => o.path.startsWith('/v1'));
    expect(v1.length).toBeGreaterThan(10);
    expect(v1.filter(o => o.security !== undefined).map(o => o.name)).toEqual(
      [],
    );
    expect(
      v1.filter(o => !o.statuses.includes('401')).map(o => o.name),
    ).toEqual([]);
    const writes = v1.filter(o => o.method !== 'get');
    expect(
      writes
        .filter(o => !['400', '403'].every(s => o.statuses.includes(s)))
        .map(o => o.name),
    ).toEqual([]);
  });

  it('names queues with the pattern the runtime checks, dots-only names excluded', () => {
    const doc = loadOpenApiDocument();
    expect(doc.components.schemas.QueueName.pattern).toBe(QUEUE_NAME.source);
    // The path parameter, the replay selection and the replay filter all use it.
    expect(doc.components.parameters.Dlq.schema).toEqual({
      $ref: '#/components/schemas/QueueName',
    });
    expect(doc.components.schemas.ReplaySelection.properties.dlq).toEqual({
      $ref: '#/components/schemas/QueueName',
    });
    const replayFilter = operationsOf(doc)
      .find(o => o.name === 'get /v1/replays')!
      .parameters.find((p: Doc) => p.name === 'dlq');
    expect(replayFilter.schema).toEqual({
      $ref: '#/components/schemas/QueueName',
    });
    const pattern = new RegExp(doc.components.schemas.QueueName.pattern, 'u');
    expect(
      ['.', '..', '...', '', 'a/b', 'x'.repeat(201)].filter(n =>
        pattern.test(n),
      ),
    ).toEqual([]);
    expect(
      ['orders.dlq', '.hidden', 'a..b', 'x'.repeat(200)].every(n =>
        pattern.test(n),
      ),
    ).toBe(true);
  });

  it('bounds every integer query parameter', () => {
    const doc = loadOpenApiDocument();
    const resolve = (x: Doc): Doc =>
      x.$ref
        ? resolve(
            x.$ref
              .slice(2)
              .split('/')
              .reduce((o: Doc, k: string) => o[k], doc),
          )
        : x;
    const integers = operationsOf(doc).flatMap(o =>
      o.parameters
        .map(resolve)
        .filter((p: Doc) => resolve(p.schema).type === 'integer')
        .map(
          (p: Doc): Doc => ({
            at: `${o.name} ${p.name}`,
            ...resolve(p.schema),
          }),
        ),
    );
    expect(integers.length).toBeGreaterThan(4);
    expect(
      integers
        .filter(
          s =>
            !Number.isSafeInteger(s.minimum) ||
            !Number.isSafeInteger(s.maximum),
        )
        .map(s => s.at),
    ).toEqual([]);
  });
});
