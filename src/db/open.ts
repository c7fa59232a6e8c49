import type { Database } from './database';
import { openPglite } from './pgliteDatabase';
import { openPostgres } from './postgresDatabase';
import { migrate } from './migrations';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openPglite(opts.dataDir);
  await migrate(db);
  return db;
}
