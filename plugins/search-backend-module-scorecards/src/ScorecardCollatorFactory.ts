import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { KpiResponse } from '@internal/plugin-scorecards-common';
import { Readable } from 'node:stream';

/** The search document type of scorecards. */
export const SCORECARD_DOCUMENT_TYPE = 'scorecard';

/** The catalog kinds that have a scorecard page. */
export const SCORECARD_KINDS = ['Group', 'System', 'Journey'];

/**
 * One scorecard in the search index: the Scorecards overview (`kind: 'overview'`, no
 * entity), or a team's, system's or journey's scorecard.
 */
export interface ScorecardDocument extends IndexableDocument {
  /** `overview`, or the entity's catalog kind: `Group`, `System`, `Journey`. */
  kind: string;
  /** The entity's ref (`group:default/orders`); not set on the overview. */
  entityRef?: string;
}

const OVERVIEW_TITLE =
  'Scorecards — KPI scorecards for teams, systems and journeys';

/** How each kind's scorecard is described: what it is, and where its values come from. */
const described: Record<string, { what: string; from: string }> = {
  group: { what: 'the team', from: ', rolled up from what it owns' },
  system: { what: 'the system', from: ', rolled up from its parts' },
  journey: { what: 'the journey', from: '' },
};

/**
 * Documents for the Scorecards page and each Group's, System's and Journey's scorecard,
 * naming the KPIs measured (read from the scorecards backend's `GET /kpis`). Entity
 * documents carry the entity ref, so search shows them only to users who may read the
 * entity in the catalog.
 */
export class ScorecardCollatorFactory implements DocumentCollatorFactory {
  readonly type = SCORECARD_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'queryEntities'>;
      auth: Pick<
        AuthService,
        'getOwnServiceCredentials' | 'getPluginRequestToken'
      >;
      discovery: Pick<DiscoveryService, 'getBaseUrl'>;
      logger: LoggerService;
      /** Entities per catalog page (default 500). */
      batchSize?: number;
      fetch?: typeof fetch;
    },
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  async *execute(): AsyncGenerator<ScorecardDocument> {
    const kpis = await this.kpis();
    const titles = (kind?: string) =>
      kpis
        .filter(
          k =>
            !kind ||
            k.entityKinds.some(
              e => e.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase(),
            ),
        )
        .map(k => k.title);
    yield {
      title: OVERVIEW_TITLE,
      text: sentence(
        'KPI scorecards per team, system and journey, with each value’s status against its thresholds and its change week over week and month over month',
        titles(),
      ),
      location: '/scorecards',
      kind: 'overview',
    };

    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const limit = this.deps.batchSize ?? 500;
    const fields = [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      'metadata.description',
      'spec.profile.displayName',
    ];
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor
          ? { cursor, limit, fields }
          : {
              filter: { kind: SCORECARD_KINDS },
              limit,
              fields,
              orderFields: { field: 'metadata.name', order: 'asc' },
            },
        { credentials },
      );
      for (const entity of page.items) {
        const kind = entity.kind.toLocaleLowerCase('en-US');
        const measured =
          kind === 'journey'
            ? titles('Journey')
            : // A team's or system's scorecard rolls up the KPIs of what it owns or holds.
              titles();
        const title = titleOf(entity);
        yield {
          title: `Scorecard: ${title}`,
          text: sentence(
            `KPI scorecard of ${described[kind]?.what ?? kind} ${title}${
              described[kind]?.from ?? ''
            }${
              entity.metadata.description
                ? `. ${entity.metadata.description.trim().replace(/\.$/, '')}`
                : ''
            }`,
            measured,
          ),
          location: `/scorecards/${kind}/${encodeURIComponent(
            entity.metadata.namespace ?? 'default',
          )}/${encodeURIComponent(entity.metadata.name)}`,
          kind: entity.kind,
          entityRef: stringifyEntityRef(entity),
          authorization: { resourceRef: stringifyEntityRef(entity) },
        };
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
  }

  /** The KPIs from the scorecards backend; none (logged) if it cannot be read. */
  private async kpis(): Promise<KpiResponse[]> {
    try {
      const baseUrl = await this.deps.discovery.getBaseUrl('scorecards');
      const { token } = await this.deps.auth.getPluginRequestToken({
        onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
        targetPluginId: 'scorecards',
      });
      const response = await (this.deps.fetch ?? fetch)(`${baseUrl}/kpis`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
      });
      if (!response.ok)
        throw new Error(`GET /api/scorecards/kpis answered ${response.status}`);
      const body = (await response.json()) as { items?: KpiResponse[] };
      if (!Array.isArray(body.items))
        throw new Error('GET /api/scorecards/kpis answered without items');
      return body.items;
    } catch (error) {
      this.deps.logger.warn(
        `Scorecards search documents are indexed without their KPIs: ${
          (error as Error).message
        }`,
      );
      return [];
    }
  }
}

function titleOf(entity: Entity): string {
  const displayName = (
    entity.spec?.profile as { displayName?: unknown } | undefined
  )?.displayName;
  return (
    entity.metadata.title ??
    (typeof displayName === 'string' && displayName.trim()
      ? displayName
      : entity.metadata.name)
  );
}

function sentence(lead: string, kpiTitles: string[]) {
  return kpiTitles.length
    ? `${lead}. KPIs: ${kpiTitles.join(', ')}.`
    : `${lead}.`;
}
