import type { WorkingCalendar } from './workingCalendar';

/**
 * What a completed task took, in working time (the SOPs' "3 hari kerja" is counted in it, so a
 * weekend or a holiday between two steps is no one's delay). Written on the task row when it is
 * completed; the SOP performance aggregate (migration 21, task_performance) sums these.
 */
export interface TaskDurations {
  /** From the task's creation to its completion. */
  workMs: number;
  /** From creation until someone claimed it; 0 for a task assigned when created. */
  waitMs: number;
  /** The time its due date allowed (creation to due date); null without a due date. */
  allowedMs: number | null;
}

export interface TaskMoments {
  createdAt: Date;
  claimedAt: Date | null;
  endedAt: Date;
  dueAt: Date | null;
}

export function taskDurations(calendar: WorkingCalendar, t: TaskMoments): TaskDurations {
  const within = (to: Date) => Math.max(0, calendar.workingMsBetween(t.createdAt, to));
  const claimed = t.claimedAt && t.claimedAt.getTime() < t.endedAt.getTime() ? t.claimedAt : t.claimedAt ? t.endedAt : null;
  return { workMs: within(t.endedAt), waitMs: claimed ? within(claimed) : 0, allowedMs: t.dueAt ? within(t.dueAt) : null };
}
