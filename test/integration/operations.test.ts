import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { Client } from 'pg';
import { openPglite } from '../../src/db/pgliteDatabase';
import { migrate, pendingMigrations } from '../../src/db/migrations';
import { backends, freshPostgresDatabase, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { deployFixture, completeTaskIn } from './helpers';
import { freePort } from '../support/serverProcess';

/** Prometheus text exposition → sample values by `name{labels}` (labels as written). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    out.set(m[1], Number(m[2]));
  }
  return out;
}

const sum = (s: Map<string, number>, prefix: string) => [...s].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);

describe.each(backends)('operations on %s', (backend) => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem(backend);
  });
  afterAll(() => t.close());

  test('GET /api/ready says ready on a migrated database, beside /api/health', async () => {
    const res = await request(t.system.app).get('/api/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', reasons: [] });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(t.system.app).get('/api/health').set('X-Request-Id', 'proxy-abc.1');
    expect(kept.headers['x-request-id']).toBe('proxy-abc.1');
  });

  test('/metrics parses as Prometheus text and moves when a task is completed', async () => {
    const { key } = await deployFixture(await signIn(t.system, 'pemilik-proses'), 'approval');
    const kasi = await signIn(t.system, 'kasi');
    const started = await kasi.post(`/api/process-definitions/${key}/start`).send({ variables: {} });
    expect(started.status).toBe(201);
    const before = samples((await request(t.system.app).get('/metrics')).text);
    const openBefore = sum(before, `sop_open_tasks{process="${key}"`);
    expect(openBefore).toBeGreaterThanOrEqual(1);
    await completeTaskIn(kasi, started.body.id, 'review');
    const res = await request(t.system.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const after = samples(res.text);
    expect(sum(after, `sop_open_tasks{process="${key}"`)).toBe(openBefore - 1);
    const completes = (s: Map<string, number>) => sum(s, 'http_request_duration_seconds_count{method="POST",route="/api/tasks/:id/complete",status="200"');
    expect(completes(after)).toBe(completes(before) + 1);
    expect(after.has('sop_incidents_open')).toBe(true);
    expect(after.has('sop_job_lag_seconds')).toBe(true);
    expect(after.has('sop_mail_outbox_pending')).toBe(true);
  });
});

describe('readiness', () => {
  test('a database missing a migration of this build is not ready', async () => {
    const db = await openPglite(undefined);
    try {
      await migrate(db, 13);
      expect(await pendingMigrations(db)).toBeGreaterThan(0);
      await migrate(db);
      expect(await pendingMigrations(db)).toBe(0);
    } finally {
      await db.close();
    }
  });
});

async function waitReady(port: number, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`port ${port} never became ready`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('several app processes on one empty PostgreSQL database', () => {
  jest.setTimeout(240_000);

  test('three processes started at once all become ready; each migration, process version and demo user exists once; SIGTERM stops each cleanly', async () => {
    const pg = await freshPostgresDatabase();
    const children: ChildProcess[] = [];
    try {
      const ports = [await freePort(), await freePort(), await freePort()];
      const exits: Promise<number | null>[] = [];
      for (const port of ports) {
        // tsx as a loader in the server's own process (as serverProcess.ts does): SIGTERM reaches
        // main.ts's handler, not a wrapper that would answer 143 for its child.
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
          cwd: path.join(__dirname, '..', '..'),
          env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: pg.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_OPTIONS: '' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        children.push(child);
        exits.push(new Promise((resolve) => child.on('exit', (code) => resolve(code))));
      }
      const deadline = Date.now() + 180_000;
      await Promise.all(ports.map((p) => waitReady(p, deadline)));

      const c = new Client({ connectionString: pg.url });
      await c.connect();
      try {
        const migrations = await c.query<{ n: number; distinct_ids: number }>('select count(*)::int as n, count(distinct id)::int as distinct_ids from schema_migrations');
        expect(migrations.rows[0].n).toBe(migrations.rows[0].distinct_ids);
        expect(migrations.rows[0].n).toBeGreaterThanOrEqual(15);
        const versions = await c.query('select key, version, count(*) from process_definitions group by 1, 2 having count(*) > 1');
        expect(versions.rows).toEqual([]);
        const firstVersions = await c.query<{ n: number }>('select count(*)::int as n from process_definitions where version > 1');
        expect(firstVersions.rows[0].n).toBe(0);
        const users = await c.query<{ n: number; distinct_names: number }>('select count(*)::int as n, count(distinct username)::int as distinct_names from users');
        expect(users.rows[0].n).toBeGreaterThan(0);
        expect(users.rows[0].n).toBe(users.rows[0].distinct_names);
      } finally {
        await c.end();
      }

      for (const child of children) child.kill('SIGTERM');
      expect(await Promise.all(exits)).toEqual([0, 0, 0]);
    } finally {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await pg.drop();
    }
  });
});
