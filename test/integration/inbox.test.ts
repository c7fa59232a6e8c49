import type { InboxItem, InboxPage } from '../../src/contract/inbox';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, deployFixture, enterComplaint, fixture } from './helpers';

jest.setTimeout(120_000);

type Item = InboxItem;
type Page = InboxPage;

/** A task assigned to kasi beside one offered to the OPD's liaison officers, with a reminder after 3 working days. */
/** A kasi's own task beside an OPD task with a reminder (test/fixtures/notify-events.bpmn): every notification kind. */
const INBOX_DIAGRAM = fixture('notify-events');

/**
 * The in-app inbox (migration 13): each event reaches the inbox of exactly the users it is for,
 * within their OPD, written in the commit of the step; read, read-all, paging, and nobody reads
 * or marks another's items.
 */
describe.each(backends)('inbox (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  const users = ['kasi', 'pejabat-penghubung', 'pejabat.dinkes2', 'pejabat.disdik', 'pimpinan-opd', 'pimpinan.disdik', 'admin-utama', 'auditor', 'kabid'];

  const inbox = async (who: string, query = ''): Promise<Page> => {
    const res = await as[who].get(`/api/notifications${query}`);
    expect(res.status).toBe(200);
    return res.body as Page;
  };
  const ofKind = async (who: string, kind: string) => (await inbox(who, '?limit=100')).items.filter((i) => i.kind === kind);

  beforeAll(async () => {
    t = await startTestSystem(backend);
    const owner = await signIn(t.system, 'pemilik-proses');
    await owner.post('/api/deployments').send({ name: 'uji-kotak-masuk.bpmn', xml: INBOX_DIAGRAM }).expect(201);
    await deployFixture(owner, 'late-notice');
    await deployFixture(owner, 'complaints-sop-555-05');
    const admin = await signIn(t.system, 'admin-sistem');
    const add = (username: string, roles: string[], opd: string) =>
      admin.post('/api/users').send({ username, password: 'demo12345', email: `${username}@kapuas.example`, roles, opd }).expect(201);
    await add('pejabat.dinkes2', ['pejabat-penghubung'], 'dinkes');
    await add('pejabat.disdik', ['pejabat-penghubung'], 'disdik');
    await add('pimpinan.disdik', ['pimpinan-opd'], 'disdik');
    for (const u of users) as[u] = await signIn(t.system, u);
  });
  afterAll(() => closeTestSystem(t));

  it('tells the assignee and the OPD’s candidates of new tasks, then the role of a reminder and the superior of a late task', async () => {
    const started = await as.kasi.post('/api/process-definitions/uji-kotak-masuk/start').send({ businessKey: 'UJI-2026-101', variables: { opd: 'dinkes' } });
    expect(started.status).toBe(201);
    const tasks = (await t.system.db.query<{ id: string; element_id: string }>('select id, element_id from tasks where instance_id = $1', [started.body.id])).rows;
    const periksa = tasks.find((r) => r.element_id === 'periksa')!.id;
    const telaah = tasks.find((r) => r.element_id === 'telaah')!.id;

    // (a) camunda:assignee: the assignee alone.
    expect(await ofKind('kasi', 'tugas-ditugaskan')).toEqual([
      expect.objectContaining({
        title: 'Tugas untuk Anda: Periksa Berkas (UJI-2026-101)',
        // What the title is made of, so the web app words it in English when switched.
        params: { task: 'Periksa Berkas', trackingId: 'UJI-2026-101' },
        link: `#/tugas/${periksa}`,
        read: false,
        createdAt: '2026-11-16T01:00:00.000Z',
      }),
    ]);
    // (b) offered to pejabat-penghubung:dinkes: both of dinkes's officers, not disdik's, nobody else.
    for (const u of ['pejabat-penghubung', 'pejabat.dinkes2']) {
      expect(await ofKind(u, 'tugas-tersedia')).toEqual([expect.objectContaining({ title: 'Tugas baru untuk diambil: Telaah Aduan (UJI-2026-101)', link: `#/tugas/${telaah}` })]);
    }
    for (const u of ['pejabat.disdik', 'pimpinan-opd', 'admin-utama', 'auditor', 'kabid']) expect((await inbox(u)).items).toEqual([]);
    expect(await ofKind('kasi', 'tugas-tersedia')).toEqual([]);

    // A claim tells nobody.
    await as['pejabat-penghubung'].post(`/api/tasks/${telaah}/claim`).send({}).expect(200);
    expect(await ofKind('pejabat-penghubung', 'tugas-ditugaskan')).toEqual([]);

    // (c) late: started Monday 08:00, due Tuesday 08:00, the OPD head of dinkes is told.
    const late = await as.kasi.post('/api/process-definitions/uji-pemberitahuan/start').send({ businessKey: 'UJI-2026-102', variables: { opd: 'dinkes' } });
    expect(late.status).toBe(201);
    await as.kasi.post('/api/_clock/set').send({ at: '2026-11-17T08:00:00+07:00' }).expect(200);
    expect(await ofKind('pimpinan-opd', 'terlambat')).toEqual([
      expect.objectContaining({
        title: 'Terlambat: Verifikasi Laporan (UJI-2026-102)',
        params: { task: 'Verifikasi Laporan', trackingId: 'UJI-2026-102', reason: 'terlambat' },
        link: `#/riwayat/${late.body.id}`,
        createdAt: '2026-11-17T01:00:00.000Z',
      }),
    ]);
    expect((await inbox('pimpinan.disdik')).items).toEqual([]);

    // (c) reminder after 3 working days (Thursday 08:00), to the task's own role in its OPD, linking the task.
    await as.kasi.post('/api/_clock/set').send({ at: '2026-11-19T08:00:00+07:00' }).expect(200);
    for (const u of ['pejabat-penghubung', 'pejabat.dinkes2']) {
      expect(await ofKind(u, 'pengingat')).toEqual([expect.objectContaining({ title: 'Pengingat: Telaah Aduan (UJI-2026-101)', link: `#/tugas/${telaah}` })]);
    }
    expect((await inbox('pejabat.disdik')).items).toEqual([]);
  });

  it('tells every Admin Utama of a complaint forwarded to the Ombudsman RI', async () => {
    const { trackingId } = await enterComplaint(as['admin-utama'], { opd: 'dinkes', subject: 'Jalan rusak di Kuala Kapuas' });
    // The 60-working-day path that sets the status runs in sopScenarios; here the record's change is what counts.
    await t.system.db.query("update complaints set status = 'diteruskan-ombudsman', forwarded_at = '2026-11-19T01:00:00Z' where tracking_id = $1", [trackingId]);
    expect(await ofKind('admin-utama', 'diteruskan-ombudsman')).toEqual([
      expect.objectContaining({
        title: `Diteruskan ke Ombudsman RI: ${trackingId} — Jalan rusak di Kuala Kapuas`,
        params: { trackingId, subject: 'Jalan rusak di Kuala Kapuas' },
        link: `#/riwayat?trackingId=${trackingId}`,
      }),
    ]);
    for (const u of ['kasi', 'pejabat-penghubung', 'auditor']) expect(await ofKind(u, 'diteruskan-ombudsman')).toEqual([]);
    // Once: a later write of the same status adds nothing.
    await t.system.db.query("update complaints set status = 'diteruskan-ombudsman' where tracking_id = $1", [trackingId]);
    expect(await ofKind('admin-utama', 'diteruskan-ombudsman')).toHaveLength(1);
    // Who is told is a row of inbox_event_roles (migration 18), not a literal in the trigger.
    await t.system.db.query("insert into inbox_event_roles (event, role) values ('diteruskan-ombudsman', 'kabid')");
    const second = await enterComplaint(as['admin-utama'], { opd: 'dinkes', subject: 'Lampu jalan padam' });
    await t.system.db.query("update complaints set status = 'diteruskan-ombudsman' where tracking_id = $1", [second.trackingId]);
    expect((await ofKind('kabid', 'diteruskan-ombudsman')).map((i) => i.params.trackingId)).toEqual([second.trackingId]);
    expect(await ofKind('admin-utama', 'diteruskan-ombudsman')).toHaveLength(2);
    await t.system.db.query("delete from inbox_event_roles where role = 'kabid'");
  });

  it('tells the members of a group beyond the roles, of an OPD-bound one only those of the task’s OPD', async () => {
    const admin = await signIn(t.system, 'admin-sistem');
    await admin.post('/api/groups').send({ id: 'bendahara', name: 'Bendahara', opdBound: true }).expect(201);
    await admin.post('/api/groups').send({ id: 'keuangan', name: 'Keuangan' }).expect(201);
    const add = (username: string, groups: string[], opd: string | null) =>
      admin.post('/api/users').send({ username, password: 'demo12345', email: `${username}@kapuas.example`, roles: [], groups, opd }).expect(201);
    await add('bendahara.dinkes', ['bendahara'], 'dinkes');
    await add('bendahara.disdik', ['bendahara'], 'disdik');
    await add('staf.keuangan', ['keuangan'], null);
    const xml = INBOX_DIAGRAM.replace('id="uji-kotak-masuk" name="Uji Kotak Masuk"', 'id="uji-grup" name="Uji Grup"')
      .replace('camunda:assignee="kasi"', 'camunda:candidateGroups="keuangan"')
      .replace('pejabat-penghubung:${opd}', 'bendahara:${opd}');
    const owner = await signIn(t.system, 'pemilik-proses');
    await owner.post('/api/deployments').send({ name: 'uji-grup.bpmn', xml }).expect(201);
    expect((await as.kasi.post('/api/process-definitions/uji-grup/start').send({ businessKey: 'UJI-2026-103', variables: { opd: 'dinkes' } })).status).toBe(201);
    for (const u of ['bendahara.dinkes', 'bendahara.disdik', 'staf.keuangan']) as[u] = await signIn(t.system, u);
    expect((await ofKind('bendahara.dinkes', 'tugas-tersedia')).map((i) => i.title)).toEqual(['Tugas baru untuk diambil: Telaah Aduan (UJI-2026-103)']);
    expect((await ofKind('staf.keuangan', 'tugas-tersedia')).map((i) => i.title)).toEqual(['Tugas baru untuk diambil: Periksa Berkas (UJI-2026-103)']);
    expect((await inbox('bendahara.disdik')).items).toEqual([]);
    // One rule: the users told of a task are exactly those the worklist offers it to.
    for (const u of ['bendahara.dinkes', 'bendahara.disdik', 'staf.keuangan']) {
      const told = (await ofKind(u, 'tugas-tersedia')).map((i) => i.link.replace('#/tugas/', '')).sort();
      const offered = ((await as[u].get('/api/tasks?limit=100')).body as { id: string; processKey?: string }[]).map((x) => x.id).sort();
      expect({ u, told }).toEqual({ u, told: offered });
    }
    const me = await as['bendahara.dinkes'].get('/api/auth/me');
    expect(me.body.groups).toEqual(['bendahara', 'bendahara:dinkes']);
  });

  it('marks one’s own items read, one or all, and never another user’s', async () => {
    const before = await inbox('pejabat-penghubung');
    expect(before.unread).toBe(before.items.length);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const [newest] = before.items;
    // Another user's item is as unknown as a made-up id.
    const foreign = await as['pejabat.dinkes2'].post(`/api/notifications/${newest.id}/read`).send({});
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('inbox.unknown');
    expect((await as['pejabat-penghubung'].post('/api/notifications/not-a-uuid/read').send({})).status).toBe(404);

    const marked = await as['pejabat-penghubung'].post(`/api/notifications/${newest.id}/read`).send({});
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ id: newest.id, read: true });
    expect((await inbox('pejabat-penghubung')).unread).toBe(before.unread - 1);
    expect((await inbox('pejabat.dinkes2')).unread).toBe((await inbox('pejabat.dinkes2')).items.length);

    const all = await as['pejabat-penghubung'].post('/api/notifications/read-all').send({});
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: before.unread - 1 });
    const after = await inbox('pejabat-penghubung');
    expect(after.unread).toBe(0);
    expect(after.items.every((i) => i.read)).toBe(true);
    // Auditors change nothing of the system, but their own inbox is theirs.
    expect((await as.auditor.post('/api/notifications/read-all').send({})).status).toBe(200);
  });

  it('pages newest first, at most 100 an answer, and only for those signed in', async () => {
    const all = await inbox('pejabat-penghubung', '?limit=100');
    const times = all.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const second = await inbox('pejabat-penghubung', '?limit=1&offset=1');
    expect(second.items).toEqual([all.items[1]]);
    expect((await as.kasi.get('/api/notifications?limit=101')).status).toBe(400);
    expect((await as.kasi.get('/api/notifications?limit=0')).status).toBe(400);
    expect((await anonymous(t.system).get('/api/notifications')).status).toBe(401);
  });
});
