#!/usr/bin/env node
// Generates, from a backend plugin's src/schema/openapi.yaml (the one description of its
// routes):
// - <backend>/src/schema/openapi/generated/router.ts: the spec as a const and a router
//   validated against it (@backstage/backend-openapi-utils), as `backstage-repo-tools
//   package schema openapi generate --server` writes it;
// - <common>/src/schema/openapi/generated/types.ts: the request and response types for
//   clients (openapi-typescript; frontends call them with openapi-fetch).
// repo-tools itself needs the openapi-generator jar, which cannot be downloaded here.
//
//   node .toolchain/generateOpenApi.mjs <backend folder> <common folder> [--check]
//   e.g. plugins/journeys-backend plugins/journeys-common
//
// `--check` exits 1 when a generated file is stale (each backend's openapi.test.ts runs it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [backendDir, commonDir] = process.argv
  .slice(2)
  .filter(a => !a.startsWith('--'));
if (!backendDir || !commonDir) {
  process.stderr.write(
    'usage: generateOpenApi.mjs <backend folder> <common folder> [--check]\n',
  );
  process.exit(2);
}
const backend = path.resolve(root, backendDir);
const common = path.resolve(root, commonDir);
const specPath = path.join(backend, 'src/schema/openapi.yaml');
const { name: packageName } = JSON.parse(
  fs.readFileSync(path.join(backend, 'package.json'), 'utf8'),
);
const rerun = `yarn workspace ${packageName} schema:generate`;
const banner =
  `// Generated from ${path.relative(root, specPath)} by\n` +
  `// \`${rerun}\`; do not edit.\n`;

async function render() {
  const spec = YAML.parse(fs.readFileSync(specPath, 'utf8'));
  const router = `${banner}/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
  const types = `${banner}/* eslint-disable */\n${astToString(
    await openapiTS(new URL(`file://${specPath}`)),
  )}`;
  const files = {
    [path.join(backend, 'src/schema/openapi/generated/router.ts')]: router,
    [path.join(common, 'src/schema/openapi/generated/types.ts')]: types,
  };
  for (const file of Object.keys(files))
    files[file] = await prettier.format(files[file], {
      ...(await prettier.resolveConfig(file)),
      filepath: file,
    });
  return files;
}

{
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [file, text] of Object.entries(await render())) {
    const name = path.relative(process.cwd(), file);
    if (!check) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      process.stdout.write(`wrote ${name}\n`);
    } else if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      stale.push(name);
    }
  }
  if (stale.length) {
    process.stderr.write(`stale, run \`${rerun}\`: ${stale.join(', ')}\n`);
    process.exit(1);
  }
}
