import { loadConfig } from './config';
import { createSystem } from './system';

async function main(): Promise<void> {
  const config = loadConfig();
  const system = await createSystem(config);
  const log = system.logger;
  const server = await system.listen();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(`database: ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `PGlite in ${config.dataDir ?? 'memory'}`}; clock: ${config.clock}`);
  log.info(`listening on http://${config.host ?? 'localhost'}:${port}`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down (no new jobs, finishing requests in flight)`);
    try {
      await system.close();
      log.info('stopped');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(`[sop] failed to start: ${(err as Error).message}`);
  process.exit(1);
});
