import path from 'node:path';
import { sopRoleIds } from './helpers';
import { backends, signIn, startTestSystem, type Backend, type TestSystem } from '../support/testSystem';
import { startSmtpSink, type ReceivedMail } from '../support/smtpSink';
import { type Agent, anonymous, closeTestSystem, type HistoryItem, type TaskItem, wib } from './helpers';

/**
 * Scenario tests of the SOP diagrams in processes/, as deployed at start (PROCESSES_DIR), through
 * real HTTP with the demo users (username = role id, password demo12345; the OPD-bound ones in
 * OPD `dinkes`) on the manual workflow clock, which starts on Monday 16 November 2026, 08:00 WIB.
 * Each scenario checks the SOP's rules at the WORKING moment they are due (Mon–Fri 07:30–12:00 and
 * 13:00–16:00 WIB, without the Indonesian public holidays): nothing a minute before, the task,
 * end event or mail at that moment. Reminder and escalation mails go through a real SMTP server
 * on loopback, and we check who they reach (`<role>@kapuas.example`).
 *
 * Holidays these dates cross (GET /api/calendar/holidays): Natal Friday 2026-12-25, Tahun Baru
 * Friday 2027-01-01, Maulid Nabi Tuesday 2027-01-05.
 */

jest.setTimeout(180_000);

const PROCESSES_DIR = path.resolve(__dirname, '..', '..', 'processes');

/** The demo users of the SOP roles (username = role id). */
const SOP_ROLES = sopRoleIds;

interface InstanceView {
  id: string;
  key: string;
  status: string;
  businessKey: string | null;
  parentId: string | null;
  activeElements: string[];
  variables: Record<string, unknown>;
  timers: { elementId: string; dueAt: string }[];
}

interface ComplaintView {
  trackingId: string;
  status: string;
  opd: string | null;
  reporter: unknown;
  instances: { id: string; key: string; status: string; parentId: string | null }[];
  openTasks: { id: string; elementId: string; instanceId: string; dueAt: string | null; overdue: boolean }[];
}

/** The subject of a received mail, its folded header lines unfolded. */
function subjectOf(mail: ReceivedMail): string {
  const headers = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return /^Subject: (.*)$/m.exec(headers)?.[1] ?? '';
}

/** One system (database, engine, HTTP app) and the people who work in it. */
class World {
  private readonly agents = new Map<string, Promise<Agent>>();
  /** Users beyond the demo ones, offered tasks too (e.g. another OPD's liaison officer). */
  readonly extraUsers: string[] = [];

  constructor(
    readonly t: TestSystem,
    readonly smtp?: Awaited<ReturnType<typeof startSmtpSink>>,
  ) {}

  static async start(backend: Backend, { mail = false } = {}): Promise<World> {
    const smtp = mail ? await startSmtpSink() : undefined;
    const t = await startTestSystem(backend, { PROCESSES_DIR, ...(smtp && { SMTP_URL: smtp.url }) });
    return new World(t, smtp);
  }

  async close(): Promise<void> {
    await closeTestSystem(this.t);
    await this.smtp?.close();
  }

  as(username: string): Promise<Agent> {
    let agent = this.agents.get(username);
    if (!agent) {
      agent = signIn(this.t.system, username);
      this.agents.set(username, agent);
    }
    return agent;
  }

  /** Creates a user through the API, as admin-sistem (password demo12345). */
  async createUser(username: string, role: string, opd: string): Promise<void> {
    const res = await (await this.as('admin-sistem'))
      .post('/api/users')
      .send({ username, password: 'demo12345', email: `${username}@kapuas.example`, opd, roles: [role] });
    expect(res.status).toBe(201);
    this.extraUsers.push(username);
  }

  /** Moves the workflow clock to a WIB wall-clock moment; due timers fire and their mails go out first. */
  async clock(local: string): Promise<{ fired: number; mailed: number }> {
    const res = await (await this.as('auditor')).post('/api/_clock/set').send({ at: `${local}+07:00` });
    expect(res.status).toBe(200);
    return res.body;
  }

  async instance(id: string): Promise<InstanceView> {
    const res = await (await this.as('auditor')).get(`/api/instances/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  async instances(query: string): Promise<InstanceView[]> {
    const res = await (await this.as('auditor')).get(`/api/instances?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  async history(id: string): Promise<HistoryItem[]> {
    return (await (await this.as('auditor')).get(`/api/instances/${id}/history`)).body;
  }

  /** The elements the instance has entered, in order. */
  async entered(id: string): Promise<string[]> {
    return (await this.history(id)).filter((h) => h.type === 'element-entered').map((h) => h.elementId!);
  }

  async start(key: string, username: string, businessKey: string, variables: Record<string, unknown> = {}): Promise<InstanceView> {
    const res = await (await this.as(username)).post(`/api/process-definitions/${key}/start`).send({ businessKey, variables });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** POST /api/complaints: 201 with the complaint and its chain. */
  async intake(username: string, body: Record<string, unknown>): Promise<ComplaintView> {
    const res = await (await this.as(username)).post('/api/complaints').send(body);
    expect({ status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({ status: 201, body: 'ok' });
    return res.body;
  }

  async complaint(trackingId: string, username = 'admin-utama'): Promise<ComplaintView> {
    const res = await (await this.as(username)).get(`/api/complaints/${trackingId}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  async tasksOf(username: string): Promise<TaskItem[]> {
    const res = await (await this.as(username)).get('/api/tasks');
    expect(res.status).toBe(200);
    return res.body;
  }

  /** The open task `elementId` of the instance, as `username`'s worklist shows it (undefined if it does not). */
  async findTask(username: string, instanceId: string, elementId: string): Promise<TaskItem | undefined> {
    return (await this.tasksOf(username)).find((x) => x.instanceId === instanceId && x.elementId === elementId);
  }

  async task(username: string, instanceId: string, elementId: string): Promise<TaskItem> {
    const task = await this.findTask(username, instanceId, elementId);
    if (!task) {
      const open = (await this.tasksOf(username)).filter((x) => x.instanceId === instanceId).map((x) => x.elementId);
      throw new Error(`${username} has no open task ${elementId} in ${instanceId}; they have: ${open.join(', ') || 'none'}`);
    }
    return task;
  }

  /** Every demo user (and extra user) whose worklist offers the task. */
  async receivers(taskId: string): Promise<string[]> {
    const out: string[] = [];
    for (const u of [...SOP_ROLES, ...this.extraUsers]) {
      if ((await this.tasksOf(u)).some((x) => x.id === taskId)) out.push(u);
    }
    return out.sort();
  }

  /**
   * `username` claims and completes the open task `elementId`; with `receivers`, first checks that
   * exactly those users are offered it.
   */
  async work(
    username: string,
    instanceId: string,
    elementId: string,
    variables: Record<string, unknown> = {},
    receivers?: string[],
  ): Promise<TaskItem> {
    const task = await this.task(username, instanceId, elementId);
    if (receivers) expect({ task: elementId, receivers: await this.receivers(task.id) }).toEqual({ task: elementId, receivers: [...receivers].sort() });
    const agent = await this.as(username);
    expect((await agent.post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
    const done = await agent.post(`/api/tasks/${task.id}/complete`).send({ variables });
    expect({ task: elementId, status: done.status }).toEqual({ task: elementId, status: 200 });
    return task;
  }

  /**
   * Reminder and late mails whose subject names the business key, as "subject → recipients" (the
   * mails of tasks assigned or offered, and the digests, are test/integration/mail.test.ts's).
   */
  mailsAbout(businessKey: string): string[] {
    return (this.smtp?.mails ?? [])
      .filter((m) => /^(Pengingat|Terlambat): /.test(subjectOf(m)) && subjectOf(m).includes(`(${businessKey})`))
      .map((m) => `${subjectOf(m)} → ${m.to.join(', ')}`);
  }
}

describe.each(backends)('SOP scenarios on %s', (backend) => {
  // ------------------------------------------------------------------------------------------
  describe('SOP 555/05 and 555/06: complaints from channels outside LAPOR!', () => {
    let w: World;
    beforeAll(async () => {
      w = await World.start(backend, { mail: true });
    });
    afterAll(() => w?.close());

    it('555/05: the Admin Penghubung task made on Thursday 24 December is due three WORKING days later, Wednesday 30 December, and only then mails the Pejabat Penghubung', async () => {
      // The premise, from the holiday table: Christmas (Friday) is a holiday, Christmas Eve is not.
      const holidays = (await (await w.as('admin-utama')).get('/api/calendar/holidays?year=2026')).body as { date: string; name: string }[];
      expect(holidays.map((h) => h.date)).toContain('2026-12-25');
      expect(holidays.map((h) => h.date)).not.toContain('2026-12-24');

      await w.clock('2026-12-24T10:00:00'); // Thursday
      const c = await w.intake('admin-utama', { channel: 'whatsapp', subject: 'Puskesmas tutup', description: 'Puskesmas Selat tutup pada jam pelayanan.', reporter: { name: 'Siti Aminah', contact: '0812-0000-0001' } });
      expect(c.trackingId).toBe('KPS-2026-000001');
      const [main] = c.instances;
      expect(main.key).toBe('sop-555-05');
      await w.work('admin-utama', main.id, 'Task_MenerimaLaporan', { kanal: 'WA' }, ['admin-utama']);
      await w.work('admin-utama', main.id, 'Task_Verifikasi', { lengkap: true }, ['admin-utama']);
      await w.work('admin-utama', main.id, 'Task_Input', { sudahDitindaklanjuti: false }, ['admin-utama']);
      await w.work('kasi', main.id, 'Task_Memastikan', {}, ['kasi']);
      await w.work('admin-utama', main.id, 'Task_Disposisi', { opd: 'dinkes' }, ['admin-utama']);

      const task = await w.task('admin-penghubung', main.id, 'Task_AdminPenghubung');
      expect(await w.receivers(task.id)).toEqual(['admin-penghubung']);
      expect(task.createdAt).toBe(wib('2026-12-24T10:00:00'));
      // 3 hari: Monday 28, Tuesday 29, Wednesday 30 December (not Sunday 27 by the calendar).
      expect(task.dueAt).toBe(wib('2026-12-30T10:00:00'));
      expect((await w.instance(main.id)).timers).toEqual([{ elementId: 'Task_AdminPenghubung_Lewat', dueAt: wib('2026-12-30T10:00:00') }]);

      for (const before of ['2026-12-25T10:00:00', '2026-12-27T10:00:00', '2026-12-28T10:00:00', '2026-12-30T09:59:00']) {
        await w.clock(before);
        expect({ at: before, mails: w.mailsAbout(c.trackingId) }).toEqual({ at: before, mails: [] });
      }
      expect((await w.complaint(c.trackingId)).openTasks.map((t) => [t.elementId, t.overdue])).toEqual([['Task_AdminPenghubung', false]]);

      await w.clock('2026-12-30T10:00:00');
      // The superior of the Admin Penghubung is the Pejabat Penghubung of the same OPD.
      expect(w.mailsAbout(c.trackingId)).toEqual([
        `Terlambat: Admin Penghubung Menerima Aduan dan Melakukan Penginputan (${c.trackingId}) → pejabat-penghubung@kapuas.example`,
      ]);
      const beritahu = (await w.history(main.id)).find((h) => h.type === 'element-entered' && h.elementId === 'Task_AdminPenghubung_Lewat_Beritahu');
      expect(beritahu?.at).toBe(wib('2026-12-30T10:00:00'));
      // The boundary event does not interrupt: the task stays with the Admin Penghubung, overdue once past its due moment.
      expect((await w.complaint(c.trackingId)).openTasks.map((t) => [t.elementId, t.overdue])).toEqual([['Task_AdminPenghubung', false]]);
      await w.clock('2026-12-30T10:01:00');
      expect((await w.complaint(c.trackingId)).openTasks.map((t) => [t.elementId, t.overdue])).toEqual([['Task_AdminPenghubung', true]]);
      const overdue = (await (await w.as('kasi')).get('/api/complaints?overdue=true')).body as { trackingId: string }[];
      expect(overdue.map((x) => x.trackingId)).toEqual([c.trackingId]);
    });

    it('555/05: an already answered report, entered with its answer, goes straight to the answer path', async () => {
      const c = await w.intake('admin-utama', {
        channel: 'surat',
        subject: 'Lampu jalan padam',
        description: 'Lampu jalan di Jl. Tambun Bungai padam.',
        sudahDitindaklanjuti: true,
        jawaban: 'Lampu jalan sudah diganti oleh Dinas Perhubungan.',
      });
      const [main] = c.instances;
      await w.work('admin-utama', main.id, 'Task_MenerimaLaporan', { kanal: 'surat' });
      await w.work('admin-utama', main.id, 'Task_Verifikasi', { lengkap: true });
      // The intake recorded the decision; the task form still asks it (decisions are never implied).
      await w.work('admin-utama', main.id, 'Task_Input', { sudahDitindaklanjuti: true });
      // "Sudah": the answer is entered directly; no check by the Kasi, no disposition to an SKPD.
      expect((await w.complaint(c.trackingId)).openTasks.map((t) => t.elementId)).toEqual(['Task_InputJawaban']);
      expect((await w.instance(main.id)).variables).toMatchObject({ sudahDitindaklanjuti: true, jawaban: 'Lampu jalan sudah diganti oleh Dinas Perhubungan.' });
      await w.work('admin-utama', main.id, 'Task_InputJawaban', { jawaban: 'Lampu jalan sudah diganti oleh Dinas Perhubungan.' }, ['admin-utama']);

      const done = await w.complaint(c.trackingId);
      expect(done.status).toBe('selesai');
      expect(done.instances.map((i) => i.key)).toEqual(['sop-555-05']); // SOP 555/01 never started
      const entered = await w.entered(main.id);
      expect(entered).toContain('End_JawabanTerinput');
      expect(entered).not.toContain('Task_Memastikan');
      const pub = (await anonymous(w.t.system).get(`/api/public/complaints/${c.trackingId}`)).body;
      expect(pub).toMatchObject({ status: 'selesai', answers: ['Lampu jalan sudah diganti oleh Dinas Perhubungan.'] });
    });

    let kps06: ComplaintView;
    it('555/06: a report the OPD already answered goes straight to the answer; the public\'s reply is then watched beside the check by Admin Utama and Kasi', async () => {
      await w.clock('2026-12-31T09:00:00'); // Thursday, before New Year's Day
      kps06 = await w.intake('admin-penghubung', {
        channel: 'kanal-internal-opd',
        subject: 'Antrean obat lama',
        description: 'Antrean di apotek RSUD lebih dari tiga jam.',
        sudahDitindaklanjuti: true,
        jawaban: 'Loket obat ditambah menjadi empat mulai Senin.',
      });
      const [main] = kps06.instances;
      expect(main.key).toBe('sop-555-06');
      expect(kps06.opd).toBe('dinkes'); // an Admin Penghubung enters for their own OPD
      await w.work('admin-penghubung', main.id, 'Task_Menerima', { kanal: 'loket pengaduan' }, ['admin-penghubung']);
      await w.work('admin-penghubung', main.id, 'Task_Verifikasi', { lengkap: true }, ['admin-penghubung']);
      const paraf = await w.task('pejabat-penghubung', main.id, 'Task_Disampaikan');
      expect(paraf.dueAt).toBe(wib('2026-12-31T09:10:00')); // 10 menit
      await w.work('pejabat-penghubung', main.id, 'Task_Disampaikan', {}, ['pejabat-penghubung']);
      await w.work('admin-penghubung', main.id, 'Task_Input', { sudahDitindaklanjuti: true }, ['admin-penghubung']);
      await w.work('admin-penghubung', main.id, 'Task_InputJawaban', { jawaban: 'Loket obat ditambah menjadi empat mulai Senin.' }, ['admin-penghubung']);
      expect((await w.complaint(kps06.trackingId)).openTasks.map((t) => t.elementId).sort()).toEqual(['Task_Pantau', 'Task_Pengecekan']);
      expect((await w.complaint(kps06.trackingId)).instances.map((i) => i.key)).toEqual(['sop-555-06']); // no SOP 555/02
      await w.work('admin-utama', main.id, 'Task_Pengecekan', {}, ['admin-utama']);
      await w.work('kasi', main.id, 'Task_KasiMemeriksa', {}, ['kasi']);
      expect((await w.complaint(kps06.trackingId)).status).toBe('diproses');
    });

    it('555/06: without feedback from the reporter for 10 working days the report is finished (Monday 18 January, across New Year and Maulid Nabi)', async () => {
      const [main] = kps06.instances;
      expect((await w.instance(main.id)).timers).toEqual([{ elementId: 'Boundary_10Hari', dueAt: wib('2027-01-18T09:00:00') }]);
      for (const before of ['2027-01-15T16:00:00', '2027-01-18T08:59:00']) {
        await w.clock(before);
        expect({ at: before, open: (await w.complaint(kps06.trackingId)).openTasks.map((t) => t.elementId) }).toEqual({ at: before, open: ['Task_Pantau'] });
      }
      await w.clock('2027-01-18T09:00:00');
      const done = await w.complaint(kps06.trackingId);
      expect(done.openTasks).toEqual([]);
      expect(done.status).toBe('selesai');
      expect(await w.entered(main.id)).toContain('End_LaporanSelesai');
      expect((await w.instance(main.id)).status).toBe('completed');
    });
  });

  // ------------------------------------------------------------------------------------------
  describe('SOP 555/01: LAPOR!-SP4N bersifat Pengaduan', () => {
    let w: World;
    beforeAll(async () => {
      w = await World.start(backend, { mail: true });
    });
    afterAll(() => w?.close());

    it('a 3–5 hari task reminds its own role at 3 and tells the superior at 5 working days, not before', async () => {
      // Monday 16 November 08:00.
      const i = await w.start('sop-555-01', 'admin-utama', 'LPR-0101');
      await w.work('admin-utama', i.id, 'Task_PenyaluranPengaduan', {}, ['admin-utama']);
      const telaah = await w.task('tim-koordinasi', i.id, 'Task_TelaahanLanjutan');
      expect(telaah.dueAt).toBe(wib('2026-11-23T08:00:00'));

      await w.clock('2026-11-19T07:59:00');
      expect(w.mailsAbout('LPR-0101')).toEqual([]);
      expect(await w.clock('2026-11-19T08:00:00')).toMatchObject({ fired: 1 }); // Thursday: 3 working days
      expect(w.mailsAbout('LPR-0101')).toEqual(['Pengingat: Telaahan Lanjutan (LPR-0101) → tim-koordinasi@kapuas.example']);

      await w.clock('2026-11-21T10:00:00'); // Saturday: 5 calendar days, 4 working days
      await w.clock('2026-11-23T07:59:00');
      expect(w.mailsAbout('LPR-0101')).toHaveLength(1);
      expect(await w.clock('2026-11-23T08:00:00')).toMatchObject({ fired: 1 }); // Monday: 5 working days
      expect(w.mailsAbout('LPR-0101')).toEqual([
        'Pengingat: Telaahan Lanjutan (LPR-0101) → tim-koordinasi@kapuas.example',
        'Terlambat: Telaahan Lanjutan (LPR-0101) → sekda@kapuas.example',
      ]);
      // Neither interrupts: the Tim Koordinasi still holds the review.
      expect(await w.findTask('tim-koordinasi', i.id, 'Task_TelaahanLanjutan')).toBeDefined();
    });

    it('a clarification the Pejabat Penghubung leaves unanswered: reminder at 3, Admin Instansi intervenes after 5, reminder at 15, Admin Pusat intervenes at 30 working days', async () => {
      await w.clock('2026-11-30T09:00:00'); // Monday
      const i = await w.start('sop-555-01', 'admin-utama', 'LPR-0102');
      await w.work('admin-utama', i.id, 'Task_PenyaluranPengaduan');
      await w.work('tim-koordinasi', i.id, 'Task_TelaahanLanjutan', { opd: 'dinkes' }, ['tim-koordinasi']);
      const konfirmasi = await w.task('pejabat-penghubung', i.id, 'Task_KonfirmasiKlarifikasi');
      expect(await w.receivers(konfirmasi.id)).toEqual(['pejabat-penghubung']);
      const timers = Object.fromEntries((await w.instance(i.id)).timers.map((x) => [x.elementId, x.dueAt]));
      expect(timers).toEqual({
        Task_KonfirmasiKlarifikasi_Ingat: wib('2026-12-03T09:00:00'),
        Boundary_BelumDitanggapi5: wib('2026-12-07T09:00:00'),
        Boundary_BelumDitanggapi15: wib('2026-12-21T09:00:00'),
        // Across Natal, Tahun Baru and Maulid Nabi.
        Boundary_BelumDitanggapi30: wib('2027-01-14T09:00:00'),
      });
      const subject = `Mengkonfirmasi dan Mengklarifikasi Laporan dan Kelengkapan Data (LPR-0102)`;

      await w.clock('2026-12-03T09:00:00');
      expect(w.mailsAbout('LPR-0102')).toEqual([`Pengingat: ${subject} → pejabat-penghubung@kapuas.example`]);

      await w.clock('2026-12-07T08:59:00');
      expect(await w.findTask('admin-instansi', i.id, 'Task_IntervensiAdminInstansi')).toBeUndefined();
      await w.clock('2026-12-07T09:00:00');
      const instansi = await w.task('admin-instansi', i.id, 'Task_IntervensiAdminInstansi');
      expect(instansi.name).toBe('Intervensi Admin Instansi');
      expect(await w.receivers(instansi.id)).toEqual(['admin-instansi']);
      expect(w.mailsAbout('LPR-0102')).toEqual([
        `Pengingat: ${subject} → pejabat-penghubung@kapuas.example`,
        `Terlambat: ${subject} → pimpinan-opd@kapuas.example`,
      ]);
      // The clarification stays with the Pejabat Penghubung.
      expect(await w.findTask('pejabat-penghubung', i.id, 'Task_KonfirmasiKlarifikasi')).toBeDefined();
      await w.work('admin-instansi', i.id, 'Task_IntervensiAdminInstansi');

      await w.clock('2026-12-21T09:00:00');
      expect(w.mailsAbout('LPR-0102')).toHaveLength(3);
      expect(w.mailsAbout('LPR-0102')[2]).toBe(`Pengingat: ${subject} → pejabat-penghubung@kapuas.example`);

      await w.clock('2027-01-14T08:59:00');
      expect(await w.findTask('admin-pusat', i.id, 'Task_IntervensiAdminPusat')).toBeUndefined();
      await w.clock('2027-01-14T09:00:00');
      const pusat = await w.task('admin-pusat', i.id, 'Task_IntervensiAdminPusat');
      expect(pusat.name).toBe('Intervensi Admin Pusat');
      expect(await w.receivers(pusat.id)).toEqual(['admin-pusat']);
      await w.work('admin-pusat', i.id, 'Task_IntervensiAdminPusat');
      // The Pejabat Penghubung finally answers; no examination needed.
      await w.work('pejabat-penghubung', i.id, 'Task_KonfirmasiKlarifikasi', { lengkap: true, perluPemeriksaan: false });
      expect((await w.instance(i.id)).status).toBe('completed');
      expect(await w.entered(i.id)).toContain('End_TanpaPemeriksaan');
    });

    it('incomplete data: the reporter is asked to complete it; when they do not, the report is not followed up', async () => {
      const i = await w.start('sop-555-01', 'admin-utama', 'LPR-0103');
      await w.work('admin-utama', i.id, 'Task_PenyaluranPengaduan');
      await w.work('tim-koordinasi', i.id, 'Task_TelaahanLanjutan', { opd: 'dinkes' });
      await w.work('pejabat-penghubung', i.id, 'Task_KonfirmasiKlarifikasi', { lengkap: false });
      const minta = await w.task('pejabat-penghubung', i.id, 'Task_MintaPelapor');
      expect(await w.receivers(minta.id)).toEqual(['pejabat-penghubung']);
      await w.work('pejabat-penghubung', i.id, 'Task_MintaPelapor', { dilengkapi: false });
      const done = await w.instance(i.id);
      expect(done.status).toBe('completed');
      const entered = await w.entered(i.id);
      expect(entered).toContain('End_TidakDitindaklanjuti');
      expect(entered).not.toContain('Call_TindakLanjut');
      expect(await w.instances('key=sop-555-02&businessKey=LPR-0103')).toEqual([]);
    });
  });

  // ------------------------------------------------------------------------------------------
  describe('SOP 555/02: Tindak Lanjut Aduan pada Pejabat Penghubung', () => {
    let w: World;
    beforeAll(async () => {
      w = await World.start(backend);
    });
    afterAll(() => w?.close());

    it('a followed-up report with no reply from the reporter for 10 working days ends as "Laporan Selesai"', async () => {
      // Monday 16 November 08:00.
      const i = await w.start('sop-555-02', 'admin-utama', 'LPR-0201');
      await w.work('admin-utama', i.id, 'Task_PenyaluranPengaduan', { opd: 'dinkes' }, ['admin-utama']);
      await w.work('pejabat-penghubung', i.id, 'Task_Telaah', { lengkap: true, perluPemeriksaan: false, jawaban: 'Jadwal posyandu diumumkan di kelurahan.' }, ['pejabat-penghubung']);
      await w.task('pejabat-penghubung', i.id, 'Task_TanggapanPelapor');
      expect((await w.instance(i.id)).timers).toEqual([{ elementId: 'Boundary_10Hari', dueAt: wib('2026-11-30T08:00:00') }]);
      await w.clock('2026-11-30T07:59:00');
      expect((await w.instance(i.id)).status).toBe('running');
      await w.clock('2026-11-30T08:00:00');
      const done = await w.instance(i.id);
      expect(done.status).toBe('completed');
      expect(await w.entered(i.id)).toContain('End_LaporanSelesai');
      expect(await w.findTask('pejabat-penghubung', i.id, 'Task_TanggapanPelapor')).toBeUndefined();
    });

    it('a reply from a reporter who is not satisfied reopens the follow-up, under a new 60-working-day limit', async () => {
      const i = await w.start('sop-555-02', 'admin-utama', 'LPR-0202');
      await w.work('admin-utama', i.id, 'Task_PenyaluranPengaduan', { opd: 'dinkes' });
      await w.work('pejabat-penghubung', i.id, 'Task_Telaah', { lengkap: true, perluPemeriksaan: true });
      await w.work('pejabat-penghubung', i.id, 'Task_VerifikasiLapangan', { baPemeriksaan: 'BA-017/2026', jawaban: 'Saluran dibersihkan.' });
      await w.clock('2026-12-02T10:00:00'); // the reporter replies within the 10 working days
      await w.work('pejabat-penghubung', i.id, 'Task_TanggapanPelapor', { pelaporPuas: false, tanggapanPelapor: 'tidak puas: masih banjir' }, ['pejabat-penghubung']);
      const reopened = await w.instance(i.id);
      expect(reopened.status).toBe('running');
      expect(reopened.activeElements).toContain('Sub_TindakLanjut');
      await w.task('pejabat-penghubung', i.id, 'Task_Telaah');
      expect(reopened.timers.find((x) => x.elementId === 'Boundary_60Hari')?.dueAt).toBe(wib('2027-03-01T10:00:00'));
      await w.work('pejabat-penghubung', i.id, 'Task_Telaah', { lengkap: true, perluPemeriksaan: false, jawaban: 'Gorong-gorong diganti.' });
      await w.work('pejabat-penghubung', i.id, 'Task_TanggapanPelapor', { pelaporPuas: true, tanggapanPelapor: 'puas' });
      expect((await w.instance(i.id)).status).toBe('completed');
      expect(await w.entered(i.id)).toContain('End_Selesai');
    });

    it('a report not followed up for 60 working days goes to "Teruskan ke Ombudsman RI" — on the 60th working day, not the 59th', async () => {
      await w.clock('2026-12-07T09:00:00'); // Monday
      const i = await w.start('sop-555-02', 'admin-utama', 'LPR-0203');
      await w.work('admin-utama', i.id, 'Task_PenyaluranPengaduan', { opd: 'dinkes' });
      expect((await w.instance(i.id)).timers.find((x) => x.elementId === 'Boundary_60Hari')?.dueAt).toBe(wib('2027-03-04T09:00:00'));
      for (const before of ['2027-03-03T09:00:00', '2027-03-04T08:59:00']) {
        // 59 working days, and a minute short of 60.
        await w.clock(before);
        const now = await w.instance(i.id);
        expect({ at: before, status: now.status, ombudsman: (await w.entered(i.id)).includes('Task_Ombudsman') }).toEqual({ at: before, status: 'running', ombudsman: false });
        expect(await w.findTask('pejabat-penghubung', i.id, 'Task_Telaah')).toBeDefined();
      }
      await w.clock('2027-03-04T09:00:00'); // Thursday: the 60th working day
      const done = await w.instance(i.id);
      expect(done.status).toBe('completed');
      const history = await w.history(i.id);
      expect(history.find((h) => h.type === 'timer-fired' && h.elementId === 'Boundary_60Hari')?.at).toBe(wib('2027-03-04T09:00:00'));
      expect(history.filter((h) => h.type === 'element-entered').map((h) => h.elementId)).toEqual(expect.arrayContaining(['Task_Ombudsman', 'End_Ombudsman']));
      expect(await w.findTask('pejabat-penghubung', i.id, 'Task_Telaah')).toBeUndefined();
    });
  });

  // ------------------------------------------------------------------------------------------
  describe('Kapuas Hulu, then SOP 555/03 and 555/04 on the quarter', () => {
    let w: World;
    beforeAll(async () => {
      w = await World.start(backend);
      // The liaison, head and operator of a Kapuas Hulu OPD.
      await w.createUser('pejabat-kph-dinkes', 'pejabat-penghubung', 'kph-dinkes');
      await w.createUser('pimpinan-kph-dinkes', 'pimpinan-opd', 'kph-dinkes');
      await w.createUser('operator-kph-dinkes', 'operator-opd', 'kph-dinkes');
    });
    afterAll(() => w?.close());

    const enterAndPresent = async (subject: string) => {
      const c = await w.intake('admin-utama', { district: 'kapuas-hulu', channel: 'lapor', subject, description: `${subject}.` });
      expect(c.trackingId).toMatch(/^KPH-2026-\d{6}$/);
      const [main] = c.instances;
      expect(main.key).toBe('sop-kapuas-hulu');
      // A complaint opens only the complaint path, never the monthly recap.
      expect((await w.complaint(c.trackingId)).openTasks.map((t) => t.elementId)).toEqual(['Task_Input']);
      await w.work('admin-utama', main.id, 'Task_Input', {}, ['admin-utama']);
      await w.work('admin-utama', main.id, 'Task_Verifikasi', {}, ['admin-utama']);
      await w.work('kasi', main.id, 'Task_Penyampaian', {}, ['kasi']);
      return { c, main };
    };

    it('the leadership decides not to forward the report: "Tidak Diteruskan"', async () => {
      const { c, main } = await enterAndPresent('Jalan desa rusak');
      await w.work('kadis', main.id, 'Task_Disposisi', { diteruskan: false }, ['kabid', 'kadis']);
      expect(await w.entered(main.id)).toContain('End_TidakDiteruskan');
      const done = await w.complaint(c.trackingId);
      expect(done.status).toBe('tidak-ditindaklanjuti');
      expect(done.openTasks).toEqual([]);
    });

    it('forwarded to an OPD: its Pejabat Penghubung, its head and its operator bring the answer back to the Admin Utama and the reporter', async () => {
      const { c, main } = await enterAndPresent('Obat kosong di puskesmas');
      await w.work('kabid', main.id, 'Task_Disposisi', { diteruskan: true, opd: 'kph-dinkes' }, ['kabid', 'kadis']);
      await w.work('admin-utama', main.id, 'Task_TeruskanDisposisi', {}, ['admin-utama']);
      // Only the OPD chosen at disposition: not the demo users of dinkes (Kapuas).
      const koordinasi = await w.work('pejabat-kph-dinkes', main.id, 'Task_Koordinasi', {}, ['pejabat-kph-dinkes']);
      expect(koordinasi.dueAt).toBe(wib('2026-11-20T08:00:00')); // 4 hari
      await w.work('pimpinan-kph-dinkes', main.id, 'Task_JawabanKadisOpd', { jawaban: 'Stok obat dikirim dari gudang farmasi kabupaten.' }, ['pimpinan-kph-dinkes']);
      await w.work('operator-kph-dinkes', main.id, 'Task_KirimAdminUtama', {}, ['operator-kph-dinkes']);
      await w.work('admin-utama', main.id, 'Task_TeruskanPelapor', {}, ['admin-utama']);
      expect(await w.entered(main.id)).toContain('End_JawabanDiterima');
      const done = await w.complaint(c.trackingId);
      expect(done.status).toBe('selesai');
      expect(done.opd).toBe('kph-dinkes');
      const pub = (await anonymous(w.t.system).get(`/api/public/complaints/${c.trackingId}`)).body;
      expect(pub).toMatchObject({ status: 'selesai', opdName: 'Dinas Kesehatan', answers: ['Stok obat dikirim dari gudang farmasi kabupaten.'] });
      expect(await w.instances('key=sop-kapuas-hulu-rekap')).toEqual([]); // no complaint started a recap
    });

    it('555/03 and 555/04 start on the first working moment of the 2027-01 quarter (Monday 4 January 07:30), none before', async () => {
      await w.clock('2027-01-04T07:29:00');
      expect(await w.instances('key=sop-555-03')).toEqual([]);
      expect(await w.instances('key=sop-555-04')).toEqual([]);
      await w.clock('2027-01-04T07:30:00');
      const [q3] = await w.instances('key=sop-555-03');
      const [q4] = await w.instances('key=sop-555-04');
      expect(await w.instances('key=sop-555-03')).toHaveLength(1);
      expect(await w.instances('key=sop-555-04')).toHaveLength(1);
      const first3 = await w.task('admin-utama', q3.id, 'Task_MengumpulkanLaporan');
      expect(first3.createdAt).toBe(wib('2027-01-04T07:30:00'));
      expect(first3.dueAt).toBe(wib('2027-01-06T07:30:00')); // 1 hari; Tuesday 5 January is Maulid Nabi
      const first4 = await w.task('tim-pengaduan', q4.id, 'Task_Persiapan');
      expect(await w.receivers(first4.id)).toEqual(['tim-pengaduan']);
      // Kapuas Hulu's monthly recap started as well, on its own: December's (late, as the clock jumped) and January's.
      expect(await w.instances('key=sop-kapuas-hulu-rekap')).toHaveLength(2);
    });

    it('555/03: the Kasi rejects the periodic report (benar = false) and it goes back to the Admin Utama to be fixed', async () => {
      const [q3] = await w.instances('key=sop-555-03');
      await w.work('admin-utama', q3.id, 'Task_MengumpulkanLaporan', {}, ['admin-utama']);
      await w.work('admin-utama', q3.id, 'Task_MengolahData', {}, ['admin-utama']);
      await w.work('kasi', q3.id, 'Task_KasiMemeriksa', { benar: false }, ['kasi']);
      // Back with the Admin Utama, not on to the Kabid.
      const again = await w.task('admin-utama', q3.id, 'Task_MengolahData');
      expect(await w.receivers(again.id)).toEqual(['admin-utama']);
      expect((await w.tasksOf('kabid')).filter((x) => x.instanceId === q3.id)).toEqual([]);
      await w.work('admin-utama', q3.id, 'Task_MengolahData');
      await w.work('kasi', q3.id, 'Task_KasiMemeriksa', { benar: true });
      await w.work('kabid', q3.id, 'Task_KabidMemeriksa', {}, ['kabid']);
      await w.work('kasi', q3.id, 'Task_PengecekanAduan', {}, ['kasi']);
      await w.work('kabid', q3.id, 'Task_Mengontrol', {}, ['kabid']);
      expect((await w.instance(q3.id)).status).toBe('completed');
      const entered = await w.entered(q3.id);
      expect(entered.filter((e) => e === 'Task_MengolahData')).toHaveLength(2);
      expect(entered.filter((e) => e === 'Task_KasiMemeriksa')).toHaveLength(2);
      expect(entered).toContain('End_Diarsipkan');
    });
  });

  // ------------------------------------------------------------------------------------------
  describe('end to end: a WhatsApp complaint through 555/05 → 555/01 → 555/02 to its closure', () => {
    let w: World;
    beforeAll(async () => {
      w = await World.start(backend);
      // A liaison officer of another OPD (Dinas Lingkungan Hidup).
      await w.createUser('pejabat-dlh', 'pejabat-penghubung', 'dlh');
    });
    afterAll(() => w?.close());

    it('is entered by the Admin Utama, handled by each SOP role of the right OPD, and closed after 10 working days without a reply', async () => {
      const reporter = { name: 'Budi Santoso', contact: '0813-5555-0199' };
      const c = await w.intake('admin-utama', {
        channel: 'whatsapp',
        reporter,
        subject: 'Sampah medis di belakang puskesmas',
        description: 'Sampah medis menumpuk di belakang Puskesmas Kuala Kapuas.',
        location: 'Kuala Kapuas',
      });
      const id = c.trackingId;
      expect(id).toBe('KPS-2026-000001');
      expect(c.status).toBe('diterima');
      const [p05] = c.instances;
      expect(p05).toMatchObject({ key: 'sop-555-05', parentId: null });

      // SOP 555/05: Admin Utama, Kasi, Admin Utama, then the Admin Penghubung of the SKPD.
      await w.work('admin-utama', p05.id, 'Task_MenerimaLaporan', { kanal: 'WhatsApp' }, ['admin-utama']);
      expect((await w.complaint(id)).status).toBe('diproses');
      await w.work('admin-utama', p05.id, 'Task_Verifikasi', { lengkap: true }, ['admin-utama']);
      await w.work('admin-utama', p05.id, 'Task_Input', { sudahDitindaklanjuti: false }, ['admin-utama']);
      await w.work('kasi', p05.id, 'Task_Memastikan', {}, ['kasi']);
      await w.work('admin-utama', p05.id, 'Task_Disposisi', { opd: 'dinkes' }, ['admin-utama']);
      await w.work('admin-penghubung', p05.id, 'Task_AdminPenghubung', {}, ['admin-penghubung']);

      // SOP 555/01, called with the same business key.
      let chain = (await w.complaint(id)).instances;
      expect(chain.map((i) => i.key)).toEqual(['sop-555-05', 'sop-555-01']);
      const p01 = chain[1];
      expect(p01.parentId).toBe(p05.id);
      await w.work('admin-utama', p01.id, 'Task_PenyaluranPengaduan', {}, ['admin-utama']);
      await w.work('tim-koordinasi', p01.id, 'Task_TelaahanLanjutan', { opd: 'dinkes' }, ['tim-koordinasi']); // the form offers the OPD of 555/05
      const konfirmasi = await w.task('pejabat-penghubung', p01.id, 'Task_KonfirmasiKlarifikasi');
      expect(await w.receivers(konfirmasi.id)).toEqual(['pejabat-penghubung']);
      // A liaison officer of another OPD can neither see nor claim it, nor read the complaint.
      const dlh = await w.as('pejabat-dlh');
      expect((await dlh.post(`/api/tasks/${konfirmasi.id}/claim`).send({})).status).toBe(403);
      expect((await dlh.get(`/api/complaints/${id}`)).status).toBe(403);
      await w.work('pejabat-penghubung', p01.id, 'Task_KonfirmasiKlarifikasi', { lengkap: true, perluPemeriksaan: true });

      // SOP 555/02, called from 555/01.
      chain = (await w.complaint(id)).instances;
      expect(chain.map((i) => i.key)).toEqual(['sop-555-05', 'sop-555-01', 'sop-555-02']);
      const p02 = chain[2];
      expect(p02.parentId).toBe(p01.id);
      await w.work('admin-utama', p02.id, 'Task_PenyaluranPengaduan', { opd: 'dinkes' }, ['admin-utama']);
      const telaah = await w.task('pejabat-penghubung', p02.id, 'Task_Telaah');
      expect((await dlh.post(`/api/tasks/${telaah.id}/claim`).send({})).status).toBe(403);
      await w.work('pejabat-penghubung', p02.id, 'Task_Telaah', { lengkap: true, perluPemeriksaan: true }, ['pejabat-penghubung']);
      await w.work(
        'pejabat-penghubung',
        p02.id,
        'Task_VerifikasiLapangan',
        { baPemeriksaan: 'BA-031/DINKES/2026, 6 foto', jawaban: 'Sampah medis diangkut; jadwal pengangkutan mingguan ditetapkan.' },
        ['pejabat-penghubung'],
      );
      const tanggapan = await w.task('pejabat-penghubung', p02.id, 'Task_TanggapanPelapor');
      expect(await w.receivers(tanggapan.id)).toEqual(['pejabat-penghubung']);
      expect((await w.instance(p02.id)).timers).toEqual([{ elementId: 'Boundary_10Hari', dueAt: wib('2026-11-30T08:00:00') }]);
      // Meanwhile the public page offers the reporter the reply form.
      expect((await anonymous(w.t.system).get(`/api/public/complaints/${id}`)).body.awaitingReply).toBe(true);

      // All three instances carry the tracking ID and point to their caller.
      const listed = await w.instances(`businessKey=${id}`);
      expect(listed).toHaveLength(3);
      expect(listed.every((i) => i.businessKey === id)).toBe(true);
      expect(Object.fromEntries(listed.map((i) => [i.key, i.parentId]))).toEqual({ 'sop-555-05': null, 'sop-555-01': p05.id, 'sop-555-02': p01.id });

      // No reply from the reporter for 10 working days: the report is finished, and the chain returns.
      await w.clock('2026-11-30T07:59:00');
      expect((await w.complaint(id)).status).toBe('diproses');
      await w.clock('2026-11-30T08:00:00');
      const done = await w.complaint(id);
      expect(done.status).toBe('selesai');
      expect(done.openTasks).toEqual([]);
      expect(done.instances.map((i) => [i.key, i.status])).toEqual([
        ['sop-555-05', 'completed'],
        ['sop-555-01', 'completed'],
        ['sop-555-02', 'completed'],
      ]);
      expect(await w.entered(p02.id)).toContain('End_LaporanSelesai');
      expect(await w.entered(p01.id)).toContain('End_Ditindaklanjuti');
      expect(await w.entered(p05.id)).toContain('End_Ditangani');
      // The Admin Utama sees who reported it; the public page shows the status and the answer, never the reporter.
      expect(done.reporter).toEqual(reporter);
      const pub = await anonymous(w.t.system).get(`/api/public/complaints/${id}`);
      expect(pub.status).toBe(200);
      expect(pub.body).toEqual({
        trackingId: id,
        status: 'selesai',
        awaitingReply: false,
        subject: 'Sampah medis di belakang puskesmas',
        createdAt: wib('2026-11-16T08:00:00'),
        answeredAt: wib('2026-11-16T08:00:00'),
        closedAt: wib('2026-11-30T08:00:00'),
        channel: 'whatsapp',
        opdName: 'Dinas Kesehatan',
        answers: ['Sampah medis diangkut; jadwal pengangkutan mingguan ditetapkan.'],
        answerLog: [{ text: 'Sampah medis diangkut; jadwal pengangkutan mingguan ditetapkan.', at: wib('2026-11-16T08:00:00') }],
      });
      expect(JSON.stringify(pub.body)).not.toMatch(/Budi|0813/);
    });
  });
});
