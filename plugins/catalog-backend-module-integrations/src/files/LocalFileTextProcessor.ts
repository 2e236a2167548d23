import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';

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

/**
 * `$text: ./relative/path` for entities read from `file` locations.
 *
 * Backstage's own `$text` only forms URLs (backstage/backstage#14372), so it cannot read
 * the definitions beside the demo catalog's files. This processor runs before it and
 * reads such files only for a `file` location reached from a location named in
 * app-config (`catalog.locations`), and only inside that location's own directory tree:
 * no absolute paths, no `..` out, no symlinks out. Every other location (`url`, or one a
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
    return new LocalFileTextProcessor(configured);
  }

  private readonly configured: Set<string>;

  constructor(configuredFileLocations: string[]) {
    this.configured = new Set(configuredFileLocations);
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
    _emit: unknown,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    if (location.type !== 'file' || !hasLocalText(entity)) {
      return entity;
    }
    const trusted =
      originLocation?.type === 'file' &&
      this.configured.has(path.resolve(originLocation.target));
    const ref = `${entity.kind} ${entity.metadata?.name ?? '(unnamed)'}`;
    if (!trusted) {
      throw new InputError(
        `${ref}: $text with a file path is read only for catalog files that app-config names (catalog.locations); use a URL instead`,
      );
    }
    const tree = path.dirname(path.resolve(location.target));
    return (await this.resolve(
      entity as unknown as JsonValue,
      tree,
      ref,
      '',
    )) as unknown as Entity;
  }

  private async resolve(
    value: JsonValue,
    tree: string,
    ref: string,
    where: string,
  ): Promise<JsonValue> {
    if (Array.isArray(value)) {
      const out: JsonValue[] = [];
      for (const [i, item] of value.entries()) {
        out.push(await this.resolve(item, tree, ref, `${where}[${i}]`));
      }
      return out;
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const local = localTextOf(value);
    if (local !== undefined) {
      return readInside(tree, local, `${ref} at ${where.slice(1)}`);
    }
    const out: { [key: string]: JsonValue } = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      out[key] = await this.resolve(item, tree, ref, `${where}.${key}`);
    }
    return out;
  }
}

/** The path of a `{ $text: <relative path> }` placeholder, or undefined. */
function localTextOf(value: { [key: string]: JsonValue }): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== '$text') return undefined;
  const target = value.$text;
  if (typeof target !== 'string' || URL_SCHEME.test(target)) return undefined;
  return target;
}

function hasLocalText(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLocalText);
  if (value === null || typeof value !== 'object') return false;
  const object = value as { [key: string]: JsonValue };
  return (
    localTextOf(object) !== undefined ||
    Object.values(object).some(hasLocalText)
  );
}

function isInside(tree: string, file: string): boolean {
  const relative = path.relative(tree, file);
  return (
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  );
}

/**
 * Reads `target` relative to `tree`, refusing anything that leaves it. Messages name the
 * path as written, never the server's absolute paths or the file's contents, and a path
 * outside the tree is refused before the file system is asked (no existence oracle).
 */
async function readInside(
  tree: string,
  target: string,
  where: string,
): Promise<string> {
  const refuse = (why: string) =>
    new InputError(
      `Placeholder $text ${JSON.stringify(target)} in ${where} ${why}`,
    );
  if (target.trim() === '' || target.includes('\0')) {
    throw refuse('is not a file path');
  }
  if (path.isAbsolute(target) || target.startsWith('~')) {
    throw refuse(
      'must be a path relative to the catalog file (absolute paths are not read)',
    );
  }
  const file = path.resolve(tree, target);
  if (!isInside(tree, file)) {
    throw refuse("leaves the catalog file's directory");
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
    throw refuse("leaves the catalog file's directory through a link");
  }
  const stat = await fs.stat(real);
  if (!stat.isFile()) {
    throw refuse('is not a file');
  }
  if (stat.size > MAX_FILE_BYTES) {
    throw refuse(`is larger than ${MAX_FILE_BYTES} bytes`);
  }
  return fs.readFile(real, 'utf-8');
}
