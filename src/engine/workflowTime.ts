import type { Clock } from '../clock';
import type { ProcessModel } from './bpmnDefinition';
import { WORKING_CALENDAR } from './bpmnDefinition';
import { resolveTimer, type TimerType } from './timerExpressions';
import type { WorkingCalendar } from './workingCalendar';
import type { WorkflowTimeService } from './workingTimeTimer';
import type { KnownTimer } from './timerJobs';

/**
 * Time as one process version sees it: the workflow clock, and the working calendar for the
 * timers (and due dates) its diagram marks `calendar=hari-kerja`. `jobs`: the instance's timer
 * jobs as read for the command, whose due dates are the deadlines of record.
 */
export function workflowTimeFor(model: ProcessModel, clock: Clock, calendar: WorkingCalendar, jobs: readonly KnownTimer[] = []): WorkflowTimeService {
  // Only moved deadlines: a cycle's job still holds the occurrence that just fired, which must
  // not become its next one.
  const recorded = new Map(jobs.filter((j) => j.moved).map((j) => [j.executionId, j.dueAt]));
  return {
    dueOf: (executionId) => recorded.get(executionId),
    now: () => clock.now(),
    due(elementId, elementType, timerType, value, from) {
      // A timer start event's cycle is kept by its start-timer job; inside the instance it has fired.
      if (elementType === 'bpmn:StartEvent') return { expireAt: clock.now() };
      const cal = model.workingTimeTimers.has(elementId) ? calendar : undefined;
      const due = resolveTimer(timerType as TimerType, value, from, cal);
      return { expireAt: due.dueAt, repeat: due.repeat };
    },
  };
}

/**
 * A user task's `camunda:dueDate`, already resolved: an ISO date-time, or an ISO duration from
 * now (`P3D`), counted in working time when the process is on the working calendar.
 */
export function taskDueDate(value: string, model: ProcessModel, now: Date, calendar: WorkingCalendar): Date {
  const trimmed = value.trim();
  const cal = model.properties.calendar === WORKING_CALENDAR ? calendar : undefined;
  const type: TimerType = /^P/i.test(trimmed) ? 'timeDuration' : 'timeDate';
  return resolveTimer(type, trimmed, now, cal).dueAt;
}
