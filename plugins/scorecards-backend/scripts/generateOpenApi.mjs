#!/usr/bin/env node
// Generates, from src/schema/openapi.yaml (the one description of the scorecards routes):
// - src/schema/openapi/generated/router.ts: the spec as a const and a router validated
//   against it (@backstage/backend-openapi-utils), as `backstage-repo-tools package schema
//   openapi generate --server` writes it;
// - plugins/scorecards-common/src/schema/openapi/generated/types.ts: the request and response
//   types for clients (openapi-typescript; the frontend calls them with openapi-fetch).
// repo-tools itself needs the openapi-generator jar, which cannot be downloaded here.
// `--check` exits 1 when a generated file is stale (a test runs it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const specPath = path.resolve(here, '../src/schema/openapi.yaml');
const banner =
  '// Generated from plugins/scorecards-backend/src/schema/openapi.yaml by\n' +
  '// `yarn workspace @internal/plugin-scorecards-backend schema:generate`; do not edit.\n';

export async function render() {
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
    [path.resolve(here, '../src/schema/openapi/generated/router.ts')]: router,
    [path.resolve(
      here,
      '../../scorecards-common/src/schema/openapi/generated/types.ts',
    )]: types,
  };
  for (const file of Object.keys(files))
    files[file] = await prettier.format(files[file], {
      ...(await prettier.resolveConfig(file)),
      filepath: file,
    });
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
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
    process.stderr.write(
      `stale, run \`yarn workspace @internal/plugin-scorecards-backend schema:generate\`: ${stale.join(
        ', ',
      )}\n`,
    );
    process.exit(1);
  }
}
