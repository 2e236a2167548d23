import { type Entity, parseEntityRef } from '@backstage/catalog-model';

/** `team-orders` → `Team orders`, `invoice_sync` → `Invoice sync`. */
export function humanizeName(name: string): string {
  const words = name.replace(/[-_.]+/g, ' ').trim();
  return words ? words[0].toLocaleUpperCase('en-US') + words.slice(1) : name;
}

/**
 * What a person calls an entity: its catalog title (or a group's display name) when
 * known, otherwise its name made readable, never the raw ref.
 * `group:default/orders` → `Orders`.
 */
export function entityDisplayName(
  ref: string,
  titles?: ReadonlyMap<string, string>,
): string {
  const known = titles?.get(ref.toLocaleLowerCase('en-US'));
  if (known) return known;
  try {
    return humanizeName(parseEntityRef(ref).name);
  } catch {
    return ref;
  }
}

/** An entity's kind as a word for headings: `group` → `Team`, `journey` → `Journey`. */
export function kindLabel(kind: string): string {
  const k = kind.toLocaleLowerCase('en-US');
  if (k === 'group') return 'Team';
  if (k === 'api') return 'API';
  return humanizeName(k);
}

/** A catalog entity's human name: its title, a group's display name, or its name made readable. */
export function catalogTitle(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  if (entity.metadata.title) return entity.metadata.title;
  if (typeof profile?.displayName === 'string' && profile.displayName)
    return profile.displayName;
  return humanizeName(entity.metadata.name);
}
