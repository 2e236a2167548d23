/*
 * `$text` reads files only for catalog files that app-config names, only inside their
 * own directory, and never answers with a file's contents: through the real catalog
 * (processing errors on its errors topic, entities served by its API, validate-entity).
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogModuleIntegrations } from '../module';
import { LocalFileTextProcessor } from './LocalFileTextProcessor';

const SECRET = `TOPSECRET-${randomUUID()}`;
const DEFINITION =
  'openapi: 3.1.0\ninfo: { title: fine, version: "1" }\npaths: {}\n';

type CatalogError = { entity: string; messages: string[] };

function errorCollector(sink: CatalogError[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-collector',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-error-collector',
            topics: [CATALOG_ERRORS_TOPIC],
            async onEvent({ eventPayload }) {
              const { entity, errors } = eventPayload as {
                entity: string;
                errors: Error[];
              };
              sink.push({ entity, messages: errors.map(e => e.message) });
            },
          });
        },
      });
    },
  });
}

const api = (name: string, text: string) => `---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: ${name} }
spec:
  type: openapi
  lifecycle: production
  owner: platform
  definition:
    $text: ${JSON.stringify(text)}
`;

/**
 * <dir>/secret.txt                 outside every catalog tree
 * <dir>/catalog/all.yaml           the location app-config names
 * <dir>/catalog/apis.yaml          APIs reading inside, outside, through a link
 * <dir>/catalog/defs/ok.yaml
 * <dir>/catalog/defs/link.yaml  -> ../../secret.txt
 * <dir>/other/catalog-info.yaml    reached from all.yaml; reads in its own tree
 * <dir>/other/own.yaml
 */
function writeTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-text-'));
  const catalog = path.join(dir, 'catalog');
  fs.mkdirSync(path.join(catalog, 'defs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'other'));
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(catalog, 'defs', 'ok.yaml'), DEFINITION);
  fs.symlinkSync(
    path.join(dir, 'secret.txt'),
    path.join(catalog, 'defs', 'link.yaml'),
  );
  fs.writeFileSync(path.join(dir, 'other', 'own.yaml'), DEFINITION);
  fs.writeFileSync(
    path.join(dir, 'other', 'catalog-info.yaml'),
    api('other-own', './own.yaml') + api('other-up', '../secret.txt'),
  );
  fs.writeFileSync(
    path.join(catalog, 'all.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: test-root }
spec:
  targets: [./apis.yaml, ../other/catalog-info.yaml]
`,
  );
  fs.writeFileSync(
    path.join(catalog, 'apis.yaml'),
    [
      api('inside', './defs/ok.yaml'),
      api('dot-dot', '../secret.txt'),
      api('deep-dot-dot', './defs/../../secret.txt'),
      api('absolute', path.join(dir, 'secret.txt')),
      api('via-link', './defs/link.yaml'),
      api('missing', './defs/missing.yaml'),
      api('directory', './defs'),
    ].join(''),
  );
  return dir;
}

describe('$text beside catalog files', () => {
  const errors: CatalogError[] = [];
  let dir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let baseUrl: string;

  const entity = async (name: string): Promise<Entity | undefined> => {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/api/default/${name}`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    return res.status === 200 ? res.json() : undefined;
  };
  const errorsOf = (name: string) =>
    errors
      .filter(e => e.entity === `api:default/${name}`)
      .flatMap(e => e.messages);

  beforeAll(async () => {
    dir = writeTree();
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleIntegrations,
        errorCollector(errors),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['API', 'Location'] }],
              locations: [
                { type: 'file', target: path.join(dir, 'catalog', 'all.yaml') },
              ],
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as { port: number }).port
    }`;
    const refused = [
      'dot-dot',
      'deep-dot-dot',
      'absolute',
      'via-link',
      'missing',
      'directory',
      'other-up',
    ];
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      const served = (await entity('inside')) && (await entity('other-own'));
      if (served && refused.every(name => errorsOf(name).length > 0)) break;
      await new Promise(r => setTimeout(r, 250));
    }
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('reads a relative path inside the directory of the catalog file', async () => {
    expect((await entity('inside'))?.spec?.definition).toBe(DEFINITION);
    expect(errorsOf('inside')).toEqual([]);
  });

  it("reads inside a nested location's own directory", async () => {
    expect((await entity('other-own'))?.spec?.definition).toBe(DEFINITION);
  });

  it.each([
    ['dot-dot', /leaves the catalog file's directory/],
    ['deep-dot-dot', /leaves the catalog file's directory/],
    ['other-up', /leaves the catalog file's directory/],
    ['absolute', /absolute paths are not read/],
    ['via-link', /through a link/],
    ['missing', /names no file/],
    ['directory', /is not a file/],
  ])(
    'refuses %s with an error the owner can read, without the file',
    async (name, why) => {
      expect(await entity(name)).toBeUndefined();
      const messages = errorsOf(name);
      expect(messages.join('\n')).toMatch(why);
      for (const message of messages) {
        expect(message).not.toContain(SECRET);
        // The error names the path as written, not where the server keeps it.
        const written = path.join(dir, 'secret.txt');
        expect(message.split(written).join('')).not.toContain(dir);
      }
    },
  );

  describe('validate-entity (url locations, anyone signed in)', () => {
    const validate = async (location: string, text: string) => {
      const res = await fetch(`${baseUrl}/api/catalog/validate-entity`, {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.user.header(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          location,
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'probe', labels: { leak: { $text: text } } },
            spec: { type: 'service', lifecycle: 'x', owner: 'x' },
          },
        }),
      });
      return { status: res.status, body: await res.text() };
    };

    it.each([
      ['an absolute path', () => path.join(dir, 'secret.txt')],
      ['a path up and out', () => '../secret.txt'],
      ['a file:// URL', () => `file://${path.join(dir, 'secret.txt')}`],
      ['a path inside the catalog tree', () => './defs/link.yaml'],
    ])('reads no file for %s', async (_what, text) => {
      for (const base of [
        `url:${path.join(dir, 'catalog', 'x.yaml')}`,
        'url:/any/abs/path',
      ]) {
        const answer = await validate(base, text());
        expect(answer.status).toBe(400);
        expect(answer.body).not.toContain(SECRET);
        expect(answer.body).not.toMatch(/ENOENT|EACCES/);
      }
    });

    it('answers a missing file exactly as an existing one (no existence oracle)', async () => {
      const existing = await validate(
        'url:/any/abs/path',
        path.join(dir, 'secret.txt'),
      );
      const missing = await validate(
        'url:/any/abs/path',
        path.join(dir, 'nothing-here.txt'),
      );
      expect(missing.status).toBe(existing.status);
      expect(missing.body.replaceAll('nothing-here', 'secret')).toBe(
        existing.body,
      );
    });
  });
});

describe('LocalFileTextProcessor on its own', () => {
  const noEmit = () => {};
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'x' },
    spec: { definition: { $text: './defs/ok.yaml' } },
  };

  it('reads nothing for a file location that app-config does not name', async () => {
    const dir = writeTree();
    const processor = new LocalFileTextProcessor([
      path.join(dir, 'catalog', 'all.yaml'),
    ]);
    const apis = {
      type: 'file',
      target: path.join(dir, 'catalog', 'apis.yaml'),
    };
    // Reached from somewhere else, e.g. a Location entity a url location declared.
    await expect(
      processor.preProcessEntity(entity, apis, noEmit, {
        type: 'url',
        target: 'https://example.com/catalog-info.yaml',
      }),
    ).rejects.toThrow(/only for catalog files that app-config names/);
    await expect(
      processor.preProcessEntity(entity, apis, noEmit, {
        type: 'file',
        target: path.join(dir, 'elsewhere.yaml'),
      }),
    ).rejects.toThrow(/only for catalog files that app-config names/);
    const read = await processor.preProcessEntity(entity, apis, noEmit, {
      type: 'file',
      target: path.join(dir, 'catalog', 'all.yaml'),
    });
    expect(read.spec?.definition).toBe(DEFINITION);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts a catalog directory as an allowed root, and confines its catalog files to it', async () => {
    const dir = writeTree();
    // <dir> is the catalog directory here; <dir>/../ holds nothing of ours.
    const processor = new LocalFileTextProcessor([], [dir]);
    const inOther = { type: 'file', target: path.join(dir, 'other', 'x.yaml') };
    fs.writeFileSync(inOther.target, '');
    const across = {
      ...entity,
      spec: { definition: { $text: '../catalog/defs/ok.yaml' } },
    };
    // Anywhere inside the directory, relative to the catalog file.
    const read = await processor.preProcessEntity(
      across,
      inOther,
      noEmit,
      inOther,
    );
    expect(read.spec?.definition).toBe(DEFINITION);
    await expect(
      processor.preProcessEntity(
        { ...entity, spec: { definition: { $text: '../../x.txt' } } },
        inOther,
        noEmit,
        inOther,
      ),
    ).rejects.toThrow(/leaves its catalog directory/);

    // A catalog file that has become a link out is refused before anything else.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-out-'));
    fs.writeFileSync(path.join(outside, 'x.yaml'), SECRET);
    const linked = { type: 'file', target: path.join(dir, 'linked.yaml') };
    fs.symlinkSync(path.join(outside, 'x.yaml'), linked.target);
    const plain = { ...entity, spec: {} };
    await expect(
      processor.preProcessEntity(plain, linked, noEmit, linked),
    ).rejects.toThrow(/leaves its catalog directory through a link/);

    // Its Location entities name files inside it only, one file each.
    const location = (targets: string[]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'l' },
      spec: { targets },
    });
    await expect(
      processor.preProcessEntity(
        location(['../../elsewhere.yaml']),
        inOther,
        noEmit,
        inOther,
      ),
    ).rejects.toThrow(/leaves its catalog directory/);
    await expect(
      processor.preProcessEntity(
        location(['./{..,x}/x.yaml']),
        inOther,
        noEmit,
        inOther,
      ),
    ).rejects.toThrow(/not one file path/);
    const fine = location(['./x.yaml', '../catalog/apis.yaml']);
    expect(
      await processor.preProcessEntity(fine, inOther, noEmit, inOther),
    ).toBe(fine);

    // A file location from elsewhere is not trusted for placeholders.
    await expect(
      processor.preProcessEntity(entity, inOther, noEmit, {
        type: 'file',
        target: path.join(outside, 'x.yaml'),
      }),
    ).rejects.toThrow(/or that lie in a catalog directory/);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('reads $json and $yaml, and names no content when they do not parse', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-data-'));
    fs.writeFileSync(path.join(dir, 'a.json'), '{"replicas": 2}');
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'retention: 7d\n');
    fs.writeFileSync(path.join(dir, 'bad.json'), `${SECRET} {`);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), `${SECRET}: [\n`);
    const file = { type: 'file', target: path.join(dir, 'catalog-info.yaml') };
    const processor = new LocalFileTextProcessor([file.target]);
    const emitted: unknown[] = [];
    const data = await processor.preProcessEntity(
      {
        ...entity,
        spec: { a: { $json: './a.json' }, b: { $yaml: './b.yaml' } },
      },
      file,
      item => emitted.push(item),
      file,
    );
    expect(data.spec).toEqual({ a: { replicas: 2 }, b: { retention: '7d' } });
    // Refresh keys, so that a change of the file is picked up.
    expect(emitted).toEqual([
      { type: 'refresh', key: `file:${path.join(dir, 'a.json')}` },
      { type: 'refresh', key: `file:${path.join(dir, 'b.yaml')}` },
    ]);
    for (const [key, target, why] of [
      ['$json', './bad.json', /is not valid JSON/],
      ['$yaml', './bad.yaml', /is not exactly one valid YAML document/],
    ] as const) {
      const error = await processor
        .preProcessEntity(
          { ...entity, spec: { a: { [key]: target } } },
          file,
          noEmit,
          file,
        )
        .catch(e => e as Error);
      expect(String(error)).toMatch(why);
      expect(String(error)).not.toContain(SECRET);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves url locations and URL values to the built-in resolver', async () => {
    const processor = new LocalFileTextProcessor(['/x/all.yaml']);
    const url = { type: 'url', target: 'https://example.com/a.yaml' };
    expect(await processor.preProcessEntity(entity, url, noEmit, url)).toBe(
      entity,
    );
    const remote = {
      ...entity,
      spec: { definition: { $text: 'https://example.com/def.yaml' } },
    };
    const file = { type: 'file', target: '/y/apis.yaml' };
    expect(await processor.preProcessEntity(remote, file, noEmit, file)).toBe(
      remote,
    );
  });
});
