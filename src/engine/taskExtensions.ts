import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { WorkingCalendarProvider } from './calendarProvider';
import type { Deployments } from './deployments';
import { badRequest, conflict } from './errors';
import { historyPart } from './history';
import { StatementBatch } from './statementBatch';
import type { UserTask } from './userTasks';
import type { WorkingCalendar } from './workingCalendar';

/**
 * "Ditunda" of LAPOR!-SP4N: a superior gives one open task more time, with a reason. The new due
 * date is either a date-time or a number of working days added to the current due date (to now,
 * when that has passed). It must be later than the current due date and in the future.
 */
export type ExtensionRequest = { reason: string; dueAt: Date; addWorkingDays?: undefined } | { reason: string; addWorkingDays: number; dueAt?: undefined };

/** What one extension did: the task's due date and each pending timer of the task it moved. */
export interface TaskExtended {
  taskId: string;
  reason: string;
  from: string;
  to: string;
  /** The first due date the task had, before any extension. */
  originalDueAt: string;
  extendedAt: string;
  extendedBy: string;
  timers: { jobId: string; elementId: string; from: string; to: string }[];
}

interface PendingTimer {
  id: string;
  element_id: string;
  due_at: Date | string;
}

/**
 * Moves the task's due date and every pending timer attached to the task (its boundary timers:
 * the "Sudah 3 hari" reminder, the "Lewat 5 hari" late notice) by the same span: working time for
 * a working-time timer, wall-clock time for any other. A moved timer keeps its first due date in
 * its job's payload (`movedFrom`, as src/engine/deadlines.ts does), so from then on the job's due
 * date is the one the engine keeps (workflowTimeFor's `dueOf`); `extendedAt` there (and on the task)
 * keeps a later calendar change from counting it again from the step's start. Task, timers, the complaint's mark
 * and the history entry commit in one statement under the instance's revision and the task's.
 */
export class TaskExtensions {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly deployments: Deployments,
    private readonly calendars: WorkingCalendarProvider,
  ) {}

  async extend(task: UserTask, request: ExtensionRequest, actor: string): Promise<TaskExtended> {
    if (task.status !== 'open') throw conflict(`the task is already ${task.status}`).as(`task.already.${task.status as 'completed' | 'cancelled'}`);
    if (!task.dueAt) throw conflict('the task has no due date to extend').as('extension.noDueDate');
    await this.clock.refresh();
    const now = this.clock.now();
    const calendar = await this.calendars.get();
    const from = new Date(task.dueAt);
    const to = request.dueAt ?? calendar.addWorkingDuration(new Date(Math.max(from.getTime(), now.getTime())), `P${request.addWorkingDays}D`);
    if (to.getTime() <= from.getTime()) {
      throw badRequest(`the new due date must be after the current one (${from.toISOString()})`).as('extension.notLater', { dueAt: from.toISOString() });
    }
    if (to.getTime() <= now.getTime()) throw badRequest('the new due date must be in the future').as('extension.inPast');

    const { rows: inst } = await this.db.query<{ rev: number; definition_id: number; business_key: string | null }>(
      `select rev, definition_id, business_key from process_instances where id = $1 and status = 'running'`,
      [task.instanceId],
    );
    if (!inst[0]) throw conflict('the task\'s instance is no longer running').as('task.noLongerWaiting');
    const { model } = await this.deployments.load(inst[0].definition_id);
    const attached = model.boundaryTimers.get(task.elementId) ?? [];
    const { rows: pending } = attached.length
      ? await this.db.query<PendingTimer>(
          `select id, element_id, due_at from jobs where instance_id = $1 and kind = 'timer' and element_id = any($2::text[]) and due_at > $3`,
          [task.instanceId, attached, now.toISOString()],
        )
      : { rows: [] as PendingTimer[] };
    const timers = pending.map((j) => {
      const due = new Date(j.due_at);
      return { jobId: j.id, elementId: j.element_id, from: due.toISOString(), to: this.shifted(due, from, to, model.workingTimeTimers.has(j.element_id), calendar).toISOString() };
    });

    const batch = new StatementBatch();
    batch.guard(
      { sql: `update process_instances set rev = rev + 1 where id = $1 and rev = $2 and status = 'running' returning 1`, params: [task.instanceId, inst[0].rev] },
      'the instance was changed concurrently; reload and try again',
      'instance.changedConcurrently',
    );
    batch.guard(
      {
        sql: `update tasks set due_at = $3, original_due_at = coalesce(original_due_at, due_at), extended_at = $4, extended_by = $5, extension_reason = $6, rev = rev + 1
               where id = $1 and status = 'open' and rev = $2 returning 1`,
        params: [task.id, task.rev, to.toISOString(), now.toISOString(), actor, request.reason],
      },
      'the task changed concurrently; reload and try again',
      'task.changedConcurrently',
    );
    if (timers.length) {
      batch.add({
        sql: `update jobs j set due_at = x.d,
                payload = j.payload || jsonb_build_object('movedFrom', coalesce(j.payload->'movedFrom', to_jsonb(j.due_at)), 'extendedAt', $3::text)
                from unnest($1::uuid[], $2::timestamptz[]) as x(id, d) where j.id = x.id`,
        params: [timers.map((t) => t.jobId), timers.map((t) => t.to), now.toISOString()],
      });
    }
    if (inst[0].business_key) {
      batch.add({ sql: `update complaints set extended_at = $2 where tracking_id = $1`, params: [inst[0].business_key, now.toISOString()] });
    }
    batch.add(
      historyPart([
        {
          instanceId: task.instanceId,
          type: 'deadline-extended',
          elementId: task.elementId,
          at: now,
          actor,
          data: { taskId: task.id, reason: request.reason, from: from.toISOString(), to: to.toISOString(), timers },
        },
      ]),
    );
    await batch.run(this.db);
    const { rows } = await this.db.query<{ original_due_at: Date | string }>('select original_due_at from tasks where id = $1', [task.id]);
    return {
      taskId: task.id,
      reason: request.reason,
      from: from.toISOString(),
      to: to.toISOString(),
      originalDueAt: new Date(rows[0].original_due_at).toISOString(),
      extendedAt: now.toISOString(),
      extendedBy: actor,
      timers,
    };
  }

  /** A timer moved as far as the due date moved, in its own kind of time. */
  private shifted(due: Date, from: Date, to: Date, workingTime: boolean, calendar: WorkingCalendar): Date {
    if (!workingTime) return new Date(due.getTime() + (to.getTime() - from.getTime()));
    const seconds = Math.round(calendar.workingMsBetween(from, to) / 1000);
    return seconds > 0 ? calendar.addWorkingDuration(due, `PT${seconds}S`) : due;
  }
}
