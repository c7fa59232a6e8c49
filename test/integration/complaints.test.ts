import { backfillComplaintRecords } from '../../src/domain/complaintBackfill';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, deployFixture, wib } from './helpers';

jest.setTimeout(60_000);

const CLOCK_START = wib('2026-11-16T08:00:00'); // a Monday

interface ComplaintBody {
  trackingId: string;
  district: string;
  channel: string;
  status: string;
  subject: string;
  opd: string | null;
  opdName: string | null;
  anonim: boolean;
  rahasia: boolean;
  reporter: { name: string | null; contact: string | null } | null;
  createdAt: string;
  createdBy: string;
  instances: { id: string; key: string; version: number; status: string; activeElements: string[]; parentId: string | null }[];
  openTasks: { id: string; name: string; elementId: string; assignee: string | null; candidateGroups: string[]; dueAt: string | null; overdue: boolean }[];
  attachments: unknown[];
}

/**
 * Complaints through real HTTP on the real system: intake into the SOP by role and district,
 * tracking IDs, identity rules (anonim, rahasia), OPD visibility, status read from the chain,
 * search and the public status page. The SOPs are stand-in fixtures with the real process ids.
 */
describe.each(backends)('complaints (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};

  const count = async (table: 'complaints' | 'process_instances' | 'complaint_counters') =>
    (await t.system.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0].n;
  const counts = async () => ({ complaints: await count('complaints'), instances: await count('process_instances') });
  const dbRow = async (trackingId: string) =>
    (await t.system.db.query<Record<string, unknown>>('select * from complaints where tracking_id = $1', [trackingId])).rows[0];

  const intake = async (agent: Agent, body: Record<string, unknown>) => {
    const res = await agent.post('/api/complaints').send({ channel: 'whatsapp', subject: 'Jalan rusak', description: 'Jalan di depan puskesmas berlubang', ...body });
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ComplaintBody;
  };
  const detail = async (trackingId: string, agent = as.auditor) => {
    const res = await agent.get(`/api/complaints/${trackingId}`);
    expect(res.status).toBe(200);
    return res.body as ComplaintBody;
  };
  const completeTask = async (agent: Agent, trackingId: string, elementId: string, variables: Record<string, unknown> = {}) => {
    const task = (await detail(trackingId)).openTasks.find((x) => x.elementId === elementId);
    if (!task) throw new Error(`${trackingId} has no open task ${elementId}`);
    await agent.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    await agent.post(`/api/tasks/${task.id}/complete`).send({ variables }).expect(200);
  };

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['admin-sistem', 'pemilik-proses', 'admin-utama', 'admin-penghubung', 'pejabat-penghubung', 'kasi', 'kabid', 'auditor']) {
      as[u] = await signIn(t.system, u);
    }
    // Staff of other OPDs, so OPD-bound visibility can be seen from both sides.
    const others = [
      { username: 'pejabat.disdik', roles: ['pejabat-penghubung'], opd: 'disdik' },
      { username: 'operator.kph', roles: ['operator-opd'], opd: 'kph-dinkes' },
    ];
    for (const u of others) {
      const res = await as['admin-sistem'].post('/api/users').send({ ...u, password: 'rahasia-panjang', email: `${u.username}@kapuas.example` });
      expect(res.status).toBe(201);
      as[u.username] = await signIn(t.system, u.username, 'rahasia-panjang');
    }
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  describe('before the SOPs are deployed', () => {
    it('answers 409 naming the SOP and stores nothing', async () => {
      const before = await counts();
      const res = await as['admin-utama'].post('/api/complaints').send({ channel: 'sms', subject: 'Lampu jalan mati', description: 'Sudah seminggu' });
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('SOP sop-555-05 is not deployed');
      expect(await counts()).toEqual(before);
      expect(await count('complaint_counters')).toBe(0);
    });
  });

  it('lists the channels the intake form offers, to signed-in users only', async () => {
    const res = await as['admin-utama'].get('/api/complaint-channels');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining(['whatsapp', 'sms', 'lapor', 'datang-langsung']));
    expect((await anonymous(t.system).get('/api/complaint-channels')).status).toBe(401);
  });

  describe('with the SOPs deployed', () => {
    beforeAll(async () => {
      for (const f of ['complaints-sop-555-01', 'complaints-sop-555-05', 'complaints-sop-555-06', 'complaints-sop-kapuas-hulu']) {
        await deployFixture(as['pemilik-proses'], f);
      }
    });

    it('enters a WhatsApp complaint by the Admin Utama as KPS-2026-000001, then 000002, in SOP 555/05', async () => {
      const first = await as['admin-utama'].post('/api/complaints').send({
        channel: 'whatsapp',
        reporter: { name: 'Budi Santoso', contact: '0812-5555-0101' },
        subject: 'Pelayanan puskesmas lambat',
        description: 'Antrean di Puskesmas Selat lebih dari tiga jam',
        location: 'Kuala Kapuas',
        category: 'kesehatan',
        opd: 'dinkes',
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        trackingId: 'KPS-2026-000001',
        district: 'kapuas',
        channel: 'whatsapp',
        status: 'diterima',
        subject: 'Pelayanan puskesmas lambat',
        location: 'Kuala Kapuas',
        category: 'kesehatan',
        opd: 'dinkes',
        opdName: 'Dinas Kesehatan',
        anonim: false,
        rahasia: false,
        reporter: { name: 'Budi Santoso', contact: '0812-5555-0101' },
        createdAt: CLOCK_START,
        createdBy: 'admin-utama',
        attachments: [],
      });
      const [instance] = first.body.instances;
      expect(first.body.instances).toEqual([
        expect.objectContaining({ key: 'sop-555-05', version: 1, status: 'running', activeElements: ['Task_Verifikasi'], parentId: null }),
      ]);
      expect(first.body.openTasks).toEqual([
        {
          id: expect.any(String),
          instanceId: instance.id,
          name: 'Laporan Diverifikasi oleh Admin Utama',
          elementId: 'Task_Verifikasi',
          assignee: null,
          candidateGroups: ['admin-utama'],
          dueAt: wib('2026-11-17T08:00:00'),
          overdue: false,
        },
      ]);

      // The tracking ID is the business key; the variables are the SOP's, never the reporter's identity.
      const started = (await as.auditor.get(`/api/instances/${instance.id}`)).body;
      expect(started.businessKey).toBe('KPS-2026-000001');
      expect(started.variables).toEqual({
        trackingId: 'KPS-2026-000001',
        district: 'kapuas',
        channel: 'whatsapp',
        opd: 'dinkes',
        subject: 'Pelayanan puskesmas lambat',
        category: 'kesehatan',
        sudahDitindaklanjuti: false,
        jawaban: null,
      });

      const second = await intake(as['admin-utama'], {});
      expect(second.trackingId).toBe('KPS-2026-000002');
      expect(second.opd).toBeNull();
    });

    it('gives five simultaneous intakes five distinct, consecutive numbers', async () => {
      const before = await counts();
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => as['admin-utama'].post('/api/complaints').send({ channel: 'sms', subject: `Aduan serentak ${i}`, description: 'Serentak' })),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      const ids = results.map((r) => r.body.trackingId as string).sort();
      expect(new Set(ids).size).toBe(5);
      expect(ids).toEqual(['KPS-2026-000003', 'KPS-2026-000004', 'KPS-2026-000005', 'KPS-2026-000006', 'KPS-2026-000007']);
      expect(await counts()).toEqual({ complaints: before.complaints + 5, instances: before.instances + 5 });
      const chains = await t.system.db.query<{ business_key: string }>(`select business_key from process_instances where business_key = any($1::text[])`, [ids]);
      expect(chains.rows.map((r) => r.business_key).sort()).toEqual(ids);
    });

    it("puts an Admin Penghubung's complaint into SOP 555/06 for their own OPD, whatever the body says", async () => {
      const c = await intake(as['admin-penghubung'], { channel: 'kanal-internal-opd', opd: 'disdik' });
      expect(c).toMatchObject({ opd: 'dinkes', opdName: 'Dinas Kesehatan', district: 'kapuas', createdBy: 'admin-penghubung' });
      expect(c.instances.map((i) => i.key)).toEqual(['sop-555-06']);
      expect(c.openTasks.map((x) => x.candidateGroups)).toEqual([['admin-penghubung:dinkes']]);
      expect((await dbRow(c.trackingId)).opd).toBe('dinkes');
    });

    it('refuses intake by a role that does not enter complaints, storing nothing', async () => {
      const before = await counts();
      const res = await as.kasi.post('/api/complaints').send({ channel: 'sms', subject: 'x', description: 'y' });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/admin-utama/);
      const wrongDistrict = await as['admin-penghubung'].post('/api/complaints').send({ district: 'kapuas-hulu', channel: 'sms', subject: 'x', description: 'y' });
      expect(wrongDistrict.status).toBe(403);
      expect(wrongDistrict.body.error).toMatch(/kapuas-hulu/);
      expect(await counts()).toEqual(before);
    });

    it('refuses invalid input with 400 naming the problem, storing nothing and using no number', async () => {
      const before = await counts();
      const valid = { channel: 'sms', subject: 'Aduan', description: 'Isi aduan' };
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...valid, channel: 'telegram' }, /channel.*"telegram"/],
        [{ ...valid, channel: undefined }, /channel/],
        [{ ...valid, opd: 'dinas-tidak-ada' }, /unknown OPD "dinas-tidak-ada"/],
        [{ ...valid, opd: 'kph-dinkes' }, /kph-dinkes.*kapuas-hulu/],
        [{ ...valid, district: 'palangka-raya' }, /district.*"palangka-raya"/],
        [{ ...valid, subject: '   ' }, /subject/],
        [{ ...valid, description: undefined }, /description/],
        [{ ...valid, sudahDitindaklanjuti: true }, /jawaban/],
        [{ ...valid, reporter: { name: 'Ani', nik: '6203010101010001' } }, /nik/],
        [{ ...valid, prioritas: 'tinggi' }, /prioritas/],
        [{ ...valid, anonim: 'ya' }, /anonim/],
      ];
      for (const [body, problem] of cases) {
        const res = await as['admin-utama'].post('/api/complaints').send(body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
        expect(`${res.body.error} ${res.body.detail ?? ''}`).toMatch(problem);
      }
      expect(await counts()).toEqual(before);
      // No number was used up: the next complaint follows the last one.
      const next = await intake(as['admin-utama'], {});
      expect(next.trackingId).toBe('KPS-2026-000009');
    });

    it('stores no name or contact of an anonymous reporter, and no endpoint shows them', async () => {
      const c = await intake(as['admin-utama'], {
        anonim: true,
        reporter: { name: 'Siti Rahmawati', contact: 'siti.rahma@contoh.example' },
        subject: 'Pungutan liar',
        opd: 'dinkes',
      });
      expect(c).toMatchObject({ anonim: true, reporter: null });
      const row = await dbRow(c.trackingId);
      expect(row).toMatchObject({ anonim: true, reporter_name: null, reporter_contact: null });
      expect(JSON.stringify(row)).not.toMatch(/Siti|siti\.rahma/);

      const reads = [
        await as['admin-utama'].get(`/api/complaints/${c.trackingId}`),
        await as.auditor.get(`/api/complaints/${c.trackingId}`),
        await as['admin-sistem'].get(`/api/complaints/${c.trackingId}`),
        await as['pejabat-penghubung'].get(`/api/complaints/${c.trackingId}`),
        await as.auditor.get('/api/complaints?limit=200'),
        await as.auditor.get(`/api/complaints?q=Siti`),
        await anonymous(t.system).get(`/api/public/complaints/${c.trackingId}`),
        await as.auditor.get(`/api/instances/${c.instances[0].id}`),
        await as.auditor.get(`/api/instances/${c.instances[0].id}/history`),
      ];
      for (const res of reads) {
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toMatch(/Siti|siti\.rahma/);
      }
      expect(reads[5].body).toEqual([]);
    });

    it('shows a confidential complaint only by status in public, and its reporter only to admin-utama, admin-sistem and auditor', async () => {
      const c = await intake(as['admin-utama'], {
        rahasia: true,
        reporter: { name: 'Rudi Hartono', contact: '0813-0000-2222' },
        subject: 'Dugaan penyimpangan dana BOS',
        opd: 'dinkes',
      });
      const identity = { name: 'Rudi Hartono', contact: '0813-0000-2222' };
      expect(c).toMatchObject({ rahasia: true, reporter: identity });
      for (const u of ['admin-utama', 'admin-sistem', 'auditor']) expect((await detail(c.trackingId, as[u])).reporter).toEqual(identity);
      for (const u of ['kasi', 'kabid', 'pejabat-penghubung']) {
        const seen = await detail(c.trackingId, as[u]);
        expect(seen).toMatchObject({ rahasia: true, reporter: null, subject: 'Dugaan penyimpangan dana BOS' });
        expect(JSON.stringify(seen)).not.toMatch(/Rudi|0813/);
        const listed = (await as[u].get('/api/complaints?limit=200')).body as ComplaintBody[];
        expect(listed.find((x) => x.trackingId === c.trackingId)?.reporter).toBeNull();
        expect(JSON.stringify(listed)).not.toMatch(/Rudi|0813/);
      }

      const pub = await anonymous(t.system).get(`/api/public/complaints/${c.trackingId}`);
      expect(pub.status).toBe(200);
      // The reporter (who holds the reply code) still learns whether a reply is awaited.
      expect(pub.body).toEqual({ trackingId: c.trackingId, status: 'diterima', awaitingReply: false });

      // An ordinary (not confidential) reporter is visible to the staff who see the complaint.
      expect((await detail('KPS-2026-000001', as.kasi)).reporter).toEqual({ name: 'Budi Santoso', contact: '0812-5555-0101' });
    });

    it('lets OPD-bound staff see only their OPD’s complaints', async () => {
      const dinkes = await intake(as['admin-utama'], { opd: 'dinkes', subject: 'Obat kosong' });
      const disdik = await intake(as['admin-utama'], { opd: 'disdik', subject: 'Sekolah bocor' });

      const ofDinkes = (await as['pejabat-penghubung'].get('/api/complaints?limit=200')).body as ComplaintBody[];
      expect(ofDinkes.map((x) => x.trackingId)).toContain(dinkes.trackingId);
      expect(ofDinkes.map((x) => x.trackingId)).not.toContain(disdik.trackingId);
      expect(ofDinkes.every((x) => x.opd === 'dinkes')).toBe(true);
      expect((await as['pejabat-penghubung'].get(`/api/complaints/${dinkes.trackingId}`)).status).toBe(200);
      const denied = await as['pejabat-penghubung'].get(`/api/complaints/${disdik.trackingId}`);
      expect(denied.status).toBe(403);
      expect(JSON.stringify(denied.body)).not.toMatch(/Sekolah bocor/);

      const ofDisdik = (await as['pejabat.disdik'].get('/api/complaints?limit=200')).body as ComplaintBody[];
      expect(ofDisdik.map((x) => x.trackingId)).toEqual([disdik.trackingId]);
      expect((await as['pejabat.disdik'].get(`/api/complaints/${dinkes.trackingId}`)).status).toBe(403);
      // Asking for another OPD's complaints by filter gives nothing, not them.
      expect((await as['pejabat.disdik'].get('/api/complaints?opd=dinkes')).body).toEqual([]);

      // Everyone in the see-all roles sees both.
      const all = ((await as.kabid.get('/api/complaints?limit=200')).body as ComplaintBody[]).map((x) => x.trackingId);
      expect(all).toEqual(expect.arrayContaining([dinkes.trackingId, disdik.trackingId]));
    });

    it('reads the status from the chain: diterima, diproses, selesai, with the answer on the public page', async () => {
      const c = await intake(as['admin-utama'], { subject: 'Jembatan putus', channel: 'surat' });
      expect(c.status).toBe('diterima');
      expect((await as['pejabat.disdik'].get(`/api/complaints/${c.trackingId}`)).status).toBe(403);

      // The Admin Utama disposes it to Disdik: the called SOP runs as a child with the same business key.
      await completeTask(as['admin-utama'], c.trackingId, 'Task_Verifikasi', { lengkap: true, opd: 'disdik' });
      const working = await detail(c.trackingId);
      expect(working.status).toBe('diproses');
      const [parent, child] = working.instances;
      expect(parent).toMatchObject({ key: 'sop-555-05', parentId: null, status: 'running', activeElements: ['Call_TindakLanjut'] });
      expect(child).toMatchObject({ key: 'sop-555-01', parentId: parent.id, status: 'running', activeElements: ['Task_Jawab'] });
      expect(working.openTasks).toEqual([expect.objectContaining({ elementId: 'Task_Jawab', candidateGroups: ['pejabat-penghubung:disdik'], dueAt: null, overdue: false })]);
      expect(working.opd).toBe('disdik');

      // Disposed to Disdik, it is now theirs to see.
      expect((await as['pejabat.disdik'].get(`/api/complaints/${c.trackingId}`)).status).toBe(200);
      expect(((await as['pejabat.disdik'].get('/api/complaints?limit=200')).body as ComplaintBody[]).map((x) => x.trackingId)).toContain(c.trackingId);

      await completeTask(as['pejabat.disdik'], c.trackingId, 'Task_Jawab', { jawaban: 'Jembatan diperbaiki bulan depan' });
      const done = await detail(c.trackingId);
      expect(done.status).toBe('selesai');
      expect(done.instances.map((i) => i.status)).toEqual(['completed', 'completed']);
      expect(done.openTasks).toEqual([]);

      const pub = await anonymous(t.system).get(`/api/public/complaints/${c.trackingId}`);
      expect(pub.status).toBe(200);
      expect(pub.body).toEqual({
        trackingId: c.trackingId,
        status: 'selesai',
        awaitingReply: false,
        subject: 'Jembatan putus',
        createdAt: CLOCK_START,
        answeredAt: CLOCK_START,
        closedAt: CLOCK_START,
        channel: 'surat',
        opdName: 'Dinas Pendidikan',
        answers: ['Jembatan diperbaiki bulan depan'],
        answerLog: [{ text: 'Jembatan diperbaiki bulan depan', at: CLOCK_START }],
      });
    });

    it('says tidak-ditindaklanjuti after an end event named "… Tidak …", and diteruskan-ombudsman once that step is entered', async () => {
      const rejected = await intake(as['admin-utama'], { subject: 'Data tidak lengkap' });
      await completeTask(as['admin-utama'], rejected.trackingId, 'Task_Verifikasi', { lengkap: false });
      expect((await detail(rejected.trackingId)).status).toBe('tidak-ditindaklanjuti');

      const forwarded = await intake(as['admin-utama'], { subject: 'Tidak dijawab 60 hari' });
      await completeTask(as['admin-utama'], forwarded.trackingId, 'Task_Verifikasi', { lengkap: true, ombudsman: true });
      expect((await detail(forwarded.trackingId)).status).toBe('diteruskan-ombudsman');
      expect((await anonymous(t.system).get(`/api/public/complaints/${forwarded.trackingId}`)).body.status).toBe('diteruskan-ombudsman');

      const byStatus = async (status: string) =>
        ((await as.auditor.get(`/api/complaints?status=${status}&limit=200`)).body as ComplaintBody[]).map((x) => x.trackingId);
      expect(await byStatus('tidak-ditindaklanjuti')).toEqual([rejected.trackingId]);
      expect(await byStatus('diteruskan-ombudsman')).toEqual([forwarded.trackingId]);
      expect(await byStatus('selesai')).toHaveLength(1);
      expect(await byStatus('diproses')).toEqual([]);
      const waiting = await byStatus('diterima');
      expect(waiting).toContain('KPS-2026-000001');
      expect(waiting).not.toContain(rejected.trackingId);
    });

    it('fills the stored record of complaints entered before it existed exactly as the steps kept it (migration 7)', async () => {
      const record = async () =>
        (
          await t.system.db.query(
            `select tracking_id, status, current_opd, worked_at, answered_at, closed_at, forwarded_at, not_followed_up, next_due_at, completed_late
               from complaints order by tracking_id`,
          )
        ).rows;
      const kept = await record();
      expect(new Set(kept.map((r) => r.status))).toEqual(new Set(['diterima', 'selesai', 'tidak-ditindaklanjuti', 'diteruskan-ombudsman']));
      const counts = async () => [
        ...(await t.system.db.query('select * from complaint_month_counts where received <> 0 order by 1, 2, 3, 4, 5, 6')).rows,
        ...(await t.system.db.query('select * from complaint_totals where received <> 0 order by 1, 2, 3')).rows,
      ];
      const keptCounts = await counts();
      // As migration 7 leaves data that predates the record: defaults, queued for the app.
      await t.system.db.query(`update complaints set status = 'diterima', current_opd = opd, worked_at = null, answered_at = null, closed_at = null,
                                      forwarded_at = null, not_followed_up = false, next_due_at = null, completed_late = false`);
      await t.system.db.query('insert into complaint_backfill (tracking_id) select tracking_id from complaints');
      expect(await backfillComplaintRecords(t.system.db, t.system.engine)).toBe(kept.length);
      expect(await record()).toEqual(kept);
      expect(await counts()).toEqual(keptCounts);
      expect((await t.system.db.query('select count(*)::int as n from complaint_backfill')).rows[0]).toEqual({ n: 0 });
    });

    it('keeps each open task\'s OPD and the open-task counts per due day exactly as a rebuild finds them (migration 9)', async () => {
      const state = async () => ({
        tasks: (await t.system.db.query(`select id, opd from tasks where status = 'open' order by id`)).rows,
        counts: (await t.system.db.query('select opd, role, due_day, n from task_due_counts order by 1, 2, 3')).rows,
      });
      const kept = await state();
      // Something to compare: tasks waiting in an OPD, counted per role and per task.
      expect(kept.tasks.some((r) => r.opd)).toBe(true);
      expect(kept.counts.some((r) => r.role === '')).toBe(true);
      expect(kept.counts.every((r) => (r.n as number) > 0)).toBe(true);
      await t.system.db.query(`update tasks set opd = null`);
      await t.system.db.query('select task_due_counts_rebuild()');
      expect(await state()).toEqual(kept);
    });

    it('enters an already answered complaint with its answer as process variables', async () => {
      const c = await intake(as['admin-utama'], {
        channel: 'email',
        sudahDitindaklanjuti: true,
        jawaban: 'Sudah ditangani oleh Dinas PUPR pada 10 November',
        opd: 'dpupr',
      });
      const vars = (await as.auditor.get(`/api/instances/${c.instances[0].id}`)).body.variables;
      expect(vars).toMatchObject({ sudahDitindaklanjuti: true, jawaban: 'Sudah ditangani oleh Dinas PUPR pada 10 November', opd: 'dpupr' });
      const pub = (await anonymous(t.system).get(`/api/public/complaints/${c.trackingId}`)).body;
      expect(pub).toMatchObject({ opdName: 'Dinas Pekerjaan Umum dan Penataan Ruang', answers: ['Sudah ditangani oleh Dinas PUPR pada 10 November'] });
    });

    it('enters Kapuas Hulu complaints under KPH numbers in its own SOP', async () => {
      const byAdmin = await intake(as['admin-utama'], { district: 'kapuas-hulu', opd: 'kph-dinkes', channel: 'lapor' });
      expect(byAdmin).toMatchObject({ trackingId: 'KPH-2026-000001', district: 'kapuas-hulu', opd: 'kph-dinkes' });
      expect(byAdmin.instances.map((i) => i.key)).toEqual(['sop-kapuas-hulu']);
      expect(byAdmin.openTasks[0]).toMatchObject({ candidateGroups: ['admin-utama'], dueAt: wib('2026-11-16T15:30:00') });

      // An Operator OPD of Kapuas Hulu: their district and their OPD without saying so.
      const byOperator = await intake(as['operator.kph'], { opd: 'kph-rsud' });
      expect(byOperator).toMatchObject({ trackingId: 'KPH-2026-000002', district: 'kapuas-hulu', opd: 'kph-dinkes' });
      expect((await as['operator.kph'].get('/api/complaints?limit=200')).body.map((x: ComplaintBody) => x.trackingId).sort()).toEqual([
        'KPH-2026-000001',
        'KPH-2026-000002',
      ]);

      // The Kapuas counter went on by itself.
      const kapuas = await intake(as['admin-utama'], {});
      expect(kapuas.trackingId).toMatch(/^KPS-2026-0000\d\d$/);
      expect((await as['admin-utama'].post('/api/complaints').send({ district: 'kapuas-hulu', opd: 'dinkes', channel: 'sms', subject: 's', description: 'd' })).status).toBe(400);
    });

    it('searches by channel, district, OPD, text, date and page', async () => {
      const get = async (qs: string) => {
        const res = await as.auditor.get(`/api/complaints?${qs}`);
        expect([qs, res.status]).toEqual([qs, 200]);
        return (res.body as ComplaintBody[]).map((x) => x.trackingId);
      };
      const all = await get('limit=200');
      // A page holds at most 200: asking for more is refused, not quietly cut.
      expect((await as.auditor.get('/api/complaints?limit=201')).status).toBe(400);
      expect(all[0] > all[all.length - 1] || all.length === 1).toBe(true);
      expect(await get('channel=surat')).toHaveLength(1);
      expect(await get('district=kapuas-hulu')).toEqual(['KPH-2026-000002', 'KPH-2026-000001']);
      expect(await get('opd=dpupr')).toHaveLength(1);
      expect(await get('q=jembatan')).toHaveLength(1);
      expect(await get('q=KPH-2026-000002')).toEqual(['KPH-2026-000002']);
      expect(await get('q=100%25')).toEqual([]);
      expect(await get('from=2026-11-16&to=2026-11-16&limit=200')).toHaveLength(all.length);
      expect(await get('from=2026-11-17')).toEqual([]);
      expect(await get(`to=${encodeURIComponent(CLOCK_START)}`)).toEqual([]);
      const page1 = await get('limit=3');
      const page2 = await get('limit=3&offset=3');
      expect([...page1, ...page2]).toEqual(all.slice(0, 6));

      for (const bad of ['channel=telegram', 'status=hilang', 'district=x', 'limit=0', 'from=kemarin', 'overdue=ya']) {
        const res = await as.auditor.get(`/api/complaints?${bad}`);
        expect([bad, res.status]).toEqual([bad, 400]);
        expect(res.body.detail).toMatch(new RegExp(bad.split('=')[0]));
      }
    });

    it('finds complaints with an open task past its due date (workflow clock)', async () => {
      const overdueNow = async () => ((await as.auditor.get('/api/complaints?overdue=true&limit=200')).body as ComplaintBody[]).map((x) => x.trackingId);
      expect(await overdueNow()).toEqual([]);
      // Tuesday 09:00: the 555/05 verifications (due Tuesday 08:00) are late; Kapuas Hulu's were due Monday 15:30.
      await as.kasi.post('/api/_clock/set').send({ at: wib('2026-11-17T09:00:00') }).expect(200);
      const late = await overdueNow();
      expect(late).toContain('KPS-2026-000001');
      expect(late).toContain('KPH-2026-000001');
      const [answered] = ((await as.auditor.get('/api/complaints?status=selesai')).body as ComplaintBody[]).map((x) => x.trackingId);
      expect(late).not.toContain(answered); // disposed and answered: no open task left
      const onTime = ((await as.auditor.get('/api/complaints?overdue=false&limit=200')).body as ComplaintBody[]).map((x) => x.trackingId);
      expect(onTime.filter((id) => late.includes(id))).toEqual([]);
      const one = await detail('KPS-2026-000001');
      expect(one.openTasks).toEqual([expect.objectContaining({ elementId: 'Task_Verifikasi', overdue: true })]);
    });

    it('answers 404 for an unknown or malformed tracking ID', async () => {
      for (const id of ['KPS-2026-999999', 'bukan-id']) {
        const res = await as.auditor.get(`/api/complaints/${id}`);
        expect(res.status).toBe(404);
      }
    });
  });

  describe('public status page', () => {
    it('needs no sign-in, accepts lower case, and shows no identity', async () => {
      const res = await anonymous(t.system).get('/api/public/complaints/kps-2026-000001');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['answerLog', 'answeredAt', 'answers', 'awaitingReply', 'channel', 'closedAt', 'createdAt', 'opdName', 'status', 'subject', 'trackingId']);
      expect(res.body).toMatchObject({ trackingId: 'KPS-2026-000001', status: 'diterima', channel: 'whatsapp', opdName: 'Dinas Kesehatan', answers: [], answerLog: [], awaitingReply: false, answeredAt: null, closedAt: null });
      expect(JSON.stringify(res.body)).not.toMatch(/Budi|0812/);
    });

    it('answers unknown and malformed IDs with the same 404', async () => {
      const bodies = [];
      for (const id of ['KPS-2026-999999', 'KPH-1999-000001', 'xyz', 'KPS-2026-1', '%27%20or%201%3D1']) {
        const res = await anonymous(t.system).get(`/api/public/complaints/${id}`);
        expect([id, res.status]).toEqual([id, 404]);
        bodies.push(res.body);
      }
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(bodies[0]).toEqual({ error: 'no such complaint' });
    });

    it('keeps the staff endpoints closed without a session', async () => {
      expect((await anonymous(t.system).get('/api/complaints')).status).toBe(401);
      expect((await anonymous(t.system).get('/api/complaints/KPS-2026-000001')).status).toBe(401);
      expect((await anonymous(t.system).post('/api/complaints').send({ channel: 'sms', subject: 's', description: 'd' })).status).toBe(401);
    });
  });
});
