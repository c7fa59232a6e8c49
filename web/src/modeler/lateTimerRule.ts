import { dueDateOf, LATE_REASON, timerDurationOf, timerReason, type ModdleLike } from './lateTimers';
import { sameDuration } from './timeStandard';

/**
 * A bpmnlint rule: a task's time standard lives once. Its late timer ("Lewat 15 menit", whose path
 * tells the superior with reason `terlambat`) must wait exactly the task's `camunda:dueDate`;
 * otherwise the superior is told at another time than the task turns late.
 */

export const LATE_TIMER_RULE = { pkg: 'bpmnlint-plugin-lapor', name: 'late-timer', configName: 'lapor/late-timer' };

interface Reporter {
  report(id: string, message: string): void;
}

/** The problem with one boundary event, in Indonesian; undefined when there is none. */
export function lateTimerProblem(boundary: ModdleLike): string | undefined {
  if (timerReason(boundary) !== LATE_REASON) return undefined;
  const task = boundary.attachedToRef as ModdleLike | undefined;
  if (task?.$type !== 'bpmn:UserTask') return undefined;
  const due = dueDateOf(task);
  const timer = timerDurationOf(boundary);
  const label = (el: ModdleLike) => `"${el.name?.trim() || el.id}"`;
  if (!due) return `Timer terlambat ${label(boundary)} ada, tetapi tugas ${label(task)} tidak punya batas waktu: isi "Waktu" tugas itu.`;
  if (!timer) return undefined; // a date or an expression: nothing to compare
  // Expressions (${…}) and dates are not compared; only two durations can disagree.
  if (sameDuration(timer, due) === false) {
    return `Timer terlambat ${label(boundary)} menunggu ${timer}, tetapi batas waktu tugas ${label(task)} ${due}: samakan lewat "Waktu" tugas.`;
  }
  return undefined;
}

export function lateTimerRule(): { check(node: ModdleLike, reporter: Reporter): void } {
  return {
    check(node, reporter) {
      if (node.$type !== 'bpmn:BoundaryEvent') return;
      const problem = lateTimerProblem(node);
      if (problem) reporter.report(String(node.id ?? ''), problem);
    },
  };
}
