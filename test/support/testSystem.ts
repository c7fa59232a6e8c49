import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { createSystem, type System } from '../../src/system';

export type Backend = 'pglite' | 'postgres';

/** The back ends a persistence suite runs on: PGlite always, the server when TEST_DATABASE_URL is set. */
export const backends: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** A fresh, empty database on the test server; dropped by the returned function. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `sop_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestSystem {
  system: System;
  close(): Promise<void>;
}

/**
 * The real system (database, engine, HTTP app) with a manual clock, on a throwaway database:
 * in-memory PGlite, or a fresh database on the PostgreSQL server.
 */
export async function startTestSystem(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<TestSystem> {
  const pg = backend === 'postgres' ? await freshPostgresDatabase() : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    SOP_CLOCK: 'manual',
    SOP_CLOCK_START: '2026-11-16T08:00:00+07:00', // a Monday
    DATA_DIR: ':memory:',
    PROCESSES_DIR: '/nonexistent',
    SCHEDULER_POLL_MS: '50',
    PORT: '0',
    ...(pg && { DATABASE_URL: pg.url }),
    ...env,
  });
  const system = await createSystem(config);
  return {
    system,
    async close() {
      await system.close();
      await pg?.drop();
    },
  };
}

/** A supertest agent signed in as `username` (demo users: password demo12345). */
export async function signIn(system: System, username: string, password = 'demo12345') {
  const agent = request.agent(system.app);
  const res = await agent.post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}
