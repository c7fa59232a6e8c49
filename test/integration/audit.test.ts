import { randomUUID } from 'node:crypto';
import type { AuditListItem } from '../../src/contract/audit';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, completeComplaintTask, deployFixture, enterComplaint, rawBody, wib } from './helpers';

jest.setTimeout(90_000);

type Item = AuditListItem;
interface Dashboard {
  complaintsByStatus: { status: string; count: number }[];
  openComplaintsByOpd: { opd: string | null; opdName: string | null; count: number }[];
  overdueTasksByOpd: { opd: string | null; opdName: string | null; count: number }[];
  overdueTasksByRole: { role: string; label: string; count: number }[];
  generatedAt: string;
}

/** RFC 4180 as a spreadsheet reads it: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/**
 * The audit trail and the dashboard through real HTTP: who sees which instances (all, complaint
 * chains, one OPD's), the filters and their errors, one instance's history with lateness in
 * working time, the CSV download, and dashboard counts before and after a due date passes.
 */
describe.each(backends)('audit trail and dashboard (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  const ids: Record<string, string> = {};
  let approvalId = '';

  const intake = enterComplaint;
  const completeTask = (agent: Agent, trackingId: string, elementId: string, variables?: Record<string, unknown>) =>
    completeComplaintTask(as.auditor, agent, trackingId, elementId, variables);
  const search = async (agent: Agent, query = '') => {
    const res = await agent.get(`/api/audit/instances${query ? `?${query}` : ''}`);
    expect(res.status).toBe(200);
    return res.body as { total: number; items: Item[] };
  };
  const keysOf = (r: { items: Item[] }) => r.items.map((i) => `${i.businessKey}:${i.key}`);
  const dashboard = async (agent: Agent) => {
    const res = await agent.get('/api/dashboard');
    expect(res.status).toBe(200);
    return res.body as Dashboard;
  };
  const countOf = <T extends { count: number }>(list: T[], pick: (x: T) => boolean) => list.find(pick)?.count ?? 0;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['admin-sistem', 'pemilik-proses', 'admin-utama', 'admin-penghubung', 'pejabat-penghubung', 'kasi', 'apip', 'auditor']) {
      as[u] = await signIn(t.system, u);
    }
    // A display name a spreadsheet would run as a formula, with a quote and a comma to escape.
    const res = await as['admin-sistem']
      .post('/api/users')
      .send({ username: 'pejabat.disdik', displayName: '=Siti "Ani", S.Sos', roles: ['pejabat-penghubung'], opd: 'disdik', password: 'rahasia-panjang', email: 'pd@kapuas.example' });
    expect(res.status).toBe(201);
    as['pejabat.disdik'] = await signIn(t.system, 'pejabat.disdik', 'rahasia-panjang');
    for (const f of ['complaints-sop-555-01', 'complaints-sop-555-05', 'complaints-sop-555-06', 'approval', 'late-notice']) await deployFixture(as['pemilik-proses'], f);

    // A: confidential, entered for Dinkes, disposed to Disdik and answered there (555/05 → 555/01).
    const a = await intake(as['admin-utama'], { opd: 'dinkes', rahasia: true, reporter: { name: 'Budi Santoso', contact: '0812-5555-0101' } });
    await completeTask(as['admin-utama'], a.trackingId, 'Task_Verifikasi', { lengkap: true, opd: 'disdik' });
    await completeTask(as['pejabat.disdik'], a.trackingId, 'Task_Jawab', { jawaban: 'Sudah diperbaiki, "segera"' });
    // B: Dinkes, waiting on the Admin Utama. C: entered by Dinkes's Admin Penghubung (555/06). D: Disdik.
    const b = await intake(as['admin-utama'], { opd: 'dinkes' });
    const c = await intake(as['admin-penghubung'], {});
    const d = await intake(as['admin-utama'], { opd: 'disdik' });
    Object.assign(ids, { a: a.trackingId, aParent: a.instances[0].id, b: b.trackingId, bId: b.instances[0].id, c: c.trackingId, d: d.trackingId, dId: d.instances[0].id });
    // An instance of no complaint.
    approvalId = (await as['admin-sistem'].post('/api/process-definitions/approval/start').send({ variables: {} }).expect(201)).body.id;
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('answers 401 without a session on every endpoint', async () => {
    const anon = anonymous(t.system);
    for (const path of ['/api/audit/instances', `/api/audit/instances/${ids.aParent}`, `/api/instances/${ids.aParent}/history.csv`, '/api/dashboard']) {
      expect([path, (await anon.get(path)).status]).toEqual([path, 401]);
    }
  });

  it('lists every instance, newest first, for an auditor; complaint chains only for other see-all readers', async () => {
    const all = await search(as.auditor, 'limit=200');
    expect(all.total).toBe(6);
    expect(all.items.map((i) => i.startedAt)).toEqual([...all.items.map((i) => i.startedAt)].sort().reverse());
    expect(all.items.map((i) => i.id)).toContain(approvalId);
    const child = all.items.find((i) => i.key === 'sop-555-01')!;
    expect(child).toMatchObject({ businessKey: ids.a, parentId: ids.aParent, status: 'completed', processName: 'Uji: tindak lanjut pengaduan', opd: 'disdik', openTasks: 0 });
    expect(all.items.find((i) => i.id === ids.bId)).toMatchObject({
      key: 'sop-555-05',
      version: 1,
      status: 'running',
      opd: 'dinkes',
      startedAt: wib('2026-11-16T08:00:00'),
      endedAt: null,
      parentId: null,
      openTasks: 1,
      overdueTasks: 0,
    });
    for (const reader of ['pemilik-proses', 'admin-sistem']) expect((await search(as[reader])).total).toBe(6);

    // A see-all complaint reader: every complaint chain, and (as everywhere) an instance of no
    // complaint only when offered a task in it: the Kasi is a candidate in the approval.
    const kasi = await search(as.kasi, 'limit=200');
    expect(kasi.total).toBe(6);
    expect(kasi.items.map((i) => i.id)).toContain(approvalId);
    const apip = await search(as.apip, 'limit=200');
    expect(apip.total).toBe(5);
    expect(apip.items.map((i) => i.id)).not.toContain(approvalId);
  });

  it('filters by tracking ID (any case), SOP, status, OPD and start date, and pages with a total', async () => {
    const chain = await search(as.auditor, `trackingId=${ids.a.toLowerCase()}`);
    expect(keysOf(chain).sort()).toEqual([`${ids.a}:sop-555-01`, `${ids.a}:sop-555-05`]);
    expect(keysOf(await search(as.auditor, 'key=sop-555-06'))).toEqual([`${ids.c}:sop-555-06`]);
    expect((await search(as.auditor, 'status=completed')).items.map((i) => i.businessKey)).toEqual([ids.a, ids.a]);
    expect((await search(as.auditor, 'key=sop-555-05&status=running')).items.map((i) => i.businessKey)).toEqual([ids.d, ids.b]);
    const disdik = (await search(as.auditor, 'opd=disdik')).items.map((i) => i.businessKey);
    expect(disdik.sort()).toEqual([ids.a, ids.a, ids.d].sort());
    expect((await search(as.auditor, 'from=2026-11-16&to=2026-11-16')).total).toBe(6);
    expect((await search(as.auditor, 'from=2026-11-17')).total).toBe(0);
    expect((await search(as.auditor, 'to=2026-11-15')).total).toBe(0);
    expect((await search(as.auditor, 'trackingId=KPS-2026-999999')).total).toBe(0);
    // A fragment finds every business key holding it; % and _ are taken literally.
    expect(keysOf(await search(as.auditor, `trackingId=${ids.c.slice(-4)}`))).toEqual([`${ids.c}:sop-555-06`]);
    expect((await search(as.auditor, 'trackingId=%25')).total).toBe(0);

    const whole = (await search(as.auditor, 'limit=200')).items.map((i) => i.id);
    const p1 = await search(as.auditor, 'limit=4');
    const p2 = await search(as.auditor, 'limit=4&offset=4');
    expect([p1.total, p2.total]).toEqual([6, 6]);
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(whole);
    expect(p2.items).toHaveLength(2);
  });

  it('refuses malformed filters with 400 naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['status=hilang', /status.*"hilang".*running/],
      ['from=kemarin', /from must be a date yyyy-MM-dd, not "kemarin"/],
      ['to=2026-02-30', /to must be a date yyyy-MM-dd, not "2026-02-30"/],
      ['from=2026-11-20&to=2026-11-19', /from must not be after to/],
      ['overdue=ya', /overdue must be true or false/],
      ['limit=0', /limit/],
      ['offset=-1', /offset/],
    ];
    for (const [query, detail] of cases) {
      const res = await as.auditor.get(`/api/audit/instances?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.detail).toMatch(detail);
    }
  });

  it("keeps OPD staff to their OPD's complaint chains, in the list, the detail and the CSV", async () => {
    const dinkes = (await search(as['pejabat-penghubung'], 'limit=200')).items.map((i) => i.businessKey);
    // A was entered for Dinkes (then disposed to Disdik): both OPDs follow it.
    expect([...new Set(dinkes)].sort()).toEqual([ids.a, ids.b, ids.c].sort());
    const disdik = (await search(as['pejabat.disdik'], 'limit=200')).items.map((i) => i.businessKey);
    expect([...new Set(disdik)].sort()).toEqual([ids.a, ids.d].sort());
    // Asking for another OPD narrows, never widens.
    expect((await search(as['pejabat.disdik'], 'opd=dinkes')).items.map((i) => i.businessKey)).toEqual([ids.a, ids.a]);

    for (const path of [`/api/audit/instances/${ids.bId}`, `/api/instances/${ids.bId}/history.csv`]) {
      const res = await as['pejabat.disdik'].get(path);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body).toMatchObject({ code: 'opd.otherOpd', error: expect.stringMatching(/another OPD's complaint/) });
    }
    expect((await as['pejabat-penghubung'].get(`/api/audit/instances/${ids.bId}`)).status).toBe(200);
    // A see-all complaint reader without a task in it may not open an instance of no complaint.
    const apip = await as.apip.get(`/api/audit/instances/${approvalId}`);
    expect(apip.status).toBe(403);
    expect(apip.body.error).toMatch(/no task in it/);
    // …while the one who started it may (the rule of GET /api/instances/:id/history).
    expect((await as['admin-sistem'].get(`/api/instances/${approvalId}/history.csv`)).status).toBe(200);
  });

  it('answers 404 for an unknown or malformed instance id', async () => {
    for (const id of [randomUUID(), 'bukan-uuid']) {
      for (const path of [`/api/audit/instances/${id}`, `/api/instances/${id}/history.csv`]) {
        expect([path, (await as.auditor.get(path)).status]).toEqual([path, 404]);
      }
    }
  });

  it("shows one instance's history, tasks, chain, element names and actors, but never the reporter", async () => {
    const res = await as.kasi.get(`/api/audit/instances/${ids.aParent}`);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ id: ids.aParent, businessKey: ids.a, status: 'completed', opd: 'disdik', opdName: 'Dinas Pendidikan', startedBy: 'admin-utama' });
    expect(body.chain.map((i: Item) => i.key)).toEqual(['sop-555-05', 'sop-555-01']);
    expect(body.elementNames).toMatchObject({ Task_Verifikasi: 'Laporan Diverifikasi oleh Admin Utama', Call_TindakLanjut: 'Tindak Lanjut (SOP 555/01)' });
    const types = (body.history as { type: string; elementId: string | null }[]).map((h) => `${h.type}:${h.elementId ?? ''}`);
    expect(types).toEqual(expect.arrayContaining(['instance-started:', 'task-created:Task_Verifikasi', 'task-completed:Task_Verifikasi', 'flow-taken:f-lanjut', 'call-started:Call_TindakLanjut', 'call-returned:Call_TindakLanjut', 'instance-completed:']));
    const completed = body.history.find((h: { type: string }) => h.type === 'task-completed');
    expect(completed).toMatchObject({ actor: 'admin-utama', variables: { lengkap: true, opd: 'disdik' } });
    expect(body.tasks).toEqual([expect.objectContaining({ elementId: 'Task_Verifikasi', status: 'completed', endedBy: 'admin-utama', dueAt: wib('2026-11-17T08:00:00'), lateWorkingMs: 0, overdue: false })]);
    expect(Object.keys(body.actors)).toContain('admin-utama');
    // A confidential complaint: the kasi may not see who reported it, and the audit view must not tell.
    expect(JSON.stringify(body)).not.toMatch(/Budi|0812/);
    expect(JSON.stringify((await as.kasi.get(`/api/audit/instances/${body.chain[1].id}`)).body)).not.toMatch(/Budi|0812/);
  });

  it('downloads the history as CSV: BOM, Indonesian header, WIB times, RFC 4180 quoting, no formulas', async () => {
    const child = (await search(as.auditor, `trackingId=${ids.a}&key=sop-555-01`)).items[0];
    const res = await as.auditor.get(`/api/instances/${child.id}/history.csv`).buffer(true).parse(rawBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?${ids.a}-riwayat\\.csv"?$`));
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['waktu', 'jenis', 'elemen', 'nama elemen', 'pelaku', 'rincian']);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows[1][0]).toBe('2026-11-16 08:00:00');
    const done = rows.find((r) => r[1] === 'tugas diselesaikan')!;
    expect(done.slice(2, 5)).toEqual(['Task_Jawab', 'Menyusun Jawaban', `'=Siti "Ani", S.Sos (pejabat.disdik)`]);
    // Details in the auditors' words: Indonesian keys, the answers as name = value.
    expect(done[5]).toBe('isian: jawaban = Sudah diperbaiki, "segera"');
    expect(text).not.toMatch(/variables:|null/);
    // The cell as written: quoted, inner quotes doubled, the formula defused by a leading apostrophe.
    expect(text).toContain(`"'=Siti ""Ani"", S.Sos (pejabat.disdik)"`);
    expect(rows.filter((r) => r.some((cell) => /^[=+\-@]/.test(cell)))).toEqual([]);

    // Without a business key, the file is named for the instance id.
    const plain = await as['admin-sistem'].get(`/api/instances/${approvalId}/history.csv`);
    expect(plain.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?${approvalId}-riwayat\\.csv"?$`));
  });

  it('counts complaints and late tasks on the dashboard, and finds late tasks once the clock passes a due date', async () => {
    const before = await dashboard(as.auditor);
    expect(before.complaintsByStatus).toEqual([
      { status: 'diterima', count: 3 },
      { status: 'diproses', count: 0 },
      { status: 'selesai', count: 1 },
      { status: 'tidak-ditindaklanjuti', count: 0 },
      { status: 'diteruskan-ombudsman', count: 0 },
    ]);
    expect(before.openComplaintsByOpd).toEqual([
      { opd: 'dinkes', opdName: 'Dinas Kesehatan', count: 2 },
      { opd: 'disdik', opdName: 'Dinas Pendidikan', count: 1 },
    ]);
    expect(before.overdueTasksByOpd).toEqual([]);
    expect(before.overdueTasksByRole).toEqual([]);
    expect(before.generatedAt).toBe(wib('2026-11-16T08:00:00'));
    expect((await search(as.auditor, 'overdue=true')).total).toBe(0);

    // Tuesday 09:00: the three verifications (due Tuesday 08:00) are an hour late.
    await as.kasi.post('/api/_clock/set').send({ at: wib('2026-11-17T09:00:00') }).expect(200);
    const after = await dashboard(as.auditor);
    expect(after.generatedAt).toBe(wib('2026-11-17T09:00:00'));
    expect(after.overdueTasksByOpd).toEqual([
      { opd: 'dinkes', opdName: 'Dinas Kesehatan', count: 2 },
      { opd: 'disdik', opdName: 'Dinas Pendidikan', count: 1 },
    ]);
    expect(after.overdueTasksByRole).toEqual([
      { role: 'admin-utama', label: 'Admin Utama', count: 2 },
      { role: 'admin-penghubung', label: 'Admin Penghubung', count: 1 },
    ]);
    const late = await search(as.auditor, 'overdue=true');
    expect(late.items.map((i) => i.businessKey).sort()).toEqual([ids.b, ids.c, ids.d].sort());
    expect(late.items.every((i) => i.overdueTasks === 1)).toBe(true);

    // OPD staff see their OPD's share only.
    const dinkes = await dashboard(as['pejabat-penghubung']);
    expect(countOf(dinkes.complaintsByStatus, (x) => x.status === 'diterima')).toBe(2);
    expect(countOf(dinkes.complaintsByStatus, (x) => x.status === 'selesai')).toBe(1);
    expect(dinkes.overdueTasksByOpd).toEqual([{ opd: 'dinkes', opdName: 'Dinas Kesehatan', count: 2 }]);
    const disdik = await dashboard(as['pejabat.disdik']);
    expect(disdik.overdueTasksByOpd).toEqual([{ opd: 'disdik', opdName: 'Dinas Pendidikan', count: 1 }]);
    expect(disdik.openComplaintsByOpd).toEqual([{ opd: 'disdik', opdName: 'Dinas Pendidikan', count: 1 }]);

    // B completed an hour late (working time from 08:00 to 09:00): still found as late, no longer open.
    await completeTask(as['admin-utama'], ids.b, 'Task_Verifikasi', { lengkap: true, opd: 'dinkes' });
    const b = (await search(as.auditor, `trackingId=${ids.b}&key=sop-555-05&overdue=true`)).items[0];
    expect(b).toMatchObject({ overdueTasks: 0, lateTasks: 1 });
    const detail = (await as.auditor.get(`/api/audit/instances/${ids.bId}`)).body;
    expect(detail.tasks[0]).toMatchObject({ status: 'completed', lateWorkingMs: 3_600_000, overdue: false });
    // D's open task is late by the working time since its due date.
    const d = (await as.auditor.get(`/api/audit/instances/${ids.dId}`)).body;
    expect(d.tasks[0]).toMatchObject({ status: 'open', overdue: true, lateWorkingMs: 3_600_000 });
    const now = await dashboard(as.auditor);
    expect(countOf(now.complaintsByStatus, (x) => x.status === 'diproses')).toBe(1);
    expect(countOf(now.overdueTasksByRole, (x) => x.role === 'admin-utama')).toBe(1);
  });

  it('shows the escalation mails of an instance in its audit view and its CSV, without addresses', async () => {
    const started = await as.kasi.post('/api/process-definitions/uji-pemberitahuan/start').send({ businessKey: 'UJI-777', variables: { opd: 'dinkes' } });
    expect(started.status).toBe(201);
    // Started Tuesday 09:00 (the clock of the test above): a working day later the boundary timer fires and mails the OPD head.
    await as.kasi.post('/api/_clock/set').send({ at: wib('2026-11-18T09:00:00') }).expect(200);
    const detail = (await as.auditor.get(`/api/audit/instances/${started.body.id}`)).body;
    expect(detail.notifications).toEqual([
      expect.objectContaining({ elementId: 'beritahu', role: 'pimpinan-opd', opd: 'dinkes', reason: 'terlambat', taskName: 'Verifikasi Laporan', createdAt: wib('2026-11-18T09:00:00') }),
    ]);
    expect(JSON.stringify(detail.notifications)).not.toContain('@');
    expect(detail.history.map((h: { type: string; elementId: string | null }) => `${h.type}:${h.elementId}`)).toContain('timer-fired:lewat1');
    expect(detail.tasks[0]).toMatchObject({ elementId: 'verifikasi', status: 'open', dueAt: wib('2026-11-18T09:00:00') });

    const rows = parseCsv((await as.auditor.get(`/api/instances/${started.body.id}/history.csv`)).text.replace(/^\uFEFF/, ''));
    const mail = rows.find((r) => r[1] === 'pemberitahuan surel')!;
    expect(mail.slice(0, 4)).toEqual(['2026-11-18 09:00:00', 'pemberitahuan surel', 'beritahu', 'Beritahu Pimpinan OPD']);
    expect(mail[5]).toMatch(/^alasan: terlambat; kepada peran: pimpinan-opd:dinkes; tugas: Verifikasi Laporan; /);
    expect(rows.find((r) => r[1] === 'timer berbunyi')?.[3]).toBe('Lewat 1 hari');
  });
});
