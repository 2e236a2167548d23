#!/usr/bin/env node
// Regenerates the runtime admin API types and document from the contract
// (packages/integration-runtime/openapi.yaml). `--check` exits 1 when they are stale
// (src/generated/generated.test.ts runs it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const contract = path.resolve(here, '../../integration-runtime/openapi.yaml');
const out = path.resolve(here, '../src/generated');

async function render() {
  const banner =
    '// Generated from packages/integration-runtime/openapi.yaml by\n' +
    '// `yarn workspace @internal/integration-runtime-client generate`; do not edit.\n';
  const types =
    banner + astToString(await openapiTS(new URL(`file://${contract}`)));
  const doc = YAML.parse(fs.readFileSync(contract, 'utf8'));
  const document = `${banner}/* eslint-disable */\nexport const runtimeAdminDocument: Record<string, any> = ${JSON.stringify(
    doc,
    null,
    2,
  )};\n`;
  const format = async (file, text) =>
    prettier.format(text, {
      ...(await prettier.resolveConfig(file)),
      filepath: file,
    });
  const files = {
    [path.join(out, 'runtimeAdmin.generated.ts')]: types,
    [path.join(out, 'runtimeAdminDocument.generated.ts')]: document,
  };
  for (const file of Object.keys(files))
    files[file] = await format(file, files[file]);
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = [];
  fs.mkdirSync(out, { recursive: true });
  for (const [file, text] of Object.entries(await render())) {
    const name = path.relative(process.cwd(), file);
    if (!check) {
      fs.writeFileSync(file, text);
      process.stdout.write(`wrote ${name}\n`);
    } else if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      stale.push(name);
    }
  }
  if (stale.length) {
    process.stderr.write(
      `stale, run \`yarn workspace @internal/integration-runtime-client generate\`: ${stale.join(
        ', ',
      )}\n`,
    );
    process.exit(1);
  }
}
