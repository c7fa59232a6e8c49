import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { HistoryRecord, HistoryVerification } from '../../src/contract/audit';
import type { Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { openPglite } from '../../src/db/pgliteDatabase';
import { openPostgres } from '../../src/db/postgresDatabase';
import { appendHistory } from '../../src/engine/history';
import { verifyHistoryChain } from '../../src/engine/historyChain';
import { backends, freshPostgresDatabase, signIn, startTestSystem, type Backend, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, deployFixture, tasksIn } from './helpers';

jest.setTimeout(60_000);

/** What migration 8 refuses, and how its error reads. */
const appendOnly = /history is append-only/;

/** Runs `sql` with the append-only trigger switched off, as only the table's owner can: a tamperer with full access. */
async function tamper(db: Database, sql: string, params: unknown[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('alter table history disable trigger history_append_only');
    await tx.query(sql, params);
    await tx.query('alter table history enable trigger history_append_only');
  });
}

/**
 * Tamper evidence of the history (migration 8, src/engine/historyChain.ts): each row's hash chains
 * its instance's rows; the database refuses updates and deletes; an edit or a deletion made
 * around that refusal is found by GET /api/instances/:id/history/verify at the row it broke.
 */
describe.each(backends)('tamper-evident history (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['pemilik-proses', 'kasi', 'kabid', 'auditor', 'admin-utama']) as[u] = await signIn(t.system, u);
    await deployFixture(as['pemilik-proses'], 'approval');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  /** An approval instance taken through claim, release, claim, complete, and the next task's claim and completion. */
  async function runInstance(): Promise<{ id: string; history: HistoryRecord[] }> {
    const started = await as.kasi.post('/api/process-definitions/approval/start').send({ businessKey: `HC-${randomUUID().slice(0, 8)}` }).expect(201);
    const id = started.body.id as string;
    const [review] = await tasksIn(as.kasi, id);
    await as.kasi.post(`/api/tasks/${review.id}/claim`).send({}).expect(200);
    await as.kasi.post(`/api/tasks/${review.id}/unclaim`).send({}).expect(200);
    await as.kasi.post(`/api/tasks/${review.id}/claim`).send({}).expect(200);
    await as.kasi.post(`/api/tasks/${review.id}/complete`).send({ variables: { approved: true } }).expect(200);
    const [sign] = await tasksIn(as.kabid, id);
    await as.kabid.post(`/api/tasks/${sign.id}/claim`).send({}).expect(200);
    await as.kabid.post(`/api/tasks/${sign.id}/complete`).send({ variables: {} }).expect(200);
    const history = (await as.auditor.get(`/api/instances/${id}/history`).expect(200)).body as HistoryRecord[];
    return { id, history };
  }

  const verify = async (id: string): Promise<HistoryVerification> => (await as.auditor.get(`/api/instances/${id}/history/verify`).expect(200)).body;

  it('verifies an untouched history: every entry counted', async () => {
    const { id, history } = await runInstance();
    expect(history.map((h) => h.type)).toEqual(expect.arrayContaining(['task-claimed', 'task-unclaimed', 'task-completed', 'instance-completed']));
    expect(await verify(id)).toEqual({ ok: true, entries: history.length });
  });

  it('answers as GET /api/instances/:id/history does: 403 for a stranger, 404 for an unknown id', async () => {
    const { id } = await runInstance();
    await as['admin-utama'].get(`/api/instances/${id}/history`).expect(403);
    await as['admin-utama'].get(`/api/instances/${id}/history/verify`).expect(403);
    await as.kasi.get(`/api/instances/${id}/history/verify`).expect(200);
    await as.auditor.get(`/api/instances/${randomUUID()}/history/verify`).expect(404);
  });

  it('refuses UPDATE and DELETE on history in the database; TRUNCATE stays possible', async () => {
    const { id, history } = await runInstance();
    const db = t.system.db;
    await expect(db.query(`update history set actor = 'someone-else' where id = $1`, [history[1].id])).rejects.toThrow(appendOnly);
    await expect(db.query('delete from history where id = $1', [history[1].id])).rejects.toThrow(appendOnly);
    await expect(db.query('delete from history where instance_id = $1', [id])).rejects.toThrow(appendOnly);
    // Undone by the rollback: this is only to show maintenance can still empty the table.
    const emptied = db.transaction(async (tx) => {
      await tx.query('truncate history');
      expect((await tx.query('select count(*)::int as n from history')).rows).toEqual([{ n: 0 }]);
      throw new Error('roll back');
    });
    await expect(emptied).rejects.toThrow('roll back');
    expect(await verify(id)).toEqual({ ok: true, entries: history.length });
  });

  it('finds an entry edited around the refusal, at that entry', async () => {
    const { id, history } = await runInstance();
    const victim = history[Math.floor(history.length / 2)];
    await tamper(t.system.db, `update history set data = data || '{"variables":{"approved":false}}' where id = $1`, [victim.id]);
    expect(await verify(id)).toEqual({ ok: false, entries: history.length, brokenAt: victim.id });
  });

  it('finds an entry deleted from the middle, at the entry after it', async () => {
    const { id, history } = await runInstance();
    const middle = Math.floor(history.length / 2);
    await tamper(t.system.db, 'delete from history where id = $1', [history[middle].id]);
    expect(await verify(id)).toEqual({ ok: false, entries: history.length - 1, brokenAt: history[middle + 1].id });
  });

  it('finds a forged hash, even one a writer supplies on insert (the trigger computes its own)', async () => {
    const { id, history } = await runInstance();
    await tamper(t.system.db, `update history set hash = repeat('0', 64) where id = $1`, [history[2].id]);
    expect(await verify(id)).toEqual({ ok: false, entries: history.length, brokenAt: history[2].id });
    const other = randomUUID();
    await t.system.db.query(`insert into history (instance_id, type, at, hash) values ($1, 'incident', now(), 'forged')`, [other]);
    const { rows } = await t.system.db.query<{ hash: string }>('select hash from history where instance_id = $1', [other]);
    expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyHistoryChain(t.system.db, other)).toEqual({ ok: true, entries: 1 });
  });

  it('chains the rows of one statement in order, and the deployments (no instance) among themselves', async () => {
    const instanceId = randomUUID();
    const at = new Date('2026-11-16T01:00:00.123456Z');
    await appendHistory(t.system.db, [
      { instanceId, type: 'element-entered', elementId: 'a', at, actor: 'kasi', data: { note: 'ß "quoted" | pipe' } },
      { instanceId, type: 'element-left', elementId: 'a', at, actor: null },
      { instanceId, type: 'element-entered', elementId: 'b', at },
    ]);
    expect(await verifyHistoryChain(t.system.db, instanceId)).toEqual({ ok: true, entries: 3 });
    // The same chain as the migration's fill computes, so old rows and new ones verify alike
    // (here and on the deployments' rows; other tests tampered with their instances).
    const { rows } = await t.system.db.query<{ same: boolean }>(
      `select bool_and(hash = chained) as same
         from (select hash, history_chain(id, instance_id, type, element_id, at, actor, data) over (partition by instance_id order by id) as chained
                 from history where instance_id = $1 or instance_id is null) h`,
      [instanceId],
    );
    expect(rows).toEqual([{ same: true }]);
  });
});

/** Migration 8 on a database that already has history: the fill gives old rows the chain new ones get. */
describe.each(backends)('migration 8 fills hashes of existing history (%s)', (backend: Backend) => {
  let db: Database;
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (backend === 'postgres') {
      const fresh = await freshPostgresDatabase();
      drop = fresh.drop;
      db = await openPostgres(fresh.url);
    } else {
      db = await openPglite(undefined);
    }
  });

  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('hashes every existing row per instance in id order, then chains new rows onto them', async () => {
    await migrate(db, 6);
    const a = randomUUID();
    const b = randomUUID();
    // Interleaved instances and a deployment row: the fill must partition, not chain by id alone.
    for (const [instanceId, type] of [[a, 'instance-started'], [b, 'instance-started'], [null, 'deployment'], [a, 'element-entered'], [b, 'instance-completed'], [a, 'element-left']] as const) {
      await db.query(`insert into history (instance_id, type, at, data) values ($1, $2, now(), '{"n":1}')`, [instanceId, type]);
    }
    await migrate(db);
    const { rows } = await db.query<{ missing: number }>('select count(*)::int as missing from history where hash is null');
    expect(rows).toEqual([{ missing: 0 }]);
    expect(await verifyHistoryChain(db, a)).toEqual({ ok: true, entries: 3 });
    expect(await verifyHistoryChain(db, b)).toEqual({ ok: true, entries: 2 });
    await appendHistory(db, [{ instanceId: a, type: 'instance-completed', at: new Date() }]);
    expect(await verifyHistoryChain(db, a)).toEqual({ ok: true, entries: 4 });
  });
});

/**
 * Two transactions appending to one instance at once (a claim is not under the instance's revision
 * guard): the trigger's lock makes the second wait, and a row whose id was drawn before it waited
 * gets a new one, so the chain neither forks nor runs against id order.
 */
describe('concurrent appends to one instance (postgres)', () => {
  const run = process.env.TEST_DATABASE_URL ? it : it.skip;
  let db: Database | undefined;
  let drop: () => Promise<void> = async () => undefined;
  const clients: Client[] = [];

  afterAll(async () => {
    for (const c of clients) await c.end();
    await db?.close();
    await drop();
  });

  run('keeps one chain in id order', async () => {
    const fresh = await freshPostgresDatabase();
    drop = fresh.drop;
    db = await openPostgres(fresh.url);
    await migrate(db);
    const [first, second] = [new Client({ connectionString: fresh.url }), new Client({ connectionString: fresh.url })];
    clients.push(first, second);
    await Promise.all([first.connect(), second.connect()]);
    const instanceId = randomUUID();
    const insert = `insert into history (instance_id, type, at) values ($1, $2, now()) returning id`;

    await first.query('begin');
    await first.query(insert, [instanceId, 'task-claimed']);
    await second.query('begin');
    // Draws its id now, then waits for `first`'s lock.
    const waiting = second.query<{ id: string }>(insert, [instanceId, 'task-unclaimed']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.query(insert, [instanceId, 'task-completed']);
    await first.query('commit');
    const { rows } = await waiting;
    await second.query('commit');

    const order = await db.query<{ id: string; type: string }>('select id, type from history where instance_id = $1 order by id', [instanceId]);
    expect(order.rows.map((r) => r.type)).toEqual(['task-claimed', 'task-completed', 'task-unclaimed']);
    expect(order.rows[2].id).toBe(rows[0].id);
    expect(await verifyHistoryChain(db, instanceId)).toEqual({ ok: true, entries: 3 });
  });
});
