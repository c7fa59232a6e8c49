import BpmnModdle from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import type { Queryable } from '../db/database';
import { camundaProperties, type ModdleElement } from '../engine/bpmnDefinition';

/**
 * What an SOP sheet says about each of its steps, as the diagram carries it: the standard time
 * ("Waktu: 3 hari" in the task's documentation) and the reminder timers (a non-interrupting
 * boundary timer whose path notifies with reason `pengingat`, like Task_Telaah_Ingat of 555/02).
 */
export interface TaskStandard {
  /** The SOP's "Waktu" text, e.g. "3 hari"; null when the documentation has none. */
  standard: string | null;
  /** Boundary timer event ids that remind the task's performers before the deadline. */
  reminderTimers: string[];
}

export const REMINDER_REASON = 'pengingat';

/** The SOP's "Waktu:" line of a documentation text. */
export function standardTimeOf(documentation: string | undefined): string | null {
  const match = /^\s*Waktu\s*:\s*(.+?)\s*$/im.exec(documentation ?? '');
  // A dash is how the SOP sheets say "no standard time".
  return match && !/^[-–—]+$/.test(match[1]) ? match[1] : null;
}

function* walk(elements: ModdleElement[] | undefined): Generator<ModdleElement> {
  for (const el of elements ?? []) {
    yield el;
    if (el.flowElements) yield* walk(el.flowElements);
  }
}

const isReminder = (el: ModdleElement) => {
  const p = camundaProperties(el);
  return !!p.notify && p.reason === REMINDER_REASON;
};

/**
 * Whether a boundary event leads to a reminder: follows its flows through events and gateways
 * (never through a task, whose work would be something else) to a notify of reason `pengingat`.
 */
function leadsToReminder(boundary: ModdleElement, outgoing: Map<string, ModdleElement[]>): boolean {
  const seen = new Set<string>();
  const queue: ModdleElement[] = [boundary];
  while (queue.length) {
    const el = queue.shift()!;
    if (!el.id || seen.has(el.id)) continue;
    seen.add(el.id);
    if (isReminder(el)) return true;
    if (el !== boundary && /Task$|SubProcess$|CallActivity$/.test(el.$type)) continue;
    queue.push(...(outgoing.get(el.id) ?? []));
  }
  return false;
}

function readTaskStandards(processes: ModdleElement[]): Map<string, TaskStandard> {
  const out = new Map<string, TaskStandard>();
  for (const proc of processes) {
    const outgoing = new Map<string, ModdleElement[]>();
    const all = [...walk(proc.flowElements)];
    for (const el of all) {
      const source = el.sourceRef as ModdleElement | undefined;
      const target = el.targetRef as ModdleElement | undefined;
      if (el.$type === 'bpmn:SequenceFlow' && source?.id && target) outgoing.set(source.id, [...(outgoing.get(source.id) ?? []), target]);
    }
    for (const el of all) {
      if (el.$type !== 'bpmn:UserTask' || !el.id) continue;
      const docs = (el.documentation as { text?: string }[] | undefined)?.map((d) => d.text ?? '').join('\n');
      out.set(el.id, { standard: standardTimeOf(docs), reminderTimers: [] });
    }
    for (const el of all) {
      const host = el.attachedToRef as ModdleElement | undefined;
      if (el.$type !== 'bpmn:BoundaryEvent' || el.cancelActivity !== false || !host?.id || !el.id) continue;
      if (!el.eventDefinitions?.some((d) => d.$type === 'bpmn:TimerEventDefinition')) continue;
      if (leadsToReminder(el, outgoing)) out.get(host.id)?.reminderTimers.push(el.id);
    }
  }
  return out;
}

/** The standards of each deployed version, read from its XML at most once per process. */
export class TaskStandards {
  private readonly byDefinition = new Map<number, Promise<Map<string, TaskStandard>>>();

  constructor(private readonly db: Queryable) {}

  of(definitionId: number): Promise<Map<string, TaskStandard>> {
    let entry = this.byDefinition.get(definitionId);
    if (!entry) {
      entry = this.read(definitionId);
      this.byDefinition.set(definitionId, entry);
      entry.catch(() => this.byDefinition.delete(definitionId));
    }
    return entry;
  }

  private async read(definitionId: number): Promise<Map<string, TaskStandard>> {
    const { rows } = await this.db.query<{ xml: string }>('select xml from process_definitions where id = $1', [definitionId]);
    return rows[0] ? taskStandardsOf(rows[0].xml) : new Map();
  }
}

/** The standards of every user task of a diagram (all its processes), by element id. */
export async function taskStandardsOf(xml: string): Promise<Map<string, TaskStandard>> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const { rootElement } = (await moddle.fromXML(xml, 'bpmn:Definitions')) as unknown as { rootElement: ModdleElement };
  return readTaskStandards((rootElement.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process'));
}
