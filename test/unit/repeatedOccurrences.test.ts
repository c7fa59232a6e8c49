import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { supportProblems, type ModdleNode } from '../../src/contract/bpmnSupport';
import { cycleRepeats } from '../../src/contract/repeatedOccurrences';

const diagram = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://example.org/test">
  <bpmn:message id="m" name="m"/><bpmn:escalation id="x" escalationCode="X"/>
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="s0" sourceRef="s" targetRef="host"/>
    <bpmn:userTask id="host" camunda:candidateGroups="kasi"/><bpmn:sequenceFlow id="s1" sourceRef="host" targetRef="e"/><bpmn:endEvent id="e"/>
    ${body}
  </bpmn:process>
</bpmn:definitions>`;

const boundary = (definition: string, path: string) =>
  `<bpmn:boundaryEvent id="b" attachedToRef="host" cancelActivity="false">${definition}</bpmn:boundaryEvent><bpmn:sequenceFlow id="b0" sourceRef="b" targetRef="first"/>${path}`;
const message = '<bpmn:messageEventDefinition messageRef="m"/>';
const cycle = (text: string) => `<bpmn:timerEventDefinition><bpmn:timeCycle>${text}</bpmn:timeCycle></bpmn:timerEventDefinition>`;

async function repeatProblems(body: string): Promise<string[]> {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(diagram(body), 'bpmn:Definitions');
  return supportProblems(rootElement as unknown as ModdleNode)
    .map((p) => p.message)
    .filter((m) => m.includes('can occur again'));
}

describe('repeating non-interrupting events whose path waits (refused: bpmn-engine would queue the second occurrence)', () => {
  it('counts the repetitions of a cycle', () => {
    expect(cycleRepeats('R1/PT1H')).toBe(false);
    expect(cycleRepeats('R3/PT1H')).toBe(true);
    expect(cycleRepeats('R/PT1H')).toBe(true);
    expect(cycleRepeats('R/2024-01-01T08:00:00+07:00/P3M')).toBe(true);
    expect(cycleRepeats('${siklus}')).toBe(true);
  });

  it('runs a path that never waits: scripts, plain tasks, gateways that split', async () => {
    const path =
      '<bpmn:scriptTask id="first" scriptFormat="javascript"><bpmn:script>variables.n = 1</bpmn:script></bpmn:scriptTask><bpmn:sequenceFlow id="b1" sourceRef="first" targetRef="g"/>' +
      '<bpmn:exclusiveGateway id="g"/><bpmn:sequenceFlow id="b2" sourceRef="g" targetRef="t"/><bpmn:task id="t"/><bpmn:sequenceFlow id="b3" sourceRef="t" targetRef="be"/><bpmn:endEvent id="be"/>';
    expect(await repeatProblems(boundary(message, path))).toEqual([]);
    expect(await repeatProblems(boundary(cycle('R1/PT1H'), '<bpmn:userTask id="first"/>'))).toEqual([]);
  });

  it('names the first place the path waits, inside a sub-process too', async () => {
    const sub = '<bpmn:subProcess id="first"><bpmn:startEvent id="ss"/><bpmn:sequenceFlow id="x1" sourceRef="ss" targetRef="inner"/><bpmn:receiveTask id="inner" messageRef="m"/></bpmn:subProcess>';
    expect(await repeatProblems(boundary(message, sub))).toEqual([expect.stringMatching(/^b \(bpmn:BoundaryEvent\): .* waits at inner \(bpmn:ReceiveTask\)/)]);
    expect(await repeatProblems(boundary(cycle('R/PT1H'), '<bpmn:serviceTask id="first" camunda:type="external" camunda:topic="t"/>'))).toEqual([
      expect.stringContaining('waits at first (bpmn:ServiceTask)'),
    ]);
  });

  it('refuses a non-interrupting message start of an event sub-process that waits, not an escalation or a one-off timer', async () => {
    const evsub = (id: string, start: string) =>
      `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${id}-s" isInterrupting="false">${start}</bpmn:startEvent><bpmn:sequenceFlow id="${id}-f" sourceRef="${id}-s" targetRef="${id}-t"/><bpmn:userTask id="${id}-t"/></bpmn:subProcess>`;
    const problems = await repeatProblems(
      evsub('msg', message) + evsub('esc', '<bpmn:escalationEventDefinition escalationRef="x"/>') + evsub('once', '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>'),
    );
    expect(problems).toEqual([expect.stringMatching(/^msg-s \(bpmn:StartEvent\): .* waits at msg-t \(bpmn:UserTask\)/)]);
  });
});
