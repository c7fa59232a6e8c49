import { loadConfig } from './config';
import { createSystem, type System } from './system';

async function main(): Promise<void> {
  const config = loadConfig();
  let system: System | undefined;
  let stopping = false;
  // Installed before anything starts: a SIGTERM while the process is still starting (migrating,
  // deploying) ends it at once; its transactions roll back and the next start does the work.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!system) process.exit(0);
    system.logger.info(`${signal}: shutting down (no new jobs, finishing requests in flight)`);
    try {
      await system.close();
      system.logger.info('stopped');
      process.exit(0);
    } catch (err) {
      system.logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  system = await createSystem(config);
  const log = system.logger;
  const server = await system.listen();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(`database: ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `PGlite in ${config.dataDir ?? 'memory'}`}; clock: ${config.clock}`);
  log.info(`listening on http://${config.host ?? 'localhost'}:${port}`);
}

main().catch((err) => {
  console.error(`[sop] failed to start: ${(err as Error).message}`);
  process.exit(1);
});
