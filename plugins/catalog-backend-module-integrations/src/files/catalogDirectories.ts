import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import path from 'node:path';

export const LOCAL_DIRECTORIES_CONFIG_KEY =
  'catalog.providers.localDirectories';

/** catalog.providers.localDirectories, with defaults applied. */
export interface LocalDirectoriesConfig {
  /** Absolute, normalised, without duplicates, in the order configured. */
  directories: string[];
  /** Directory levels below each directory that are searched (0: only its own files). */
  maxDepth: number;
  /** Catalog files registered per directory; the rest are left out with a warning. */
  maxFiles: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

export const LOCAL_DIRECTORIES_DEFAULTS = {
  maxDepth: 5,
  maxFiles: 500,
  schedule: {
    frequency: { seconds: 5 },
    timeout: { minutes: 1 },
    // Every backend instance reads its own disk.
    scope: 'local',
  } satisfies SchedulerServiceTaskScheduleDefinition,
};

function boundedInteger(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${LOCAL_DIRECTORIES_CONFIG_KEY}.${key} must be a whole number from ${min} to ${max}`,
    );
  }
  return value;
}

/**
 * Reads the directories users name for their own catalog files; undefined (feature off)
 * when none is named. `directories` is a list, or one string of paths separated by the
 * platform's path delimiter (`:` on Linux and macOS), as the SWITCHBOARD_CATALOG_DIRS
 * environment variable gives it. Relative paths resolve against `baseDirectory`, which
 * itself resolves against the backend's working directory (its default).
 */
export function readLocalDirectoriesConfig(
  root: Config,
): LocalDirectoriesConfig | undefined {
  const config = root.getOptionalConfig(LOCAL_DIRECTORIES_CONFIG_KEY);
  if (!config?.has('directories')) return undefined;
  const raw = config.getOptional<unknown>('directories');
  let entries: string[];
  if (typeof raw === 'string') {
    entries = raw.split(path.delimiter);
  } else if (
    Array.isArray(raw) &&
    raw.every((entry): entry is string => typeof entry === 'string')
  ) {
    entries = raw;
  } else {
    throw new Error(
      `${LOCAL_DIRECTORIES_CONFIG_KEY}.directories must be a string or a list of strings`,
    );
  }
  const base = path.resolve(config.getOptionalString('baseDirectory') ?? '.');
  const directories = [
    ...new Set(
      entries
        .map(entry => entry.trim())
        .filter(entry => entry !== '')
        .map(entry => {
          if (entry.startsWith('~') || entry.includes('\0')) {
            throw new Error(
              `${LOCAL_DIRECTORIES_CONFIG_KEY}.directories: ${JSON.stringify(
                entry,
              )} is not a directory path (~ is not expanded)`,
            );
          }
          return path.resolve(base, entry);
        }),
    ),
  ];
  if (directories.length === 0) return undefined;
  return {
    directories,
    maxDepth: boundedInteger(
      config,
      'maxDepth',
      LOCAL_DIRECTORIES_DEFAULTS.maxDepth,
      0,
      32,
    ),
    maxFiles: boundedInteger(
      config,
      'maxFiles',
      LOCAL_DIRECTORIES_DEFAULTS.maxFiles,
      1,
      10_000,
    ),
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : LOCAL_DIRECTORIES_DEFAULTS.schedule,
  };
}

/** Whether `file` lies strictly inside `tree` (both absolute). */
export function isInside(tree: string, file: string): boolean {
  const relative = path.relative(tree, file);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/**
 * Characters the catalog's file reader would take as a glob pattern (it globs every
 * `file` target, and treats `\` as a separator): such paths could name other files.
 */
const GLOB_MAGIC = /[*?[\]{}\\]|[+@!]\(/;

export function hasGlobMagic(target: string): boolean {
  return GLOB_MAGIC.test(target);
}

/** The first configured directory that holds `file` (lexically), or undefined. */
export function directoryOf(
  directories: readonly string[],
  file: string,
): string | undefined {
  return directories.find(directory => isInside(directory, file));
}
