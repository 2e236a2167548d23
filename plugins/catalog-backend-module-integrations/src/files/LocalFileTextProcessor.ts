import { Config } from '@backstage/config';
import { Entity, isLocationEntity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  directoryOf,
  hasGlobMagic,
  isInside,
  readLocalDirectoriesConfig,
} from './catalogDirectories';

/** Larger definitions are refused rather than read into memory. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

const PLACEHOLDERS = ['$text', '$json', '$yaml'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * Where a trusted `file` location may read: the tree, and how messages name it. A
 * catalog directory also confines the catalog files themselves and their Location
 * entities' targets.
 */
type Scope = {
  /** Relative paths resolve against the directory of the entity's catalog file. */
  base: string;
  /** Reads stay inside this tree. */
  tree: string;
  name: string;
  directory: boolean;
};

/**
 * `$text` / `$json` / `$yaml` with a relative path, for entities read from `file`
 * locations.
 *
 * Backstage's own placeholders only form URLs (backstage/backstage#14372), so they cannot
 * read the definitions beside local catalog files. This processor runs before them and
 * reads such files only for a `file` location whose origin is trusted, only inside that
 * origin's allowed root — one rule, two kinds of root:
 *
 * - a location named in app-config (`catalog.locations`): the directory of the catalog
 *   file the entity is in;
 * - a catalog directory (`catalog.providers.localDirectories`, SWITCHBOARD_CATALOG_DIRS),
 *   whose files LocalDirectoryEntityProvider registers: that whole directory. There the
 *   catalog file itself must also lie inside it (no symlink out, checked again on every
 *   processing), and a Location entity may only name files inside it.
 *
 * No absolute paths, no `..` out, no symlinks out; refusals are catalog errors that name
 * the path as written, never a file's contents. Every other location (`url`, or one a
 * user registered) is left to the built-in resolver, which reads URLs only.
 */
export class LocalFileTextProcessor implements CatalogProcessor {
  static fromConfig(config: Config): LocalFileTextProcessor {
    const configured = (
      config.getOptionalConfigArray('catalog.locations') ?? []
    )
      .filter(location => location.getString('type') === 'file')
      // The catalog resolves file targets against the working directory too.
      .map(location => path.resolve(location.getString('target')));
    return new LocalFileTextProcessor(
      configured,
      readLocalDirectoriesConfig(config)?.directories ?? [],
    );
  }

  private readonly configured: Set<string>;
  private readonly directories: string[];

  /**
   * @param configuredFileLocations - absolute targets of app-config's `file` locations
   * @param catalogDirectories - absolute catalog directories, in configured order
   */
  constructor(
    configuredFileLocations: string[],
    catalogDirectories: string[] = [],
  ) {
    this.configured = new Set(configuredFileLocations);
    this.directories = catalogDirectories.map(d => path.resolve(d));
  }

  getProcessorName(): string {
    return 'LocalFileTextProcessor';
  }

  /** Before the built-in placeholder processor (default priority 20). */
  getPriority(): number {
    return 10;
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    if (location.type !== 'file') {
      return entity;
    }
    const ref = `${entity.kind} ${entity.metadata?.name ?? '(unnamed)'}`;
    const scope = this.scopeOf(location, originLocation);
    if (scope?.directory) {
      await confineToDirectory(entity, location, scope.tree, ref);
    }
    if (!hasLocalPlaceholder(entity)) {
      return entity;
    }
    if (!scope) {
      throw new InputError(
        `${ref}: $text, $json and $yaml with a file path are read only for catalog files that app-config names (catalog.locations) or that lie in a catalog directory (catalog.providers.localDirectories); use a URL instead`,
      );
    }
    return (await this.resolve(
      entity as unknown as JsonValue,
      scope,
      ref,
      '',
      emit,
    )) as unknown as Entity;
  }

  /** The trusted root of a `file` location, or undefined when it has none. */
  private scopeOf(
    location: LocationSpec,
    originLocation: LocationSpec | undefined,
  ): Scope | undefined {
    if (originLocation?.type !== 'file') return undefined;
    const origin = path.resolve(originLocation.target);
    const base = path.dirname(path.resolve(location.target));
    if (this.configured.has(origin)) {
      return {
        base,
        tree: base,
        name: "the catalog file's directory",
        directory: false,
      };
    }
    const directory = directoryOf(this.directories, origin);
    if (directory !== undefined) {
      return {
        base,
        tree: directory,
        name: 'its catalog directory',
        directory: true,
      };
    }
    return undefined;
  }

  private async resolve(
    value: JsonValue,
    scope: Scope,
    ref: string,
    where: string,
    emit: CatalogProcessorEmit,
  ): Promise<JsonValue> {
    if (Array.isArray(value)) {
      const out: JsonValue[] = [];
      for (const [i, item] of value.entries()) {
        out.push(await this.resolve(item, scope, ref, `${where}[${i}]`, emit));
      }
      return out;
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const local = localPlaceholderOf(value);
    if (local !== undefined) {
      const { text, real } = await readInside(
        scope,
        local,
        `${ref} at ${where.slice(1)}`,
      );
      // LocalDirectoryEntityProvider refreshes this key when the file changes.
      emit(processingResult.refresh(`file:${real}`));
      return parsePlaceholder(local, text, `${ref} at ${where.slice(1)}`);
    }
    const out: { [key: string]: JsonValue } = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      out[key] = await this.resolve(item, scope, ref, `${where}.${key}`, emit);
    }
    return out;
  }
}

type LocalPlaceholder = { key: Placeholder; target: string };

/** A `{ $text | $json | $yaml: <relative path> }` placeholder, or undefined. */
function localPlaceholderOf(value: {
  [key: string]: JsonValue;
}): LocalPlaceholder | undefined {
  const keys = Object.keys(value);
  const key = keys[0] as Placeholder;
  if (keys.length !== 1 || !PLACEHOLDERS.includes(key)) return undefined;
  const target = value[key];
  if (typeof target !== 'string' || URL_SCHEME.test(target)) return undefined;
  return { key, target };
}

function hasLocalPlaceholder(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLocalPlaceholder);
  if (value === null || typeof value !== 'object') return false;
  const object = value as { [key: string]: JsonValue };
  return (
    localPlaceholderOf(object) !== undefined ||
    Object.values(object).some(hasLocalPlaceholder)
  );
}

function placeholderError(
  { key, target }: LocalPlaceholder,
  where: string,
  why: string,
): InputError {
  return new InputError(
    `Placeholder ${key} ${JSON.stringify(target)} in ${where} ${why}`,
  );
}

/** $json and $yaml parse what they read; their errors say what, not the content. */
function parsePlaceholder(
  placeholder: LocalPlaceholder,
  text: string,
  where: string,
): JsonValue {
  if (placeholder.key === '$text') return text;
  if (placeholder.key === '$json') {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      throw placeholderError(placeholder, where, 'is not valid JSON');
    }
  }
  let documents;
  try {
    documents = parseAllDocuments(text);
  } catch {
    documents = undefined;
  }
  const list = Array.isArray(documents) ? documents : [];
  if (list.length !== 1 || list[0].errors.length > 0) {
    throw placeholderError(
      placeholder,
      where,
      'is not exactly one valid YAML document',
    );
  }
  return list[0].toJS() as JsonValue;
}

/** Where a catalog directory's Location entity target points, as the catalog resolves it. */
function locationTargetOf(catalogFile: string, target: string): string {
  return target.startsWith('.')
    ? path.join(path.dirname(catalogFile), target)
    : path.resolve(target);
}

/**
 * For an entity from a catalog directory: its catalog file must (still) lie inside the
 * directory, also by its real path, and a Location entity there may only name files in
 * it, so that nothing outside is ever read as a catalog file.
 */
async function confineToDirectory(
  entity: Entity,
  location: LocationSpec,
  directory: string,
  ref: string,
): Promise<void> {
  const file = path.resolve(location.target);
  const shown = JSON.stringify(path.relative(directory, file));
  const refuse = (why: string) =>
    new InputError(`${ref}: catalog file ${shown} ${why}`);
  let realDirectory: string;
  try {
    realDirectory = await fs.realpath(directory);
  } catch {
    throw refuse('is in a catalog directory that no longer exists');
  }
  if (!isInside(directory, file)) {
    throw refuse('is outside its catalog directory');
  }
  try {
    if (!isInside(realDirectory, await fs.realpath(file))) {
      throw refuse('leaves its catalog directory through a link');
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw refuse('names no file');
  }
  if (!isLocationEntity(entity)) return;

  const type = entity.spec.type ?? location.type;
  const targets = [
    ...(entity.spec.target !== undefined ? [entity.spec.target] : []),
    ...(entity.spec.targets ?? []),
  ];
  for (const target of targets) {
    const where = `${ref}: target ${JSON.stringify(target)}`;
    if (type !== 'file') {
      throw new InputError(
        `${where}: a Location in a catalog directory may only name files in it (type file), not ${JSON.stringify(
          type,
        )}`,
      );
    }
    if (typeof target !== 'string' || hasGlobMagic(target)) {
      throw new InputError(
        `${where} is not one file path (no patterns: every YAML file in the directory is read anyway)`,
      );
    }
    const resolved = locationTargetOf(file, target);
    if (!isInside(directory, resolved)) {
      throw new InputError(`${where} leaves its catalog directory`);
    }
    let real: string | undefined;
    try {
      real = await fs.realpath(resolved);
    } catch {
      real = undefined; // The catalog reports a missing file itself.
    }
    if (real !== undefined && !isInside(realDirectory, real)) {
      throw new InputError(
        `${where} leaves its catalog directory through a link`,
      );
    }
  }
}

/**
 * Reads `target` relative to the catalog file, refusing anything that leaves the tree. Messages
 * name the path as written, never the server's absolute paths or the file's contents,
 * and a path outside the tree is refused before the file system is asked (no existence
 * oracle).
 */
async function readInside(
  { base, tree, name }: Scope,
  placeholder: LocalPlaceholder,
  where: string,
): Promise<{ text: string; real: string }> {
  const { target } = placeholder;
  const refuse = (why: string) => placeholderError(placeholder, where, why);
  if (target.trim() === '' || target.includes('\0')) {
    throw refuse('is not a file path');
  }
  if (path.isAbsolute(target) || target.startsWith('~')) {
    throw refuse(
      'must be a path relative to the catalog file (absolute paths are not read)',
    );
  }
  const file = path.resolve(base, target);
  if (!isInside(tree, file)) {
    throw refuse(`leaves ${name}`);
  }
  let real: string;
  let realTree: string;
  try {
    [real, realTree] = await Promise.all([
      fs.realpath(file),
      fs.realpath(tree),
    ]);
  } catch {
    throw refuse('names no file');
  }
  if (!isInside(realTree, real)) {
    throw refuse(`leaves ${name} through a link`);
  }
  const stat = await fs.stat(real);
  if (!stat.isFile()) {
    throw refuse('is not a file');
  }
  if (stat.size > MAX_FILE_BYTES) {
    throw refuse(`is larger than ${MAX_FILE_BYTES} bytes`);
  }
  return { text: await fs.readFile(real, 'utf-8'), real };
}
