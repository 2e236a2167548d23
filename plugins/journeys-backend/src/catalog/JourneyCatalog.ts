import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  canonicalAttribute,
  JOURNEY_KIND,
  JourneyCompletion,
  JourneyEntityV1alpha1,
  JourneyEntry,
  JourneyObjective,
  parseDuration,
} from '@internal/plugin-journeys-common';

/** A Journey entity as assembly and queries use it. */
export interface JourneyDefinition {
  ref: string;
  title: string;
  description?: string;
  owner: string;
  system?: string;
  /** Full entity refs of the components the journey crosses. */
  components: string[];
  entry: JourneyEntry;
  completion?: JourneyCompletion;
  businessKeys: string[];
  stuckAfterMs: number;
  /** Thresholds of the journey's latency objectives: rollups keep them as bucket bounds. */
  latencyThresholdsMs: number[];
  objectives: JourneyObjective[];
}

export interface SpanIdentity {
  service: string;
  name: string;
  route: string | null;
}

/** The message id attribute is always indexed, so a message id from a DLQ finds its trace. */
export const MESSAGE_ID_KEY = canonicalAttribute('messageId');
const DEFAULT_STUCK_AFTER_MS = 10 * 60_000;

export function matchesStep(
  step: JourneyEntry | JourneyCompletion,
  span: SpanIdentity,
): boolean {
  if (step.service !== span.service) return false;
  if (step.span) return step.span === span.name;
  if (step.route)
    return span.route === step.route || span.name.endsWith(` ${step.route}`);
  return false;
}

export function toDefinition(entity: Entity): JourneyDefinition {
  const spec = entity.spec as unknown as JourneyEntityV1alpha1['spec'];
  const namespace = entity.metadata.namespace ?? 'default';
  const ref = (r: string, defaultKind: string) =>
    stringifyEntityRef(
      parseEntityRef(r, { defaultKind, defaultNamespace: namespace }),
    );
  const stuck = spec.stuckAfter
    ? parseDuration(spec.stuckAfter)
    : DEFAULT_STUCK_AFTER_MS;
  return {
    ref: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description,
    owner: ref(spec.owner, 'group'),
    system: spec.system ? ref(spec.system, 'system') : undefined,
    components: spec.components.map(c => ref(c, 'component')),
    entry: spec.entry,
    completion: spec.completion,
    businessKeys: spec.businessKeys,
    stuckAfterMs: stuck,
    objectives: spec.objectives ?? [],
    latencyThresholdsMs: (spec.objectives ?? []).flatMap(o =>
      'latency' in o.indicator ? [o.indicator.latency.thresholdMs] : [],
    ),
  };
}

/**
 * The Journey entities of the catalog, read with the plugin's own credentials and refreshed
 * by the assembler's schedule; the catalog has already validated them.
 */
export class JourneyCatalog {
  private journeys: JourneyDefinition[] = [];
  private keys: Set<string>;
  /** False until the catalog answered once: assembly waits, or every entry would be missed. */
  loaded = false;

  constructor(
    private readonly catalog: CatalogService | undefined,
    private readonly auth: AuthService | undefined,
    private readonly logger: LoggerService,
    private readonly defaultKeys: string[],
  ) {
    this.keys = new Set([...defaultKeys, MESSAGE_ID_KEY]);
  }

  /** For tests and for operators without a catalog: fixed definitions. */
  static fixed(
    journeys: JourneyDefinition[],
    logger: LoggerService,
    defaultKeys: string[] = [],
  ) {
    const c = new JourneyCatalog(undefined, undefined, logger, defaultKeys);
    c.set(journeys);
    return c;
  }

  /**
   * Reads the Journey entities again; true when definitions that were already loaded
   * changed (not on the first load: traces stored before it were assembled under them).
   */
  async refresh(): Promise<boolean> {
    if (!this.catalog || !this.auth) return false;
    try {
      const { items } = await this.catalog.getEntities(
        { filter: { kind: JOURNEY_KIND } },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      const journeys: JourneyDefinition[] = [];
      for (const entity of items) {
        try {
          journeys.push(toDefinition(entity));
        } catch (e) {
          this.logger.warn(
            `journey ${stringifyEntityRef(entity)} ignored: ${
              (e as Error).message
            }`,
          );
        }
      }
      const before = this.loaded ? JSON.stringify(this.journeys) : undefined;
      this.set(journeys);
      return before !== undefined && JSON.stringify(this.journeys) !== before;
    } catch (e) {
      this.logger.warn(
        `could not read Journey entities from the catalog: ${
          (e as Error).message
        }`,
      );
      return false;
    }
  }

  private set(journeys: JourneyDefinition[]) {
    this.loaded = true;
    this.journeys = journeys.sort((a, b) => a.ref.localeCompare(b.ref));
    this.keys = new Set([
      ...this.defaultKeys,
      MESSAGE_ID_KEY,
      ...journeys.flatMap(j => j.businessKeys),
    ]);
  }

  list(): JourneyDefinition[] {
    return this.journeys;
  }

  get(ref: string): JourneyDefinition | undefined {
    return this.journeys.find(j => j.ref === ref);
  }

  /** Span attributes indexed as business keys. */
  businessKeys(): ReadonlySet<string> {
    return this.keys;
  }

  entryOf(span: SpanIdentity): JourneyDefinition | undefined {
    return this.journeys.find(j => matchesStep(j.entry, span));
  }

  completedBy(span: SpanIdentity): JourneyDefinition[] {
    return this.journeys.filter(
      j => j.completion && matchesStep(j.completion, span),
    );
  }
}
