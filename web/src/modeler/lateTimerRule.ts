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

type Language = 'id' | 'en';

/** The problem with one boundary event, in Indonesian (English when switched); undefined when there is none. */
export function lateTimerProblem(boundary: ModdleLike, language: Language = 'id'): string | undefined {
  if (timerReason(boundary) !== LATE_REASON) return undefined;
  const task = boundary.attachedToRef as ModdleLike | undefined;
  if (task?.$type !== 'bpmn:UserTask') return undefined;
  const due = dueDateOf(task);
  const timer = timerDurationOf(boundary);
  const label = (el: ModdleLike) => `"${el.name?.trim() || el.id}"`;
  if (!due) {
    return language === 'en'
      ? `Late timer ${label(boundary)} exists, but task ${label(task)} has no due date: fill in the task's "Waktu".`
      : `Timer terlambat ${label(boundary)} ada, tetapi tugas ${label(task)} tidak punya batas waktu: isi "Waktu" tugas itu.`;
  }
  if (!timer) return undefined; // a date or an expression: nothing to compare
  // Expressions (${…}) and dates are not compared; only two durations can disagree.
  if (sameDuration(timer, due) === false) {
    return language === 'en'
      ? `Late timer ${label(boundary)} waits ${timer}, but task ${label(task)} is due in ${due}: make them agree through the task's "Waktu".`
      : `Timer terlambat ${label(boundary)} menunggu ${timer}, tetapi batas waktu tugas ${label(task)} ${due}: samakan lewat "Waktu" tugas.`;
  }
  return undefined;
}

/** The rule as bpmnlint resolves it, its messages in `language` (read at each check, as the support table's). */
export function lateTimerRule(language: () => Language = () => 'id'): () => { check(node: ModdleLike, reporter: Reporter): void } {
  return () => ({
    check(node, reporter) {
      if (node.$type !== 'bpmn:BoundaryEvent') return;
      const problem = lateTimerProblem(node, language());
      if (problem) reporter.report(String(node.id ?? ''), problem);
    },
  });
}
