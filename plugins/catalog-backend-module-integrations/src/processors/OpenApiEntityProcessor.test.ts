import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { MAX_PROBLEMS } from './DefinitionProblems';
import { OpenApiEntityProcessor } from './OpenApiEntityProcessor';

const CATALOG_INFO = path.resolve(__dirname, '../../../../catalog-info');
const location: LocationSpec = { type: 'file', target: '/catalog/apis.yaml' };
const ordersApi = fs.readFileSync(
  path.join(CATALOG_INFO, 'apis/orders-api.openapi.yaml'),
  'utf-8',
);

function apiEntity(definition: unknown, type = 'openapi'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders-api', namespace: 'default' },
    spec: {
      type,
      lifecycle: 'production',
      owner: 'orders',
      definition,
    } as Entity['spec'],
  };
}

function memoryCache(): CatalogProcessorCache {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

async function process(api: Entity, cache = memoryCache()) {
  const results: CatalogProcessorResult[] = [];
  const returned = await new OpenApiEntityProcessor().postProcessEntity(
    api,
    location,
    result => results.push(result),
    cache,
  );
  expect(returned).toBe(api);
  return results.map(r => {
    if (r.type !== 'error') throw new Error(`unexpected ${r.type}`);
    return { name: r.error.name, message: r.error.message };
  });
}

const PREFIX = 'OpenAPI definition of api:default/orders-api is invalid: ';

describe('OpenApiEntityProcessor', () => {
  it('accepts the demo catalog’s OpenAPI 3.1 documents', async () => {
    for (const file of fs.readdirSync(path.join(CATALOG_INFO, 'apis'))) {
      if (!file.endsWith('.openapi.yaml')) continue;
      const definition = fs.readFileSync(
        path.join(CATALOG_INFO, 'apis', file),
        'utf-8',
      );
      await expect(process(apiEntity(definition))).resolves.toEqual([]);
    }
  });

  it('accepts OpenAPI 3.0 in JSON', async () => {
    const definition = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Pets', version: '1.0.0' },
      paths: {
        '/pets': { get: { responses: { '200': { description: 'ok' } } } },
      },
    });
    await expect(process(apiEntity(definition))).resolves.toEqual([]);
  });

  it('reports a YAML syntax error with its line and column', async () => {
    const errors = await process(
      apiEntity('openapi: 3.1.0\ninfo:\n  title: "Orders\n  version: 1.0.0\n'),
    );
    expect(errors).toEqual([
      {
        name: 'InputError',
        message: expect.stringMatching(
          new RegExp(`^${PREFIX}YAML syntax error at line \\d+, column \\d+: `),
        ),
      },
    ]);
  });

  it('reports a wrong version field', async () => {
    const errors = await process(
      apiEntity(ordersApi.replace(/^openapi: .*$/m, 'openapi: 4.0.0')),
    );
    expect(errors).toEqual([
      {
        name: 'InputError',
        message: `${PREFIX}Cannot find supported swagger/openapi version in specification, version must be a string.`,
      },
    ]);
  });

  it('reports a missing required field of OpenAPI 3.0 with its path', async () => {
    const definition = [
      'openapi: 3.0.3',
      'info:',
      '  title: Pets',
      'paths: {}',
    ].join('\n');
    const errors = await process(apiEntity(definition));
    expect(errors).toEqual([
      {
        name: 'InputError',
        message: `${PREFIX}/info: must have required property 'version'`,
      },
    ]);
  });

  it('reports an unresolved $ref of OpenAPI 3.1', async () => {
    const definition = [
      'openapi: 3.1.0',
      'info: { title: Pets, version: 1.0.0 }',
      'paths:',
      '  /pets:',
      '    get:',
      '      responses:',
      "        '200': { $ref: '#/components/responses/Missing' }",
    ].join('\n');
    const errors = await process(apiEntity(definition));
    expect(errors.map(e => e.message)).toEqual([
      `${PREFIX}Can't resolve #/components/responses/Missing`,
    ]);
  });

  it('refuses a $ref to a file outside the document instead of reading it', async () => {
    const read = jest.spyOn(fs, 'readFileSync');
    const readAsync = jest.spyOn(fs.promises, 'readFile');
    const definition = [
      'openapi: 3.0.3',
      'info: { title: Pets, version: 1.0.0 }',
      'paths:',
      '  /pets:',
      '    get:',
      '      responses:',
      "        '200': { $ref: '../../../../etc/passwd#/x' }",
    ].join('\n');
    const errors = await process(apiEntity(definition));
    expect(errors.map(e => e.message)).toEqual([
      `${PREFIX}Can't resolve ../../../../etc/passwd#/x, only internal refs are supported.`,
    ]);
    const paths = [...read.mock.calls, ...readAsync.mock.calls].map(c =>
      String(c[0]),
    );
    expect(paths.filter(p => p.includes('passwd'))).toEqual([]);
    read.mockRestore();
    readAsync.mockRestore();
  });

  it('names the first problems only, one bounded line each, never the document', async () => {
    const secret = 'x'.repeat(5000);
    const paths = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `/p${i}`,
        { get: { responses: { '200': { $ref: `#/nope/${i}/${secret}` } } } },
      ]),
    );
    const definition = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Pets', version: '1.0.0' },
      paths,
    });
    const [error] = await process(apiEntity(definition));
    expect(error.message.length).toBeLessThan(2000);
    expect(error.message).not.toContain(secret);
    expect(error.message.startsWith(PREFIX)).toBe(true);
    expect(error.message.split('; ').length).toBeLessThanOrEqual(MAX_PROBLEMS);
  });

  it('asks for a string definition', async () => {
    const errors = await process(apiEntity({ $text: './orders.yaml' }));
    expect(errors.map(e => e.message)).toEqual([
      `${PREFIX}spec.definition must be a string`,
    ]);
  });

  it('leaves other API types and kinds alone', async () => {
    await expect(
      process(apiEntity('not: openapi', 'graphql')),
    ).resolves.toEqual([]);
  });

  it('checks an unchanged definition once', async () => {
    const cache = memoryCache();
    const broken = 'openapi: 3.1.0\ninfo: {}\npaths: {}\n';
    const first = await process(apiEntity(broken), cache);
    const validate = jest.fn();
    jest
      .spyOn(
        jest.requireActual('@seriousme/openapi-schema-validator').Validator
          .prototype,
        'validate',
      )
      .mockImplementation(validate);
    const second = await process(apiEntity(broken), cache);
    expect(validate).not.toHaveBeenCalled();
    expect(second).toEqual(first);
    expect(first).toHaveLength(1);
    jest.restoreAllMocks();
  });
});
