import { backends, signIn, startTestSystem, type TestSystem } from '../support/testSystem';
import { type Agent, closeTestSystem, fixture } from './helpers';

// Starting a system (PGlite, migrations, demo users) is slow on a shared, loaded machine.
jest.setTimeout(60_000);

const MINIMAL = (key: string, body: string, head = '<?xml version="1.0" encoding="UTF-8"?>') => `${head}
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${key}" targetNamespace="http://example.org/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    ${body}
  </bpmn:process>
</bpmn:definitions>
`;

/** Deployment checks every diagram against the support table (src/contract/bpmnSupport.ts). */
describe.each(backends)('the support table at deployment (%s)', (backend) => {
  let t: TestSystem;
  let owner: Agent;

  beforeAll(async () => {
    t = await startTestSystem(backend);
    owner = await signIn(t.system, 'pemilik-proses');
  });

  afterAll(async () => {
    await closeTestSystem(t);
  });

  const deploy = (xml: string, name = 'diagram.bpmn') => owner.post('/api/deployments').send({ name, xml });
  const refused = async (xml: string) => {
    const res = await deploy(xml);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid BPMN', code: 'bpmn.invalid' });
    return String(res.body.detail);
  };

  it.each([
    ['unsupported-potential-owner', /Owner_Kasi \(bpmn:PotentialOwner\): human performers are not read/],
    ['unsupported-complex-gateway', /Gateway_1 \(bpmn:ComplexGateway\): not supported/],
    ['unsupported-global-task', /Global_Task \(bpmn:GlobalTask\): global tasks are not run here.*Global_UserTask \(bpmn:GlobalUserTask\)/],
    ['unsupported-data-store', /DataStore_Arsip \(bpmn:DataStore\): data stores are not supported/],
  ])('answers %s (once a 500) with 400 naming the element', async (name, detail) => {
    expect(await refused(fixture(name))).toMatch(detail);
    expect((await owner.get(`/api/process-definitions/${name}/versions`)).status).toBe(404);
  });

  it('lists every problem of a diagram in one answer', async () => {
    const detail = await refused(fixture('unsupported-many'));
    for (const expected of [
      'Task_X (bpmn:ServiceTask): runs only as an external task (camunda:type="external" with camunda:topic); no code runs in the engine',
      'camunda:class on Task_X: Java delegates are not run',
      'Task_Y (bpmn:UserTask) camunda:candidateGroups: "${grup()}": calls are not allowed',
      'camunda:Script on Task_Y: script values are not run here',
      'Gateway_1 (bpmn:ComplexGateway): not supported',
      'Flow_Kode (bpmn:SequenceFlow) condition: "${process.exit()}": calls are not allowed',
      'camunda:resource on Script_Resource: external script resources are not read',
    ]) {
      expect(detail).toContain(expected);
    }
  });

  it('refuses expressions outside the grammar, naming the element and the attribute', async () => {
    const flow = (condition: string) =>
      MINIMAL('ekspresi', `<bpmn:sequenceFlow id="Flow_1" sourceRef="start" targetRef="done"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="done"/>`);
    expect(await refused(flow('${process.exit()}'))).toMatch(/Flow_1 \(bpmn:SequenceFlow\) condition: .*calls are not allowed/);
    expect(await refused(flow('${__proto__.constructor}'))).toMatch(/Flow_1 .*"__proto__" is not allowed/);
    expect(await refused(flow('${a.b()}'))).toMatch(/Flow_1 .*calls are not allowed/);
    expect(await refused(flow('lengkap == true'))).toMatch(/Flow_1 \(bpmn:SequenceFlow\): a condition must be one \$\{…\} expression/);

    const task = (attrs: string) => MINIMAL('ekspresi-tugas', `<bpmn:userTask id="Task_1" ${attrs}/>`);
    expect(await refused(task('camunda:assignee="${a.b()}"'))).toMatch(/Task_1 \(bpmn:UserTask\) camunda:assignee: .*calls are not allowed/);
    expect(await refused(task('camunda:candidateUsers="${x.constructor}"'))).toMatch(/Task_1 \(bpmn:UserTask\) camunda:candidateUsers: .*"constructor"/);
    expect(await refused(task('camunda:dueDate="${process.exit()}"'))).toMatch(/Task_1 \(bpmn:UserTask\) camunda:dueDate/);
    expect(await refused(task("camunda:candidateGroups=\"${opd == 'x'}\""))).toMatch(/Task_1 \(bpmn:UserTask\) camunda:candidateGroups: .*only a variable name or path is allowed here/);
    const timer = MINIMAL('ekspresi-timer', '<bpmn:intermediateCatchEvent id="Timer_1"><bpmn:timerEventDefinition><bpmn:timeDuration>${hari()}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>');
    expect(await refused(timer)).toMatch(/Timer_1 timeDuration: .*calls are not allowed/);

    const fine = await deploy(flow("${jumlah gt 10 and (status == 'baru' || !lengkap)}"));
    expect(fine.status).toBe(201);
  });

  it('refuses script languages other than JavaScript and conditions in another language', async () => {
    const script = (format: string) => MINIMAL('skrip', `<bpmn:scriptTask id="Script_1" scriptFormat="${format}"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>`);
    expect(await refused(script('groovy'))).toMatch(/Script_1 \(bpmn:ScriptTask\): script language "groovy" is not run here/);
    expect(await refused(script('python'))).toMatch(/Script_1 .*"python"/);
    const condition = (language: string, body: string) =>
      MINIMAL('kondisi', `<bpmn:sequenceFlow id="Flow_1" sourceRef="start" targetRef="done"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="${language}">${body}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="done"/>`);
    expect(await refused(condition('groovy', 'x == 1'))).toMatch(/Flow_1 \(bpmn:SequenceFlow\): condition language "groovy" is not run here/);
    expect(await refused(condition('juel', '${x.y()}'))).toMatch(/Flow_1 .*calls are not allowed/);
    expect(await refused(condition('juel', 'x == 1'))).toMatch(/Flow_1 .*JUEL with code is not run/);
    expect((await deploy(condition('juel', '${lengkap}'))).status).toBe(201);
  });

  it('names an element without an id by its type and position', async () => {
    const detail = await refused(MINIMAL('tanpa-id', '<bpmn:task name="Tanpa id"/>'));
    expect(detail).toMatch(/bpmn:Task #2 in tanpa-id: has no id/);
  });

  it('accepts an ASCII file that declares ISO-8859-1, refuses one whose text is not ASCII', async () => {
    const head = '<?xml version="1.0" encoding="ISO-8859-1"?>';
    const ascii = await deploy(MINIMAL('latin-1', '<bpmn:endEvent id="done"/>', head));
    expect(ascii.status).toBe(201);
    const accented = await deploy(MINIMAL('latin-1-aksen', '<bpmn:endEvent id="done" name="Selesai é"/>', head));
    expect(accented.status).toBe(400);
    expect(accented.body.detail).toMatch(/encoding/);
  });
});
