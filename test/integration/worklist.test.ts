import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { WorklistReader } from '../../src/domain/worklist';
import { type Agent, anonymous, closeTestSystem, deployFixture, wib } from './helpers';

jest.setTimeout(60_000);

interface Item {
  id: string;
  elementId: string;
  name: string;
  processKey: string;
  processName: string | null;
  assignee: string | null;
  trackingId: string | null;
  complaintSubject: string | null;
  opd: string | null;
  dueAt: string | null;
  sla: { standard: string | null; dueAt: string | null; reminderAt: string | null; remainingWorkingMs: number | null; state: string };
}
interface Body {
  counts: { mine: number; group: number; overdue: number };
  countsCapped: { mine: boolean; group: boolean; overdue: boolean };
  items: Item[];
}

const HOUR = 3_600_000;
const DAY = 7.5 * HOUR; // one working day: 07:30–12:00 and 13:00–16:00

/**
 * The worklist through HTTP: scopes, filters, counts, OPD isolation and the SLA badge moving
 * green → amber → red as the manual clock advances (stand-in SOP 555/05 with three tasks).
 */
describe.each(backends)('worklist (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  let trackingId = '';

  const worklist = async (agent: Agent, query: Record<string, string> = {}) => {
    const res = await agent.get('/api/worklist').query(query);
    expect(res.status).toBe(200);
    return res.body as Body;
  };
  const item = async (agent: Agent, elementId: string) => {
    const found = (await worklist(agent)).items.find((i) => i.elementId === elementId);
    if (!found) throw new Error(`no ${elementId} in the worklist`);
    return found;
  };
  const setClock = async (local: string) => {
    const res = await as['admin-utama'].post('/api/_clock/set').send({ at: wib(local) });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['admin-sistem', 'pemilik-proses', 'admin-utama', 'pejabat-penghubung']) as[u] = await signIn(t.system, u);
    const res = await as['admin-sistem']
      .post('/api/users')
      .send({ username: 'pejabat.disdik', roles: ['pejabat-penghubung'], opd: 'disdik', password: 'rahasia-panjang', email: 'pejabat.disdik@kapuas.example' });
    expect(res.status).toBe(201);
    as['pejabat.disdik'] = await signIn(t.system, 'pejabat.disdik', 'rahasia-panjang');
    await deployFixture(as['pemilik-proses'], 'worklist-sop-555-05');
    const intake = await as['admin-utama'].post('/api/complaints').send({
      channel: 'whatsapp',
      reporter: { name: 'Budi Pelapor', contact: '0812-0000-1111' },
      subject: 'Puskesmas tutup siang hari',
      description: 'Puskesmas Selat tutup pukul 11',
      opd: 'dinkes',
    });
    expect(intake.status).toBe(201);
    trackingId = intake.body.trackingId;
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  it('answers 401 without a session', async () => {
    const res = await anonymous(t.system).get('/api/worklist');
    expect(res.status).toBe(401);
  });

  it.each([
    ['scope', 'all'],
    ['status', 'done'],
    ['overdue', 'yes'],
    ['sort', 'name'],
    ['limit', '0'],
    ['color', 'red'],
  ])('answers 400 naming the bad query value %s=%s', async (name, value) => {
    const res = await as['admin-utama'].get('/api/worklist').query({ [name]: value });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(name === 'color' ? 'color' : name);
  });

  it('offers the Admin Utama its two tasks as group tasks, due date first, with SOP, tracking ID and SLA', async () => {
    const body = await worklist(as['admin-utama'], { scope: 'group' });
    expect(body.counts).toEqual({ mine: 0, group: 2, overdue: 0 });
    expect(body.items.map((i) => i.elementId)).toEqual(['Task_Catat', 'Task_Arsip']);
    expect(body.items[0]).toMatchObject({
      name: 'Mencatat Laporan',
      processKey: 'sop-555-05',
      processName: 'Uji Daftar Tugas',
      trackingId,
      complaintSubject: 'Puskesmas tutup siang hari',
      opd: 'dinkes',
      assignee: null,
      sla: { standard: '2 hari', dueAt: wib('2026-11-18T08:00:00'), reminderAt: null, remainingWorkingMs: 2 * DAY, state: 'green' },
    });
    expect(body.items[1].sla).toEqual({ standard: null, dueAt: null, reminderAt: null, remainingWorkingMs: null, state: 'none' });
    expect(await worklist(as['admin-utama'], { scope: 'mine' })).toEqual({ counts: body.counts, countsCapped: { mine: false, group: false, overdue: false }, items: [] });
  });

  it('never shows the reporter’s identity', async () => {
    const text = JSON.stringify(await worklist(as['admin-utama'])) + JSON.stringify(await worklist(as['pejabat-penghubung']));
    expect(text).toContain(trackingId);
    expect(text).not.toContain('Budi');
    expect(text).not.toContain('0812');
  });

  it('offers the telaah task to the Pejabat Penghubung of the OPD, with the SOP standard and its reminder moment', async () => {
    const body = await worklist(as['pejabat-penghubung'], { scope: 'group' });
    expect(body.items.map((i) => i.elementId)).toEqual(['Task_Telaah', 'Task_Periksa']);
    expect(body.items[0].sla).toEqual({
      standard: '3-5 hari',
      dueAt: wib('2026-11-23T08:00:00'),
      reminderAt: wib('2026-11-19T08:00:00'),
      remainingWorkingMs: 5 * DAY,
      state: 'green',
    });
  });

  it('never shows the tasks to the Pejabat Penghubung of another OPD, even one offered to the plain role', async () => {
    expect(await worklist(as['pejabat.disdik'])).toEqual({ counts: { mine: 0, group: 0, overdue: 0 }, countsCapped: { mine: false, group: false, overdue: false }, items: [] });
    expect((await worklist(as['pejabat.disdik'], { q: trackingId })).items).toEqual([]);
    // The diagram offers Task_Periksa to every pejabat-penghubung; the complaint stays in its OPD
    // all the same: not listed, not readable, not claimable, its instance not readable.
    const ofDinkes = (await as['pejabat-penghubung'].get('/api/tasks')).body as { id: string; elementId: string; instanceId: string }[];
    const periksa = ofDinkes.find((x) => x.elementId === 'Task_Periksa');
    expect(periksa).toBeDefined();
    const offered = (await as['pejabat.disdik'].get('/api/tasks')).body as { id: string }[];
    expect(offered.map((x) => x.id)).not.toContain(periksa!.id);
    expect((await as['pejabat.disdik'].get(`/api/tasks/${periksa!.id}`)).status).toBe(403);
    expect((await as['pejabat.disdik'].get(`/api/tasks/${periksa!.id}/form`)).status).toBe(403);
    expect((await as['pejabat.disdik'].get(`/api/instances/${periksa!.instanceId}`)).status).toBe(403);
    const claim = await as['pejabat.disdik'].post(`/api/tasks/${periksa!.id}/claim`).send({});
    expect(claim.status).toBe(403);
    expect((await as['pejabat-penghubung'].get(`/api/tasks/${periksa!.id}`)).body.assignee).toBeNull();
    const res = await as['pejabat.disdik'].get(`/api/worklist/${periksa!.id}`);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('Puskesmas');
  });

  it('shows one task as a worklist item to its candidates only: 403 for another OPD, 404 unknown or malformed', async () => {
    const telaah = await item(as['pejabat-penghubung'], 'Task_Telaah');
    const res = await as['pejabat-penghubung'].get(`/api/worklist/${telaah.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(telaah);
    expect((await as['pejabat.disdik'].get(`/api/worklist/${telaah.id}`)).status).toBe(403);
    expect((await as['pejabat-penghubung'].get('/api/worklist/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await as['pejabat-penghubung'].get('/api/worklist/nope')).status).toBe(404);
    expect((await anonymous(t.system).get(`/api/worklist/${telaah.id}`)).status).toBe(401);
  });

  it('moves a claimed task from the group tab to mine; status filters claimed and unclaimed', async () => {
    const catat = await item(as['admin-utama'], 'Task_Catat');
    expect((await as['admin-utama'].post(`/api/tasks/${catat.id}/claim`).send({})).status).toBe(200);
    const mine = await worklist(as['admin-utama'], { scope: 'mine' });
    expect(mine.counts).toEqual({ mine: 1, group: 1, overdue: 0 });
    expect(mine.items.map((i) => [i.elementId, i.assignee])).toEqual([['Task_Catat', 'admin-utama']]);
    expect((await worklist(as['admin-utama'], { scope: 'group' })).items.map((i) => i.elementId)).toEqual(['Task_Arsip']);
    expect((await worklist(as['admin-utama'], { status: 'claimed' })).items.map((i) => i.elementId)).toEqual(['Task_Catat']);
    expect((await worklist(as['admin-utama'], { status: 'unclaimed' })).items.map((i) => i.elementId)).toEqual(['Task_Arsip']);
  });

  it('filters by SOP, OPD and text (tracking ID, task name, complaint subject); counts stay the totals', async () => {
    const ids = async (query: Record<string, string>) => (await worklist(as['admin-utama'], query)).items.map((i) => i.elementId).sort();
    expect(await ids({ sop: 'sop-555-05' })).toEqual(['Task_Arsip', 'Task_Catat']);
    expect(await ids({ sop: 'sop-555-01' })).toEqual([]);
    expect(await ids({ opd: 'dinkes' })).toEqual(['Task_Arsip', 'Task_Catat']);
    expect(await ids({ opd: 'disdik' })).toEqual([]);
    expect(await ids({ q: trackingId.toLowerCase() })).toEqual(['Task_Arsip', 'Task_Catat']);
    expect(await ids({ q: 'mencatat' })).toEqual(['Task_Catat']);
    expect(await ids({ q: 'tutup siang' })).toEqual(['Task_Arsip', 'Task_Catat']);
    expect(await ids({ q: '100%' })).toEqual([]);
    expect(await ids({ sort: 'created' })).toEqual(['Task_Arsip', 'Task_Catat']);
    expect((await worklist(as['admin-utama'], { q: 'tidak ada' })).counts).toEqual({ mine: 1, group: 1, overdue: 0 });
  });

  it('turns amber when less than a quarter of the working time is left (task without a reminder timer)', async () => {
    await setClock('2026-11-17T11:00:00'); // 4.5 h of 15 h left: more than a quarter
    const catat = await item(as['admin-utama'], 'Task_Catat');
    expect(catat.sla).toMatchObject({ state: 'green', remainingWorkingMs: 4.5 * HOUR });
    await setClock('2026-11-17T12:30:00'); // lunch: 3 h of Tuesday + 0.5 h of Wednesday left
    expect((await item(as['admin-utama'], 'Task_Catat')).sla).toMatchObject({ state: 'amber', remainingWorkingMs: 3.5 * HOUR });
    expect((await item(as['pejabat-penghubung'], 'Task_Telaah')).sla.state).toBe('green');
  });

  it('turns red past the due date, with negative working time, and counts it overdue', async () => {
    await setClock('2026-11-18T09:00:00');
    const body = await worklist(as['admin-utama'], { overdue: 'true' });
    expect(body.items.map((i) => i.elementId)).toEqual(['Task_Catat']);
    expect(body.items[0].sla).toMatchObject({ state: 'red', remainingWorkingMs: -1 * HOUR });
    expect(body.counts).toEqual({ mine: 1, group: 1, overdue: 1 });
    expect(body.countsCapped).toEqual({ mine: false, group: false, overdue: false });

    // Counted only up to the cap, which then says so: here caps of 1 and 0 (the app's is 1000).
    const user = (await t.system.users.list()).find((u) => u.username === 'admin-utama')!;
    const capped = await new WorklistReader(t.system.engine, 1).list({}, user);
    expect(capped.counts).toEqual({ mine: 1, group: 1, overdue: 1 });
    expect(capped.countsCapped).toEqual({ mine: false, group: false, overdue: false });
    expect(capped.items).toHaveLength(2);
    const none = await new WorklistReader(t.system.engine, 0).list({}, user);
    expect(none.counts).toEqual({ mine: 0, group: 0, overdue: 0 });
    expect(none.countsCapped).toEqual({ mine: true, group: true, overdue: true });
  });

  it('turns the telaah task amber when its reminder timer fires, then red after five working days', async () => {
    await setClock('2026-11-19T07:59:00');
    expect((await item(as['pejabat-penghubung'], 'Task_Telaah')).sla.state).toBe('green');
    await setClock('2026-11-19T08:00:00');
    const telaah = await item(as['pejabat-penghubung'], 'Task_Telaah');
    expect(telaah.sla).toMatchObject({ state: 'amber', reminderAt: wib('2026-11-19T08:00:00'), remainingWorkingMs: 2 * DAY });
    await setClock('2026-11-23T08:30:00');
    expect((await item(as['pejabat-penghubung'], 'Task_Telaah')).sla).toMatchObject({ state: 'red', remainingWorkingMs: -0.5 * HOUR });
    expect((await worklist(as['pejabat-penghubung'])).counts).toEqual({ mine: 0, group: 2, overdue: 1 });
  });
});
