/*
 * The demo organisation in catalog-info/ loads into the real catalog backend with zero
 * processing errors, every owner exists and no relation dangles.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import catalogModuleIntegrations from '@internal/plugin-catalog-backend-module-integrations';

const catalogRoot = path.resolve(__dirname, '../../../catalog-info');

/** The file each declared entity came from. */
const sourceFile = new Map<Entity, string>();

/** Every entity the YAML files declare, following Location targets from all.yaml. */
function declaredEntities(file = path.join(catalogRoot, 'all.yaml')): Entity[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(
    d => d.toJS() as Entity,
  );
  docs.forEach(entity => sourceFile.set(entity, file));
  return docs.flatMap(entity => [
    entity,
    ...(entity.kind === 'Location'
      ? (entity.spec!.targets as string[]).flatMap(t =>
          declaredEntities(path.resolve(path.dirname(file), t)),
        )
      : []),
  ]);
}

type CatalogError = { entity: string; messages: string[] };

/** Collects what the catalog reports on its errors topic (as catalog-backend-module-logs does). */
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

describe('demo catalog (catalog-info/)', () => {
  const declared = declaredEntities();
  const declaredRefs = declared.map(e => stringifyEntityRef(e)).sort();
  const errors: CatalogError[] = [];
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let entities: Entity[] = [];

  async function fetchEntities(): Promise<Entity[]> {
    const { port } = backend.server.address() as { port: number };
    const res = await fetch(`http://localhost:${port}/api/catalog/entities`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    if (!res.ok) throw new Error(`catalog answered ${res.status}`);
    return res.json();
  }

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleIntegrations,
        errorCollector(errors),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Domain',
                    'API',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                    'Journey',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: path.join(catalogRoot, 'all.yaml') },
              ],
              // Topic relations come from a second pass over the APIs: make it quick.
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    // Processing is asynchronous: wait until every declared entity is stitched, or an
    // error shows up, or time runs out (the assertions below then say what is missing).
    const deadline = Date.now() + 45_000;
    for (;;) {
      entities = await fetchEntities();
      const stitched = entities.filter(e => e.relations !== undefined).length;
      // Topics derived from AsyncAPI arrive after the components that point at them.
      const served = new Set(entities.map(e => stringifyEntityRef(e)));
      const settled = entities.every(e =>
        (e.relations ?? []).every(r => served.has(r.targetRef)),
      );
      if ((stitched >= declared.length + 1 && settled) || errors.length > 0)
        break;
      if (Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    // A moment more so late errors (from the last processed entities) are seen too.
    await new Promise(r => setTimeout(r, 1000));
    entities = await fetchEntities();
  }, 60_000);

  // Stopping the catalog's processing loop can take a while on a loaded CI machine.
  afterAll(async () => {
    await backend?.stop();
  }, 30_000);

  it('declares the organisation the other features build on', () => {
    const names = (kind: string) =>
      declared.filter(e => e.kind === kind).map(e => e.metadata.name);
    expect(names('Group')).toEqual(
      expect.arrayContaining([
        'orders',
        'payments',
        'fulfillment',
        'finance-systems',
        'platform',
      ]),
    );
    expect(names('System')).toEqual(
      expect.arrayContaining([
        'commerce',
        'payments',
        'fulfillment',
        'finance',
      ]),
    );
    expect(names('Component')).toEqual(
      expect.arrayContaining([
        'storefront',
        'api-gateway',
        'order-service',
        'payment-service',
        'inventory-service',
        'fulfillment-service',
        'notification-service',
        'erp-connector',
        'integration-runtime',
      ]),
    );
    expect(
      declared.filter(e => e.kind === 'API').length,
    ).toBeGreaterThanOrEqual(6);
  });

  it('loads with zero processing errors', () => {
    expect(errors).toEqual([]);
    for (const entity of entities) {
      // `status` is set by the catalog on read; the Entity type does not declare it.
      const { status } = entity as Entity & {
        status?: { items?: Array<{ level: string }> };
      };
      const items = status?.items ?? [];
      expect({
        ref: stringifyEntityRef(entity),
        errors: items.filter(i => i.level === 'error'),
      }).toEqual({ ref: stringifyEntityRef(entity), errors: [] });
    }
  });

  it('serves every declared entity', () => {
    const served = new Set(entities.map(e => stringifyEntityRef(e)));
    expect(declaredRefs.filter(ref => !served.has(ref))).toEqual([]);
  });

  it('gives every entity that takes an owner an owner that exists', () => {
    const served = new Set(entities.map(e => stringifyEntityRef(e)));
    const owned = entities.filter(e =>
      ['Component', 'API', 'System', 'Domain', 'Resource', 'Journey'].includes(
        e.kind,
      ),
    );
    expect(owned.length).toBeGreaterThan(0);
    const problems = owned.flatMap(e => {
      const owner = e.spec?.owner as string | undefined;
      if (!owner) return [`${stringifyEntityRef(e)} has no owner`];
      const ref = stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
      return served.has(ref)
        ? []
        : [`${stringifyEntityRef(e)} is owned by ${ref}, which does not exist`];
    });
    expect(problems).toEqual([]);
  });

  it('has no relation pointing at a missing entity', () => {
    const served = new Set(entities.map(e => stringifyEntityRef(e)));
    const dangling = entities.flatMap(e =>
      (e.relations ?? [])
        .filter(r => !served.has(r.targetRef))
        .map(r => `${stringifyEntityRef(e)} ${r.type} ${r.targetRef}`),
    );
    expect(dangling).toEqual([]);
  });

  it('turns the AsyncAPI channels into topics with their publishers and subscribers', async () => {
    // Relations arrive as the APIs and components are (re)processed: wait until settled.
    const deadline = Date.now() + 30_000;
    let topic: Entity | undefined;
    const related = (type: string) =>
      (topic?.relations ?? [])
        .filter(r => r.type === type)
        .map(r => r.targetRef)
        .sort();
    for (;;) {
      entities = await fetchEntities();
      topic = entities.find(
        e => e.kind === 'Resource' && e.metadata.name === 'order.created',
      );
      if (
        related('subscribedBy').length >= 2 &&
        related('publishedBy').length >= 1
      )
        break;
      if (Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    expect(topic?.spec).toMatchObject({ type: 'topic', owner: 'orders' });
    expect(related('publishedBy')).toEqual(['component:default/order-service']);
    expect(related('subscribedBy')).toEqual([
      'component:default/erp-connector',
      'component:default/payment-service',
    ]);
    // Queues declared in catalog-info/queues.yaml name their consumer.
    const queue = entities.find(
      e => e.metadata.name === 'payment-service.order-created',
    );
    expect(queue?.relations).toEqual(
      expect.arrayContaining([
        {
          type: 'subscribedBy',
          targetRef: 'component:default/payment-service',
        },
      ]),
    );
    expect(errors).toEqual([]);
  }, 40_000);

  it('gives every team a contact: email and chat channel', () => {
    const teams = entities.filter(
      e => e.kind === 'Group' && e.spec?.type === 'team',
    );
    expect(teams).toHaveLength(5);
    for (const team of teams) {
      expect((team.spec?.profile as { email?: string })?.email).toMatch(/@/);
      expect(
        team.metadata.annotations?.['switchboard.dev/chat-channel'],
      ).toMatch(/^#/);
    }
  });

  it('inlines each API definition from its document beside the catalog', () => {
    const apis = entities.filter(e => e.kind === 'API');
    expect(apis.length).toBe(declared.filter(e => e.kind === 'API').length);
    for (const api of apis) {
      const source = declared.find(d => d.metadata.name === api.metadata.name)!;
      const { $text } = source.spec!.definition as { $text: string };
      const text = fs.readFileSync(
        path.resolve(path.dirname(sourceFile.get(source)!), $text),
        'utf-8',
      );
      expect(api.spec?.definition).toBe(text);
    }
  });
});
