import type { SlaState, TaskSla } from '../contract/tasks';
import type { WorkingCalendar } from '../engine/workingCalendar';

export type { SlaState, TaskSla };

export interface SlaInput {
  standard: string | null;
  createdAt: Date;
  dueAt: Date | null;
  reminderAt: Date | null;
  now: Date;
  calendar: WorkingCalendar;
  /** The first due date of a task a superior extended (Ditunda); null or absent when never extended. */
  extendedFrom?: Date | null;
}

/**
 * An extended task (Ditunda) is measured against its new due date: within it, it is not late, and
 * `extendedFrom` tells the badge to say "Diperpanjang". Red once past the due date; amber once the SOP's reminder moment has come, or, for a task
 * whose diagram sets no reminder, once less than a quarter of its working time is left.
 */
export function slaOf(input: SlaInput): TaskSla {
  const { dueAt, reminderAt, now, calendar } = input;
  const base = {
    standard: input.standard,
    dueAt: dueAt?.toISOString() ?? null,
    reminderAt: reminderAt?.toISOString() ?? null,
    // Only on an extended task: the badge of every other task reads as before.
    ...(input.extendedFrom ? { extendedFrom: input.extendedFrom.toISOString() } : {}),
  };
  if (!dueAt) return { ...base, remainingWorkingMs: null, state: 'none' };
  const remaining = calendar.workingMsBetween(now, dueAt);
  let state: SlaState = 'green';
  if (now.getTime() > dueAt.getTime()) state = 'red';
  else if (reminderAt) state = now.getTime() >= reminderAt.getTime() ? 'amber' : 'green';
  else if (remaining * 4 < calendar.workingMsBetween(input.createdAt, dueAt)) state = 'amber';
  return { ...base, remainingWorkingMs: remaining, state };
}
