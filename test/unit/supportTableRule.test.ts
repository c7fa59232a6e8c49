import fs from 'node:fs';
import path from 'node:path';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import type { ModdleNode } from '../../src/contract/bpmnSupport';
import { compileDiagram } from '../../src/engine/bpmnDefinition';
import { supportTableRule, withSupportTable } from '../../web/src/modeler/supportTableRule';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.bpmn`), 'utf8');

async function lint(xml: string): Promise<{ id: string; message: string }[]> {
  const { rootElement } = await new BpmnModdle({ camunda }).fromXML(xml, 'bpmn:Definitions');
  const reports: { id: string; message: string }[] = [];
  supportTableRule()().check(rootElement as unknown as ModdleNode, { report: (id, message) => reports.push({ id, message }) });
  return reports;
}

describe("the modeler's support-table lint rule", () => {
  it('reports, on each element, the words deployment refuses the diagram with', async () => {
    const xml = fixture('unsupported-many');
    const reports = await lint(xml);
    const refusal = await compileDiagram(xml).then(
      () => '',
      (err: { detail: string }) => err.detail,
    );
    expect(reports.map((r) => r.message).join('; ')).toBe(refusal);
    expect(reports).toEqual(
      expect.arrayContaining([
        { id: 'Task_X', message: 'Task_X (bpmn:ServiceTask): runs only as an external task (camunda:type="external" with camunda:topic); no code runs in the engine' },
        { id: 'Task_Y', message: expect.stringMatching(/^camunda:Script on Task_Y/) },
        { id: 'Gateway_1', message: 'Gateway_1 (bpmn:ComplexGateway): not supported' },
      ]),
    );
  });

  it('reports nothing on the SOP diagrams', async () => {
    const dir = path.join(__dirname, '..', '..', 'processes');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
      expect({ file, reports: await lint(fs.readFileSync(path.join(dir, file), 'utf8')) }).toEqual({ file, reports: [] });
    }
  });

  it('joins the compiled .bpmnlintrc bundle as an error (the late-timer rule as a warning), leaving its other rules to its resolver', () => {
    const other = () => ({});
    const bundle = withSupportTable({ config: { rules: { 'bpmnlint/label-required': 'warn' } }, resolver: { resolveRule: () => other, resolveConfig: () => ({}) } });
    expect(bundle.config.rules).toEqual({ 'bpmnlint/label-required': 'warn', 'lapor/support-table': 'error', 'lapor/late-timer': 'warn' });
    expect(typeof bundle.resolver.resolveRule('bpmnlint-plugin-lapor', 'support-table')).toBe('function');
    expect(typeof bundle.resolver.resolveRule('bpmnlint-plugin-lapor', 'late-timer')).toBe('function');
    expect(bundle.resolver.resolveRule('bpmnlint', 'label-required')).toBe(other);
  });
});
