import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { describeCounts } from '../ops/backup/counts';
import { BackupRefused } from '../ops/backup/errors';
import { humanSize } from '../ops/backup/files';
import { restorePglite } from '../ops/backup/pgliteBackup';
import { restorePostgres } from '../ops/backup/postgresBackup';

/**
 * `npm run restore -- --from <file> [--clean] [--force]`: restores a backup of `npm run backup`
 * into the database the app is configured for (DATABASE_URL, else the PGlite folder DATA_DIR).
 * A target that already holds data is refused unless --clean. Start the app afterwards: it
 * applies any migrations newer than the backup.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      clean: { type: 'boolean', default: false }, // replace what the target holds
      force: { type: 'boolean', default: false }, // PGlite: go on although postmaster.pid is present
    },
  });
  if (!values.from) throw new BackupRefused('give --from <backup file>');
  if (!fs.existsSync(values.from)) throw new BackupRefused(`${values.from} does not exist`);
  const size = fs.statSync(values.from).size;
  const config = loadConfig();
  if (config.databaseUrl) {
    const r = await restorePostgres(values.from, config.databaseUrl, { clean: values.clean });
    if (r.warnings.trim()) console.error(r.warnings.trim());
    console.log(`restored ${values.from} (${humanSize(size)}) into the PostgreSQL database${values.clean ? ' (--clean: its previous contents replaced)' : ''}`);
    console.log(`rows: ${describeCounts(r.counts)}`);
  } else {
    if (!config.dataDir) throw new BackupRefused('DATA_DIR=:memory: is not a folder to restore into: set DATA_DIR');
    const r = await restorePglite(values.from, config.dataDir, { clean: values.clean, force: values.force });
    console.log(`restored ${values.from} (${humanSize(size)}) into the PGlite folder ${r.dataDir}`);
    if (r.movedAside) console.log(`the previous folder was moved to ${r.movedAside} (delete it once the restore is checked)`);
    console.log(`rows: ${describeCounts(r.counts)}`);
  }
  console.log('start the app on it: it applies any migrations newer than the backup');
}

main().catch((err) => {
  console.error(`restore failed: ${(err as Error).message}`);
  process.exit(1);
});
