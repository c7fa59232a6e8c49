import type { LateTaskPage } from '../../src/contract/lateTasks';
import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem } from './helpers';

jest.setTimeout(120_000);

/** Three tasks due in an hour of working time: one for the Admin Utama, one for the OPD's liaison officers, one for the Kabid. */
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d-late" targetNamespace="http://example.org/test">
  <bpmn:process id="uji-terlambat" name="Uji Terlambat" isExecutable="true">
    <bpmn:extensionElements><camunda:properties><camunda:property name="calendar" value="hari-kerja"/></camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="bagi"/>
    <bpmn:parallelGateway id="bagi"/>
    <bpmn:sequenceFlow id="f2" sourceRef="bagi" targetRef="input"/>
    <bpmn:sequenceFlow id="f3" sourceRef="bagi" targetRef="telaah"/>
    <bpmn:sequenceFlow id="f4" sourceRef="bagi" targetRef="periksa"/>
    <bpmn:userTask id="input" name="Input Laporan" camunda:candidateGroups="admin-utama" camunda:dueDate="PT1H"/>
    <bpmn:userTask id="telaah" name="Telaah Aduan" camunda:candidateGroups="pejabat-penghubung:\${opd}" camunda:dueDate="PT1H"/>
    <bpmn:userTask id="periksa" name="Kabid Memeriksa" camunda:candidateGroups="kabid" camunda:dueDate="P3D"/>
    <bpmn:sequenceFlow id="f5" sourceRef="input" targetRef="akhir1"/>
    <bpmn:sequenceFlow id="f6" sourceRef="telaah" targetRef="akhir2"/>
    <bpmn:sequenceFlow id="f7" sourceRef="periksa" targetRef="akhir3"/>
    <bpmn:endEvent id="akhir1"/>
    <bpmn:endEvent id="akhir2"/>
    <bpmn:endEvent id="akhir3"/>
  </bpmn:process>
</bpmn:definitions>`;

/**
 * A superior's list of the late tasks of the people they supervise (GET /api/dashboard/late-tasks):
 * the superior chain of the diagrams' "Lewat …" notices, an OPD-bound superior within their OPD,
 * paged, and the task readable (never actionable) by the superior.
 */
describe.each(backends)('late tasks for superiors (%s)', (backend) => {
  let t: TestSystem;
  const as: Record<string, Agent> = {};
  const late = async (who: string, query = ''): Promise<LateTaskPage> => {
    const res = await as[who].get(`/api/dashboard/late-tasks${query}`);
    expect([who, res.status]).toEqual([who, 200]);
    return res.body as LateTaskPage;
  };
  const names = (page: LateTaskPage) => page.items.map((i) => i.name);

  beforeAll(async () => {
    t = await startTestSystem(backend);
    const owner = await signIn(t.system, 'pemilik-proses');
    await owner.post('/api/deployments').send({ name: 'uji-terlambat.bpmn', xml: DIAGRAM }).expect(201);
    const admin = await signIn(t.system, 'admin-sistem');
    await admin.post('/api/users').send({ username: 'pimpinan.disdik', password: 'demo12345', email: 'pimpinan.disdik@kapuas.example', roles: ['pimpinan-opd'], opd: 'disdik' }).expect(201);
    for (const u of ['kasi', 'kadis', 'pimpinan-opd', 'pimpinan.disdik', 'admin-utama', 'sekda']) as[u] = await signIn(t.system, u);
    await as.kasi.post('/api/_clock/set').send({ at: '2026-11-16T08:00:00+07:00' }).expect(200);
    for (const [key, opd] of [['UJI-2026-201', 'dinkes'], ['UJI-2026-202', 'disdik']]) {
      await as.kasi.post('/api/process-definitions/uji-terlambat/start').send({ businessKey: key, variables: { opd } }).expect(201);
    }
  });
  afterAll(() => closeTestSystem(t));

  it('lists nothing before the due dates, then each superior the late tasks of their own people', async () => {
    expect((await late('kasi')).items).toEqual([]);
    await as.kasi.post('/api/_clock/set').send({ at: '2026-11-16T10:00:00+07:00' }).expect(200);
    // Kasi: every Admin Utama task (the diagrams' "Beritahu Kasi"), not the liaison officers'.
    const kasi = await late('kasi');
    expect(kasi.items.map((i) => [i.name, i.opd]).sort()).toEqual([['Input Laporan', 'dinkes'], ['Input Laporan', 'disdik']]);
    expect(kasi.items[0]).toMatchObject({ processKey: 'uji-terlambat', processName: 'Uji Terlambat', candidateGroups: ['admin-utama'], assignee: null, dueAt: '2026-11-16T02:00:00.000Z' });
    expect(kasi.hasMore).toBe(false);
    // Pimpinan OPD: their OPD's liaison officers only.
    expect((await late('pimpinan-opd')).items.map((i) => [i.name, i.opd, i.candidateGroups])).toEqual([['Telaah Aduan', 'dinkes', ['pejabat-penghubung:dinkes']]]);
    expect((await late('pimpinan.disdik')).items.map((i) => [i.name, i.opd])).toEqual([['Telaah Aduan', 'disdik']]);
    // Kadis supervises the Kabid, whose task is not late yet; Sekda the Pimpinan OPD, who has none.
    expect((await late('kadis')).items).toEqual([]);
    expect((await late('sekda')).items).toEqual([]);
    await as.kasi.post('/api/_clock/set').send({ at: '2026-11-20T08:00:00+07:00' }).expect(200);
    expect(names(await late('kadis'))).toEqual(['Kabid Memeriksa', 'Kabid Memeriksa']);
  });

  it('pages with a maximum, and refuses who supervises nobody', async () => {
    const first = await late('kasi', '?limit=1');
    const second = await late('kasi', '?limit=1&offset=1');
    expect([first.items.length, first.hasMore, second.items.length, second.hasMore]).toEqual([1, true, 1, false]);
    expect(first.items[0].id).not.toBe(second.items[0].id);
    expect((await as.kasi.get('/api/dashboard/late-tasks?limit=101')).status).toBe(400);
    const refused = await as['admin-utama'].get('/api/dashboard/late-tasks');
    expect(refused.status).toBe(403);
  });

  it('lets the superior open a late task of their people, but not act on it', async () => {
    const [task] = (await late('kasi')).items;
    const read = await as.kasi.get(`/api/tasks/${task.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: task.id, name: 'Input Laporan' });
    expect((await as.kasi.post(`/api/tasks/${task.id}/claim`).send({})).status).toBeGreaterThanOrEqual(400);
    // Another OPD's head reads no task of dinkes.
    const [dinkes] = (await late('pimpinan-opd')).items;
    expect((await as['pimpinan.disdik'].get(`/api/tasks/${dinkes.id}`)).status).toBe(403);
  });
});
