/**
 * A user task's reminder and late timers, found as the SOP diagrams shape them: a non-interrupting
 * boundary timer whose next element is a throw event with `camunda:property` notify and reason
 * `pengingat` ("Sudah 3 hari" → "Ingatkan …") or `terlambat` ("Lewat 5 hari" → "Beritahu Kasi").
 * Read on plain moddle objects, so the lint rule, the properties panel and unit tests share it.
 */

export interface ModdleLike {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export type TimerReason = 'pengingat' | 'terlambat';

export const LATE_REASON: TimerReason = 'terlambat';
export const REMIND_REASON: TimerReason = 'pengingat';

type Node = ModdleLike & {
  extensionElements?: { values?: Node[] };
  values?: Node[];
  outgoing?: Node[];
  targetRef?: Node;
  eventDefinitions?: Node[];
  timeDuration?: { body?: string };
  attachedToRef?: Node;
  cancelActivity?: boolean;
  value?: string;
};

export function notifyProperties(el: ModdleLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ext of (el as Node | undefined)?.extensionElements?.values ?? []) {
    if (ext.$type !== 'camunda:Properties') continue;
    for (const p of ext.values ?? []) if (typeof p.name === 'string') out[p.name] = String(p.value ?? '');
  }
  return out;
}

function timerDefinition(el: Node): Node | undefined {
  return el.eventDefinitions?.find((d) => d.$type === 'bpmn:TimerEventDefinition');
}

/** The duration a timer event waits, e.g. "P3D"; undefined for a date, a cycle or no timer. */
export function timerDurationOf(el: ModdleLike): string | undefined {
  return timerDefinition(el as Node)?.timeDuration?.body?.trim() || undefined;
}

/** Whether a boundary event is a task's reminder or late timer, by the notice its path sends. */
export function timerReason(boundary: ModdleLike): TimerReason | undefined {
  const b = boundary as Node;
  if (b.$type !== 'bpmn:BoundaryEvent' || b.cancelActivity !== false || !timerDefinition(b)) return undefined;
  for (const flow of b.outgoing ?? []) {
    const reason = notifyProperties(flow.targetRef).reason;
    if (reason === LATE_REASON || reason === REMIND_REASON) return reason;
  }
  return undefined;
}

/** A user task's deadline as written (`camunda:dueDate`). */
export function dueDateOf(task: ModdleLike | undefined): string | undefined {
  if (!task) return undefined;
  const get = (task as { get?: (name: string) => unknown }).get;
  const value = (typeof get === 'function' ? get.call(task, 'camunda:dueDate') : undefined) ?? task.dueDate;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
