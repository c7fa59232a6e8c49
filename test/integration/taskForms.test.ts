import path from 'node:path';
import type { TaskFormView } from '../../src/contract/taskForms';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, anonymous, closeTestSystem, deployFixture, type HistoryItem } from './helpers';

jest.setTimeout(120_000);

const PROCESSES_DIR = path.resolve(__dirname, '..', '..', 'processes');

type FormBody = TaskFormView;

/**
 * Task forms through real HTTP on the SOP diagrams in processes/: GET /api/tasks/:id/form and the
 * validation of POST /api/tasks/:id/complete against the task's camunda:formData.
 */
describe.each(backends)('task forms (%s)', (backend) => {
  let t: TestSystem;
  const agents = new Map<string, Agent>();
  const as = async (username: string): Promise<Agent> => {
    if (!agents.has(username)) agents.set(username, await signIn(t.system, username));
    return agents.get(username)!;
  };

  beforeAll(async () => {
    t = await startTestSystem(backend, { PROCESSES_DIR });
    const admin = await as('admin-sistem');
    for (const [username, role, opd] of [
      ['admin-dlh', 'admin-penghubung', 'dlh'],
      ['pejabat-kph-dinkes', 'pejabat-penghubung', 'kph-dinkes'],
    ]) {
      const res = await admin.post('/api/users').send({ username, password: 'demo12345', email: `${username}@kapuas.example`, opd, roles: [role] });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => closeTestSystem(t));

  const openTask = async (username: string, instanceId: string, elementId: string) => {
    const res = await (await as(username)).get('/api/tasks');
    const task = (res.body as { id: string; instanceId: string; elementId: string }[]).find((x) => x.instanceId === instanceId && x.elementId === elementId);
    if (!task) throw new Error(`${username} has no open ${elementId}`);
    return task.id;
  };
  const claim = async (username: string, taskId: string) => expect((await (await as(username)).post(`/api/tasks/${taskId}/claim`).send({})).status).toBe(200);
  const complete = async (username: string, taskId: string, variables: Record<string, unknown>) =>
    (await as(username)).post(`/api/tasks/${taskId}/complete`).send({ variables });
  const work = async (username: string, instanceId: string, elementId: string, variables: Record<string, unknown>) => {
    const id = await openTask(username, instanceId, elementId);
    await claim(username, id);
    const res = await complete(username, id, variables);
    expect({ elementId, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ elementId, status: 200, body: 'ok' });
  };
  const form = async (username: string, taskId: string) => (await as(username)).get(`/api/tasks/${taskId}/form`);
  const whatsappComplaint = async () => {
    const res = await (await as('admin-utama')).post('/api/complaints').send({ channel: 'whatsapp', subject: 'Puskesmas tutup', description: 'Puskesmas Selat tutup pada jam pelayanan.' });
    expect(res.status).toBe(201);
    return res.body.instances[0].id as string;
  };

  describe('GET /api/tasks/:id/form', () => {
    let instanceId: string;
    let taskId: string;
    beforeAll(async () => {
      instanceId = await whatsappComplaint();
      taskId = await openTask('admin-utama', instanceId, 'Task_MenerimaLaporan');
    });

    it('gives a candidate the SOP text and the fields of the diagram', async () => {
      const res = await form('admin-utama', taskId);
      expect(res.status).toBe(200);
      const body = res.body as FormBody;
      expect(body).toMatchObject({ taskId, elementId: 'Task_MenerimaLaporan', name: 'Menerima Laporan melalui Kanal di Luar LAPOR' });
      expect(body.documentation).toMatch(/^Persyaratan\/Kelengkapan: .*\nInput: .*\nOutput: Laporan dipelajari/);
      expect(body.fields).toEqual([{ id: 'kanal', label: 'Kanal penerimaan laporan', type: 'string', required: false }]);
      expect(body.recap).toBeNull();
    });

    it("links a periodic report's steps to the recap of the period before the one it started in (task property rekap)", async () => {
      // The clock stands on Monday 16 November 2026: the fourth quarter, so the report is about the third.
      const quarterly = await (await as('admin-utama')).post('/api/process-definitions/sop-555-03/start').send({});
      expect(quarterly.status).toBe(201);
      const collect = await openTask('admin-utama', quarterly.body.id, 'Task_MengumpulkanLaporan');
      expect((await form('admin-utama', collect)).body.recap).toEqual({ district: 'kapuas', period: '2026-Q3' });
      // Kapuas Hulu's monthly recap, about October.
      const monthly = await (await as('admin-utama')).post('/api/process-definitions/sop-kapuas-hulu-rekap/start').send({});
      expect(monthly.status).toBe(201);
      const recap = await openTask('admin-utama', monthly.body.id, 'Task_Rekap');
      expect((await form('admin-utama', recap)).body.recap).toEqual({ district: 'kapuas-hulu', period: '2026-10' });
    });

    it('lets history readers read it; 403 for others, 401 without a session, 404 for an unknown id', async () => {
      expect((await form('auditor', taskId)).status).toBe(200);
      // The Kasi supervises the Admin Utama (she may read the task); the Tim Koordinasi neither acts on it nor supervises.
      expect((await form('kasi', taskId)).status).toBe(200);
      const other = await form('tim-koordinasi', taskId);
      expect(other.status).toBe(403);
      expect(other.body.error).toBe('you are not a candidate for this task');
      expect((await anonymous(t.system).get(`/api/tasks/${taskId}/form`)).status).toBe(401);
      expect((await form('admin-utama', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await form('admin-utama', 'not-a-uuid')).status).toBe(404);
    });

    it('offers the OPD choice as an enum of the active OPDs of the complaint\'s district, with the current value', async () => {
      await work('admin-utama', instanceId, 'Task_MenerimaLaporan', { kanal: 'WA' });
      await work('admin-utama', instanceId, 'Task_Verifikasi', { lengkap: true });
      await work('admin-utama', instanceId, 'Task_Input', { sudahDitindaklanjuti: false });
      await work('kasi', instanceId, 'Task_Memastikan', { opd: 'dinkes', arahanDisposisi: 'Ke Dinas Kesehatan' });
      const disposisi = (await form('admin-utama', await openTask('admin-utama', instanceId, 'Task_Disposisi'))).body as FormBody;
      const [opd] = disposisi.fields;
      expect(opd).toMatchObject({ id: 'opd', label: 'SKPD tujuan disposisi', type: 'enum', required: true, value: 'dinkes' });
      const codes = opd.values!.map((v) => v.id);
      expect(opd.values).toContainEqual({ id: 'dinkes', name: 'Dinas Kesehatan' });
      expect(codes).not.toContain('kph-dinkes');
      // Deactivated OPDs are no longer offered.
      expect((await (await as('admin-sistem')).patch('/api/opds/dlh').send({ active: false })).status).toBe(200);
      const after = (await form('admin-utama', disposisi.taskId)).body as FormBody;
      expect(after.fields[0].values!.map((v) => v.id)).not.toContain('dlh');
      expect((await (await as('admin-sistem')).patch('/api/opds/dlh').send({ active: true })).status).toBe(200);
    });

    it('403 for OPD staff of another OPD, 200 for the OPD\'s own', async () => {
      await work('admin-utama', instanceId, 'Task_Disposisi', { opd: 'dinkes' });
      const id = await openTask('admin-penghubung', instanceId, 'Task_AdminPenghubung');
      expect((await form('admin-penghubung', id)).status).toBe(200);
      expect((await form('admin-dlh', id)).status).toBe(403);
    });

    it('a task without formData has an empty form and accepts any variables', async () => {
      await deployFixture(await as('pemilik-proses'), 'approval');
      const started = await (await as('kasi')).post('/api/process-definitions/approval/start').send({});
      expect(started.status).toBe(201);
      const id = await openTask('kasi', started.body.id, 'review');
      expect((await form('kasi', id)).body).toEqual({ taskId: id, elementId: 'review', name: 'Review the complaint', documentation: null, fields: [], recap: null });
      await claim('kasi', id);
      expect((await complete('kasi', id, { approved: true, anything: 'goes' })).status).toBe(200);
    });
  });

  describe('POST /api/tasks/:id/complete validates against the form', () => {
    const problems = async (instanceId: string, username: string, elementId: string, variables: Record<string, unknown>) => {
      const id = await openTask(username, instanceId, elementId);
      const before = { instance: (await (await as('auditor')).get(`/api/instances/${instanceId}`)).body, history: ((await (await as('auditor')).get(`/api/instances/${instanceId}/history`)).body as HistoryItem[]).length };
      const res = await complete(username, id, variables);
      // Nothing written: the task stays open with its assignee, variables and history unchanged.
      const task = (await (await as(username)).get(`/api/tasks/${id}`)).body;
      expect(task).toMatchObject({ status: 'open', assignee: username });
      expect((await (await as('auditor')).get(`/api/instances/${instanceId}`)).body.variables).toEqual(before.instance.variables);
      expect(((await (await as('auditor')).get(`/api/instances/${instanceId}/history`)).body as HistoryItem[]).length).toBe(before.history);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid form');
      expect(res.body.code).toBe('form.invalid');
      lastFields = res.body.fields;
      return res.body.detail as string;
    };
    /** The structured problems of the last refusal, which the web app words in the user's language. */
    let lastFields: unknown;

    let instanceId: string;
    let verifikasi: string;
    beforeAll(async () => {
      instanceId = await whatsappComplaint();
      await work('admin-utama', instanceId, 'Task_MenerimaLaporan', {});
      verifikasi = await openTask('admin-utama', instanceId, 'Task_Verifikasi');
      await claim('admin-utama', verifikasi);
    });

    it('400 when the decision is missing: an undecided boolean never counts as false', async () => {
      expect(await problems(instanceId, 'admin-utama', 'Task_Verifikasi', {})).toBe('Laporan lengkap? (lengkap): required');
      expect(await problems(instanceId, 'admin-utama', 'Task_Verifikasi', { lengkap: null })).toBe('Laporan lengkap? (lengkap): required');
    });

    it('400 for a boolean that is not true/false, text that is not text, and variables that are not fields', async () => {
      expect(await problems(instanceId, 'admin-utama', 'Task_Verifikasi', { lengkap: 'ya', catatanVerifikasi: 7, opd: 'dinkes' })).toBe(
        'opd: not a field of this form; Laporan lengkap? (lengkap): must be true or false; Catatan verifikasi (catatanVerifikasi): must be text',
      );
      expect(lastFields).toEqual([
        { field: 'opd', rule: 'notAField', message: 'not a field of this form' },
        { field: 'lengkap', label: 'Laporan lengkap?', rule: 'type', expected: 'boolean', message: 'must be true or false' },
        { field: 'catatanVerifikasi', label: 'Catatan verifikasi', rule: 'type', expected: 'string', message: 'must be text' },
      ]);
    });

    it('403 before 400: someone who may not complete the task learns nothing about the form', async () => {
      const res = await complete('admin-penghubung', verifikasi, {});
      expect(res.status).toBe(403);
    });

    it('400 for an OPD not in the catalogue of the complaint\'s district', async () => {
      await work('admin-utama', instanceId, 'Task_Verifikasi', { lengkap: true });
      await work('admin-utama', instanceId, 'Task_Input', { sudahDitindaklanjuti: false });
      await work('kasi', instanceId, 'Task_Memastikan', {});
      await claim('admin-utama', await openTask('admin-utama', instanceId, 'Task_Disposisi'));
      const detail = await problems(instanceId, 'admin-utama', 'Task_Disposisi', { opd: 'kph-dinkes' });
      expect(detail).toMatch(/^SKPD tujuan disposisi \(opd\): "kph-dinkes" is not one of: .*\bdinkes\b/);
      expect(await problems(instanceId, 'admin-utama', 'Task_Disposisi', { opd: '' })).toBe('SKPD tujuan disposisi (opd): required');
      await work('admin-utama', instanceId, 'Task_Disposisi', { opd: 'dinkes' });
    });

    it('400 for a field required only with a decision (requiredIf), on Kapuas Hulu with its own OPDs', async () => {
      const res = await (await as('admin-utama')).post('/api/complaints').send({ district: 'kapuas-hulu', channel: 'lapor', subject: 'Obat kosong', description: 'Stok obat puskesmas kosong.' });
      expect(res.status).toBe(201);
      const kph = res.body.instances[0].id as string;
      await work('admin-utama', kph, 'Task_Input', {});
      await work('admin-utama', kph, 'Task_Verifikasi', {});
      await work('kasi', kph, 'Task_Penyampaian', {});
      await claim('kabid', await openTask('kabid', kph, 'Task_Disposisi'));
      const f = (await form('kabid', await openTask('kabid', kph, 'Task_Disposisi'))).body as FormBody;
      expect(f.fields.map((x) => [x.id, x.type, x.required, x.requiredIf ?? null])).toEqual([
        ['diteruskan', 'boolean', true, null],
        ['opd', 'enum', false, 'diteruskan'],
        ['catatanDisposisi', 'string', false, null],
      ]);
      expect(f.fields[1].values!.every((v) => v.id.startsWith('kph-'))).toBe(true);
      expect(await problems(kph, 'kabid', 'Task_Disposisi', { diteruskan: true })).toBe('OPD tujuan (opd): required when Teruskan ke OPD? (diteruskan) is true');
      expect(await problems(kph, 'kabid', 'Task_Disposisi', { diteruskan: true, opd: 'dinkes' })).toMatch(/^OPD tujuan \(opd\): "dinkes" is not one of: kph-/);
      await work('kabid', kph, 'Task_Disposisi', { diteruskan: true, opd: 'kph-dinkes' });
      await work('admin-utama', kph, 'Task_TeruskanDisposisi', {});
      expect(await openTask('pejabat-kph-dinkes', kph, 'Task_Koordinasi')).toBeTruthy();
    });

    it('400 for a long that is not a whole number and a date that is not a date', async () => {
      const rekap = await (await as('admin-utama')).post('/api/process-definitions/sop-kapuas-hulu-rekap/start').send({});
      expect(rekap.status).toBe(201);
      await claim('admin-utama', await openTask('admin-utama', rekap.body.id, 'Task_Rekap'));
      expect(await problems(rekap.body.id, 'admin-utama', 'Task_Rekap', { jumlahLaporanDiterima: 2.5, jumlahLaporanSelesai: '3' })).toBe(
        'Jumlah laporan diterima (jumlahLaporanDiterima): must be a whole number; Jumlah laporan selesai (jumlahLaporanSelesai): must be a whole number',
      );
      await work('admin-utama', rekap.body.id, 'Task_Rekap', { jumlahLaporanDiterima: 12, jumlahLaporanSelesai: 9, rekapBulanan: 'November: 12 masuk, 9 selesai' });

      const monev = await (await as('tim-pengaduan')).post('/api/process-definitions/sop-555-04/start').send({ businessKey: 'MONEV-TEST' });
      expect(monev.status).toBe(201);
      await work('tim-pengaduan', monev.body.id, 'Task_Persiapan', {});
      await claim('tim-pengaduan', await openTask('tim-pengaduan', monev.body.id, 'Task_Kunjungan'));
      expect(await problems(monev.body.id, 'tim-pengaduan', 'Task_Kunjungan', { tanggalKunjungan: '16/11/2026' })).toBe(
        'Tanggal kunjungan (tanggalKunjungan): must be a date (yyyy-MM-dd or ISO 8601)',
      );
      expect(await problems(monev.body.id, 'tim-pengaduan', 'Task_Kunjungan', { tanggalKunjungan: '2026-02-30' })).toBe(
        'Tanggal kunjungan (tanggalKunjungan): must be a date (yyyy-MM-dd or ISO 8601)',
      );
      await work('tim-pengaduan', monev.body.id, 'Task_Kunjungan', { tanggalKunjungan: '2026-11-17', laporanPemantauan: 'Lokasi dikunjungi' });
      const variables = (await (await as('auditor')).get(`/api/instances/${monev.body.id}`)).body.variables;
      expect(variables).toMatchObject({ tanggalKunjungan: '2026-11-17', laporanPemantauan: 'Lokasi dikunjungi' });
    });
  });
  describe('GET /api/tasks/:id/previous-steps', () => {
    it('shows the Admin Utama\'s disposition what the Kasi decided before it, with the form\'s labels and the OPD\'s name', async () => {
      const instanceId = await whatsappComplaint();
      await work('admin-utama', instanceId, 'Task_MenerimaLaporan', {});
      await work('admin-utama', instanceId, 'Task_Verifikasi', { lengkap: true });
      await work('admin-utama', instanceId, 'Task_Input', { sudahDitindaklanjuti: false });
      await work('kasi', instanceId, 'Task_Memastikan', { opd: 'dinkes', arahanDisposisi: 'Segera ke Dinkes, puskesmas wajib buka' });
      const disposisi = await openTask('admin-utama', instanceId, 'Task_Disposisi');
      const res = await (await as('admin-utama')).get(`/api/tasks/${disposisi}/previous-steps`);
      expect(res.status).toBe(200);
      const steps = res.body as { elementId: string; taskName: string; completedBy: string; completedAt: string; answers: { id: string; label: string; value: unknown; text?: string }[] }[];
      // Newest first, every step before this one and none after.
      expect(steps.map((x) => x.elementId)).toEqual(['Task_Memastikan', 'Task_Input', 'Task_Verifikasi', 'Task_MenerimaLaporan']);
      expect(steps[0]).toMatchObject({ taskName: expect.stringContaining('Arahan Disposisi'), completedBy: expect.any(String) });
      expect(steps[0].answers).toEqual([
        expect.objectContaining({ id: 'opd', label: 'SKPD yang berwenang (arahan disposisi)', value: 'dinkes', text: 'Dinas Kesehatan' }),
        expect.objectContaining({ id: 'arahanDisposisi', label: 'Arahan disposisi', value: 'Segera ke Dinkes, puskesmas wajib buka' }),
      ]);
      expect(steps[2].answers).toEqual([expect.objectContaining({ id: 'lengkap', type: 'boolean', value: true })]);
      // Someone the task is not offered to learns nothing of it.
      expect((await (await as('pejabat-penghubung')).get(`/api/tasks/${disposisi}/previous-steps`)).status).toBe(403);
    });
  });
});
