import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freshPostgresDatabase } from '../support/testSystem';
import { ApiClient, startServerProcess, type ServerProcess } from '../support/serverProcess';

/**
 * Two app processes on one PostgreSQL server, one shared manual clock: both pollers and both
 * clock calls race for the same due timers, and each timer must fire exactly once.
 */
const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'escalation.bpmn'), 'utf8');
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;
jest.setTimeout(180_000);

onServer('several app processes on one PostgreSQL server', () => {
  let db: { url: string; drop: () => Promise<void> };
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    const env = { DATABASE_URL: db.url, SOP_CLOCK: 'manual', SOP_CLOCK_START: '2026-11-16T08:00:00+07:00', SCHEDULER_POLL_MS: '20' };
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
  });

  afterAll(async () => {
    for (const s of servers) await s.kill('SIGTERM');
    await db?.drop();
  });

  it('fires every timer once and shares the clock', async () => {
    const [a, b] = servers;
    const owner = await new ApiClient(a.url).login('pemilik-proses');
    expect((await owner.call('POST', '/api/deployments', { name: 'escalation.bpmn', xml })).status).toBe(201);
    const kasiA = await new ApiClient(a.url).login('kasi');
    const kasiB = await new ApiClient(b.url).login('kasi');
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await (i % 2 ? kasiA : kasiB).call('POST', '/api/process-definitions/uji-eskalasi/start', {});
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const [ra, rb] = await Promise.all([
      kasiA.call('POST', '/api/_clock/set', { at: '2026-11-17T09:00:00+07:00' }),
      kasiB.call('POST', '/api/_clock/set', { at: '2026-11-17T09:00:00+07:00' }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    // Process B sees the clock process A set.
    const health = await (await fetch(`${b.url}/api/health`)).json();
    expect(health.now).toBe('2026-11-17T02:00:00.000Z');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const fired = await client.query(
        `select instance_id, count(*)::int as n from history where type = 'timer-fired' group by instance_id`,
      );
      expect(fired.rows).toHaveLength(30);
      expect(fired.rows.every((r) => r.n === 1)).toBe(true);
      const tegur = await client.query(`select instance_id, count(*)::int as n from tasks where element_id = 'tegur' group by instance_id`);
      expect(tegur.rows).toHaveLength(30);
      expect(tegur.rows.every((r) => r.n === 1)).toBe(true);
      const pending = await client.query(`select count(*)::int as n from jobs`);
      expect(pending.rows[0].n).toBe(0);

      // Each process keeps live engines of what it ran; after the other process moved an
      // instance on, completing through either must start from the stored state, not a stale engine.
      const tasks = (await kasiA.call('GET', '/api/tasks')).body as { id: string; elementId: string }[];
      const verifications = tasks.filter((x) => x.elementId === 'verifikasi');
      expect(verifications).toHaveLength(30);
      for (const [i, task] of verifications.entries()) {
        const via = i % 2 ? kasiA : kasiB;
        expect((await via.call('POST', `/api/tasks/${task.id}/claim`)).status).toBe(200);
        expect((await via.call('POST', `/api/tasks/${task.id}/complete`, { variables: { lengkap: true } })).status).toBe(200);
      }
      const dispositions = await client.query(
        `select instance_id, count(*)::int as n from tasks where element_id = 'disposisi' and status = 'open' group by instance_id`,
      );
      expect(dispositions.rows).toHaveLength(30);
      expect(dispositions.rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
