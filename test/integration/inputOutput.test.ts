import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { closeTestSystem, completeTaskIn, deployFixture, tasksIn, type Agent, type HistoryItem } from './helpers';

jest.setTimeout(60_000);

const MINIMAL = (key: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${key}" targetNamespace="http://example.org/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    ${body}
  </bpmn:process>
</bpmn:definitions>
`;

/** camunda:inputOutput (Camunda 7): inputs are the activity's own variables, outputs set the process's. */
describe.each(backends)('input/output mappings (%s)', (backend) => {
  let t: TestSystem;
  let as: Record<string, Agent>;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    as = {};
    for (const u of ['pemilik-proses', 'kasi', 'kabid', 'auditor']) as[u] = await signIn(t.system, u);
    as.liaison = await signIn(t.system, 'pejabat-penghubung');
    await deployFixture(as['pemilik-proses'], 'io-mapping');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const variables = async (id: string) => ((await as.auditor.get(`/api/instances/${id}`)).body as { variables: Record<string, unknown> }).variables;
  const complete = completeTaskIn;

  it('maps inputs to the task and outputs to the process, keeping the locals out of the process', async () => {
    const res = await as.kasi.post('/api/process-definitions/io-mapping/start').send({ variables: { opd: 'dinkes', jumlah: 5 } });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    // The candidate group comes from the input "pejabat-penghubung:${opd}", a local of the task.
    const created = (await as.auditor.get(`/api/instances/${id}/history`)).body as HistoryItem[];
    expect(created.find((h) => h.type === 'task-created' && h.elementId === 'assess')).toMatchObject({ candidateGroups: ['pejabat-penghubung:dinkes'] });
    expect(Object.keys(await variables(id)).sort()).toEqual(['jumlah', 'opd']);

    // catatan is one of the task's inputs: completing sets it there, and the output "hasil" carries it out.
    await complete(as.liaison, id, 'assess', { catatan: 'diubah', nilai: 7 });
    expect(await variables(id)).toEqual({ opd: 'dinkes', jumlah: 5, nilai: 7, hasil: 'diubah', batasAkhir: 5, kosong: null });

    // The gateway right after the task sees the output; the sub-process's inputs reach the task inside it.
    expect((await tasksIn(as.kabid, id)).map((x) => x.elementId)).toEqual(['inner']);
    await complete(as.kabid, id, 'inner');
    const done = (await as.auditor.get(`/api/instances/${id}`)).body as { status: string; variables: Record<string, unknown> };
    expect(done.status).toBe('completed');
    expect(done.variables).toMatchObject({ tahapSelesai: 'verifikasi diubah' });
    expect(done.variables).not.toHaveProperty('peran');
    expect(done.variables).not.toHaveProperty('tahap');
    expect(done.variables).not.toHaveProperty('catatan');
  });

  it('refuses script, list and map values and mappings outside user tasks and sub-processes', async () => {
    const refused = async (xml: string) => {
      const res = await as['pemilik-proses'].post('/api/deployments').send({ name: 'x.bpmn', xml });
      expect(res.status).toBe(400);
      return String(res.body.detail);
    };
    const task = (param: string, type = 'userTask') =>
      MINIMAL('io-x', `<bpmn:${type} id="t"><bpmn:extensionElements><camunda:inputOutput>${param}</camunda:inputOutput></bpmn:extensionElements></bpmn:${type}>`);
    expect(await refused(task('<camunda:inputParameter name="a"><camunda:list><camunda:value>1</camunda:value></camunda:list></camunda:inputParameter>'))).toContain(
      'camunda:List on t: list values are not run here',
    );
    expect(await refused(task('<camunda:inputParameter name="a"><camunda:map><camunda:entry key="k">v</camunda:entry></camunda:map></camunda:inputParameter>'))).toContain(
      'camunda:Map on t: map values are not run here',
    );
    expect(await refused(task('<camunda:outputParameter name="a">${f()}</camunda:outputParameter>'))).toContain('calls are not allowed');
    expect(await refused(task('<camunda:inputParameter name="a b">1</camunda:inputParameter>'))).toContain('"a b" is not a variable name');
    expect(
      await refused(
        MINIMAL(
          'io-mi',
          '<bpmn:userTask id="t"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a">1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics camunda:collection="xs"/></bpmn:userTask>',
        ),
      ),
    ).toContain('input/output mappings on a multi-instance activity are not run here');
    expect(await refused(task('<camunda:inputParameter name="a">1</camunda:inputParameter>', 'manualTask'))).toContain('input/output mappings run on user tasks and sub-processes only');
  });
});
