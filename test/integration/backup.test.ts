import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createSystem, type System } from '../../src/system';
import { backends, freshPostgresDatabase, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, completeComplaintTask, deployFixture, enterComplaint } from './helpers';

jest.setTimeout(180_000);

const root = path.join(__dirname, '..', '..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run backup`/`restore`'s CLI as an operator would, with only the given database
 * settings (none of this process's DATABASE_URL or jest's NODE_OPTIONS).
 */
function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<CliResult> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  delete base.NODE_OPTIONS;
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src', 'cli', `${script}.ts`), ...args], { cwd: root, env: { ...base, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What a district sees of its data through the API: complaints, instances, each history and its chain, open tasks. */
interface Snapshot {
  complaints: unknown[];
  instances: unknown;
  histories: Record<string, unknown>;
  verifications: Record<string, { ok: boolean; entries: number }>;
  tasksOfAdminUtama: unknown;
  tasksOfPejabat: unknown;
}

async function snapshot(system: System, trackingIds: string[]): Promise<Snapshot> {
  const auditor = await signIn(system, 'auditor');
  const complaints = [];
  for (const id of trackingIds) complaints.push((await auditor.get(`/api/complaints/${id}`).expect(200)).body);
  const instances = (await auditor.get('/api/instances?limit=50').expect(200)).body as { id: string }[];
  const histories: Snapshot['histories'] = {};
  const verifications: Snapshot['verifications'] = {};
  for (const { id } of instances) {
    histories[id] = (await auditor.get(`/api/instances/${id}/history`).expect(200)).body;
    verifications[id] = (await auditor.get(`/api/instances/${id}/history/verify`).expect(200)).body;
  }
  const tasksOf = async (u: string) => (await (await signIn(system, u)).get('/api/tasks').expect(200)).body;
  return { complaints, instances, histories, verifications, tasksOfAdminUtama: await tasksOf('admin-utama'), tasksOfPejabat: await tasksOf('pejabat-penghubung') };
}

async function counts(system: System): Promise<{ complaints: number; tasks: number; history: number }> {
  const n = async (t: string) => (await system.db.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0].n;
  return { complaints: await n('complaints'), tasks: await n('tasks'), history: await n('history') };
}

/**
 * Backup and restore on each back end, through the CLIs an operator runs: data made through the
 * real system (complaints entered, a task completed, one claimed), backed up, restored into a
 * fresh database, and the app started on it reads the same complaints, instances, history (its
 * chain still verifies) and worklists. A target that already holds data is refused.
 */
describe.each(backends)('backup and restore (%s)', (backend) => {
  let tmp = '';
  const dbEnv = (urlOrDir: string): Record<string, string> => (backend === 'postgres' ? { DATABASE_URL: urlOrDir } : { DATA_DIR: urlOrDir });
  let original: TestSystem | undefined;
  let restored: TestSystem | undefined;
  let before: Snapshot;
  let rowsBefore: { complaints: number; tasks: number; history: number };
  let source = '';
  let target = '';
  let file = '';
  const trackingIds: string[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-backup-'));
    file = path.join(tmp, backend === 'postgres' ? 'backups/kapuas.dump' : 'backups/kapuas.tar.gz');
    if (backend === 'pglite') source = path.join(tmp, 'data');
    original = await startTestSystem(backend, backend === 'pglite' ? { DATA_DIR: source } : {});
    if (backend === 'postgres') source = original.system.config.databaseUrl!;
    const as: Record<string, Agent> = {};
    for (const u of ['pemilik-proses', 'admin-utama', 'auditor']) as[u] = await signIn(original.system, u);
    for (const f of ['complaints-sop-555-01', 'complaints-sop-555-05']) await deployFixture(as['pemilik-proses'], f);
    const a = await enterComplaint(as['admin-utama'], { opd: 'dinkes', reporter: { name: 'Budi Santoso', contact: '0812-5555-0101' } });
    await completeComplaintTask(as.auditor, as['admin-utama'], a.trackingId, 'Task_Verifikasi', { lengkap: true, opd: 'dinkes' });
    const b = await enterComplaint(as['admin-utama'], { opd: 'dinkes', subject: 'Lampu jalan mati' });
    const bTask = ((await as.auditor.get(`/api/complaints/${b.trackingId}`).expect(200)).body as { openTasks: { id: string }[] }).openTasks[0];
    await as['admin-utama'].post(`/api/tasks/${bTask.id}/claim`).send({}).expect(200);
    trackingIds.push(a.trackingId, b.trackingId);
    before = await snapshot(original.system, trackingIds);
    rowsBefore = await counts(original.system);
  });

  afterAll(async () => {
    await closeTestSystem(original);
    await closeTestSystem(restored);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('has something worth backing up: a completed step, a claimed task, verified history', () => {
    expect(rowsBefore.complaints).toBe(2);
    expect(before.complaints).toHaveLength(2);
    expect(Object.keys(before.histories).length).toBeGreaterThanOrEqual(3); // 555/05 twice, and 555/01 it handed over to
    expect(Object.values(before.verifications).every((v) => v.ok && v.entries > 0)).toBe(true);
    expect(before.tasksOfAdminUtama).toEqual(expect.arrayContaining([expect.objectContaining({ assignee: 'admin-utama' })]));
  });

  if (backend === 'pglite') {
    it('refuses to back up a PGlite folder the app has open, and writes no file', async () => {
      const r = await cli('backup', ['--out', file], dbEnv(source));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is in use (postmaster.pid is present): stop the app first');
      expect(fs.existsSync(file)).toBe(false);
    });
  }

  it('backs up, printing the size and the row counts', async () => {
    // PGlite is one process: the app must be stopped. pg_dump reads a snapshot beside the running app.
    if (backend === 'pglite') await closeTestSystem(original);
    const r = await cli('backup', ['--out', file], dbEnv(source));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`to ${file}: `);
    expect(r.stdout).toContain(`rows: complaints 2, tasks ${rowsBefore.tasks}, history ${rowsBefore.history}`);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it('never overwrites an existing backup', async () => {
    const size = fs.statSync(file).size;
    const r = await cli('backup', ['--out', file], dbEnv(source));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exists: a backup never overwrites one');
    expect(fs.statSync(file).size).toBe(size);
  });

  it('restores into a fresh database, and refuses a second time into one that has data', async () => {
    let drop: (() => Promise<void>) | undefined;
    if (backend === 'postgres') ({ url: target, drop } = await freshPostgresDatabase());
    else target = path.join(tmp, 'restored');
    const r = await cli('restore', ['--from', file], dbEnv(target));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`rows: complaints 2, tasks ${rowsBefore.tasks}, history ${rowsBefore.history}`);

    const again = await cli('restore', ['--from', file], dbEnv(target));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(backend === 'postgres' ? /already has \d+ tables: nothing was restored. Give --clean/ : /is not empty \(it holds a database\): nothing was restored. Give --clean/);

    const system = await createSystem(
      loadConfig({ NODE_ENV: 'test', SOP_CLOCK: 'manual', PROCESSES_DIR: '/nonexistent', PORT: '0', SCHEDULER_POLL_MS: '50', ...dbEnv(target) }),
    );
    restored = { system, close: async () => { await system.close(); await drop?.(); } };
    expect(await counts(system)).toEqual(rowsBefore);
  });

  it('the app on the restored database reads the same complaints, tasks and history, and the chains verify', async () => {
    const after = await snapshot(restored!.system, trackingIds);
    expect(after).toEqual(before);
    expect(Object.values(after.verifications).every((v) => v.ok)).toBe(true);
  });

  it('goes on working on the restored database: the claimed task completes', async () => {
    const au = await signIn(restored!.system, 'admin-utama');
    const auditor = await signIn(restored!.system, 'auditor');
    // admin-utama claimed it before the backup: the claim survived, so completing needs no new claim.
    const task = ((await auditor.get(`/api/complaints/${trackingIds[1]}`).expect(200)).body as { openTasks: { id: string; assignee: string | null }[] }).openTasks[0];
    expect(task.assignee).toBe('admin-utama');
    await au.post(`/api/tasks/${task.id}/complete`).send({ variables: { lengkap: true, opd: 'dinkes' } }).expect(200);
    const instance = (before.complaints[1] as { instances: { id: string }[] }).instances[0].id;
    const verified = (await auditor.get(`/api/instances/${instance}/history/verify`).expect(200)).body as { ok: boolean; entries: number };
    expect(verified.ok).toBe(true);
    expect(verified.entries).toBeGreaterThan(before.verifications[instance].entries);
  });

  it('with --clean replaces what the target holds by the backup (the app stopped first)', async () => {
    const rowsNow = await counts(restored!.system);
    expect(rowsNow.history).toBeGreaterThan(rowsBefore.history); // the completion above wrote history
    await restored!.system.close();
    restored!.system.close = async () => undefined; // closeTestSystem still drops the database
    const r = await cli('restore', ['--from', file, '--clean'], dbEnv(target));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`rows: complaints 2, tasks ${rowsBefore.tasks}, history ${rowsBefore.history}`);
    if (backend === 'pglite') {
      // The replaced folder is moved aside, never deleted.
      const aside = /moved to (\S+) /.exec(r.stdout)?.[1];
      expect(aside && fs.existsSync(path.join(aside, 'PG_VERSION'))).toBe(true);
    }
  });

  it('refuses a backup of the other back end, naming how to restore it', async () => {
    const other = path.join(tmp, backend === 'postgres' ? 'other.tar.gz' : 'other.dump');
    fs.writeFileSync(other, backend === 'postgres' ? Buffer.from([0x1f, 0x8b, 8, 0, 0]) : Buffer.from('PGDMP\x01\x0e'));
    const r = await cli('restore', ['--from', other], dbEnv(backend === 'postgres' ? target : path.join(tmp, 'elsewhere')));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(backend === 'postgres' ? 'is a PGlite data-folder backup' : 'is a pg_dump of a PostgreSQL server');
  });
});
