import ExcelJS from 'exceljs';
import type { LateCompletionPage, SopPerformanceReport } from '../../src/contract/performance';
import { migrate } from '../../src/db/migrations';
import { bucketOf, HISTOGRAM_BUCKETS } from '../../src/domain/durationHistogram';
import { pdfText } from '../support/pdfText';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, rawBody, tasksIn } from './helpers';

jest.setTimeout(120_000);

/** One step for the Admin Utama, due in an hour of working time, then a second one nobody does here. */
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-kinerja" targetNamespace="http://example.org/test">
  <bpmn:process id="uji-kinerja" name="Uji Kinerja" isExecutable="true">
    <bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="hari-kerja"/></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="input"/>
    <bpmn:userTask id="input" name="Input Laporan" camunda:candidateGroups="admin-utama" camunda:dueDate="PT1H">
      <bpmn:documentation>Waktu: 1 jam</bpmn:documentation>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="input" targetRef="telaah"/>
    <bpmn:userTask id="telaah" name="Telaah Aduan" camunda:candidateGroups="admin-utama" camunda:dueDate="P1D"/>
    <bpmn:sequenceFlow id="f3" sourceRef="telaah" targetRef="akhir"/>
    <bpmn:endEvent id="akhir"/>
  </bpmn:process>
</bpmn:definitions>`;

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * SOP performance (Kinerja SOP): three "Input Laporan" tasks due in an hour, started together at
 * 08:00 on a Monday. A is claimed at once and done at 08:30 (on time); B claimed at 08:30 and done
 * at 10:00 (late, 2 h); C claimed at 10:00 and done at 13:30, across the lunch break (late, 4.5
 * working hours). A and B are dinkes's, C disdik's.
 */
describe.each(backends)('SOP performance (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  const ids: Record<string, string> = {};
  const setClock = (at: string) => as.kasi.post('/api/_clock/set').send({ at }).expect(200);
  const taskOf = async (instance: string) => (await tasksIn(as['admin-utama'], ids[instance])).find((x) => x.elementId === 'input')!;
  const claim = async (instance: string) => as['admin-utama'].post(`/api/tasks/${(await taskOf(instance)).id}/claim`).send({}).expect(200);
  const complete = async (instance: string) => as['admin-utama'].post(`/api/tasks/${(await taskOf(instance)).id}/complete`).send({ variables: {} }).expect(200);
  const report = async (who: string, query: string): Promise<SopPerformanceReport> => {
    const res = await as[who].get(`/api/performance?key=uji-kinerja&${query}`);
    expect([who, res.status, res.body]).toEqual([who, 200, expect.anything()]);
    return res.body as SopPerformanceReport;
  };
  const input = (r: SopPerformanceReport) => r.activities.find((a) => a.elementId === 'input')!;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    const owner = await signIn(t.system, 'pemilik-proses');
    await owner.post('/api/deployments').send({ name: 'uji-kinerja.bpmn', xml: DIAGRAM }).expect(201);
    for (const u of ['kasi', 'admin-utama', 'auditor', 'pejabat-penghubung', 'worker']) {
      try {
        as[u] = await signIn(t.system, u);
      } catch {
        // a role without a demo user
      }
    }
    await setClock('2026-11-16T08:00:00+07:00');
    for (const [name, opd] of [['A', 'dinkes'], ['B', 'dinkes'], ['C', 'disdik']]) {
      const res = await as.kasi.post('/api/process-definitions/uji-kinerja/start').send({ businessKey: `KINERJA-${name}`, variables: { opd } }).expect(201);
      ids[name] = res.body.id;
    }
    await claim('A');
    await setClock('2026-11-16T08:30:00+07:00');
    await complete('A');
    await claim('B');
    await setClock('2026-11-16T10:00:00+07:00');
    await complete('B');
    await claim('C');
    await setClock('2026-11-16T13:30:00+07:00');
    await complete('C');
  });
  afterAll(() => closeTestSystem(t));

  it('counts each activity, its share on time, the longest duration and the wait in working time', async () => {
    const r = await report('kasi', 'period=2026-11');
    expect(r).toMatchObject({ processKey: 'uji-kinerja', version: 1, processName: 'Uji Kinerja', opd: null, period: { kind: 'month', from: '2026-11-01', to: '2026-11-30' } });
    expect(r.activities.map((a) => a.elementId)).toEqual(['input', 'telaah']);
    expect(input(r)).toMatchObject({
      name: 'Input Laporan',
      standard: '1 jam',
      done: 3,
      withDue: 3,
      onTime: 1,
      late: 2,
      maxMs: 4.5 * HOUR,
      meanMs: (30 * MINUTE + 2 * HOUR + 4.5 * HOUR) / 3,
      allowedMeanMs: HOUR,
      waitMeanMs: (0 + 30 * MINUTE + 2 * HOUR) / 3,
      waitMaxMs: 2 * HOUR,
    });
    expect(input(r).onTimeShare).toBeCloseTo(1 / 3);
    // Estimates from the √2 buckets: the median (2 h) within a bucket's width, the 90th percentile at most the longest.
    expect(input(r).medianMs!).toBeGreaterThanOrEqual(2 * HOUR / Math.SQRT2);
    expect(input(r).medianMs!).toBeLessThanOrEqual(2 * HOUR * Math.SQRT2);
    expect(input(r).p90Ms!).toBeGreaterThan(2 * HOUR * Math.SQRT2);
    expect(input(r).p90Ms!).toBeLessThanOrEqual(4.5 * HOUR);
    // The second step waits: nothing done yet.
    expect(r.activities[1]).toMatchObject({ elementId: 'telaah', name: 'Telaah Aduan', done: 0, onTimeShare: null, maxMs: null });
  });

  it('reads a period, a range and an OPD from the aggregate', async () => {
    expect(input(await report('kasi', 'period=2026-10')).done).toBe(0);
    expect(input(await report('kasi', 'period=2026-Q4')).done).toBe(3);
    expect(input(await report('kasi', 'from=2026-11-16&to=2026-11-16&version=1')).done).toBe(3);
    const dinkes = input(await report('kasi', 'period=2026-11&opd=dinkes'));
    expect([dinkes.done, dinkes.onTime, dinkes.maxMs]).toEqual([2, 1, 2 * HOUR]);
    expect((await as.kasi.get('/api/performance?key=uji-kinerja&version=9')).status).toBe(404);
    expect((await as.kasi.get('/api/performance?key=uji-kinerja&period=2026-13')).status).toBe(400);
    expect((await as.kasi.get('/api/performance?key=uji-kinerja&period=2026-11&from=2026-11-01&to=2026-11-02')).status).toBe(400);
    expect((await as.kasi.get('/api/performance')).status).toBe(400);
  });

  it('drills down to exactly the late completions, longest first, paged', async () => {
    const res = await as.auditor.get('/api/performance/late?key=uji-kinerja&element=input&period=2026-11');
    expect(res.status).toBe(200);
    const page = res.body as LateCompletionPage;
    expect(page.items.map((i) => [i.instanceId, i.businessKey, i.workMs, i.opd])).toEqual([
      [ids.C, 'KINERJA-C', 4.5 * HOUR, 'disdik'],
      [ids.B, 'KINERJA-B', 2 * HOUR, 'dinkes'],
    ]);
    expect(page.page).toEqual({ total: 2, limit: 20, offset: 0 });
    const second = (await as.auditor.get('/api/performance/late?key=uji-kinerja&element=input&period=2026-11&limit=1&offset=1')).body as LateCompletionPage;
    expect(second.items.map((i) => i.instanceId)).toEqual([ids.B]);
    expect((await as.auditor.get('/api/performance/late?key=uji-kinerja&element=input&limit=101')).status).toBe(400);
    expect(((await as.auditor.get('/api/performance/late?key=uji-kinerja&element=telaah&period=2026-11')).body as LateCompletionPage).items).toEqual([]);
  });

  it('gives OPD staff their own OPD only', async () => {
    const own = await report('pejabat-penghubung', 'period=2026-11');
    expect([own.opd, input(own).done]).toEqual(['dinkes', 2]);
    const other = await as['pejabat-penghubung'].get('/api/performance?key=uji-kinerja&period=2026-11&opd=disdik');
    expect([other.status, other.body.code]).toEqual([403, 'opd.otherOpd']);
    const late = (await as['pejabat-penghubung'].get('/api/performance/late?key=uji-kinerja&element=input&period=2026-11')).body as LateCompletionPage;
    expect(late.items.map((i) => i.instanceId)).toEqual([ids.B]);
    expect(late.page.total).toBe(1);
  });

  it('writes the figures as numbers in the XLSX', async () => {
    const res = await as.kasi.get('/api/performance.xlsx?key=uji-kinerja&period=2026-11').buffer(true).parse(rawBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/kinerja-uji-kinerja-v1-2026-11\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const sheet = book.getWorksheet('Kinerja SOP')!;
    expect(sheet.getCell('A1').value).toBe('Kinerja SOP Uji Kinerja (uji-kinerja versi 1)');
    expect(sheet.getCell('A2').value).toBe('Periode: November 2026 (1 November 2026 s.d. 30 November 2026)');
    expect(sheet.getCell('A6').value).toBe('Kegiatan');
    const row = sheet.getRow(7);
    expect(row.getCell(1).value).toBe('Input Laporan');
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value, row.getCell(10).value]).toEqual([3, 1, 2, 4.5]);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(6).value).toBeCloseTo(1 / 3);
  });

  it('prints the PDF', async () => {
    const res = await as.kasi.get('/api/performance.pdf?key=uji-kinerja&period=2026-11').buffer(true).parse(rawBody as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const text = pdfText(res.body as Buffer).join('\n');
    expect(text).toContain('Kinerja SOP Uji Kinerja');
    expect(text).toContain('Input Laporan');
    expect(text).toContain('33,3%');
    expect(text).toContain('4,50');
  });

  it('migration 21, run again on these completed tasks, rebuilds the same figures from their times and their claims in history', async () => {
    const before = await report('kasi', 'period=2026-11');
    const db = t.system.db;
    // Undo the step (forward-only in production; here to run its SQL and backfill on tasks completed before it).
    for (const statement of [
      'drop trigger task_performance_completed on tasks',
      'drop function task_performance_completed()',
      'drop table task_performance',
      'drop aggregate int_array_sum(int[])',
      'drop function int_array_add(int[], int[])',
      'drop function duration_hist(bigint)',
      'drop function duration_bucket(bigint)',
      'drop index tasks_completed_late',
      'alter table tasks drop column claimed_at, drop column work_ms, drop column wait_ms, drop column allowed_ms',
      'delete from schema_migrations where id = 21',
    ]) {
      await db.query(statement);
    }
    await migrate(db);
    const after = await report('kasi', 'period=2026-11');
    expect({ ...after, generatedAt: '' }).toEqual({ ...before, generatedAt: '' });
    expect(((await as.auditor.get('/api/performance/late?key=uji-kinerja&element=input&period=2026-11')).body as LateCompletionPage).page.total).toBe(2);
    // A completion after it counts through the trigger again: D, claimed at once, done in ten minutes.
    await setClock('2026-11-17T08:00:00+07:00');
    ids.D = (await as.kasi.post('/api/process-definitions/uji-kinerja/start').send({ businessKey: 'KINERJA-D', variables: { opd: 'dinkes' } }).expect(201)).body.id;
    await claim('D');
    await setClock('2026-11-17T08:10:00+07:00');
    await complete('D');
    const now = input(await report('kasi', 'period=2026-11'));
    expect([now.done, now.onTime, now.late, now.maxMs, now.waitMaxMs]).toEqual([4, 2, 2, 4.5 * HOUR, 2 * HOUR]);
  });

  it('buckets durations in SQL as the page reads them', async () => {
    const samples = [0, 59_999, 60_000, 84_852, 84_853, 120_000, HOUR, 2 * HOUR, 4.5 * HOUR, 7.5 * HOUR * 300, 1e13];
    const { rows } = await t.system.db.query<{ b: number }>('select duration_bucket(x) as b from unnest($1::bigint[]) with ordinality as u(x, o) order by o', [samples]);
    expect(rows.map((r) => r.b)).toEqual(samples.map(bucketOf));
    expect(bucketOf(1e13)).toBe(HISTOGRAM_BUCKETS - 1);
  });
});
