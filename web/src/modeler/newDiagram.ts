const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An executable process with one start event, in the SOP diagrams' conventions: its key is the
 * process id, and every timer counts working time (`calendar=hari-kerja` on the process).
 */
export function newDiagramXml(key: string, name: string, startName: string): string {
  const n = escapeXml(name);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                  id="Definitions_${key}" targetNamespace="http://lapor.kapuas.go.id/sop">
  <bpmn:process id="${key}" name="${n}" isExecutable="true">
    <bpmn:extensionElements>
      <camunda:properties>
        <camunda:property name="sop-title" value="${n}" />
        <camunda:property name="calendar" value="hari-kerja" />
      </camunda:properties>
    </bpmn:extensionElements>
    <bpmn:startEvent id="Start_${key}" name="${escapeXml(startName)}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${key}">
    <bpmndi:BPMNPlane id="Plane_${key}" bpmnElement="${key}">
      <bpmndi:BPMNShape id="Start_${key}_di" bpmnElement="Start_${key}">
        <dc:Bounds x="180" y="160" width="36" height="36" />
        <bpmndi:BPMNLabel>
          <dc:Bounds x="150" y="203" width="96" height="14" />
        </bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
