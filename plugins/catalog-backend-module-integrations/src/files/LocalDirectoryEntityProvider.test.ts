import { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LOCAL_DIRECTORIES_DEFAULTS,
  LocalDirectoriesConfig,
  readLocalDirectoriesConfig,
} from './catalogDirectories';
import { LocalDirectoryEntityProvider } from './LocalDirectoryEntityProvider';

const COMPONENT = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec: { type: service, lifecycle: production, owner: platform }
`;

const ASYNCAPI = `asyncapi: 3.0.0
info: { title: Events, version: 1.0.0 }
channels: {}
`;

const OPENAPI = `openapi: 3.1.0
info: { title: Orders, version: "1" }
paths: {}
`;

/** Temp directories removed after each test. */
const made: string[] = [];
function tempDir(prefix = 'sb-dirs-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function setup(
  directories: string[],
  overrides: Partial<LocalDirectoriesConfig> = {},
) {
  const logger = mockServices.logger.mock();
  const mutations: EntityProviderMutation[] = [];
  const refreshed: string[][] = [];
  const connection: EntityProviderConnection = {
    applyMutation: jest.fn(async (mutation: EntityProviderMutation) => {
      mutations.push(mutation);
    }),
    refresh: jest.fn(async ({ keys }: { keys: string[] }) => {
      refreshed.push(keys);
    }),
  };
  const scheduled: Array<{ id: string; fn: () => Promise<void> }> = [];
  const taskRunner: SchedulerServiceTaskRunner = {
    run: async task => {
      scheduled.push(task as { id: string; fn: () => Promise<void> });
    },
  };
  const provider = new LocalDirectoryEntityProvider({
    config: {
      directories,
      maxDepth: LOCAL_DIRECTORIES_DEFAULTS.maxDepth,
      maxFiles: LOCAL_DIRECTORIES_DEFAULTS.maxFiles,
      schedule: LOCAL_DIRECTORIES_DEFAULTS.schedule,
      ...overrides,
    },
    logger,
    taskRunner,
  });
  /** The targets of the Location entities in the newest full mutation. */
  const targets = () => {
    const last = mutations[mutations.length - 1];
    if (!last || last.type !== 'full') return undefined;
    return last.entities.map(({ entity }) => entity.spec?.target as string);
  };
  const warnings = () =>
    (logger.warn as jest.Mock).mock.calls.map(([message]) => String(message));
  return {
    provider,
    connection,
    mutations,
    refreshed,
    scheduled,
    targets,
    warnings,
    connect: () => provider.connect(connection),
  };
}

describe('LocalDirectoryEntityProvider', () => {
  it('schedules its scan on connect and registers nothing before it runs', async () => {
    const dir = tempDir();
    const t = setup([dir]);
    await t.connect();
    expect(t.scheduled.map(task => task.id)).toEqual([
      'local-directories:refresh',
    ]);
    expect(t.mutations).toEqual([]);
    write(path.join(dir, 'a.yaml'), COMPONENT('a'));
    await t.scheduled[0].fn();
    expect(t.targets()).toEqual([path.join(dir, 'a.yaml')]);
  });

  it('emits a file Location entity per catalog file, and drops deleted files', async () => {
    const dir = tempDir();
    write(path.join(dir, 'catalog-info.yaml'), COMPONENT('a'));
    const t = setup([dir]);
    await t.connect();

    await t.provider.refresh();
    expect(t.mutations).toHaveLength(1);
    const [deferred] = (t.mutations[0] as { entities: any[] }).entities;
    const target = path.join(dir, 'catalog-info.yaml');
    expect(deferred.locationKey).toBe(`file:${target}`);
    expect(deferred.entity).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      spec: { type: 'file', target },
      metadata: {
        annotations: {
          'backstage.io/managed-by-location': `file:${target}`,
          'backstage.io/managed-by-origin-location': `file:${target}`,
        },
      },
    });

    // A new file (multi-document, .yml, in a subdirectory) appears...
    write(
      path.join(dir, 'team', 'more.yml'),
      `${COMPONENT('b')}---\n${COMPONENT('c')}`,
    );
    await t.provider.refresh();
    expect(t.targets()).toEqual([target, path.join(dir, 'team', 'more.yml')]);

    // ...and a deleted one is gone from the next full mutation.
    fs.rmSync(target);
    await t.provider.refresh();
    expect(t.targets()).toEqual([path.join(dir, 'team', 'more.yml')]);

    // An unchanged set is not applied again.
    const count = t.mutations.length;
    await t.provider.refresh();
    expect(t.mutations).toHaveLength(count);
  });

  it('refreshes the keys of changed files, catalog files and definitions alike', async () => {
    const dir = tempDir();
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    const definition = path.join(dir, 'apis', 'events.asyncapi.yaml');
    write(catalogFile, COMPONENT('a'));
    write(definition, ASYNCAPI);
    const t = setup([dir]);
    await t.connect();

    await t.provider.refresh();
    // The first scan refreshes everything: files may have changed while the backend was down.
    expect(t.refreshed.flat()).toEqual(
      expect.arrayContaining([`file:${catalogFile}`, `file:${definition}`]),
    );

    t.refreshed.length = 0;
    await t.provider.refresh();
    expect(t.refreshed.flat()).toEqual([]);

    fs.writeFileSync(definition, `${ASYNCAPI}# changed\n`);
    fs.utimesSync(definition, new Date(), new Date(Date.now() + 5_000));
    await t.provider.refresh();
    expect(t.refreshed.flat()).toEqual([`file:${definition}`]);

    t.refreshed.length = 0;
    fs.writeFileSync(catalogFile, COMPONENT('renamed'));
    fs.utimesSync(catalogFile, new Date(), new Date(Date.now() + 10_000));
    await t.provider.refresh();
    expect(t.refreshed.flat()).toEqual([`file:${catalogFile}`]);
  });

  it('leaves out OpenAPI and AsyncAPI documents, but registers YAML that is no entity', async () => {
    const dir = tempDir();
    write(path.join(dir, 'catalog-info.yaml'), COMPONENT('a'));
    write(path.join(dir, 'apis', 'events.asyncapi.yaml'), ASYNCAPI);
    write(path.join(dir, 'apis', 'orders.yaml'), OPENAPI);
    write(path.join(dir, 'compose.yaml'), 'services: { db: { image: x } }\n');
    write(path.join(dir, 'broken.yaml'), 'kind: [unclosed\n');
    write(path.join(dir, 'notes.txt'), 'not yaml');
    const t = setup([dir]);
    await t.connect();
    await t.provider.refresh();
    // The catalog reports the last two on their Location entities.
    expect(t.targets()).toEqual([
      path.join(dir, 'broken.yaml'),
      path.join(dir, 'catalog-info.yaml'),
      path.join(dir, 'compose.yaml'),
    ]);
  });

  it('leaves out YAML data that a catalog file reads with a placeholder', async () => {
    const dir = tempDir();
    write(
      path.join(dir, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: db }
spec:
  type: database
  owner: platform
  settings: { $yaml: ./data/settings.yaml }
  schema: { $text: ../elsewhere/schema.yaml }
`,
    );
    write(path.join(dir, 'data', 'settings.yaml'), 'replicas: 2\n');
    // Named by a placeholder, but holds an entity itself: still a catalog file.
    write(path.join(dir, 'data', 'odd.yaml'), COMPONENT('odd'));
    write(
      path.join(dir, 'other.yaml'),
      `${COMPONENT(
        'other',
      )}---\napiVersion: x/v1\nkind: X\nmetadata: { name: x }\nspec: { a: { $text: ./data/odd.yaml } }\n`,
    );
    const t = setup([dir]);
    await t.connect();
    await t.provider.refresh();
    expect(t.targets()).toEqual([
      path.join(dir, 'catalog-info.yaml'),
      path.join(dir, 'data', 'odd.yaml'),
      path.join(dir, 'other.yaml'),
    ]);
  });

  it('skips dot entries and node_modules', async () => {
    const dir = tempDir();
    write(path.join(dir, 'a.yaml'), COMPONENT('a'));
    write(path.join(dir, '.github', 'workflows', 'ci.yaml'), 'on: push\n');
    write(path.join(dir, '.hidden.yaml'), COMPONENT('h'));
    write(path.join(dir, 'node_modules', 'x', 'catalog-info.yaml'), 'x: 1\n');
    const t = setup([dir]);
    await t.connect();
    await t.provider.refresh();
    expect(t.targets()).toEqual([path.join(dir, 'a.yaml')]);
  });

  it('never follows a symlink out of the directory, and says so', async () => {
    const outside = tempDir('sb-outside-');
    write(path.join(outside, 'secret.yaml'), COMPONENT('secret'));
    write(path.join(outside, 'more', 'b.yaml'), COMPONENT('b'));
    const dir = tempDir();
    write(path.join(dir, 'a.yaml'), COMPONENT('a'));
    fs.symlinkSync(
      path.join(outside, 'secret.yaml'),
      path.join(dir, 'link.yaml'),
    );
    fs.symlinkSync(path.join(outside, 'more'), path.join(dir, 'linked-dir'));
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'broken.yaml'));
    const t = setup([dir]);
    await t.connect();
    await t.provider.refresh();

    expect(t.targets()).toEqual([path.join(dir, 'a.yaml')]);
    const warnings = t.warnings().join('\n');
    expect(warnings).toMatch(/link\.yaml is a symlink that leads out/);
    expect(warnings).toMatch(/linked-dir is a symlink that leads out/);
    expect(warnings).toMatch(/broken\.yaml is a broken symlink/);

    // Said once, not on every scan.
    const count = t.warnings().length;
    await t.provider.refresh();
    expect(t.warnings()).toHaveLength(count);
  });

  it('follows symlinks inside the directory once, without loops or duplicates', async () => {
    const dir = tempDir();
    write(path.join(dir, 'real', 'a.yaml'), COMPONENT('a'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    fs.symlinkSync(dir, path.join(dir, 'real', 'loop'));
    fs.symlinkSync(path.join(dir, 'real', 'a.yaml'), path.join(dir, 'b.yaml'));
    const t = setup([dir]);
    await t.connect();
    await t.provider.refresh();
    // One Location per real file: b.yaml is found first (files before directories).
    expect(t.targets()).toEqual([path.join(dir, 'b.yaml')]);
  });

  it('bounds the depth it searches', async () => {
    const dir = tempDir();
    write(path.join(dir, 'top.yaml'), COMPONENT('top'));
    write(path.join(dir, '1', '2', 'two.yaml'), COMPONENT('two'));
    write(path.join(dir, '1', '2', '3', 'three.yaml'), COMPONENT('three'));
    const t = setup([dir], { maxDepth: 2 });
    await t.connect();
    await t.provider.refresh();
    expect(t.targets()).toEqual([
      path.join(dir, '1', '2', 'two.yaml'),
      path.join(dir, 'top.yaml'),
    ]);
    expect(t.warnings().join('\n')).toMatch(/deeper than maxDepth 2/);
  });

  it('bounds the number of catalog files it registers', async () => {
    const dir = tempDir();
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      write(path.join(dir, `${name}.yaml`), COMPONENT(name));
    }
    const t = setup([dir], { maxFiles: 3 });
    await t.connect();
    await t.provider.refresh();
    expect(t.targets()).toEqual(
      ['a', 'b', 'c'].map(name => path.join(dir, `${name}.yaml`)),
    );
    expect(t.warnings().join('\n')).toMatch(/maxFiles 3/);
  });

  it('leaves out names the catalog would take as glob patterns', async () => {
    const dir = tempDir();
    write(path.join(dir, 'a.yaml'), COMPONENT('a'));
    write(path.join(dir, '{..,x}', 'b.yaml'), COMPONENT('b'));
    write(path.join(dir, 'c[1].yaml'), COMPONENT('c'));
    const t = setup([dir]);
    await t.connect();
    await t.provider.refresh();
    expect(t.targets()).toEqual([path.join(dir, 'a.yaml')]);
    expect(t.warnings().join('\n')).toMatch(/glob pattern/);
  });

  it('warns about a directory that does not exist, keeps going, and reads it once it does', async () => {
    const present = tempDir();
    write(path.join(present, 'a.yaml'), COMPONENT('a'));
    const missing = path.join(tempDir(), 'not-yet');
    const t = setup([missing, present]);
    await t.connect();
    await t.provider.refresh();
    expect(t.targets()).toEqual([path.join(present, 'a.yaml')]);
    expect(t.warnings()).toEqual([
      expect.stringMatching(/not-yet does not exist/),
    ]);
    await t.provider.refresh();
    expect(t.warnings()).toHaveLength(1);

    write(path.join(missing, 'b.yaml'), COMPONENT('b'));
    await t.provider.refresh();
    expect(t.targets()).toEqual([
      path.join(missing, 'b.yaml'),
      path.join(present, 'a.yaml'),
    ]);
  });

  it('registers a file two directories share once', async () => {
    const outer = tempDir();
    const inner = path.join(outer, 'inner');
    write(path.join(inner, 'a.yaml'), COMPONENT('a'));
    const t = setup([outer, inner]);
    await t.connect();
    await t.provider.refresh();
    expect(t.targets()).toEqual([path.join(inner, 'a.yaml')]);
  });

  it('registers a file it cannot read, so that the catalog reports it', async () => {
    const dir = tempDir();
    const locked = path.join(dir, 'locked.yaml');
    write(locked, COMPONENT('a'));
    // As root a chmod 000 file stays readable: make the read fail as it would for others.
    const readFile = jest
      .spyOn(fs.promises, 'readFile')
      .mockImplementation(async file => {
        throw Object.assign(new Error(`EACCES: permission denied ${file}`), {
          code: 'EACCES',
        });
      });
    try {
      const t = setup([dir]);
      await t.connect();
      await t.provider.refresh();
      expect(readFile).toHaveBeenCalled();
      expect(t.targets()).toEqual([locked]);
    } finally {
      readFile.mockRestore();
    }
  });
});

describe('readLocalDirectoriesConfig', () => {
  const read = (localDirectories: object | undefined) =>
    readLocalDirectoriesConfig(
      new ConfigReader({ catalog: { providers: { localDirectories } } }),
    );

  it('is off without directories', () => {
    expect(read(undefined)).toBeUndefined();
    expect(read({ baseDirectory: '/repo' })).toBeUndefined();
    expect(read({ directories: '' })).toBeUndefined();
    expect(read({ directories: [] })).toBeUndefined();
  });

  it('splits an environment string on the path delimiter and resolves relative paths against baseDirectory', () => {
    const config = read({
      directories: ['/abs/one', 'rel/two', '', '/abs/one'].join(path.delimiter),
      baseDirectory: '/repo',
    });
    expect(config?.directories).toEqual(['/abs/one', '/repo/rel/two']);
    expect(config?.maxDepth).toBe(LOCAL_DIRECTORIES_DEFAULTS.maxDepth);
    expect(config?.maxFiles).toBe(LOCAL_DIRECTORIES_DEFAULTS.maxFiles);
    expect(config?.schedule).toEqual(LOCAL_DIRECTORIES_DEFAULTS.schedule);
  });

  it('takes a list, bounds and a schedule', () => {
    const config = read({
      directories: ['a', 'b'],
      maxDepth: 1,
      maxFiles: 10,
      schedule: { frequency: { seconds: 2 }, timeout: { seconds: 10 } },
    });
    expect(config?.directories).toEqual([path.resolve('a'), path.resolve('b')]);
    expect(config).toMatchObject({
      maxDepth: 1,
      maxFiles: 10,
      schedule: { frequency: { seconds: 2 } },
    });
  });

  it('refuses what it cannot mean', () => {
    expect(() => read({ directories: '~/catalog' })).toThrow(/not expanded/);
    expect(() => read({ directories: ['a'], maxFiles: 0 })).toThrow(/maxFiles/);
    expect(() => read({ directories: ['a'], maxDepth: 1.5 })).toThrow(
      /maxDepth/,
    );
  });
});
