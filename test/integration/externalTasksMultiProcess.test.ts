import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freshPostgresDatabase } from '../support/testSystem';
import { ApiClient, startServerProcess, type ServerProcess } from '../support/serverProcess';

/**
 * Four workers on two app processes sharing one PostgreSQL server poll the same topic at once:
 * FOR UPDATE SKIP LOCKED must give each external task to exactly one of them, and each completion
 * must move its instance on exactly once.
 */
const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'external-letter.bpmn'), 'utf8');
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;
jest.setTimeout(180_000);

onServer('external-task workers on several app processes', () => {
  let db: { url: string; drop: () => Promise<void> };
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    const env = { DATABASE_URL: db.url, SOP_CLOCK: 'manual', SOP_CLOCK_START: '2026-11-16T08:00:00+07:00' };
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
  });

  afterAll(async () => {
    for (const s of servers) await s.kill('SIGTERM');
    await db?.drop();
  });

  it('locks and completes each task once', async () => {
    const [a, b] = servers;
    const owner = await new ApiClient(a.url).login('pemilik-proses');
    expect((await owner.call('POST', '/api/deployments', { name: 'external-letter.bpmn', xml })).status).toBe(201);
    const instances = 40;
    for (let i = 0; i < instances; i++) expect((await owner.call('POST', '/api/process-definitions/external-letter/start', {})).status).toBe(201);

    const workers = await Promise.all([a, a, b, b].map((s) => new ApiClient(s.url).login('worker')));
    const locked: string[] = [];
    const refused: number[] = [];
    const work = async (client: ApiClient, workerId: string) => {
      for (;;) {
        const res = await client.call('POST', '/api/external-tasks/fetch-and-lock', { workerId, maxTasks: 3, topics: [{ topicName: 'nomor-surat', lockDuration: 600_000 }] });
        expect(res.status).toBe(200);
        const tasks = res.body as { id: string }[];
        if (tasks.length === 0) return;
        for (const task of tasks) {
          locked.push(task.id);
          const done = await client.call('POST', `/api/external-tasks/${task.id}/complete`, { workerId, variables: { nomorSurat: `${workerId}/${task.id}` } });
          if (done.status !== 204) refused.push(done.status);
        }
      }
    };
    await Promise.all(workers.map((w, i) => work(w, `w${i}`)));
    expect(refused).toEqual([]);
    expect(locked).toHaveLength(instances);
    expect(new Set(locked).size).toBe(instances);

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const completed = await client.query(`select instance_id, count(*)::int as n from history where type = 'external-task-completed' group by instance_id`);
      expect(completed.rows).toHaveLength(instances);
      expect(completed.rows.every((r) => r.n === 1)).toBe(true);
      const waiting = await client.query(`select count(*)::int as n from external_tasks where topic = 'kirim-surat'`);
      expect(waiting.rows[0].n).toBe(instances);
      const rest = await client.query(`select count(*)::int as n from external_tasks where topic = 'nomor-surat'`);
      expect(rest.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
