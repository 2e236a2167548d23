import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Knex } from 'knex';

/** One entity's processing errors as the catalog's refresh state keeps them. */
export type EntityProcessingErrors = {
  /** The entity's ref as the catalog keeps it. */
  entityRef: string;
  /** Whether the catalog has a processed version of it (the last valid one). */
  stored: boolean;
  /** The catalog file it was read from (`backstage.io/managed-by-location`), when known. */
  location?: string;
  /** `spec.owner` as the entity's file writes it, when it names one. */
  owner?: string;
  errors: Array<{ name: string; message: string }>;
};

/** Longest error message passed on: a processor's message is bounded, a stranger's maybe not. */
const MAX_MESSAGE_LENGTH = 2000;
const MAX_ERRORS = 10;

function describe(
  unprocessed: unknown,
): Pick<EntityProcessingErrors, 'location' | 'owner'> {
  try {
    const entity = JSON.parse(String(unprocessed)) as {
      metadata?: { annotations?: Record<string, unknown> };
      spec?: { owner?: unknown };
    };
    const location =
      entity.metadata?.annotations?.['backstage.io/managed-by-location'];
    const owner = entity.spec?.owner;
    return {
      ...(typeof location === 'string' ? { location } : {}),
      ...(typeof owner === 'string' ? { owner } : {}),
    };
  } catch {
    return {};
  }
}

type Row = {
  entity_ref: string;
  errors: unknown;
  unprocessed_entity: unknown;
  stored_id: unknown;
};

function toEntry(row: Row): EntityProcessingErrors {
  return {
    entityRef: row.entity_ref,
    stored: Boolean(row.stored_id),
    ...describe(row.unprocessed_entity),
    errors: parseErrors(row.errors),
  };
}

function parseErrors(raw: unknown): EntityProcessingErrors['errors'] {
  if (typeof raw !== 'string' || !raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  // Name and message only: the serialized errors may carry stacks and causes.
  return parsed.slice(0, MAX_ERRORS).map(e => {
    const error = (e ?? {}) as { name?: unknown; message?: unknown };
    const message = String(error.message ?? 'processing failed');
    return {
      name: String(error.name ?? 'Error'),
      message:
        message.length > MAX_MESSAGE_LENGTH
          ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`
          : message,
    };
  });
}

/**
 * Reads the processing errors of named entities from the catalog's own refresh state
 * (this module belongs to the catalog plugin and uses its database, like Backstage's
 * unprocessed-entities module), including entities that were never stored because
 * their first processing failed.
 */
export class ProcessingErrorsReader {
  constructor(private readonly db: Knex) {}

  private rows() {
    return this.db('refresh_state')
      .leftJoin(
        'final_entities',
        'final_entities.entity_id',
        'refresh_state.entity_id',
      )
      .select(
        'refresh_state.entity_ref',
        'refresh_state.errors',
        'refresh_state.unprocessed_entity',
        { stored_id: 'final_entities.entity_id' },
      );
  }

  /** Refs are checked by the caller; unknown ones and entities without errors are left out. */
  async forEntities(entityRefs: string[]): Promise<EntityProcessingErrors[]> {
    const wanted = [
      ...new Set(
        entityRefs.map(ref =>
          stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US'),
        ),
      ),
    ];
    if (wanted.length === 0) return [];
    const rows: Row[] = await this.rows().whereRaw(
      `lower(refresh_state.entity_ref) in (${wanted
        .map(() => '?')
        .join(', ')})`,
      wanted,
    );
    return rows
      .map(toEntry)
      .filter(entry => entry.errors.length > 0)
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }

  /**
   * Every entity whose last processing failed, in entity ref order: a page of them and
   * how many there are. An empty list of errors is stored as '' or '[]'.
   */
  async failing(page: {
    offset: number;
    limit: number;
  }): Promise<{ items: EntityProcessingErrors[]; totalCount: number }> {
    const failingRows = () =>
      this.rows()
        .whereNotNull('refresh_state.errors')
        .whereNotIn('refresh_state.errors', ['', '[]']);
    const [rows, [{ count }]] = await Promise.all([
      failingRows()
        .orderBy('refresh_state.entity_ref')
        .offset(page.offset)
        .limit(page.limit) as Promise<Row[]>,
      this.db('refresh_state')
        .whereNotNull('errors')
        .whereNotIn('errors', ['', '[]'])
        .count({ count: '*' }),
    ]);
    return {
      items: rows.map(toEntry).filter(entry => entry.errors.length > 0),
      totalCount: Number(count),
    };
  }
}
