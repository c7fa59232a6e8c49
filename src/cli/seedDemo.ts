import { loadConfig } from '../config';
import { openDatabase } from '../db/open';
import { seedDemoUsers } from '../domain/demoUsers';
import { Users } from '../domain/users';

/** `npm run seed:demo`: one demo user per role. Refused when NODE_ENV=production. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.nodeEnv === 'production') throw new Error('seed:demo is refused when NODE_ENV=production');
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const created = await seedDemoUsers(new Users(db), config.nodeEnv);
    console.log(created.length ? `created demo users: ${created.join(', ')} (password demo12345)` : 'demo users already exist');
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error((err as Error).message);
  process.exit(1);
});
