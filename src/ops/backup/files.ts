import fs from 'node:fs';
import path from 'node:path';
import { BackupRefused } from './errors';

/** The first bytes of a backup file, to tell the two kinds apart before restoring. */
export type BackupKind = 'pg_dump' | 'pglite';

export function backupKindOf(file: string): BackupKind | 'unknown' {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    if (head.toString('latin1') === 'PGDMP') return 'pg_dump'; // pg_dump's custom format
    if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite'; // gzip: PGlite's tarball of its folder
    return 'unknown';
  } finally {
    fs.closeSync(fd);
  }
}

/** An output path that does not exist yet (a backup never overwrites another), its folder created. */
export function prepareOutput(out: string): string {
  const file = path.resolve(out);
  if (fs.existsSync(file)) throw new BackupRefused(`${file} already exists: a backup never overwrites one; choose another --out`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/**
 * Writes through a ".partial" file renamed at the end, so an interrupted backup never leaves a
 * file that looks complete.
 */
export async function writeAtomically(file: string, write: (partial: string) => Promise<void>): Promise<number> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    fs.renameSync(partial, file);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return fs.statSync(file).size;
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A file-name-safe UTC time stamp: 2026-12-05T14-20-00Z. */
export function stamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}
