import { loadConfig } from './config';
import { createSystem } from './system';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (m: string) => console.log(`[sop] ${m}`);
  const system = await createSystem(config, log);
  const server = await system.listen();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`database: ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `PGlite in ${config.dataDir ?? "memory"}`}; clock: ${config.clock}`);
  log(`listening on http://${config.host ?? 'localhost'}:${port}`);
  const shutdown = async () => {
    await system.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(`[sop] failed to start: ${(err as Error).message}`);
  process.exit(1);
});
