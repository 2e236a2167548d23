/*
 * "Bring your own system" through the real catalog: the directories named in
 * catalog.providers.localDirectories become entities (the example system in
 * examples/my-system through the module's AsyncAPI and Journey processors), files
 * added, changed and deleted while it runs show up and vanish, `$text` reads only
 * inside the directory, and bad input ends as catalog errors, not a crash.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
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

const EXAMPLE = path.resolve(__dirname, '../../../../examples/my-system');
const SECRET = `TOPSECRET-${randomUUID()}`;

type CatalogError = { entity: string; location?: string; messages: string[] };

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
              const { entity, location, errors } = eventPayload as {
                entity: string;
                location?: string;
                errors: Error[];
              };
              sink.push({
                entity,
                location,
                messages: errors.map(e => e.message),
              });
            },
          });
        },
      });
    },
  });
}

/**
 * A scheduler that runs every task right away and then at its frequency, in this process
 * (the test backend's mock scheduler runs tasks once, at startup).
 */
const intervalScheduler = createServiceFactory({
  service: coreServices.scheduler,
  deps: { lifecycle: coreServices.lifecycle },
  async factory({ lifecycle }): Promise<SchedulerService> {
    const timers = new Set<NodeJS.Timeout>();
    let stopped = false;
    lifecycle.addShutdownHook(() => {
      stopped = true;
      timers.forEach(clearTimeout);
    });
    const tasks = new Map<string, () => Promise<void>>();
    const everyMs = (
      frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
    ) => {
      const f = frequency as {
        milliseconds?: number;
        seconds?: number;
        minutes?: number;
      };
      const ms =
        (f.milliseconds ?? 0) +
        (f.seconds ?? 0) * 1000 +
        (f.minutes ?? 0) * 60_000;
      return ms > 0 ? ms : 1000;
    };
    const scheduleTask = async (
      task: SchedulerServiceTaskScheduleDefinition &
        SchedulerServiceTaskInvocationDefinition,
    ) => {
      const run = async () => {
        await task.fn(new AbortController().signal);
      };
      tasks.set(task.id, run);
      const loop = async () => {
        if (stopped) return;
        await run().catch(() => undefined);
        if (stopped) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          void loop();
        }, everyMs(task.frequency));
        timers.add(timer);
      };
      void loop();
    };
    return {
      scheduleTask,
      createScheduledTaskRunner: schedule => ({
        run: task => scheduleTask({ ...schedule, ...task }),
      }),
      triggerTask: async id => {
        await tasks.get(id)?.();
      },
      cancelTask: async () => {},
      getScheduledTasks: async () =>
        [...tasks.keys()].map(id => ({
          id,
          scope: 'local' as const,
          settings: { version: 1 },
        })),
    };
  },
});

const api = (name: string, placeholder: string) => `---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: ${name} }
spec:
  type: openapi
  lifecycle: production
  owner: platform
  definition:
    $text: ${JSON.stringify(placeholder)}
`;

const component = (name: string, description = 'a component') => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name}, description: ${JSON.stringify(description)} }
spec: { type: service, lifecycle: production, owner: platform }
`;

const DEFINITION =
  'openapi: 3.1.0\ninfo: { title: probe, version: "1" }\npaths: {}\n';

/**
 * <tmp>/secret.txt                  outside the catalog directory
 * <tmp>/outside/catalog-info.yaml   a catalog file outside it (Component smuggled)
 * <tmp>/user/                       the catalog directory
 *   catalog-info.yaml               Component probe-service, API probe-inside, Resource probe-settings ($yaml)
 *   defs/ok.yaml, defs/settings.yaml
 *   apis/refused.yaml               APIs reading across (allowed), up, absolute, via a link
 *   apis/link.txt                -> ../../secret.txt
 *   bad/not-an-entity.yaml, bad/invalid-entity.yaml, bad/escape-location.yaml
 */
function writeTree() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-byo-'));
  const user = path.join(tmp, 'user');
  const w = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  w(path.join(tmp, 'secret.txt'), SECRET);
  w(path.join(tmp, 'outside', 'catalog-info.yaml'), component('smuggled'));
  w(path.join(user, 'defs', 'ok.yaml'), DEFINITION);
  w(path.join(user, 'defs', 'settings.yaml'), 'retention: 7d\nreplicas: 2\n');
  w(
    path.join(user, 'catalog-info.yaml'),
    `${component('probe-service')}${api('probe-inside', './defs/ok.yaml')}---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: probe-settings }
spec:
  type: database
  owner: platform
  settings:
    $yaml: ./defs/settings.yaml
`,
  );
  w(
    path.join(user, 'apis', 'refused.yaml'),
    [
      api('probe-across', '../defs/ok.yaml'),
      api('probe-up', '../../secret.txt'),
      api('probe-absolute', path.join(tmp, 'secret.txt')),
      api('probe-link', './link.txt'),
    ].join(''),
  );
  fs.symlinkSync(
    path.join(tmp, 'secret.txt'),
    path.join(user, 'apis', 'link.txt'),
  );
  w(
    path.join(user, 'bad', 'not-an-entity.yaml'),
    'services: { db: { image: postgres } }\n',
  );
  w(path.join(user, 'bad', 'invalid-entity.yaml'), component('Not Valid!'));
  w(
    path.join(user, 'bad', 'escape-location.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: escape }
spec:
  targets: [../../outside/catalog-info.yaml]
`,
  );
  return { tmp, user };
}

/** Polls until `check` passes: catalog processing is eventually consistent. */
async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => void,
  timeoutMs = 40_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
}

describe('catalog directories through the real catalog', () => {
  const errors: CatalogError[] = [];
  let tree: ReturnType<typeof writeTree>;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  const fetchEntity = async (ref: string): Promise<Entity | undefined> => {
    const res = await fetch(
      `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/${ref}`,
      { headers: { Authorization: mockCredentials.user.header() } },
    );
    return res.status === 200 ? ((await res.json()) as Entity) : undefined;
  };
  const related = (entity: Entity | undefined, type: string) =>
    (entity?.relations ?? [])
      .filter(r => r.type === type)
      .map(r => r.targetRef)
      .sort();
  const errorsOf = (entityRef: string) =>
    errors.filter(e => e.entity === entityRef).flatMap(e => e.messages);
  const errorsAt = (file: string) =>
    errors.filter(e => e.location === `file:${file}`).flatMap(e => e.messages);

  beforeAll(async () => {
    tree = writeTree();
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleIntegrations,
        errorCollector(errors),
        intervalScheduler,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'API',
                    'Resource',
                    'Location',
                    'Journey',
                  ],
                },
              ],
              processingInterval: { seconds: 1 },
              providers: {
                localDirectories: {
                  // As SWITCHBOARD_CATALOG_DIRS gives them: one string, ':'-separated.
                  directories: [EXAMPLE, tree.user].join(path.delimiter),
                  schedule: {
                    frequency: { milliseconds: 500 },
                    timeout: { seconds: 10 },
                  },
                },
              },
            },
          },
        }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(tree.tmp, { recursive: true, force: true });
  }, 30_000);

  describe('the example system (examples/my-system)', () => {
    it('reads the API definition with $text from the directory', async () => {
      const text = fs.readFileSync(
        path.join(EXAMPLE, 'apis', 'parcel-events.asyncapi.yaml'),
        'utf-8',
      );
      const entity = await eventually(
        () => fetchEntity('api/default/parcel-events'),
        e => expect(e?.spec?.definition).toBe(text),
      );
      expect(entity?.spec).toMatchObject({
        type: 'asyncapi',
        owner: 'fulfillment',
        system: 'parcel-tracking',
      });
    }, 60_000);

    it('derives its topics from the AsyncAPI document, published by its component', async () => {
      for (const topic of ['parcel.in-transit', 'parcel.delivered']) {
        const resource = await eventually(
          () => fetchEntity(`resource/default/${topic}`),
          e =>
            expect(related(e, 'publishedBy')).toEqual([
              'component:default/parcel-tracker',
            ]),
        );
        expect(resource?.spec).toMatchObject({
          type: 'topic',
          broker: 'rabbitmq',
          address: { exchange: 'parcels', routingKey: topic },
        });
      }
    }, 60_000);

    it('validates and relates its Journey, queue and system', async () => {
      await eventually(
        () => fetchEntity('journey/default/parcel-delivery'),
        e => {
          expect(related(e, 'ownedBy')).toEqual(['group:default/fulfillment']);
          expect(related(e, 'partOf')).toEqual([
            'system:default/parcel-tracking',
          ]);
          expect(related(e, 'dependsOn')).toEqual([
            'component:default/fulfillment-service',
            'component:default/parcel-tracker',
          ]);
        },
      );
      await eventually(
        () =>
          fetchEntity('resource/default/parcel-tracker.shipment-dispatched'),
        e =>
          expect(related(e, 'subscribedBy')).toEqual([
            'component:default/parcel-tracker',
          ]),
      );
      await eventually(
        () => fetchEntity('system/default/parcel-tracking'),
        e =>
          expect(related(e, 'hasPart')).toEqual(
            expect.arrayContaining([
              'api:default/parcel-events',
              'component:default/parcel-tracker',
            ]),
          ),
      );
    }, 60_000);

    it('has no catalog errors', () => {
      const ours = errors.filter(
        e =>
          e.location?.startsWith(`file:${EXAMPLE}`) || /parcel/.test(e.entity),
      );
      expect(ours).toEqual([]);
    });
  });

  describe('$text and $yaml in a catalog directory', () => {
    it('read inside the directory, also from a sibling subdirectory', async () => {
      await eventually(
        () => fetchEntity('api/default/probe-inside'),
        e => expect(e?.spec?.definition).toBe(DEFINITION),
      );
      await eventually(
        () => fetchEntity('api/default/probe-across'),
        e => expect(e?.spec?.definition).toBe(DEFINITION),
      );
      await eventually(
        () => fetchEntity('resource/default/probe-settings'),
        e =>
          expect(e?.spec?.settings).toEqual({ retention: '7d', replicas: 2 }),
      );
      // The data file $yaml reads is not taken for a catalog file of its own.
      expect(errorsAt(path.join(tree.user, 'defs', 'settings.yaml'))).toEqual(
        [],
      );
    }, 60_000);

    it.each([
      ['probe-up', /leaves its catalog directory/],
      ['probe-absolute', /absolute paths are not read/],
      ['probe-link', /leaves its catalog directory through a link/],
    ])(
      'refuses %s with an error the owner can read, without the file',
      async (name, why) => {
        await eventually(
          async () => errorsOf(`api:default/${name}`),
          messages => expect(messages.join('\n')).toMatch(why),
        );
        expect(await fetchEntity(`api/default/${name}`)).toBeUndefined();
        for (const message of errorsOf(`api:default/${name}`)) {
          expect(message).not.toContain(SECRET);
        }
      },
      60_000,
    );
  });

  describe('bad input', () => {
    it('a YAML file that is not an entity is an error on its location', async () => {
      const file = path.join(tree.user, 'bad', 'not-an-entity.yaml');
      await eventually(
        async () => errorsAt(file),
        messages => expect(messages.join('\n')).toMatch(/apiVersion|kind/),
      );
    }, 60_000);

    it('an invalid entity is an error', async () => {
      const file = path.join(tree.user, 'bad', 'invalid-entity.yaml');
      await eventually(
        async () => errorsAt(file),
        messages => expect(messages.join('\n')).toMatch(/Not Valid!/),
      );
    }, 60_000);

    it('a Location that names a file outside the directory is refused before it is read', async () => {
      await eventually(
        async () => errorsOf('location:default/escape'),
        messages =>
          expect(messages.join('\n')).toMatch(/leaves its catalog directory/),
      );
      expect(await fetchEntity('component/default/smuggled')).toBeUndefined();
    }, 60_000);

    it('leaves the rest of the directory working', async () => {
      await eventually(
        () => fetchEntity('component/default/probe-service'),
        e => expect(e).toBeDefined(),
      );
    }, 60_000);
  });

  describe('without a restart', () => {
    it('shows a new file, a change to it and to a definition, and drops it when deleted', async () => {
      const file = path.join(tree.user, 'later', 'added.yaml');
      fs.mkdirSync(path.dirname(file));
      fs.writeFileSync(file, component('added-later', 'first'));
      await eventually(
        () => fetchEntity('component/default/added-later'),
        e => expect(e?.metadata.description).toBe('first'),
      );

      fs.writeFileSync(file, component('added-later', 'second'));
      await eventually(
        () => fetchEntity('component/default/added-later'),
        e => expect(e?.metadata.description).toBe('second'),
      );

      const changed = `${DEFINITION}# changed\n`;
      fs.writeFileSync(path.join(tree.user, 'defs', 'ok.yaml'), changed);
      await eventually(
        () => fetchEntity('api/default/probe-inside'),
        e => expect(e?.spec?.definition).toBe(changed),
      );

      fs.rmSync(file);
      await eventually(
        () => fetchEntity('component/default/added-later'),
        e => expect(e).toBeUndefined(),
      );
    }, 90_000);
  });
});
