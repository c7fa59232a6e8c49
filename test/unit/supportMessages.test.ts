import fs from 'node:fs';
import path from 'node:path';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { refusedCamundaAttributes, refusedElements, supportProblems, type ModdleNode } from '../../src/contract/bpmnSupport';
import { expressionProblems } from '../../src/engine/expressions';
import { describeSupportProblem, refusedAttributesId, refusedElementsId, supportProblemId } from '../../web/src/modeler/supportMessages';
import { supportTableRule } from '../../web/src/modeler/supportTableRule';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

const MINIMAL = (body: string, head = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://example.org/test">
  <bpmn:error id="galat" errorCode="GALAT"/><bpmn:error id="tanpaKode"/>
  <bpmn:escalation id="eskalasi" escalationCode="NAIK"/>
  <bpmn:message id="pesan" name="pesan"/><bpmn:message id="pesanEks" name="\${nama}"/>
  <bpmn:signal id="sinyal" name="sinyal"/><bpmn:signal id="sinyalKosong"/>
  ${head}
  <bpmn:process id="uji" isExecutable="true">
    <bpmn:startEvent id="start"/>
    ${body}
  </bpmn:process>
</bpmn:definitions>`;

const evsub = (id: string, start: string, extra = '') =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true" ${extra}>${start}<bpmn:sequenceFlow id="${id}-f" sourceRef="${id}-start" targetRef="${id}-end"/><bpmn:endEvent id="${id}-end"/></bpmn:subProcess>`;

/** Diagrams that break as many of the table's rules as we can name, beside the test fixtures. */
const BROKEN: string[] = [
  MINIMAL('<bpmn:scriptTask id="S1" scriptFormat="groovy"><bpmn:script>x</bpmn:script></bpmn:scriptTask><bpmn:scriptTask id="S2" scriptFormat="javascript"/>'),
  MINIMAL('<bpmn:sequenceFlow id="F1" sourceRef="start" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">x</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>'),
  MINIMAL('<bpmn:sequenceFlow id="F1" sourceRef="start" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="juel">x == 1</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="F2" sourceRef="start" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">lengkap</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id="F3" sourceRef="start" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript"> </bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>'),
  MINIMAL('<bpmn:sequenceFlow id="F1" sourceRef="start" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${a.b()}</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id="e"/>'),
  ...["${'a}", '${}', '${a b}', '${-x}', '${a ==}', '${(a}', '${a.}', '${a.__proto__}', '${a;}', '${a()}'].map((e) =>
    MINIMAL(`<bpmn:userTask id="T_${e.length}" camunda:assignee="${e}" camunda:candidateGroups="\${opd == 'x'}"/>`),
  ),
  MINIMAL('<bpmn:userTask id="T1"><bpmn:extensionElements><camunda:formData><camunda:formField id="f" type="string"><camunda:validation><camunda:constraint name="pattern" config="x"/></camunda:validation></camunda:formField></camunda:formData></bpmn:extensionElements></bpmn:userTask>'),
  MINIMAL('<bpmn:callActivity id="C1"/><bpmn:callActivity id="C2" calledElement="anak"><bpmn:extensionElements><camunda:in sourceExpression="${x}" target="y" local="true"/><camunda:in source="1x" target="y"/><camunda:out variables="some"/><camunda:out source="a"/><camunda:out businessKey="${k}"/><camunda:in/></bpmn:extensionElements></bpmn:callActivity>'),
  MINIMAL('<bpmn:serviceTask id="X1"/><bpmn:serviceTask id="X2" camunda:type="external"/><bpmn:serviceTask id="X3" camunda:type="external" camunda:topic="a b"/><bpmn:userTask id="U1" camunda:topic="t"/>'),
  MINIMAL('<bpmn:receiveTask id="R1"/><bpmn:intermediateCatchEvent id="M1"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="M2"><bpmn:messageEventDefinition messageRef="pesanEks"/><bpmn:signalEventDefinition signalRef="sinyalKosong"/></bpmn:intermediateCatchEvent><bpmn:intermediateThrowEvent id="M3"><bpmn:messageEventDefinition messageRef="pesan"/></bpmn:intermediateThrowEvent>'),
  MINIMAL('<bpmn:startEvent id="MS"><bpmn:messageEventDefinition messageRef="pesan"/></bpmn:startEvent><bpmn:subProcess id="Sub"><bpmn:startEvent id="SS"><bpmn:signalEventDefinition signalRef="sinyal"/></bpmn:startEvent></bpmn:subProcess>' + evsub('ES', '<bpmn:startEvent id="ES-start"><bpmn:signalEventDefinition signalRef="sinyal"/></bpmn:startEvent>')),
  MINIMAL('<bpmn:userTask id="T1"/><bpmn:boundaryEvent id="B1" attachedToRef="T1" cancelActivity="false"><bpmn:errorEventDefinition/></bpmn:boundaryEvent><bpmn:serviceTask id="X1" camunda:type="external" camunda:topic="t"/><bpmn:boundaryEvent id="B2" attachedToRef="X1"><bpmn:errorEventDefinition/></bpmn:boundaryEvent><bpmn:boundaryEvent id="B3" attachedToRef="X1"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:boundaryEvent><bpmn:boundaryEvent id="B4" attachedToRef="X1"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:boundaryEvent>'),
  MINIMAL('<bpmn:subProcess id="Sub"><bpmn:scriptTask id="S" scriptFormat="javascript"><bpmn:script>x</bpmn:script></bpmn:scriptTask></bpmn:subProcess><bpmn:boundaryEvent id="B1" attachedToRef="Sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>'),
  MINIMAL('<bpmn:task id="T1"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="1a">${a()}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task><bpmn:userTask id="T2"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a">x</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics loopCardinality="2"/></bpmn:userTask>'),
  MINIMAL(
    evsub('E1', '<bpmn:startEvent id="E1-start"/>', '') +
      evsub('E2', '<bpmn:startEvent id="E2-start" isInterrupting="false"><bpmn:errorEventDefinition/></bpmn:startEvent>') +
      evsub('E3', '<bpmn:startEvent id="E3-start"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>') +
      evsub('E4', '<bpmn:startEvent id="E4-start"><bpmn:conditionalEventDefinition/></bpmn:startEvent>') +
      '<bpmn:subProcess id="E5" triggeredByEvent="true"><bpmn:multiInstanceLoopCharacteristics loopCardinality="2"/></bpmn:subProcess><bpmn:boundaryEvent id="B5" attachedToRef="E5"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
      '<bpmn:sequenceFlow id="toE5" sourceRef="start" targetRef="E5"/>',
  ),
  MINIMAL('<bpmn:startEvent id="ErrStart"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:startEvent><bpmn:subProcess id="Sub"><bpmn:startEvent id="TS"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent></bpmn:subProcess>'),
  MINIMAL('<bpmn:intermediateThrowEvent id="ET"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:intermediateThrowEvent><bpmn:intermediateCatchEvent id="EC"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="XC"><bpmn:escalationEventDefinition escalationRef="eskalasi"/></bpmn:intermediateCatchEvent><bpmn:userTask id="T"/><bpmn:boundaryEvent id="XB" attachedToRef="T"><bpmn:escalationEventDefinition escalationRef="eskalasi"/></bpmn:boundaryEvent><bpmn:endEvent id="EE1"><bpmn:errorEventDefinition/></bpmn:endEvent><bpmn:endEvent id="EE2"><bpmn:errorEventDefinition errorRef="galat"/></bpmn:endEvent><bpmn:endEvent id="EE3"><bpmn:escalationEventDefinition escalationRef="eskalasi"/></bpmn:endEvent>'),
  MINIMAL('<bpmn:task id="MI1"><bpmn:multiInstanceLoopCharacteristics camunda:collection="a b" camunda:elementVariable="1x"/></bpmn:task><bpmn:userTask id="MI2"><bpmn:multiInstanceLoopCharacteristics camunda:elementVariable="x"><bpmn:loopDataInputRef>d</bpmn:loopDataInputRef></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask><bpmn:userTask id="MI3"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality language="groovy">2</bpmn:loopCardinality><bpmn:completionCondition>x</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask><bpmn:userTask id="MI4"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>x</bpmn:loopCardinality><bpmn:completionCondition>${a()}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>'),
  MINIMAL('<bpmn:task name="tanpa id"/><bpmn:intermediateCatchEvent id="TM"><bpmn:timerEventDefinition><bpmn:timeDuration>${hari()}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'),
];

/** One complex gateway and nothing else wrong. */
const GATEWAY = MINIMAL('<bpmn:complexGateway id="Gerbang_1"/>').replace(/<bpmn:(error|escalation|message|signal) [^>]*\/>/g, '');

async function problems(xml: string): Promise<string[]> {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(xml, 'bpmn:Definitions');
  return supportProblems(rootElement as unknown as ModdleNode, expressionProblems).map((p) => p.message);
}

describe('support-table problems in Indonesian (the modeler lint)', () => {
  it('has an Indonesian reason for every element and attribute the table refuses by name', () => {
    expect(Object.keys(refusedElementsId).sort()).toEqual(Object.keys(refusedElements).sort());
    expect(Object.keys(refusedAttributesId).sort()).toEqual(Object.keys(refusedCamundaAttributes).sort());
  });

  it('words every problem of the test diagrams in Indonesian, keeping the element it names', async () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.bpmn'));
    const messages = new Set<string>();
    for (const xml of [...files.map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8')), ...BROKEN]) for (const m of await problems(xml)) messages.add(m);
    // The diagrams above do break many rules: this is no empty check.
    expect(messages.size).toBeGreaterThan(80);
    const untranslated = [...messages].filter((m) => supportProblemId(m) === undefined);
    expect(untranslated).toEqual([]);
    for (const m of messages) {
      const id = supportProblemId(m)!;
      expect(id).not.toBe(m);
      // The element part (up to the first ": ") keeps its ids and types.
      for (const name of m.slice(0, m.indexOf(': ')).match(/[\w-]+(?:#\d+)?/g) ?? []) {
        if (!['on', 'in', 'error', 'boundary', 'event', 'multi-instance', 'constraint', 'form', 'field', 'condition'].includes(name)) expect({ m, id, has: id.includes(name) }).toEqual({ m, id, has: true });
      }
    }
  });

  it('shows Indonesian first and the deployment\'s English words when switched', async () => {
    const [message] = await problems(GATEWAY);
    expect(message).toBe('Gerbang_1 (bpmn:ComplexGateway): not supported');
    expect(describeSupportProblem(message, 'id')).toBe('Gerbang_1 (bpmn:ComplexGateway): tidak didukung');
    expect(describeSupportProblem(message, 'en')).toBe(message);
    expect(supportProblemId('camunda:class on Task_X: Java delegates are not run')).toBe('camunda:class pada Task_X: Java delegate tidak dijalankan');
    expect(supportProblemId('Flow_1 (bpmn:SequenceFlow) condition: "${process.exit()}": calls are not allowed')).toBe(
      'Flow_1 (bpmn:SequenceFlow) (kondisi): "${process.exit()}": pemanggilan fungsi tidak diperbolehkan',
    );
    // A reason no template knows is still led in Indonesian, never shown bare in English.
    expect(describeSupportProblem('X_1 (bpmn:Task): something new', 'id')).toBe('Tidak dapat dijalankan di sini: X_1 (bpmn:Task): something new');
  });

  it('reaches the modeler through the lint rule in the chosen language', async () => {
    const { rootElement } = await new BpmnModdle({ camunda }).fromXML(GATEWAY, 'bpmn:Definitions');
    let language: 'id' | 'en' = 'id';
    const rule = supportTableRule(() => language)();
    const reports: string[] = [];
    rule.check(rootElement as unknown as ModdleNode, { report: (_id, message) => reports.push(message) });
    language = 'en';
    rule.check(rootElement as unknown as ModdleNode, { report: (_id, message) => reports.push(message) });
    expect(reports).toEqual(['Gerbang_1 (bpmn:ComplexGateway): tidak didukung', 'Gerbang_1 (bpmn:ComplexGateway): not supported']);
  });
});
