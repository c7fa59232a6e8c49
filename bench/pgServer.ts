import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A throw-away database on a PostgreSQL server, created for one benchmark run and dropped after it. */
export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const serverUrl = (): string =>
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Prints the server URL without its password. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}

export async function createScratchDatabase(url: string): Promise<ScratchDatabase> {
  const adminUrl = withDatabase(url, 'postgres');
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(url, name),
    name,
    async drop() {
      const c = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
