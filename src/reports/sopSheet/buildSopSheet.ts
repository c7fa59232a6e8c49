import BpmnModdle from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import { camundaProperties, type ModdleElement } from '../../engine/bpmnDefinition';
import { sopIdentity } from './identity';
import type { SopSheet } from './model';
import { procedureOf } from './procedure';
import { instantWords } from './words';

export interface DeployedVersion {
  key: string;
  version: number;
  /** ISO instant of the deployment. */
  deployedAt: string;
  /** The deployed diagram (all its processes; the sheet is the one whose id is `key`). */
  xml: string;
}

/** The SOP sheet of one deployed version: from its XML only, no database. */
export async function buildSopSheet(v: DeployedVersion): Promise<SopSheet> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const { rootElement } = (await moddle.fromXML(v.xml, 'bpmn:Definitions')) as unknown as { rootElement: ModdleElement };
  const process = (rootElement.rootElements ?? []).find((e) => e.$type === 'bpmn:Process' && e.id === v.key);
  if (!process) throw new Error(`the diagram has no process ${v.key}`);
  const { lanes, rows } = procedureOf(process);
  return {
    key: v.key,
    version: v.version,
    deployedAt: v.deployedAt,
    deployedAtText: instantWords(v.deployedAt),
    identity: sopIdentity(camundaProperties(process), process.name?.trim() || v.key),
    lanes,
    hasInput: rows.some((r) => r.input),
    rows,
  };
}
