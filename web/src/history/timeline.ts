import type { AuditInstance } from './types';

/** One line of the timeline: a history record, or a mail the outbox sent (an escalation). */
export interface TimelineEntry {
  key: string;
  at: string;
  type: string;
  elementId: string | null;
  actor: string | null;
  data: Record<string, unknown>;
}

export function timelineOf(instance: AuditInstance): TimelineEntry[] {
  const entries: TimelineEntry[] = instance.history.map(({ id, type, elementId, at, actor, ...data }) => ({
    key: `h${id}`,
    at,
    type,
    elementId,
    actor,
    data,
  }));
  for (const n of instance.notifications) {
    entries.push({ key: `n${n.id}`, at: n.createdAt, type: 'notification', elementId: n.elementId, actor: null, data: { ...n } });
  }
  // Stable: records of one moment keep the order they were written in.
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i).map(({ e }) => e);
}

/** Where the instance went, for the diagram markers. */
export function traceOf(instance: AuditInstance) {
  const active = new Set(instance.status === 'running' || instance.status === 'failed' ? instance.activeElements : []);
  const overdue = new Set(instance.tasks.filter((t) => t.status === 'open' && t.overdue).map((t) => t.elementId));
  const left = new Set<string>();
  const flows = new Set<string>();
  for (const h of instance.history) {
    if (h.type === 'element-left' && h.elementId) left.add(h.elementId);
    if (h.type === 'flow-taken' && h.elementId) flows.add(h.elementId);
  }
  return {
    done: [...left].filter((id) => !active.has(id)),
    active: [...active].filter((id) => !overdue.has(id)),
    overdue: [...overdue],
    flows: [...flows],
  };
}

/** Working time as hours and minutes (a working day is 7.5 hours, so days would mislead). */
export function workingDuration(ms: number): { h: number; m: number } {
  const minutes = Math.round(ms / 60_000);
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}
