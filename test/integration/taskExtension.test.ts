import type { HistoryRecord } from '../../src/contract/audit';
import type { ComplaintRecapReport } from '../../src/contract/recap';
import type { WorklistItem } from '../../src/contract/tasks';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import ExcelJS from 'exceljs';
import { pdfText } from '../support/pdfText';
import { type Agent, closeTestSystem, enterComplaint, rawBody, wib } from './helpers';

jest.setTimeout(180_000);

/**
 * A stand-in for SOP 555/05 (its real process id, so intake starts it): the Admin Utama's
 * verification, due in 3 working days, with a reminder after 2 ("Sudah 2 hari") and a late notice
 * to the Kasi after 3 ("Lewat 3 hari"); then the OPD liaison officers' answer, due in 5.
 */
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-ditunda" targetNamespace="http://example.org/test">
  <bpmn:process id="sop-555-05" name="Uji Ditunda" isExecutable="true">
    <bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="hari-kerja"/></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="Task_Verifikasi"/>
    <bpmn:userTask id="Task_Verifikasi" name="Laporan Diverifikasi oleh Admin Utama" camunda:candidateGroups="admin-utama" camunda:dueDate="P3D">
      <bpmn:documentation>Waktu: 3 hari</bpmn:documentation>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Task_Verifikasi_Ingat" name="Sudah 2 hari" attachedToRef="Task_Verifikasi" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="fi" sourceRef="Task_Verifikasi_Ingat" targetRef="Ingatkan"/>
    <bpmn:intermediateThrowEvent id="Ingatkan" name="Ingatkan Admin Utama">
      <bpmn:extensionElements><camunda:properties><camunda:property name="notify" value="admin-utama"/><camunda:property name="reason" value="pengingat"/></camunda:properties></bpmn:extensionElements>
    </bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="fi2" sourceRef="Ingatkan" targetRef="akhirIngat"/>
    <bpmn:endEvent id="akhirIngat"/>
    <bpmn:boundaryEvent id="Task_Verifikasi_Lewat" name="Lewat 3 hari" attachedToRef="Task_Verifikasi" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="fl" sourceRef="Task_Verifikasi_Lewat" targetRef="BeritahuKasi"/>
    <bpmn:intermediateThrowEvent id="BeritahuKasi" name="Beritahu Kasi">
      <bpmn:extensionElements><camunda:properties><camunda:property name="notify" value="kasi"/><camunda:property name="reason" value="terlambat"/></camunda:properties></bpmn:extensionElements>
    </bpmn:intermediateThrowEvent>
    <bpmn:sequenceFlow id="fl2" sourceRef="BeritahuKasi" targetRef="akhirLewat"/>
    <bpmn:endEvent id="akhirLewat"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Verifikasi" targetRef="Task_Jawab"/>
    <bpmn:userTask id="Task_Jawab" name="Menjawab Aduan" camunda:candidateGroups="pejabat-penghubung:\${opd}" camunda:dueDate="P5D"/>
    <bpmn:sequenceFlow id="f3" sourceRef="Task_Jawab" targetRef="akhir"/>
    <bpmn:endEvent id="akhir"/>
  </bpmn:process>
</bpmn:definitions>`;

/**
 * "Ditunda": a superior of a task's role extends its deadline with a reason; the task's due date
 * and its boundary timers move in one commit, the history says so, the worklist's SLA and the
 * recap say "extended" instead of late. Everyone else is refused, and a refused or invalid request
 * writes nothing. Clock: Monday 16 November 2026 08:00 WIB on.
 */
describe.each(backends)('task deadline extension, Ditunda (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  let trackingId: string;
  let instanceId: string;
  let verifikasi: string;

  const setClock = (local: string) => as.kasi.post('/api/_clock/set').send({ at: wib(local) }).expect(200);
  const history = async (): Promise<HistoryRecord[]> => (await as.kasi.get(`/api/instances/${instanceId}/history`).expect(200)).body;
  const fired = async () => (await history()).filter((h) => h.type === 'timer-fired').map((h) => h.elementId);
  const timers = async (): Promise<Record<string, string>> => {
    const res = await as.auditor.get(`/api/instances/${instanceId}`).expect(200);
    return Object.fromEntries((res.body.timers as { elementId: string; dueAt: string }[]).map((x) => [x.elementId, x.dueAt]));
  };
  const item = async (who: string, taskId: string): Promise<WorklistItem> => (await as[who].get(`/api/worklist/${taskId}`).expect(200)).body;
  const openTask = async (elementId: string): Promise<string> => {
    const detail = (await as.kasi.get(`/api/complaints/${trackingId}`).expect(200)).body as { openTasks: { id: string; elementId: string }[] };
    const task = detail.openTasks.find((x) => x.elementId === elementId);
    if (!task) throw new Error(`no open ${elementId}`);
    return task.id;
  };
  const extend = (who: string, taskId: string, body: Record<string, unknown>) => as[who].post(`/api/tasks/${taskId}/extensions`).send(body);
  const recapRow = async () => {
    const res = await as.kasi.get('/api/recap?period=2026-11').expect(200);
    return (res.body as ComplaintRecapReport).complaints.find((c) => c.trackingId === trackingId)!;
  };

  beforeAll(async () => {
    t = await startTestSystem(backend);
    for (const u of ['pemilik-proses', 'admin-sistem', 'admin-utama', 'kasi', 'kabid', 'auditor', 'pimpinan-opd', 'pejabat-penghubung']) as[u] = await signIn(t.system, u);
    await as['admin-sistem']
      .post('/api/users')
      .send({ username: 'pimpinan.disdik', password: 'demo12345', email: 'pimpinan.disdik@kapuas.example', roles: ['pimpinan-opd'], opd: 'disdik' })
      .expect(201);
    as['pimpinan.disdik'] = await signIn(t.system, 'pimpinan.disdik');
    await as['pemilik-proses'].post('/api/deployments').send({ name: 'uji-ditunda.bpmn', xml: DIAGRAM }).expect(201);
    const c = await enterComplaint(as['admin-utama'], { opd: 'dinkes', subject: 'Puskesmas tutup' });
    trackingId = c.trackingId;
    instanceId = c.instances[0].id;
    verifikasi = await openTask('Task_Verifikasi');
  });
  afterAll(() => closeTestSystem(t));

  it('refuses the task\'s own performers, a superior of another role, and the auditor; writes nothing', async () => {
    const body = { reason: 'Menunggu data dukung dari pelapor', addWorkingDays: 2 };
    const mine = await extend('admin-utama', verifikasi, body);
    expect([mine.status, mine.body.code]).toEqual([403, 'task.notSuperior']);
    // The Kabid supervises the Kasi, not the Admin Utama.
    expect((await extend('kabid', verifikasi, body)).status).toBe(403);
    const auditor = await extend('auditor', verifikasi, body);
    expect([auditor.status, auditor.body.code]).toEqual([403, 'access.readOnly']);
    expect((await item('kasi', verifikasi)).dueAt).toBe(wib('2026-11-19T08:00:00'));
    expect((await history()).filter((h) => h.type === 'deadline-extended')).toEqual([]);
  });

  it('refuses an earlier or past date, both or neither ways of giving it, and no reason (400), writing nothing', async () => {
    const before = await timers();
    const earlier = await extend('kasi', verifikasi, { reason: 'Menunggu data dukung', dueAt: '2026-11-18T10:00:00+07:00' });
    expect([earlier.status, earlier.body.code]).toEqual([400, 'extension.notLater']);
    const both = await extend('kasi', verifikasi, { reason: 'Menunggu data dukung', dueAt: '2026-11-25T10:00:00+07:00', addWorkingDays: 2 });
    expect([both.status, both.body.code]).toEqual([400, 'request.invalid']);
    expect((await extend('kasi', verifikasi, { reason: 'Menunggu data dukung' })).status).toBe(400);
    const noReason = await extend('kasi', verifikasi, { reason: '  ', addWorkingDays: 2 });
    expect([noReason.status, noReason.body.fields?.[0]?.field]).toEqual([400, 'reason']);
    expect((await extend('kasi', verifikasi, { reason: 'Menunggu data dukung', addWorkingDays: 0 })).status).toBe(400);
    expect((await item('kasi', verifikasi)).dueAt).toBe(wib('2026-11-19T08:00:00'));
    expect(await timers()).toEqual(before);
    expect((await history()).filter((h) => h.type === 'deadline-extended')).toEqual([]);
  });

  it('lets the Kasi extend the Admin Utama\'s task: due date and boundary timers move in working time, the history says why', async () => {
    expect(await timers()).toEqual({ Task_Verifikasi_Ingat: wib('2026-11-18T08:00:00'), Task_Verifikasi_Lewat: wib('2026-11-19T08:00:00') });
    expect((await item('kasi', verifikasi)).mayExtend).toBe(true);
    expect((await item('admin-utama', verifikasi)).mayExtend).toBeUndefined();
    const res = await extend('kasi', verifikasi, { reason: 'Menunggu data dukung dari pelapor', addWorkingDays: 2 });
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    // Thursday 08:00 + 2 working days = Monday 08:00; each timer moves the same 15 working hours.
    expect(res.body).toMatchObject({ from: wib('2026-11-19T08:00:00'), to: wib('2026-11-23T08:00:00'), originalDueAt: wib('2026-11-19T08:00:00'), extendedBy: 'kasi' });
    expect(await timers()).toEqual({ Task_Verifikasi_Ingat: wib('2026-11-20T08:00:00'), Task_Verifikasi_Lewat: wib('2026-11-23T08:00:00') });
    const entries = (await history()).filter((h) => h.type === 'deadline-extended');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      elementId: 'Task_Verifikasi',
      actor: 'kasi',
      reason: 'Menunggu data dukung dari pelapor',
      from: wib('2026-11-19T08:00:00'),
      to: wib('2026-11-23T08:00:00'),
      taskId: verifikasi,
    });
    // A calendar change later leaves the extended deadlines where the Kasi put them.
    const holiday = await as['admin-sistem'].put('/api/calendar/holidays/2026-11-20').send({ name: 'Cuti bersama uji' });
    expect([holiday.status, holiday.body.deadlinesMoved]).toEqual([200, { moved: 0, instances: 0 }]);
    await as['admin-sistem'].delete('/api/calendar/holidays/2026-11-20').send({}).expect(200);
    expect(await timers()).toEqual({ Task_Verifikasi_Ingat: wib('2026-11-20T08:00:00'), Task_Verifikasi_Lewat: wib('2026-11-23T08:00:00') });
    const task = await item('admin-utama', verifikasi);
    expect(task.dueAt).toBe(wib('2026-11-23T08:00:00'));
    expect(task.extension).toMatchObject({ reason: 'Menunggu data dukung dari pelapor', originalDueAt: wib('2026-11-19T08:00:00'), extendedBy: 'kasi' });
  });

  it('past the old due date nothing fires and the task reads extended, not late; past the new one it is late', async () => {
    await setClock('2026-11-19T10:00:00');
    expect(await fired()).toEqual([]);
    const within = await item('admin-utama', verifikasi);
    expect(within.sla).toMatchObject({ state: 'green', extendedFrom: wib('2026-11-19T08:00:00'), dueAt: wib('2026-11-23T08:00:00') });
    const list = (await as['admin-utama'].get('/api/worklist?overdue=true').expect(200)).body as { items: WorklistItem[] };
    expect(list.items.map((i) => i.id)).not.toContain(verifikasi);
    expect(await recapRow()).toMatchObject({ late: false, extended: true });
    const csv = (await as.kasi.get('/api/recap.csv?period=2026-11').expect(200)).text;
    expect(csv.split('\n').find((l) => l.includes(trackingId))).toMatch(/ditunda\/diperpanjang\s*$/);
    const xlsx = await as.kasi.get('/api/recap.xlsx?period=2026-11').buffer(true).parse(rawBody as never).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const rows: unknown[][] = [];
    book.worksheets.forEach((sheet) => sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1))));
    expect(rows.find((r) => r.includes(trackingId))?.at(-1)).toBe('Ditunda/diperpanjang');
    const pdf = await as.kasi.get('/api/recap.pdf?period=2026-11').buffer(true).parse(rawBody as never).expect(200);
    expect(pdfText(pdf.body as Buffer).join(' ')).toMatch(/Ditunda\/\s*diperpanjang/);

    // The reminder fires at its moved moment, the late notice not before its own.
    await setClock('2026-11-20T10:00:00');
    expect(await fired()).toEqual(['Task_Verifikasi_Ingat']);
    expect((await item('admin-utama', verifikasi)).sla.state).toBe('amber');
    await setClock('2026-11-23T07:45:00');
    expect(await fired()).toEqual(['Task_Verifikasi_Ingat']);
    await setClock('2026-11-23T09:00:00');
    expect(await fired()).toEqual(['Task_Verifikasi_Ingat', 'Task_Verifikasi_Lewat']);
    expect((await item('admin-utama', verifikasi)).sla).toMatchObject({ state: 'red', extendedFrom: wib('2026-11-19T08:00:00') });
    expect(await recapRow()).toMatchObject({ late: true, extended: true });
  });

  it('an OPD task: its OPD\'s Pimpinan extends it by date; another OPD\'s is refused; a closed task is a conflict', async () => {
    await as['admin-utama'].post(`/api/tasks/${verifikasi}/claim`).send({}).expect(200);
    await as['admin-utama'].post(`/api/tasks/${verifikasi}/complete`).send({ variables: {} }).expect(200);
    const jawab = await openTask('Task_Jawab');
    const body = { reason: 'Menunggu hasil rapat dinas', dueAt: '2026-12-07T12:00:00+07:00' };
    const other = await extend('pimpinan.disdik', jawab, body);
    expect([other.status, other.body.code]).toEqual([403, 'opd.otherOpd']);
    const own = await extend('pejabat-penghubung', jawab, body);
    expect([own.status, own.body.code]).toEqual([403, 'task.notSuperior']);
    // The task as read before the extension below: a second extension from it is a conflict.
    const stale = await t.system.engine.tasks.get(jawab);
    const res = await extend('pimpinan-opd', jawab, body);
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({ to: wib('2026-12-07T12:00:00'), extendedBy: 'pimpinan-opd', timers: [] });
    expect((await item('pejabat-penghubung', jawab)).dueAt).toBe(wib('2026-12-07T12:00:00'));
    const late = t.system.engine.extensions.extend(stale, { reason: 'Perpanjangan kedua', dueAt: new Date(wib('2026-12-10T12:00:00')) }, 'pimpinan-opd');
    await expect(late).rejects.toMatchObject({ status: 409, code: 'task.changedConcurrently' });
    expect((await item('pejabat-penghubung', jawab)).dueAt).toBe(wib('2026-12-07T12:00:00'));
    expect((await history()).filter((h) => h.type === 'deadline-extended').map((h) => h.reason)).toEqual(['Menunggu data dukung dari pelapor', 'Menunggu hasil rapat dinas']);
    const closed = await extend('kasi', verifikasi, { reason: 'Sudah selesai', addWorkingDays: 1 });
    expect([closed.status, closed.body.code]).toEqual([409, 'task.already.completed']);
  });
});
