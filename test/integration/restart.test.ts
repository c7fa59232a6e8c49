import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient, startServerProcess, type ServerProcess } from '../support/serverProcess';

/**
 * Kill -9 the server while it completes tasks, start it again on the same ./data, and check that
 * every instance continues from its last commit: no task lost, none duplicated, timers still
 * pending and firing once.
 */
const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'escalation.bpmn'), 'utf8');
jest.setTimeout(180_000);

describe('restart after kill -9 (PGlite in a data folder)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sop-restart-'));
  const env = { DATA_DIR: dataDir, SOP_CLOCK: 'manual', SOP_CLOCK_START: '2026-11-16T08:00:00+07:00', SCHEDULER_POLL_MS: '100' };
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('continues every instance from its last commit', async () => {
    server = await startServerProcess(env);
    const owner = await new ApiClient(server.url).login('pemilik-proses');
    expect((await owner.call('POST', '/api/deployments', { name: 'escalation.bpmn', xml })).status).toBe(201);
    const kasi = await new ApiClient(server.url).login('kasi');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await kasi.call('POST', '/api/process-definitions/uji-eskalasi/start', { businessKey: `KPS-2026-${i}` });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const tasks = (await kasi.call('GET', '/api/tasks')).body as { id: string; instanceId: string }[];
    expect(tasks).toHaveLength(20);
    const toComplete = tasks.filter((t) => ids.indexOf(t.instanceId) < 15);
    for (const t of toComplete) expect((await kasi.call('POST', `/api/tasks/${t.id}/claim`)).status).toBe(200);

    // Fire the completions together and kill the server as soon as a few have answered.
    let answered = 0;
    const inFlight = toComplete.map((t) =>
      kasi.call('POST', `/api/tasks/${t.id}/complete`, { variables: { hasil: 'lengkap' } }).then(
        (r) => (answered++, r.status),
        () => 'cut',
      ),
    );
    while (answered < 3) await new Promise((r) => setTimeout(r, 5));
    await server.kill('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.filter((o) => o === 200).length).toBeGreaterThanOrEqual(3);

    server = await startServerProcess(env);
    const auditor = await new ApiClient(server.url).login('auditor');
    for (const [i, id] of ids.entries()) {
      const instance = (await auditor.call('GET', `/api/instances/${id}`)).body;
      expect(instance.status).toBe('running');
      const history = (await auditor.call('GET', `/api/instances/${id}/history`)).body as { type: string; elementId: string }[];
      const created = history.filter((h) => h.type === 'task-created').map((h) => h.elementId);
      const completed = history.filter((h) => h.type === 'task-completed').map((h) => h.elementId);
      // Exactly one of: verification still open (with its timer), or verified and handed to disposition.
      if (completed.includes('verifikasi')) {
        expect(created).toEqual(['verifikasi', 'disposisi']);
        expect(instance.activeElements).toEqual(['disposisi']);
        expect(instance.timers).toEqual([]);
      } else {
        expect(created).toEqual(['verifikasi']);
        expect(instance.activeElements.sort()).toEqual(['terlambat', 'verifikasi']);
        expect(instance.timers).toEqual([{ elementId: 'terlambat', dueAt: '2026-11-17T01:00:00.000Z' }]);
      }
      if (i >= 15) expect(completed).toEqual([]);
    }

    // The timers of the untouched instances fire once, after the restart, on the working day due.
    const kasi2 = await new ApiClient(server.url).login('kasi');
    expect((await kasi2.call('POST', '/api/_clock/set', { at: '2026-11-17T08:00:01+07:00' })).status).toBe(200);
    const kabid = await new ApiClient(server.url).login('kabid');
    const kabidTasks = (await kabid.call('GET', '/api/tasks')).body as { elementId: string; instanceId: string }[];
    const reprimands = kabidTasks.filter((t) => t.elementId === 'tegur').map((t) => t.instanceId);
    expect(new Set(reprimands).size).toBe(reprimands.length);
    for (const id of ids.slice(15)) expect(reprimands).toContain(id);
  });
});
