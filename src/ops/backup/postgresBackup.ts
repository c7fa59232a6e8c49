import { Client } from 'pg';
import { rowCounts, type RowCounts } from './counts';
import { BackupRefused } from './errors';
import { backupKindOf, writeAtomically } from './files';
import { connectionFor, runPgTool } from './pgTools';

/**
 * A PostgreSQL server's backup is pg_dump's custom format (compressed, restored selectively and
 * in parallel by pg_restore). pg_dump reads one consistent snapshot, so the app may keep running.
 */

export interface PostgresBackupResult {
  file: string;
  bytes: number;
  /** Counted just before the dump's snapshot; equal to it unless someone wrote in between. */
  counts: RowCounts;
}

export interface PostgresRestoreResult {
  counts: RowCounts;
  /** pg_restore's warnings, if any. */
  warnings: string;
}

async function withClient<T>(databaseUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const countsOf = (databaseUrl: string): Promise<RowCounts> =>
  withClient(databaseUrl, (c) =>
    rowCounts({
      query: async <T>(sql: string, params?: unknown[]) => {
        const r = await c.query(sql, params);
        return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
      },
    }),
  );

export async function backupPostgres(databaseUrl: string, out: string): Promise<PostgresBackupResult> {
  const counts = await countsOf(databaseUrl);
  const { dbname, env } = connectionFor(databaseUrl);
  const bytes = await writeAtomically(out, async (partial) => {
    await runPgTool('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${dbname}`], env);
  });
  return { file: out, bytes, counts };
}

/** Tables outside the system schemas: a database that has any is not a fresh target. */
async function userTableCount(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (c) => {
    const r = await c.query<{ n: number }>(
      "select count(*)::int as n from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    return r.rows[0].n;
  });
}

/**
 * Restores into the database DATABASE_URL names (it must exist: createdb it first). A database
 * that already has tables is refused unless `clean`, which has pg_restore drop the dump's objects
 * before recreating them. One transaction: a failed restore leaves the database as it was.
 * Objects become the restoring user's (--no-owner --no-privileges), so a dump taken as one role
 * restores on a server where only another exists.
 */
export async function restorePostgres(from: string, databaseUrl: string, opts: { clean?: boolean } = {}): Promise<PostgresRestoreResult> {
  const kind = backupKindOf(from);
  if (kind === 'pglite') {
    throw new BackupRefused(`${from} is a PGlite data-folder backup: restore it with DATABASE_URL unset and DATA_DIR set to the target folder`);
  }
  if (kind !== 'pg_dump') throw new BackupRefused(`${from} is not a backup made by npm run backup (neither pg_dump nor PGlite's gzipped folder)`);
  const tables = await userTableCount(databaseUrl);
  if (tables > 0 && !opts.clean) {
    throw new BackupRefused(
      `the target database already has ${tables} tables: nothing was restored. ` +
        'Give --clean to replace its contents with the backup, or restore into a new, empty database (createdb).',
    );
  }
  const { dbname, env } = connectionFor(databaseUrl);
  const args = ['--no-password', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`];
  if (opts.clean) args.push('--clean', '--if-exists');
  const warnings = await runPgTool('pg_restore', [...args, from], env);
  return { counts: await countsOf(databaseUrl), warnings };
}
