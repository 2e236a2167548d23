import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The entities a provider's KPIs apply to. */
export interface ScorecardEntitySource {
  entitiesOfKinds(kinds: string[]): Promise<Entity[]>;
}

/** Reads the catalog as the plugin itself: snapshots count every entity, views filter later. */
export class CatalogEntitySource implements ScorecardEntitySource {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async entitiesOfKinds(kinds: string[]): Promise<Entity[]> {
    if (kinds.length === 0) return [];
    const credentials = await this.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : { filter: { kind: kinds }, limit: 500 },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }
}
