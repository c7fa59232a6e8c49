import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { describeCounts } from '../ops/backup/counts';
import { BackupRefused } from '../ops/backup/errors';
import { humanSize, prepareOutput, stamp } from '../ops/backup/files';
import { backupPglite } from '../ops/backup/pgliteBackup';
import { backupPostgres } from '../ops/backup/postgresBackup';

/**
 * `npm run backup [-- --out backups/2026-12-05.dump] [--force]`: backs up the database the app
 * is configured for (DATABASE_URL, else the PGlite folder DATA_DIR). See README "Backup and restore".
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      force: { type: 'boolean', default: false }, // PGlite: back up although postmaster.pid is present
    },
  });
  const config = loadConfig();
  const backend = config.databaseUrl ? 'postgres' : 'pglite';
  if (!config.databaseUrl && !config.dataDir) throw new BackupRefused('DATA_DIR=:memory: keeps the database in memory: there is nothing on disk to back up');
  const out = prepareOutput(values.out ?? path.join('backups', `${backend}-${stamp()}.${backend === 'postgres' ? 'dump' : 'tar.gz'}`));
  if (config.databaseUrl) {
    const r = await backupPostgres(config.databaseUrl, out);
    console.log(`backed up the PostgreSQL database (pg_dump, custom format) to ${r.file}: ${humanSize(r.bytes)}`);
    console.log(`rows: ${describeCounts(r.counts)}`);
  } else {
    const r = await backupPglite(config.dataDir!, out, { force: values.force });
    console.log(`backed up the PGlite folder ${config.dataDir} to ${r.file}: ${humanSize(r.bytes)}`);
    console.log(`rows: ${describeCounts(r.counts)}`);
  }
}

main().catch((err) => {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
});
