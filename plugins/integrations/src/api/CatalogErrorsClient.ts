import { ResponseError } from '@backstage/errors';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';

/** One entity's processing errors, as GET /api/catalog/processing-errors answers. */
export type EntityProcessingErrors = {
  entityRef: string;
  /** Whether the catalog keeps a processed (the last valid) version of it. */
  stored: boolean;
  /** The catalog file it was read from, e.g. `file:/srv/catalog/apis.yaml`. */
  location?: string;
  owner?: string;
  errors: Array<{ name: string; message: string }>;
};

export type FailingEntitiesPage = {
  items: EntityProcessingErrors[];
  totalCount: number;
  offset: number;
  limit: number;
};

export interface CatalogErrorsApi {
  /** The processing errors of these entities (those without errors are left out). */
  forEntities(entityRefs: string[]): Promise<EntityProcessingErrors[]>;
  /** A page of every entity whose processing failed. */
  failing(page: {
    offset: number;
    limit: number;
  }): Promise<FailingEntitiesPage>;
}

export const catalogErrorsApiRef = createApiRef<CatalogErrorsApi>({
  id: 'plugin.integrations.catalog-errors',
});

/** Reads the processing errors route that the integrations catalog module adds. */
export class CatalogErrorsClient implements CatalogErrorsApi {
  constructor(
    private readonly discoveryApi: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  async forEntities(entityRefs: string[]): Promise<EntityProcessingErrors[]> {
    if (entityRefs.length === 0) return [];
    const query = new URLSearchParams();
    // The route takes at most 50 refs; a component naming more is asked in chunks.
    const chunks: string[][] = [];
    for (let i = 0; i < entityRefs.length; i += 50) {
      chunks.push(entityRefs.slice(i, i + 50));
    }
    const answers = await Promise.all(
      chunks.map(chunk => {
        const params = new URLSearchParams(query);
        chunk.forEach(ref => params.append('entityRef', ref));
        return this.get<{ items: EntityProcessingErrors[] }>(params);
      }),
    );
    return answers.flatMap(answer => answer.items);
  }

  async failing(page: {
    offset: number;
    limit: number;
  }): Promise<FailingEntitiesPage> {
    return this.get<FailingEntitiesPage>(
      new URLSearchParams({
        offset: String(page.offset),
        limit: String(page.limit),
      }),
    );
  }

  private async get<T>(params: URLSearchParams): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('catalog');
    const response = await this.fetchApi.fetch(
      `${base}/processing-errors?${params}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
