import { execFileSync } from 'node:child_process';
import path from 'node:path';

describe('the OpenAPI description', () => {
  it('matches the router and client types generated from it (yarn schema:generate)', () => {
    expect(() =>
      execFileSync(
        process.execPath,
        [
          path.resolve(__dirname, '../../../../.toolchain/generateOpenApi.mjs'),
          'plugins/dlq-backend',
          'plugins/dlq-common',
          '--check',
        ],
        { stdio: 'pipe' },
      ),
    ).not.toThrow();
  });
});
