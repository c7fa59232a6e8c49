import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable } from '../../db/database';
import { rowCounts, type RowCounts } from './counts';
import { BackupRefused } from './errors';
import { backupKindOf, stamp, writeAtomically } from './files';

/**
 * The embedded database (PGlite) is a folder one process holds. Its backup is PGlite's own
 * dumpDataDir(): a gzipped tarball of the whole folder, restored with PGlite.create({ loadDataDir }).
 * Both ends need the app stopped: PGlite has no second connection, and two processes writing
 * one folder corrupt it.
 */

export interface PgliteBackupResult {
  file: string;
  bytes: number;
  counts: RowCounts;
}

export interface PgliteRestoreResult {
  dataDir: string;
  counts: RowCounts;
  /** Where the folder that was replaced (with --clean) was moved; null when there was none. */
  movedAside: string | null;
}

/**
 * PGlite writes postmaster.pid into its folder while it is open and removes it on close, so its
 * presence means the app (or another tool) has the folder open, or a process holding it crashed.
 */
function assertNotInUse(dataDir: string, force: boolean): void {
  if (force || !fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return;
  throw new BackupRefused(
    `${dataDir} is in use (postmaster.pid is present): stop the app first, PGlite is one process. ` +
      'If no process has it open (the app crashed), run again with --force.',
  );
}

function isDatabaseFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

function queryable(pg: PGlite): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => {
      const r = await pg.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.rows.length };
    },
  };
}

export async function backupPglite(dataDir: string, out: string, opts: { force?: boolean } = {}): Promise<PgliteBackupResult> {
  if (!isDatabaseFolder(dataDir)) throw new BackupRefused(`${dataDir} holds no PGlite database (no PG_VERSION): check DATA_DIR`);
  assertNotInUse(dataDir, !!opts.force);
  const pg = await PGlite.create(dataDir);
  try {
    const counts = await rowCounts(queryable(pg));
    const tarball = await pg.dumpDataDir('gzip');
    const bytes = await writeAtomically(out, async (partial) => {
      fs.writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()), { flag: 'wx' });
    });
    return { file: out, bytes, counts };
  } finally {
    await pg.close();
  }
}

/**
 * Unpacks a PGlite backup into a new folder beside DATA_DIR and only then puts it in place, so a
 * failed restore leaves DATA_DIR as it was. An existing database folder is refused unless `clean`,
 * which moves it aside (never deletes it).
 */
export async function restorePglite(from: string, dataDir: string, opts: { clean?: boolean; force?: boolean } = {}): Promise<PgliteRestoreResult> {
  const kind = backupKindOf(from);
  if (kind === 'pg_dump') {
    throw new BackupRefused(`${from} is a pg_dump of a PostgreSQL server: restore it with DATABASE_URL set to the target database`);
  }
  if (kind !== 'pglite') throw new BackupRefused(`${from} is not a backup made by npm run backup (neither pg_dump nor PGlite's gzipped folder)`);
  const exists = fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0;
  if (exists) {
    assertNotInUse(dataDir, !!opts.force);
    if (!opts.clean) {
      throw new BackupRefused(
        `${dataDir} is not empty${isDatabaseFolder(dataDir) ? ' (it holds a database)' : ''}: nothing was restored. ` +
          'Give --clean to move it aside and restore in its place, or set DATA_DIR to a new folder.',
      );
    }
  }
  const staging = `${dataDir}.restoring-${stamp()}`;
  fs.mkdirSync(path.dirname(staging), { recursive: true });
  let counts: RowCounts;
  try {
    const pg = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([fs.readFileSync(from)]) });
    try {
      counts = await rowCounts(queryable(pg));
    } finally {
      await pg.close();
    }
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  let movedAside: string | null = null;
  if (fs.existsSync(dataDir)) {
    if (exists) {
      movedAside = `${dataDir}.before-restore-${stamp()}`;
      fs.renameSync(dataDir, movedAside);
    } else {
      fs.rmdirSync(dataDir); // an empty folder
    }
  }
  fs.renameSync(staging, dataDir);
  return { dataDir, counts, movedAside };
}
