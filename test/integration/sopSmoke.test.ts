import fs from 'node:fs';
import { roleIds, roles } from '../../src/domain/roles';
import { sopRoleIds } from './helpers';
import path from 'node:path';
import type { Actor } from '../../src/engine/actor';
import { listHistory } from '../../src/engine/history';
import type { ProcessInstanceDetail } from '../../src/engine/instances';
import { listInstanceTasks, type UserTask } from '../../src/engine/userTasks';
import type { Variables } from '../../src/engine/variables';
import { startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, wib } from './helpers';

/**
 * Smoke test of the SOP diagrams in processes/: each is deployed through the service layer and
 * its main path walked with the demo users of each role (username = role id; the OPD-bound ones
 * act for the demo OPD `dinkes`), asserting who receives each task. The clock is the manual
 * workflow clock (Monday 16 November 2026, 08:00 WIB at the start); timers fire through the
 * scheduler as in production.
 */

jest.setTimeout(120_000);

const OPD = 'dinkes';
const SOP_ROLES = sopRoleIds;
const OPD_BOUND = new Set<string>(roleIds.filter((r) => roles[r].opdBound));

/** A demo user as the engine sees them: groups = role, plus `role:OPD` for OPD-bound roles. */
function actorOf(role: string, opd = OPD): Actor {
  return { username: opd === OPD ? role : `${role}-${opd}`, groups: OPD_BOUND.has(role) ? [role, `${role}:${opd}`] : [role] };
}

/** A Kapuas Hulu OPD: task forms offer only the OPDs of the SOP's district. */
const KPH_OPD = 'kph-dinkes';

/** Everybody who could be offered a task: every SOP role in dinkes, and the OPD-bound roles of other OPDs. */
const everyone: { label: string; actor: Actor }[] = [
  ...SOP_ROLES.map((r) => ({ label: r, actor: actorOf(r) })),
  ...[...OPD_BOUND].map((r) => ({ label: `${r}@dlh`, actor: actorOf(r, 'dlh') })),
  ...[...OPD_BOUND].map((r) => ({ label: `${r}@${KPH_OPD}`, actor: actorOf(r, KPH_OPD) })),
];

const processesDir = path.resolve(__dirname, '..', '..', 'processes');

class Sop {
  constructor(readonly t: TestSystem) {}

  get engine() {
    return this.t.system.engine;
  }

  async deployAll(): Promise<void> {
    for (const file of fs.readdirSync(processesDir).filter((f) => f.endsWith('.bpmn')).sort()) {
      const r = await this.engine.deployments.deploy({ name: file, xml: fs.readFileSync(path.join(processesDir, file), 'utf8') }, 'pemilik-proses');
      expect(r.version).toBe(1);
    }
  }

  start(key: string, role: string, businessKey: string, variables: Variables = {}): Promise<ProcessInstanceDetail> {
    return this.engine.instances.start(key, { businessKey, variables }, actorOf(role));
  }

  instance(id: string): Promise<ProcessInstanceDetail> {
    return this.engine.instances.get(id);
  }

  async openTasks(instanceId: string): Promise<UserTask[]> {
    return listInstanceTasks(this.t.system.db, instanceId, true);
  }

  async openElements(instanceId: string): Promise<string[]> {
    return (await this.openTasks(instanceId)).map((x) => x.elementId).sort();
  }

  async task(instanceId: string, elementId: string): Promise<UserTask> {
    const open = await this.openTasks(instanceId);
    const task = open.find((x) => x.elementId === elementId);
    if (!task) throw new Error(`no open task ${elementId} in ${instanceId}; open: ${open.map((x) => x.elementId).join(', ') || 'none'}`);
    return task;
  }

  /** The demo users (and other-OPD users) whose worklist offers the task. */
  async receivers(task: UserTask): Promise<string[]> {
    const out: string[] = [];
    for (const e of everyone) {
      if ((await this.engine.tasks.list(e.actor)).some((x) => x.id === task.id)) out.push(e.label);
    }
    return out.sort();
  }

  /**
   * Completes the open task `elementId` as the first of `roles`, after checking that exactly the
   * demo users of `roles` (in dinkes, or `role@opd`) are offered it.
   */
  async complete(instanceId: string, elementId: string, roles: string[], variables: Variables = {}): Promise<UserTask> {
    const task = await this.task(instanceId, elementId);
    expect({ task: elementId, receivers: await this.receivers(task) }).toEqual({ task: elementId, receivers: [...roles].sort() });
    const who = everyone.find((e) => e.label === roles[0])?.actor ?? actorOf(roles[0]);
    await this.engine.tasks.claim(task.id, who);
    await this.engine.tasks.complete(task.id, who, variables);
    await this.engine.scheduler.runDue(); // follow-ups such as a called process
    return task;
  }

  /** Moves the workflow clock to `at` and fires what is due, as the scheduler does. */
  async clockTo(at: string | Date): Promise<number> {
    await this.t.system.manualClock!.set(new Date(at));
    return this.engine.scheduler.runDue();
  }

  async timer(instanceId: string, elementId: string): Promise<string> {
    const timer = (await this.instance(instanceId)).timers.find((x) => x.elementId === elementId);
    if (!timer) throw new Error(`no armed timer ${elementId} in ${instanceId}`);
    return timer.dueAt;
  }

  /** Fires the armed timer `elementId` of the instance: the clock moves one minute past its due time. */
  async fire(instanceId: string, elementId: string): Promise<void> {
    const due = await this.timer(instanceId, elementId);
    await this.clockTo(new Date(new Date(due).getTime() + 60_000));
    expect((await this.instance(instanceId)).timers.map((x) => x.elementId)).not.toContain(elementId);
  }

  async left(instanceId: string): Promise<string[]> {
    return (await listHistory(this.t.system.db, instanceId)).filter((h) => h.type === 'element-left').map((h) => h.elementId!);
  }

  /** The due dates of the start-timer jobs of the process `key`. */
  async startTimers(key: string): Promise<string[]> {
    const { rows } = await this.t.system.db.query<{ due_at: Date | string }>(
      `select j.due_at from jobs j join process_definitions d on d.id = j.definition_id where j.kind = 'start-timer' and d.key = $1`,
      [key],
    );
    return rows.map((r) => new Date(r.due_at).toISOString());
  }

  async children(key: string, businessKey: string): Promise<ProcessInstanceDetail[]> {
    const list = await this.engine.instances.list({ key, businessKey });
    return Promise.all(list.map((i) => this.instance(i.id)));
  }
}

async function system(): Promise<Sop> {
  const t = await startTestSystem('pglite');
  const sop = new Sop(t);
  await sop.deployAll();
  return sop;
}

describe('SOP 555/01: LAPOR!-SP4N bersifat Pengaduan', () => {
  let sop: Sop;
  let main: ProcessInstanceDetail;
  beforeAll(async () => {
    sop = await system();
  });
  afterAll(() => closeTestSystem(sop?.t));

  it('walks Admin Utama → Tim Koordinasi → Pejabat Penghubung of the chosen OPD, in working time', async () => {
    main = await sop.start('sop-555-01', 'admin-utama', 'LPR-0101');
    const t1 = await sop.task(main.id, 'Task_PenyaluranPengaduan');
    // 3 hari from Monday 08:00 = Thursday 08:00, the same moment as its escalation timer.
    expect(t1.dueAt).toBe(wib('2026-11-19T08:00:00'));
    expect(await sop.timer(main.id, 'Task_PenyaluranPengaduan_Lewat')).toBe(t1.dueAt);
    await sop.complete(main.id, 'Task_PenyaluranPengaduan', ['admin-utama']);
    const t2 = await sop.task(main.id, 'Task_TelaahanLanjutan');
    expect(t2.dueAt).toBe(wib('2026-11-23T08:00:00')); // 3–5 hari: due at 5 working days
    await sop.complete(main.id, 'Task_TelaahanLanjutan', ['tim-koordinasi'], { opd: OPD });
    const t3 = await sop.task(main.id, 'Task_KonfirmasiKlarifikasi');
    expect(t3.candidateGroups).toEqual([`pejabat-penghubung:${OPD}`]);
    await sop.complete(main.id, 'Task_KonfirmasiKlarifikasi', ['pejabat-penghubung'], { lengkap: true, perluPemeriksaan: true });
    expect((await sop.instance(main.id)).activeElements).toContain('Call_TindakLanjut');
  });

  it('hands the complaint to SOP 555/02 through the call activity: same business key and variables', async () => {
    const [child] = await sop.children('sop-555-02', 'LPR-0101');
    expect(child).toMatchObject({ status: 'running', businessKey: 'LPR-0101' });
    expect(child.variables).toMatchObject({ opd: OPD, lengkap: true, perluPemeriksaan: true });
    await sop.complete(child.id, 'Task_PenyaluranPengaduan', ['admin-utama'], { opd: OPD });
    expect((await sop.instance(main.id)).status).toBe('running');
  });

  it('asks the reporter to complete the data; completed data goes back to clarification, missing data ends the report', async () => {
    const i = await sop.start('sop-555-01', 'admin-utama', 'LPR-0102');
    await sop.complete(i.id, 'Task_PenyaluranPengaduan', ['admin-utama']);
    await sop.complete(i.id, 'Task_TelaahanLanjutan', ['tim-koordinasi'], { opd: OPD });
    await sop.complete(i.id, 'Task_KonfirmasiKlarifikasi', ['pejabat-penghubung'], { lengkap: false });
    await sop.complete(i.id, 'Task_MintaPelapor', ['pejabat-penghubung'], { dilengkapi: true });
    await sop.complete(i.id, 'Task_KonfirmasiKlarifikasi', ['pejabat-penghubung'], { lengkap: false });
    await sop.complete(i.id, 'Task_MintaPelapor', ['pejabat-penghubung'], { dilengkapi: false });
    const done = await sop.instance(i.id);
    expect(done.status).toBe('completed');
    expect(await sop.left(i.id)).toContain('End_TidakDitindaklanjuti');
    expect(await sop.children('sop-555-02', 'LPR-0102')).toEqual([]);
  });

  it('ends without SOP 555/02 when the clarification concludes no examination is needed', async () => {
    const i = await sop.start('sop-555-01', 'admin-utama', 'LPR-0103');
    await sop.complete(i.id, 'Task_PenyaluranPengaduan', ['admin-utama']);
    await sop.complete(i.id, 'Task_TelaahanLanjutan', ['tim-koordinasi'], { opd: OPD });
    await sop.complete(i.id, 'Task_KonfirmasiKlarifikasi', ['pejabat-penghubung'], { lengkap: true, perluPemeriksaan: false });
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.left(i.id)).toContain('End_TanpaPemeriksaan');
  });

  it('escalates an unanswered clarification: reminder at 3, Admin Instansi at 5, reminder at 15, Admin Pusat at 30 working days', async () => {
    const i = await sop.start('sop-555-01', 'admin-utama', 'LPR-0104');
    await sop.complete(i.id, 'Task_PenyaluranPengaduan', ['admin-utama']);
    await sop.complete(i.id, 'Task_TelaahanLanjutan', ['tim-koordinasi'], { opd: OPD });
    const timers = (await sop.instance(i.id)).timers.map((x) => x.elementId).sort();
    expect(timers).toEqual(['Boundary_BelumDitanggapi15', 'Boundary_BelumDitanggapi30', 'Boundary_BelumDitanggapi5', 'Task_KonfirmasiKlarifikasi_Ingat']);

    await sop.fire(i.id, 'Task_KonfirmasiKlarifikasi_Ingat');
    expect(await sop.left(i.id)).toContain('Task_KonfirmasiKlarifikasi_Ingat_Beritahu');
    await sop.fire(i.id, 'Boundary_BelumDitanggapi5');
    expect(await sop.left(i.id)).toContain('Event_BeritahuPimpinanOpd');
    expect(await sop.openElements(i.id)).toEqual(['Task_IntervensiAdminInstansi', 'Task_KonfirmasiKlarifikasi']);
    await sop.complete(i.id, 'Task_IntervensiAdminInstansi', ['admin-instansi']);
    await sop.fire(i.id, 'Boundary_BelumDitanggapi15');
    expect(await sop.left(i.id)).toContain('Event_Ingatkan15');
    await sop.fire(i.id, 'Boundary_BelumDitanggapi30');
    expect(await sop.openElements(i.id)).toEqual(['Task_IntervensiAdminPusat', 'Task_KonfirmasiKlarifikasi']);
    await sop.complete(i.id, 'Task_IntervensiAdminPusat', ['admin-pusat']);
    // The clarification itself is still with the pejabat penghubung, who finally answers.
    await sop.complete(i.id, 'Task_KonfirmasiKlarifikasi', ['pejabat-penghubung'], { lengkap: true, perluPemeriksaan: false });
    expect((await sop.instance(i.id)).status).toBe('completed');
  });
});

describe('SOP 555/02: Tindak Lanjut Aduan pada Pejabat Penghubung', () => {
  let sop: Sop;
  let main: ProcessInstanceDetail;
  beforeAll(async () => {
    sop = await system();
  });
  afterAll(() => closeTestSystem(sop?.t));

  it('Unit Pengelola Pengaduan disposes to the OPD; the follow-up sub-process starts under the 60-working-day rule', async () => {
    main = await sop.start('sop-555-02', 'admin-utama', 'LPR-0201');
    await sop.complete(main.id, 'Task_PenyaluranPengaduan', ['admin-utama'], { opd: OPD });
    const now = await sop.instance(main.id);
    expect(now.activeElements).toContain('Sub_TindakLanjut');
    expect(now.timers.map((x) => x.elementId)).toContain('Boundary_60Hari');
  });

  it('the pejabat penghubung reviews, verifies in the field with a BA pemeriksaan, and the reporter\'s reply closes the report', async () => {
    await sop.complete(main.id, 'Task_Telaah', ['pejabat-penghubung'], { lengkap: true, perluPemeriksaan: true });
    const verifikasi = await sop.task(main.id, 'Task_VerifikasiLapangan');
    expect(verifikasi.candidateGroups).toEqual([`pejabat-penghubung:${OPD}`]);
    await sop.complete(main.id, 'Task_VerifikasiLapangan', ['pejabat-penghubung'], { baPemeriksaan: 'BA-001/2026 (foto terlampir)', jawaban: 'Jalan diperbaiki' });
    await sop.complete(main.id, 'Task_TanggapanPelapor', ['pejabat-penghubung'], { pelaporPuas: true, tanggapanPelapor: 'puas' });
    expect((await sop.instance(main.id)).status).toBe('completed');
    expect(await sop.left(main.id)).toContain('End_Selesai');
  });

  it('a reporter who is not satisfied sends the report back into the follow-up', async () => {
    const i = await sop.start('sop-555-02', 'admin-utama', 'LPR-0204');
    await sop.complete(i.id, 'Task_PenyaluranPengaduan', ['admin-utama'], { opd: OPD });
    await sop.complete(i.id, 'Task_Telaah', ['pejabat-penghubung'], { lengkap: true, perluPemeriksaan: false, jawaban: 'Dijadwalkan' });
    await sop.complete(i.id, 'Task_TanggapanPelapor', ['pejabat-penghubung'], { pelaporPuas: false, tanggapanPelapor: 'tidak puas' });
    expect(await sop.openElements(i.id)).toEqual(['Task_Telaah']);
  });

  it('an incomplete or unclear complaint is not answered', async () => {
    const i = await sop.start('sop-555-02', 'admin-utama', 'LPR-0205');
    await sop.complete(i.id, 'Task_PenyaluranPengaduan', ['admin-utama'], { opd: OPD });
    await sop.complete(i.id, 'Task_Telaah', ['pejabat-penghubung'], { lengkap: false });
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.left(i.id)).toEqual(expect.arrayContaining(['End_AduanTidakLengkap', 'End_TidakDijawab']));
  });

  it('a report the reporter does not answer for 10 working days is finished', async () => {
    const i = await sop.start('sop-555-02', 'admin-utama', 'LPR-0202');
    await sop.complete(i.id, 'Task_PenyaluranPengaduan', ['admin-utama'], { opd: OPD });
    await sop.complete(i.id, 'Task_Telaah', ['pejabat-penghubung'], { lengkap: true, perluPemeriksaan: false, jawaban: 'Sudah ditangani' });
    await sop.task(i.id, 'Task_TanggapanPelapor');
    await sop.fire(i.id, 'Boundary_10Hari');
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.left(i.id)).toContain('End_LaporanSelesai');
  });

  it('a report with no follow-up for 60 working days is forwarded to the Ombudsman RI by the system', async () => {
    const i = await sop.start('sop-555-02', 'admin-utama', 'LPR-0203');
    await sop.complete(i.id, 'Task_PenyaluranPengaduan', ['admin-utama'], { opd: OPD });
    await sop.fire(i.id, 'Boundary_60Hari');
    const done = await sop.instance(i.id);
    expect(done.status).toBe('completed');
    const left = await sop.left(i.id);
    expect(left).toContain('Task_Ombudsman');
    expect(left).toContain('End_Ombudsman');
    expect(await sop.openTasks(i.id)).toEqual([]);
  });
});

describe('SOP 555/03: Penyusunan Pelaporan Pengaduan Setiap 3 Bulan', () => {
  let sop: Sop;
  beforeAll(async () => {
    sop = await system();
  });
  afterAll(() => closeTestSystem(sop?.t));

  it('starts by itself on the first working moment of the quarter and walks Admin Utama → Kasi → Kabid', async () => {
    // 1 January 2027 08:00 is a holiday (Friday): the quarter starts at the next working moment,
    // Monday 4 January at 07:30 WIB, when working hours begin.
    expect(await sop.startTimers('sop-555-03')).toEqual([wib('2027-01-04T07:30:00')]);
    await sop.clockTo(wib('2027-01-04T08:01:00'));
    const started = await sop.engine.instances.list({ key: 'sop-555-03' });
    expect(started).toHaveLength(1);
    const [i] = started;
    expect((await sop.instance(i.id)).variables).toMatchObject({ startedByTimer: 'Start_AwalTriwulan' });
    await sop.complete(i.id, 'Task_MengumpulkanLaporan', ['admin-utama']);
    await sop.complete(i.id, 'Task_MengolahData', ['admin-utama']);
    await sop.complete(i.id, 'Task_KasiMemeriksa', ['kasi'], { benar: false });
    // Not correct: back to the Admin Utama to fix it.
    await sop.complete(i.id, 'Task_MengolahData', ['admin-utama']);
    await sop.complete(i.id, 'Task_KasiMemeriksa', ['kasi'], { benar: true });
    await sop.complete(i.id, 'Task_KabidMemeriksa', ['kabid']);
    await sop.complete(i.id, 'Task_PengecekanAduan', ['kasi']);
    await sop.complete(i.id, 'Task_Mengontrol', ['kabid']);
    expect((await sop.instance(i.id)).status).toBe('completed');
    // The next quarter is armed.
    const [next] = await sop.startTimers('sop-555-03');
    expect(new Date(next).getTime()).toBeGreaterThanOrEqual(new Date(wib('2027-04-01T08:00:00')).getTime());
  });
});

describe('SOP 555/04: Pemantauan dan Evaluasi Pengaduan Masyarakat', () => {
  let sop: Sop;
  beforeAll(async () => {
    sop = await system();
  });
  afterAll(() => closeTestSystem(sop?.t));

  it('walks Tim Pengaduan → Kadis → Sekda → Tim Pengaduan (started by hand as well as every quarter)', async () => {
    expect(await sop.startTimers('sop-555-04')).toEqual([wib('2027-01-04T07:30:00')]);
    const i = await sop.start('sop-555-04', 'tim-pengaduan', 'MONEV-2026-Q4');
    for (const el of ['Task_Persiapan', 'Task_Kunjungan', 'Task_RapatSkpd']) await sop.complete(i.id, el, ['tim-pengaduan']);
    await sop.complete(i.id, 'Task_Analisa', ['kadis']);
    await sop.complete(i.id, 'Task_ParafSekda', ['sekda']);
    for (const el of ['Task_RapatKomunitas', 'Task_Mengarsipkan']) await sop.complete(i.id, el, ['tim-pengaduan']);
    expect((await sop.instance(i.id)).status).toBe('completed');
  });
});

describe('SOP 555/05: pengaduan melalui kanal di luar LAPOR oleh Admin Utama', () => {
  let sop: Sop;
  beforeAll(async () => {
    sop = await system();
  });
  afterAll(() => closeTestSystem(sop?.t));

  it('walks Admin Utama → Kasi → Admin Utama → Admin Penghubung of the SKPD → SOP 555/01', async () => {
    const i = await sop.start('sop-555-05', 'admin-utama', 'WA-0501');
    await sop.complete(i.id, 'Task_MenerimaLaporan', ['admin-utama'], { kanal: 'WA' });
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-utama'], { lengkap: true });
    const input = await sop.task(i.id, 'Task_Input');
    expect(input.dueAt).toBe(wib('2026-11-16T08:15:00')); // 15 menit
    await sop.complete(i.id, 'Task_Input', ['admin-utama'], { sudahDitindaklanjuti: false });
    await sop.complete(i.id, 'Task_Memastikan', ['kasi']);
    await sop.complete(i.id, 'Task_Disposisi', ['admin-utama'], { opd: OPD });
    const ap = await sop.task(i.id, 'Task_AdminPenghubung');
    expect(ap.candidateGroups).toEqual([`admin-penghubung:${OPD}`]);
    await sop.complete(i.id, 'Task_AdminPenghubung', ['admin-penghubung']);
    expect((await sop.instance(i.id)).activeElements).toContain('Call_Pengaduan');
    const [child] = await sop.children('sop-555-01', 'WA-0501');
    expect(child).toMatchObject({ status: 'running', businessKey: 'WA-0501' });
    expect(child.variables).toMatchObject({ opd: OPD, kanal: 'WA' });
    expect(await sop.openElements(child.id)).toEqual(['Task_PenyaluranPengaduan']);
  });

  it('enters an already answered report with its answer directly', async () => {
    const i = await sop.start('sop-555-05', 'admin-utama', 'WA-0502');
    await sop.complete(i.id, 'Task_MenerimaLaporan', ['admin-utama'], { kanal: 'surat' });
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-utama'], { lengkap: true });
    await sop.complete(i.id, 'Task_Input', ['admin-utama'], { sudahDitindaklanjuti: true });
    await sop.complete(i.id, 'Task_InputJawaban', ['admin-utama'], { jawaban: 'Sudah diperbaiki' });
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.left(i.id)).toContain('End_JawabanTerinput');
  });

  it('does not follow up an incomplete report', async () => {
    const i = await sop.start('sop-555-05', 'admin-utama', 'WA-0503');
    await sop.complete(i.id, 'Task_MenerimaLaporan', ['admin-utama'], { kanal: 'email' });
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-utama'], { lengkap: false });
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.left(i.id)).toContain('End_TidakLengkap');
  });
});

describe('SOP 555/06: pengaduan melalui kanal di luar LAPOR oleh Admin Penghubung', () => {
  let sop: Sop;
  beforeAll(async () => {
    sop = await system();
  });
  afterAll(() => closeTestSystem(sop?.t));

  it('walks Admin Penghubung → Pejabat Penghubung → Admin Penghubung; then the public\'s reply, Admin Utama and Kasi', async () => {
    const i = await sop.start('sop-555-06', 'admin-penghubung', 'DINKES-0601', { opd: OPD });
    await sop.complete(i.id, 'Task_Menerima', ['admin-penghubung'], { kanal: 'loket' });
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-penghubung'], { lengkap: true });
    const paraf = await sop.task(i.id, 'Task_Disampaikan');
    expect(paraf.dueAt).toBe(wib('2026-11-16T08:10:00')); // 10 menit
    await sop.complete(i.id, 'Task_Disampaikan', ['pejabat-penghubung']);
    await sop.complete(i.id, 'Task_Input', ['admin-penghubung'], { sudahDitindaklanjuti: true });
    await sop.complete(i.id, 'Task_InputJawaban', ['admin-penghubung'], { jawaban: 'Sudah dilayani' });
    expect(await sop.openElements(i.id)).toEqual(['Task_Pantau', 'Task_Pengecekan']);
    await sop.complete(i.id, 'Task_Pengecekan', ['admin-utama']);
    await sop.complete(i.id, 'Task_KasiMemeriksa', ['kasi']);
    await sop.complete(i.id, 'Task_Pantau', ['admin-penghubung'], { pelaporPuas: true, tanggapanPelapor: 'terima kasih' });
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.left(i.id)).toEqual(expect.arrayContaining(['End_Selesai', 'End_Rekap']));
  });

  it('10 working days without the public\'s reply finish the report', async () => {
    const i = await sop.start('sop-555-06', 'admin-penghubung', 'DINKES-0602', { opd: OPD });
    await sop.complete(i.id, 'Task_Menerima', ['admin-penghubung']);
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-penghubung'], { lengkap: true });
    await sop.complete(i.id, 'Task_Disampaikan', ['pejabat-penghubung']);
    await sop.complete(i.id, 'Task_Input', ['admin-penghubung'], { sudahDitindaklanjuti: true });
    await sop.complete(i.id, 'Task_InputJawaban', ['admin-penghubung'], { jawaban: 'Sudah dilayani' });
    await sop.fire(i.id, 'Boundary_10Hari');
    expect(await sop.left(i.id)).toContain('End_LaporanSelesai');
    expect(await sop.openElements(i.id)).toEqual(['Task_Pengecekan']);
    await sop.complete(i.id, 'Task_Pengecekan', ['admin-utama']);
    await sop.complete(i.id, 'Task_KasiMemeriksa', ['kasi']);
    expect((await sop.instance(i.id)).status).toBe('completed');
  });

  it('a report not yet followed up goes to the Pejabat Penghubung through SOP 555/02', async () => {
    const i = await sop.start('sop-555-06', 'admin-penghubung', 'DINKES-0603', { opd: OPD });
    await sop.complete(i.id, 'Task_Menerima', ['admin-penghubung']);
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-penghubung'], { lengkap: true });
    await sop.complete(i.id, 'Task_Disampaikan', ['pejabat-penghubung']);
    await sop.complete(i.id, 'Task_Input', ['admin-penghubung'], { sudahDitindaklanjuti: false });
    expect((await sop.instance(i.id)).activeElements).toContain('Call_TindakLanjut');
    const [child] = await sop.children('sop-555-02', 'DINKES-0603');
    expect(child).toMatchObject({ status: 'running', businessKey: 'DINKES-0603' });
    expect(await sop.openElements(child.id)).toEqual(['Task_PenyaluranPengaduan']);
  });
});

describe('Kapuas Hulu: SOP Pengelolaan LAPOR!SP4N and its monthly recap', () => {
  let sop: Sop;
  beforeAll(async () => {
    sop = await system();
  });
  afterAll(() => closeTestSystem(sop?.t));

  it('walks Admin Utama → Kasi → Kabid/Kadis → Admin Utama → Pejabat Penghubung → Kadis OPD → Operator OPD → Admin Utama', async () => {
    const i = await sop.start('sop-kapuas-hulu', 'admin-utama', 'KH-0001');
    // Only the complaint path: the monthly recap is a process of its own (sop-kapuas-hulu-rekap).
    expect(await sop.openElements(i.id)).toEqual(['Task_Input']);
    const input = await sop.task(i.id, 'Task_Input');
    expect(input.dueAt).toBe(wib('2026-11-17T08:00:00')); // 7,5 jam = one working day
    await sop.complete(i.id, 'Task_Input', ['admin-utama']);
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-utama']);
    await sop.complete(i.id, 'Task_Penyampaian', ['kasi']);
    await sop.complete(i.id, 'Task_Disposisi', ['kabid', 'kadis'], { diteruskan: true, opd: KPH_OPD });
    await sop.complete(i.id, 'Task_TeruskanDisposisi', ['admin-utama']);
    await sop.complete(i.id, 'Task_Koordinasi', [`pejabat-penghubung@${KPH_OPD}`]);
    await sop.complete(i.id, 'Task_JawabanKadisOpd', [`pimpinan-opd@${KPH_OPD}`], { jawaban: 'Puskesmas sudah buka kembali' });
    await sop.complete(i.id, 'Task_KirimAdminUtama', [`operator-opd@${KPH_OPD}`]);
    await sop.complete(i.id, 'Task_TeruskanPelapor', ['admin-utama']);
    const done = await sop.instance(i.id);
    expect(done.status).toBe('completed');
    const left = await sop.left(i.id);
    expect(left).toContain('End_JawabanDiterima');
    expect(left).not.toContain('Task_Rekap');
  });

  it('the leadership may decide not to forward a report', async () => {
    const i = await sop.start('sop-kapuas-hulu', 'admin-utama', 'KH-0002');
    await sop.complete(i.id, 'Task_Input', ['admin-utama']);
    await sop.complete(i.id, 'Task_Verifikasi', ['admin-utama']);
    await sop.complete(i.id, 'Task_Penyampaian', ['kasi']);
    await sop.complete(i.id, 'Task_Disposisi', ['kabid', 'kadis'], { diteruskan: false });
    expect(await sop.left(i.id)).toContain('End_TidakDiteruskan');
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.openElements(i.id)).toEqual([]);
  });

  it('the recap starts by itself every month, in its own process: on 1 December 08:00, and on Monday 4 January 07:30 (1 January is a holiday)', async () => {
    expect(await sop.startTimers('sop-kapuas-hulu')).toEqual([]); // the complaint flow has no timer start
    expect(await sop.startTimers('sop-kapuas-hulu-rekap')).toEqual([wib('2026-12-01T08:00:00')]); // Tuesday
    const recaps = () => sop.engine.instances.list({ key: 'sop-kapuas-hulu-rekap' });
    const complaints = async () => (await sop.engine.instances.list({ key: 'sop-kapuas-hulu' })).length;
    const complaintsBefore = await complaints();

    await sop.clockTo(wib('2026-12-01T07:59:00'));
    expect(await recaps()).toHaveLength(0);
    await sop.clockTo(wib('2026-12-01T08:00:00'));
    const [december] = await recaps();
    expect(await recaps()).toHaveLength(1);
    const i = await sop.instance(december.id);
    expect(i.variables).toMatchObject({ startedByTimer: 'Start_AwalBulan' });
    expect(i.businessKey).toBeNull();
    // The timer's instance is the recap only; it starts no complaint.
    expect(await sop.openElements(i.id)).toEqual(['Task_Rekap']);
    expect(await complaints()).toBe(complaintsBefore);
    const rekap = await sop.task(i.id, 'Task_Rekap');
    expect(rekap.dueAt).toBe(wib('2026-12-04T08:00:00')); // 3 hari
    await sop.complete(i.id, 'Task_Rekap', ['admin-utama']);
    await sop.complete(i.id, 'Task_Arsip', ['admin-utama']);
    expect((await sop.instance(i.id)).status).toBe('completed');
    expect(await sop.left(i.id)).toContain('End_Terarsip');

    // 1 January 2027 (Friday) is a holiday: the January recap waits for Monday 4 January 07:30.
    expect(await sop.startTimers('sop-kapuas-hulu-rekap')).toEqual([wib('2027-01-04T07:30:00')]);
    await sop.clockTo(wib('2027-01-04T07:29:00'));
    expect(await recaps()).toHaveLength(1);
    await sop.clockTo(wib('2027-01-04T07:30:00'));
    expect(await recaps()).toHaveLength(2);
    expect(await complaints()).toBe(complaintsBefore);
  });
});
