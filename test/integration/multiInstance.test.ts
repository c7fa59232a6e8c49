import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, completeTaskIn, deployFixture, tasksIn, type Agent, type HistoryItem } from './helpers';

jest.setTimeout(60_000);

interface InstanceView {
  id: string;
  status: string;
  activeElements: string[];
  variables: Record<string, unknown>;
}

const MINIMAL = (key: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${key}" targetNamespace="http://example.org/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="act"/>
    ${body}
  </bpmn:process>
</bpmn:definitions>
`;

/** Multi-instance user tasks and sub-processes (Camunda 7): one task per item, parallel or in order. */
describe.each(backends)('multi-instance activities (%s)', (backend) => {
  let t: TestSystem;
  let as: Record<string, Agent>;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    as = {};
    for (const u of ['pemilik-proses', 'kasi', 'kabid', 'kadis', 'tim-koordinasi', 'auditor']) as[u] = await signIn(t.system, u);
    for (const f of ['mi-reviewers', 'mi-sequential', 'mi-completion', 'mi-call-child', 'mi-call']) await deployFixture(as['pemilik-proses'], f);
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const instance = async (id: string) => (await as.auditor.get(`/api/instances/${id}`)).body as InstanceView;
  const history = async (id: string) => (await as.auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];
  const start = async (key: string, variables: Record<string, unknown> = {}) => {
    const res = await as.kasi.post(`/api/process-definitions/${key}/start`).send({ variables });
    expect(res.status).toBe(201);
    return res.body as InstanceView;
  };
  const completeOne = completeTaskIn;
  const elementsOf = async (agent: Agent, id: string) => (await tasksIn(agent, id)).map((x) => x.elementId);

  it('offers a parallel task to each reviewer in the list, resolving the element variable for its candidates', async () => {
    const i = await start('mi-reviewers', { reviewers: ['kasi', 'kabid', 'kadis'] });
    for (const u of ['kasi', 'kabid', 'kadis']) {
      const mine = await tasksIn(as[u], i.id);
      expect(mine.map((x) => x.elementId)).toEqual(['review']);
    }
    const created = (await history(i.id)).filter((h) => h.type === 'task-created');
    expect(created.map((h) => h.candidateUsers)).toEqual([['kasi'], ['kabid'], ['kadis']]);
    // The item is local to each instance: it never becomes a process variable.
    expect((await instance(i.id)).variables).not.toHaveProperty('reviewer');

    await completeOne(as.kabid, i.id, 'review', { setuju: true });
    await completeOne(as.kasi, i.id, 'review', { setuju: true });
    expect(await elementsOf(as.kadis, i.id)).toEqual(['review']);
    await completeOne(as.kadis, i.id, 'review', { setuju: false });
    expect(await elementsOf(as.kadis, i.id)).toEqual(['decide']);
    expect(await instance(i.id)).toMatchObject({ activeElements: ['decide'], variables: { setuju: false } });
  });

  it('runs a sequential multi-instance sub-process one item after the other, in the order of the list', async () => {
    const i = await start('mi-sequential', { pejabat: ['kabid', 'kasi', 'kadis'] });
    const order: string[] = [];
    for (const expected of ['kabid', 'kasi', 'kadis']) {
      for (const u of ['kasi', 'kabid', 'kadis']) expect(await elementsOf(as[u], i.id)).toEqual(u === expected ? ['initial'] : []);
      order.push(expected);
      await completeOne(as[expected], i.id, 'initial');
    }
    expect(order).toEqual(['kabid', 'kasi', 'kadis']);
    const created = (await history(i.id)).filter((h) => h.type === 'task-created');
    expect(created.map((h) => h.candidateGroups)).toEqual([['kabid'], ['kasi'], ['kadis']]);
    expect((await instance(i.id)).status).toBe('completed');
  });

  it('ends early when the completionCondition holds (nrOfCompletedInstances), withdrawing the instances left', async () => {
    const i = await start('mi-completion');
    expect(await elementsOf(as['tim-koordinasi'], i.id)).toEqual(['opinion', 'opinion', 'opinion']);
    await completeOne(as['tim-koordinasi'], i.id, 'opinion');
    expect(await elementsOf(as['tim-koordinasi'], i.id)).toHaveLength(2);
    await completeOne(as['tim-koordinasi'], i.id, 'opinion');
    expect(await elementsOf(as['tim-koordinasi'], i.id)).toEqual([]);
    expect(await elementsOf(as.kadis, i.id)).toEqual(['summarise']);
    const h = await history(i.id);
    expect(h.filter((e) => e.type === 'task-completed')).toHaveLength(2);
    expect(h.filter((e) => e.type === 'task-cancelled')).toHaveLength(1);
  });

  it('starts a child instance per item of a multi-instance call activity, with the item as its variable', async () => {
    const i = await start('mi-call', { daftarPetugas: ['kasi', 'kabid'] });
    const children = ((await as.auditor.get('/api/instances?key=mi-call-child')).body as (InstanceView & { parentId: string })[]).filter((c) => c.parentId === i.id);
    expect(children.map((c) => c.variables.petugas).sort()).toEqual(['kabid', 'kasi']);
    const childOf = async (u: string) => (await as[u].get('/api/tasks')).body.filter((x: { instanceId: string }) => children.some((c) => c.id === x.instanceId)) as { id: string; instanceId: string }[];
    for (const u of ['kasi', 'kabid']) {
      const [task] = await childOf(u);
      expect(children.find((c) => c.id === task.instanceId)!.variables.petugas).toBe(u);
      expect((await as[u].post(`/api/tasks/${task.id}/claim`).send({})).status).toBe(200);
      expect((await as[u].post(`/api/tasks/${task.id}/complete`).send({ variables: { tanggapan: `dari ${u}` } })).status).toBe(200);
    }
    expect(await elementsOf(as.kadis, i.id)).toEqual(['summarise']);
    const parent = await instance(i.id);
    expect(parent.variables).toHaveProperty('tanggapan');
    expect(parent.variables).not.toHaveProperty('petugas');
  });

  it('completes at once over an empty list', async () => {
    const i = await start('mi-reviewers', { reviewers: [] });
    expect(await elementsOf(as.kadis, i.id)).toEqual(['decide']);
  });

  it('refuses at deploy what it does not run, naming the element', async () => {
    const refused = async (xml: string) => {
      const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'x.bpmn', xml });
      expect(res.status).toBe(400);
      return String(res.body.detail);
    };
    const loop = (attrs: string, inner = '') => `<bpmn:multiInstanceLoopCharacteristics ${attrs}>${inner}</bpmn:multiInstanceLoopCharacteristics>`;
    expect(await refused(MINIMAL('mi-skrip', `<bpmn:scriptTask id="act" scriptFormat="javascript"><bpmn:script>1</bpmn:script>${loop('camunda:collection="xs"')}</bpmn:scriptTask>`))).toContain(
      'multi-instance on act (bpmn:ScriptTask): only user tasks, sub-processes and call activities run as multi-instance here',
    );
    expect(await refused(MINIMAL('mi-kosong', `<bpmn:userTask id="act">${loop('')}</bpmn:userTask>`))).toContain('needs loopCardinality or camunda:collection');
    expect(await refused(MINIMAL('mi-kode', `<bpmn:userTask id="act">${loop('camunda:collection="${xs()}"')}</bpmn:userTask>`))).toContain('camunda:collection must name a variable');
    expect(
      await refused(MINIMAL('mi-syarat', `<bpmn:userTask id="act">${loop('', '<bpmn:loopCardinality>2</bpmn:loopCardinality><bpmn:completionCondition>${selesai()}</bpmn:completionCondition>')}</bpmn:userTask>`)),
    ).toContain('calls are not allowed');
  });
});
