import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { addressKey, CatalogIndex } from './contractHealth';

/** Entities per catalog page: APIs carry their whole document. */
const PAGE_SIZE = 100;

/** Reads what the contract health checks look up; an interface so tests can replace it. */
export interface CatalogIndexSource {
  load(): Promise<CatalogIndex>;
}

/**
 * Reads owners (Groups, Users), APIs and topics from the catalog, page by page, as the
 * scorecards plugin itself, with only the fields the checks need.
 */
export class CatalogIndexReader implements CatalogIndexSource {
  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'queryEntities'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      /** Entities per page (default 100). */
      pageSize?: number;
    },
  ) {}

  async load(): Promise<CatalogIndex> {
    const index: CatalogIndex = {
      owners: new Map(),
      apis: new Map(),
      topicsByAddress: new Map(),
    };
    const key = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');
    for (const e of await this.all({ kind: ['group', 'user'] }, [
      'kind',
      'metadata',
      'spec.profile',
    ]))
      index.owners.set(key(e), e);
    for (const e of await this.all({ kind: 'api' }, [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'spec.definition',
    ]))
      index.apis.set(key(e), e);
    for (const e of await this.all({ kind: 'resource', 'spec.type': 'topic' }, [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.annotations',
      'spec.type',
      'spec.address',
    ])) {
      const address = addressKey(e.spec?.address);
      if (address)
        index.topicsByAddress.set(address, [
          ...(index.topicsByAddress.get(address) ?? []),
          e,
        ]);
    }
    return index;
  }

  private async all(
    filter: Record<string, string | string[]>,
    fields: string[],
  ): Promise<Entity[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    const limit = this.deps.pageSize ?? PAGE_SIZE;
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor ? { cursor, limit, fields } : { filter, limit, fields },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }
}
