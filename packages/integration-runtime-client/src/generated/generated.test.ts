import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('the generated runtime admin contract', () => {
  it('matches packages/integration-runtime/openapi.yaml', () => {
    const script = path.resolve(
      __dirname,
      '../../scripts/generateRuntimeContract.mjs',
    );
    const run = spawnSync(process.execPath, [script, '--check'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
