import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A number from the environment (`BENCH_…`), or the bench's default. */
export const env = (name: string, fallback: number) =>
  process.env[name] !== undefined ? Number(process.env[name]) : fallback;

/** A new temporary folder for a bench's database files, below BENCH_DIR [os.tmpdir()]. */
export const benchDir = (prefix: string) =>
  fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), prefix));
