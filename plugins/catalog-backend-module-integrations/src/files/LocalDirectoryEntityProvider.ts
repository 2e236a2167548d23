import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  hasGlobMagic,
  isInside,
  LocalDirectoriesConfig,
  readLocalDirectoriesConfig,
} from './catalogDirectories';

/** Larger catalog files are left out rather than read. */
export const MAX_CATALOG_FILE_BYTES = 5 * 1024 * 1024;
/** Directory entries looked at per directory and scan, per catalog file allowed. */
const ENTRIES_PER_FILE = 20;
/** Refresh keys per call, well below the databases' limits on bound parameters. */
const REFRESH_CHUNK = 200;

const CATALOG_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/** A regular file a scan saw, by its real path. */
type SeenFile = {
  /** size, mtime and inode: a change means the content may have changed. */
  signature: string;
  /** Paths it was reached by inside the directory (more than one through links). */
  paths: string[];
};

export type DirectoryScan = {
  directory: string;
  /** Whether the directory exists and is one. */
  present: boolean;
  /** Catalog files to register, absolute paths inside the directory, sorted. */
  catalogFiles: string[];
  /** The real path of each catalog file. */
  realPaths: Map<string, string>;
  /** Every regular file seen (catalog files, definitions, anything else), by real path. */
  files: Map<string, SeenFile>;
  /** What was left out and why, for the log. */
  problems: string[];
};

/** What a scan keeps of a YAML file's content, until its signature changes. */
type Inspected = {
  signature: string;
  /** Every document is an OpenAPI / AsyncAPI document. */
  definition: boolean;
  /** Some document has an apiVersion and a kind. */
  entities: boolean;
  /** Local paths its $text / $json / $yaml placeholders name, resolved. */
  references: string[];
};

/**
 * Registers the catalog files (`*.yaml`, `*.yml`) found in the directories users name
 * (catalog.providers.localDirectories, SWITCHBOARD_CATALOG_DIRS) as `file` Location
 * entities, so the catalog reads them with its own processing. Each run replaces the
 * provider's set (a full mutation): new files appear, deleted ones vanish with their
 * entities, and changed files (and the definitions their placeholders read) are
 * refreshed by their refresh keys.
 *
 * The search is bounded (depth, files), skips dot entries and node_modules, and never
 * follows a symlink out of the directory. OpenAPI / AsyncAPI documents, and YAML files
 * without entities that a catalog file reads with `$text` / `$json` / `$yaml`, are not
 * registered: they are definitions and data, not catalog files.
 */
export class LocalDirectoryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** Runs are serialised: a full mutation must never overtake a newer one. */
  private running: Promise<unknown> = Promise.resolve();
  private applied?: string;
  private previous?: Map<string, SeenFile>;
  private readonly inspected = new Map<string, Inspected>();
  /** Problems already logged, so a scan every few seconds does not repeat them. */
  private reported = new Set<string>();

  /** undefined when no directory is configured. */
  static fromConfig(
    config: Config,
    deps: { logger: LoggerService; scheduler: SchedulerService },
  ): LocalDirectoryEntityProvider | undefined {
    const providerConfig = readLocalDirectoriesConfig(config);
    if (!providerConfig) return undefined;
    return new LocalDirectoryEntityProvider({
      config: providerConfig,
      logger: deps.logger,
      taskRunner: deps.scheduler.createScheduledTaskRunner(
        providerConfig.schedule,
      ),
    });
  }

  constructor(
    private readonly options: {
      config: LocalDirectoriesConfig;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return 'local-directories';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { directories } = this.options.config;
    this.options.logger.info(
      `Reading catalog files from ${directories.length} local ${
        directories.length === 1 ? 'directory' : 'directories'
      }: ${directories.join(', ')}`,
    );
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (e) {
          this.options.logger.error(
            `Reading the local catalog directories failed: ${
              (e as Error).message
            }`,
          );
        }
      },
    });
  }

  /** One run (also what the schedule runs): scan, apply the set, refresh what changed. */
  refresh(): Promise<DirectoryScan[]> {
    const run = this.running.then(() => this.run());
    this.running = run.catch(() => undefined);
    return run;
  }

  private async run(): Promise<DirectoryScan[]> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    }
    const scans: DirectoryScan[] = [];
    for (const directory of this.options.config.directories) {
      scans.push(await this.scan(directory));
    }
    this.report(scans);

    // A file named in two directories (nested, or through a link) is registered once.
    const registered = new Set<string>();
    const targets: string[] = [];
    for (const scan of scans) {
      for (const file of scan.catalogFiles) {
        const real = scan.realPaths.get(file) ?? file;
        if (!registered.has(real)) {
          registered.add(real);
          targets.push(file);
        }
      }
    }

    const key = JSON.stringify(targets);
    if (key !== this.applied) {
      await connection.applyMutation({
        type: 'full',
        entities: targets.map(locationEntity),
      });
      this.applied = key;
    }

    const files = new Map<string, SeenFile>();
    for (const scan of scans) {
      for (const [real, seen] of scan.files) {
        const known = files.get(real);
        files.set(
          real,
          known ? { ...known, paths: [...known.paths, ...seen.paths] } : seen,
        );
      }
    }
    const keys = changedKeys(this.previous, files);
    for (let i = 0; i < keys.length; i += REFRESH_CHUNK) {
      await connection.refresh({ keys: keys.slice(i, i + REFRESH_CHUNK) });
    }
    this.previous = files;
    return scans;
  }

  /** Walks one directory within the bounds; never throws for what it finds. */
  async scan(directory: string): Promise<DirectoryScan> {
    const { maxDepth, maxFiles } = this.options.config;
    const result: DirectoryScan = {
      directory,
      present: false,
      catalogFiles: [],
      realPaths: new Map(),
      files: new Map(),
      problems: [],
    };
    const problem = (message: string) => result.problems.push(message);
    if (hasGlobMagic(directory)) {
      problem(
        `${directory} is not read: the catalog would take its name as a glob pattern`,
      );
      return result;
    }
    let root: string;
    try {
      root = await fs.realpath(directory);
      if (!(await fs.stat(root)).isDirectory()) {
        problem(`${directory} is not a directory`);
        return result;
      }
    } catch {
      problem(
        `${directory} does not exist (or cannot be read); its catalog files are read once it does`,
      );
      return result;
    }
    result.present = true;

    const visited = new Set<string>([root]);
    const candidates: Array<{ entry: string; real: string } & Inspected> = [];
    const candidateReals = new Set<string>();
    const entries = maxFiles * ENTRIES_PER_FILE;
    let budget = entries;
    let tooBig = false;
    let tooDeep = false;

    /** `dir` as reached inside the directory, `realDir` where it really is. */
    const visit = async (
      dir: string,
      realDir: string,
      depth: number,
    ): Promise<void> => {
      let names: string[];
      try {
        names = (await fs.readdir(dir)).sort();
      } catch {
        problem(`${relative(directory, dir)} cannot be read`);
        return;
      }
      const subdirectories: Array<[string, string]> = [];
      for (const name of names) {
        if (budget-- <= 0) {
          tooBig = true;
          return;
        }
        if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) continue;
        const entry = path.join(dir, name);
        const shown = relative(directory, entry);
        let stat;
        let real = path.join(realDir, name);
        try {
          stat = await fs.lstat(entry);
          if (stat.isSymbolicLink()) {
            try {
              real = await fs.realpath(entry);
            } catch {
              problem(`${shown} is a broken symlink`);
              continue;
            }
            if (!isInside(root, real)) {
              problem(
                `${shown} is a symlink that leads out of the directory: not followed`,
              );
              continue;
            }
            stat = await fs.stat(real);
          }
        } catch {
          problem(`${shown} cannot be read`);
          continue;
        }
        if (stat.isDirectory()) {
          if (!visited.has(real)) subdirectories.push([entry, real]);
          visited.add(real);
          continue;
        }
        if (!stat.isFile()) continue;
        const signature = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
        const seen = result.files.get(real);
        if (seen) seen.paths.push(entry);
        else result.files.set(real, { signature, paths: [entry] });

        if (!CATALOG_FILE.test(name) || candidateReals.has(real)) continue;
        if (hasGlobMagic(path.relative(directory, entry))) {
          problem(
            `${shown} is not registered: the catalog would take its name as a glob pattern`,
          );
          continue;
        }
        if (stat.size > MAX_CATALOG_FILE_BYTES) {
          problem(
            `${shown} is not registered: larger than ${MAX_CATALOG_FILE_BYTES} bytes`,
          );
          continue;
        }
        const inspected = await this.inspect(entry, real, signature);
        if (inspected.definition) continue;
        candidateReals.add(real);
        candidates.push({ entry, real, ...inspected });
      }
      for (const [subdirectory, realSubdirectory] of subdirectories) {
        if (depth >= maxDepth) {
          tooDeep = true;
          continue;
        }
        await visit(subdirectory, realSubdirectory, depth + 1);
      }
    };
    await visit(directory, root, 0);

    // What a catalog file reads with a placeholder is data, not a catalog file (unless
    // it holds entities itself).
    const referenced = new Set(candidates.flatMap(c => c.references));
    const catalogFiles = candidates.filter(
      c => c.entities || !(referenced.has(c.entry) || referenced.has(c.real)),
    );
    for (const { entry, real } of catalogFiles.slice(0, maxFiles)) {
      result.catalogFiles.push(entry);
      result.realPaths.set(entry, real);
    }
    if (catalogFiles.length > maxFiles) {
      problem(
        `has more than maxFiles ${maxFiles} catalog files; only the first ${maxFiles} are registered`,
      );
    }
    if (tooBig) {
      problem(
        `has more than ${entries} entries (maxFiles ${maxFiles} × ${ENTRIES_PER_FILE}); the rest are not looked at`,
      );
    }
    if (tooDeep) {
      problem(
        `has directories deeper than maxDepth ${maxDepth}; their files are not read`,
      );
    }
    result.catalogFiles.sort();
    return result;
  }

  /**
   * Reads a YAML file (once per signature): whether it is an OpenAPI / AsyncAPI document
   * (every document in it has a top-level `openapi`, `swagger` or `asyncapi` key) rather
   * than a catalog file, whether it holds entities, and what its placeholders read. A file
   * that cannot be read or parsed counts as a catalog file, so that the catalog reports it.
   */
  private async inspect(
    entry: string,
    real: string,
    signature: string,
  ): Promise<Inspected> {
    const known = this.inspected.get(real);
    if (known?.signature === signature) return known;
    const inspected: Inspected = {
      signature,
      definition: false,
      entities: true,
      references: [],
    };
    try {
      const documents = parseAllDocuments(await fs.readFile(real, 'utf-8'));
      const list = Array.isArray(documents) ? documents : [];
      if (list.every(d => d.errors.length === 0)) {
        const roots = list
          .filter(d => d.contents !== null)
          .map(d => d.toJS() as unknown)
          .map(json =>
            json !== null && typeof json === 'object' && !Array.isArray(json)
              ? (json as Record<string, unknown>)
              : undefined,
          );
        inspected.entities =
          roots.length === 0 ||
          roots.some(
            json =>
              json !== undefined && 'apiVersion' in json && 'kind' in json,
          );
        inspected.definition =
          roots.length > 0 &&
          roots.every(
            json =>
              json !== undefined &&
              !('kind' in json) &&
              ['openapi', 'swagger', 'asyncapi'].some(key => key in json),
          );
        inspected.references = placeholderTargets(roots).map(target =>
          path.resolve(path.dirname(entry), target),
        );
      }
    } catch {
      // Registered as it is: the catalog reports what is wrong with it.
    }
    this.inspected.set(real, inspected);
    return inspected;
  }

  /** Logs each problem once, and again only after it went away and came back. */
  private report(scans: DirectoryScan[]) {
    const now = new Set<string>();
    for (const scan of scans) {
      for (const problem of scan.problems) {
        const message = problem.startsWith(scan.directory)
          ? problem
          : `Catalog directory ${scan.directory}: ${problem}`;
        now.add(message);
        if (!this.reported.has(message)) {
          this.options.logger.warn(message);
        }
      }
    }
    this.reported = now;
  }
}

function relative(directory: string, file: string): string {
  return path.relative(directory, file) || '.';
}

/** The relative paths of `{ $text | $json | $yaml: <path> }` anywhere in `values`. */
function placeholderTargets(values: unknown[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach(item => walk(item, depth + 1));
      return;
    }
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1 && ['$text', '$json', '$yaml'].includes(keys[0])) {
      const target = object[keys[0]];
      if (
        typeof target === 'string' &&
        !/^[a-z][a-z0-9+.-]*:/i.test(target) &&
        !path.isAbsolute(target)
      ) {
        found.push(target);
      }
      return;
    }
    Object.values(object).forEach(item => walk(item, depth + 1));
  };
  values.forEach(value => walk(value, 0));
  return found;
}

function locationEntity(target: string): DeferredEntity {
  const entity = locationSpecToLocationEntity({
    location: { type: 'file', target },
  });
  // The key the catalog's own file locations use: one owner per file.
  return { entity, locationKey: `file:${target}` };
}

/**
 * Refresh keys of the files that are new, changed or gone since the previous scan (all
 * of them on the first: they may have changed while the backend was down). The catalog
 * files' own keys are what the catalog's file reader emits (`file:<path>`); definitions
 * read by LocalFileTextProcessor are keyed by their real path.
 */
function changedKeys(
  previous: Map<string, SeenFile> | undefined,
  files: Map<string, SeenFile>,
): string[] {
  const keys = new Set<string>();
  const add = (real: string, seen: SeenFile) => {
    keys.add(`file:${real}`);
    for (const p of seen.paths) keys.add(`file:${p}`);
  };
  for (const [real, seen] of files) {
    const before = previous?.get(real);
    if (!before || before.signature !== seen.signature) add(real, seen);
  }
  for (const [real, seen] of previous ?? []) {
    if (!files.has(real)) add(real, seen);
  }
  return [...keys].sort();
}
