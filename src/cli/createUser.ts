import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open';
import { Users } from '../domain/users';

/** `npm run user:create -- --username … --email … --roles admin-sistem [--opd …]`; the password is read from SOP_PASSWORD or stdin. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      roles: { type: 'string', default: 'admin-sistem' },
      opd: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (!values.username || !values.email) throw new Error('give --username and --email (and --roles, comma-separated)');
  const password = process.env.SOP_PASSWORD ?? (await readStdin()).trim();
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const user = await new Users(db).create({
      username: values.username,
      email: values.email,
      password,
      displayName: values.name,
      opd: values.opd ?? null,
      roles: values.roles!.split(',').map((r) => r.trim()),
    });
    console.log(`created user ${user.username} with roles ${user.roles.join(', ')}`);
  } finally {
    await db.close();
  }
}

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  return new Promise((resolve) => {
    let data = '';
    process.stdin.on('data', (c) => (data += c));
    process.stdin.on('end', () => resolve(data));
  });
}

main().catch((err) => {
  console.error((err as Error).message, (err as { detail?: unknown }).detail ?? '');
  process.exit(1);
});
