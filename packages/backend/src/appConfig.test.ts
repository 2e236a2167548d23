/*
 * Loads app-config.yaml (+ app-config.production.yaml) the way the backend does
 * (Backstage's config loader, environment substitution) and checks what each setup
 * listens on and what production keeps of backend.auth.externalAccess: config arrays
 * replace, so the production file must list the ingest token itself.
 */
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';
import { ServiceFactoryTester } from '@backstage/backend-test-utils';
import { Config } from '@backstage/config';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

async function loadConfig(
  files: string[],
  env: Record<string, string | undefined>,
) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
  try {
    return await ServiceFactoryTester.from(
      rootConfigServiceFactory({
        argv: files.flatMap(file => ['--config', path.join(repoRoot, file)]),
        watch: false,
      }),
    ).getSubject();
  } finally {
    process.env = saved;
  }
}

const productionConfig = (env: Record<string, string | undefined>) =>
  loadConfig(['app-config.yaml', 'app-config.production.yaml'], env);

const listenOf = (config: Config) =>
  readHttpServerOptions(config.getConfig('backend')).listen;

describe('where the backend listens', () => {
  it('the embedded default answers on 127.0.0.1 only (guest sign-in needs no credential)', async () => {
    const config = await loadConfig(['app-config.yaml'], {
      SWITCHBOARD_LISTEN_HOST: undefined,
    });
    expect(listenOf(config)).toEqual({ host: '127.0.0.1', port: 7007 });
  });

  it('SWITCHBOARD_LISTEN_HOST opens the embedded default deliberately', async () => {
    const config = await loadConfig(['app-config.yaml'], {
      SWITCHBOARD_LISTEN_HOST: '0.0.0.0',
    });
    expect(listenOf(config)).toEqual({ host: '0.0.0.0', port: 7007 });
  });

  it('production keeps its own setting (every interface, SWITCHBOARD_PORT)', async () => {
    const config = await productionConfig({
      SWITCHBOARD_PORT: '8123',
      SWITCHBOARD_LISTEN_HOST: undefined,
    });
    expect(listenOf(config)).toEqual({ host: '', port: 8123 });
  });
});

const bySubject = (config: Config, subject: string) =>
  config
    .getConfigArray('backend.auth.externalAccess')
    .filter(e => e.getOptionalString('options.subject') === subject);

describe('app-config.production.yaml', () => {
  const env = {
    SWITCHBOARD_API_TOKEN: 'production-scripts-token-0123456789',
    JOURNEYS_INGEST_TOKEN: 'production-ingest-token-0123456789',
  };

  it('keeps the ingest token beside the scripts token, restricted to journeys.traces.ingest', async () => {
    const config = await productionConfig(env);
    const entries = config.getConfigArray('backend.auth.externalAccess');
    expect(entries.map(e => e.getString('options.subject')).sort()).toEqual([
      'otlp-ingest',
      'switchboard-scripts',
    ]);

    const [ingest] = bySubject(config, 'otlp-ingest');
    expect(ingest.getString('type')).toBe('static');
    expect(ingest.getString('options.token')).toBe(env.JOURNEYS_INGEST_TOKEN);
    expect(ingest.get('accessRestrictions')).toEqual([
      { plugin: 'journeys', permission: 'journeys.traces.ingest' },
    ]);

    const [scripts] = bySubject(config, 'switchboard-scripts');
    expect(scripts.getString('options.token')).toBe(env.SWITCHBOARD_API_TOKEN);
    expect(scripts.has('accessRestrictions')).toBe(false);
  });

  it('has no default ingest token: without JOURNEYS_INGEST_TOKEN the token is missing', async () => {
    const config = await productionConfig({
      ...env,
      JOURNEYS_INGEST_TOKEN: undefined,
    });
    const [ingest] = bySubject(config, 'otlp-ingest');
    // The development default of app-config.yaml does not leak into production.
    expect(ingest.getOptionalString('options.token')).toBeUndefined();
    expect(() => ingest.getString('options.token')).toThrow(/Missing required/);
  });
});

describe('SWITCHBOARD_CATALOG_DIRS (bring your own system)', () => {
  const key = 'catalog.providers.localDirectories';

  it('is off when unset', async () => {
    const config = await loadConfig(['app-config.yaml'], {
      SWITCHBOARD_CATALOG_DIRS: undefined,
    });
    expect(config.getOptional(`${key}.directories`)).toBeUndefined();
  });

  it('passes the list to the catalog directories, relative ones against the repository root', async () => {
    const config = await loadConfig(['app-config.yaml'], {
      SWITCHBOARD_CATALOG_DIRS: ['/abs/dir', 'examples/my-system'].join(
        path.delimiter,
      ),
    });
    expect(config.getString(`${key}.directories`)).toBe(
      ['/abs/dir', 'examples/my-system'].join(path.delimiter),
    );
    // baseDirectory is relative to the backend's working directory, packages/backend.
    expect(
      path.resolve(
        repoRoot,
        'packages/backend',
        config.getString(`${key}.baseDirectory`),
      ),
    ).toBe(repoRoot);
  });
});
