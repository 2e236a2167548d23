/*
 * The API documents in catalog-info/apis/ are valid by the specifications' own tools:
 * OpenAPI 3.1 against the official JSON schema, AsyncAPI 2.6 / 3.0 through the
 * AsyncAPI initiative's parser (which also runs its spectral ruleset).
 */
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const apisDir = path.resolve(__dirname, '../../../catalog-info/apis');
const files = fs.readdirSync(apisDir).sort();
const openapi = files.filter(f => f.endsWith('.openapi.yaml'));
const asyncapi = files.filter(f => f.endsWith('.asyncapi.yaml'));
const read = (f: string) => fs.readFileSync(path.join(apisDir, f), 'utf-8');

describe('API documents', () => {
  it('covers OpenAPI and both AsyncAPI major versions', () => {
    expect(openapi.length).toBeGreaterThanOrEqual(3);
    const versions = asyncapi.map(f => parse(read(f)).asyncapi);
    expect(versions).toEqual(expect.arrayContaining(['2.6.0', '3.0.0']));
  });

  it.each(openapi)('%s is valid OpenAPI 3.1', async file => {
    const doc = parse(read(file));
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each(asyncapi)('%s is valid AsyncAPI', async file => {
    const { document, diagnostics } = await new Parser().parse(read(file));
    const problems = diagnostics
      .filter(d => d.severity === DiagnosticSeverity.Error)
      .map(d => `${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.channels().length).toBeGreaterThan(0);
    expect(document!.operations().length).toBeGreaterThan(0);
  });
});
