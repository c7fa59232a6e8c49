import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { WORKING_CALENDAR, type ProcessModel } from './bpmnDefinition';
import type { WorkingCalendarProvider } from './calendarProvider';
import type { Deployments } from './deployments';
import { historyPart, type HistoryEntry } from './history';
import { StatementBatch } from './statementBatch';
import { resolveTimer } from './timerExpressions';
import { taskDueDate } from './workflowTime';
import type { WorkingCalendar } from './workingCalendar';

/** What one calendar change did to the running work. */
export interface DeadlinesMoved {
  /** Task due dates and timers now due at another moment. */
  moved: number;
  /** Instances whose deadlines moved. */
  instances: number;
}

/** How many instances one pass reads at a time: a district's backlog moves in bounded steps. */
const BATCH = 200;
/** Tries per instance when a command moved it on in between (its own write then wins). */
const TRIES = 3;

interface Pending {
  kind: 'timer' | 'task';
  id: string;
  element_id: string;
  due_at: Date | string;
  created_at: Date | string;
}

const wibMidnight = (day: string, plusDays = 0): Date => new Date(Date.parse(`${day}T00:00:00+07:00`) + plusDays * 86_400_000);

/** A literal ISO duration (P3D, PT15M); an expression's value depends on variables and is left alone. */
export const literalDuration = (value: string | undefined): string | undefined => (value && /^P/i.test(value) && !value.includes('${') ? value : undefined);

/**
 * Moves running deadlines when the working calendar changes: every pending working-time timer and
 * open task due date whose span (from when its step began to its due moment) crosses the changed
 * day is counted again from when its step began, with the calendar as it now is. A cuti bersama
 * added across a P3D deadline moves it one working day later; removing it moves it back.
 *
 * Each instance moves in one statement under its revision (a concurrent command wins and the move
 * is tried again), with a `deadline-moved` history entry per deadline. A moved timer keeps its
 * first due date in its job's payload (`movedFrom`), and from then on its job's due date is the
 * one the engine keeps (workflowTimeFor's `dueOf`). Only literal durations move: a timeDate is a
 * date, a cycle repeats from its own start, an expression depends on the instance's variables.
 * A deadline a superior extended (src/engine/taskExtensions.ts) stays where they put it: counted
 * again from its step's start it would lose the extension.
 */
export class Deadlines {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly deployments: Deployments,
    private readonly calendars: WorkingCalendarProvider,
  ) {}

  async recomputeAcross(day: string, reason: string, actor: string | null): Promise<DeadlinesMoved> {
    this.calendars.invalidate();
    const calendar = await this.calendars.get();
    const from = wibMidnight(day);
    const to = wibMidnight(day, 1);
    const total: DeadlinesMoved = { moved: 0, instances: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // Read through the due-date indexes of pending timers and open tasks: future deadlines only.
      const { rows } = await this.db.query<{ instance_id: string }>(
        `select instance_id from jobs where kind = 'timer' and due_at > $1 and created_at < $2 and instance_id > $3 and not payload ? 'extendedAt'
         union
         select instance_id from tasks where status = 'open' and due_at > $1 and created_at < $2 and instance_id > $3 and extended_at is null
         order by 1 limit $4`,
        [from.toISOString(), to.toISOString(), after, BATCH],
      );
      for (const { instance_id } of rows) {
        const moved = await this.moveInstance(instance_id, { from, to, calendar, reason, day, actor });
        total.moved += moved;
        if (moved) total.instances++;
      }
      if (rows.length < BATCH) return total;
      after = rows[rows.length - 1].instance_id;
    }
  }

  private async moveInstance(
    instanceId: string,
    c: { from: Date; to: Date; calendar: WorkingCalendar; reason: string; day: string; actor: string | null },
  ): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const { rows: inst } = await this.db.query<{ rev: number; definition_id: number }>(
        `select rev, definition_id from process_instances where id = $1 and status = 'running'`,
        [instanceId],
      );
      if (!inst[0]) return 0;
      const { rows: pending } = await this.db.query<Pending>(
        `select 'timer' as kind, id, element_id, due_at, created_at from jobs
          where instance_id = $1 and kind = 'timer' and due_at > $2 and created_at < $3 and not payload ? 'extendedAt'
         union all
         select 'task', id, element_id, due_at, created_at from tasks
          where instance_id = $1 and status = 'open' and due_at > $2 and created_at < $3 and extended_at is null`,
        [instanceId, c.from.toISOString(), c.to.toISOString()],
      );
      const { model } = await this.deployments.load(inst[0].definition_id);
      const changes = pending
        .map((p) => ({ p, due: this.recounted(p, model, c.calendar) }))
        .filter((x): x is { p: Pending; due: Date } => !!x.due && x.due.getTime() !== new Date(x.p.due_at).getTime());
      if (changes.length === 0) return 0;
      const now = this.clock.now();
      const batch = new StatementBatch();
      batch.guard(
        { sql: `update process_instances set rev = rev + 1 where id = $1 and rev = $2 and status = 'running' returning 1`, params: [instanceId, inst[0].rev] },
        'the instance was changed concurrently; reload and try again',
        'instance.changedConcurrently',
      );
      const timers = changes.filter((x) => x.p.kind === 'timer');
      const tasks = changes.filter((x) => x.p.kind === 'task');
      if (timers.length) {
        batch.add({
          sql: `update jobs j set due_at = x.d, payload = j.payload || jsonb_build_object('movedFrom', coalesce(j.payload->'movedFrom', to_jsonb(j.due_at)))
                  from unnest($1::uuid[], $2::timestamptz[]) as x(id, d) where j.id = x.id`,
          params: [timers.map((x) => x.p.id), timers.map((x) => x.due.toISOString())],
        });
      }
      if (tasks.length) {
        batch.add({
          sql: `update tasks t set due_at = x.d from unnest($1::uuid[], $2::timestamptz[]) as x(id, d) where t.id = x.id and t.status = 'open'`,
          params: [tasks.map((x) => x.p.id), tasks.map((x) => x.due.toISOString())],
        });
      }
      const history: HistoryEntry[] = changes.map(({ p, due }) => ({
        instanceId,
        type: 'deadline-moved',
        elementId: p.element_id,
        at: now,
        actor: c.actor,
        data: { [p.kind === 'task' ? 'taskId' : 'jobId']: p.id, from: new Date(p.due_at).toISOString(), to: due.toISOString(), reason: c.reason, day: c.day },
      }));
      batch.add(historyPart(history));
      try {
        await batch.run(this.db);
        return changes.length;
      } catch (err) {
        if ((err as { status?: number }).status !== 409 || attempt >= TRIES) throw err;
      }
    }
  }

  /** The deadline counted again from when its step began, or undefined when it does not move with the calendar. */
  private recounted(p: Pending, model: ProcessModel, calendar: WorkingCalendar): Date | undefined {
    const began = new Date(p.created_at);
    if (p.kind === 'timer') {
      const duration = literalDuration(model.timerDurations.get(p.element_id));
      if (!duration || !model.workingTimeTimers.has(p.element_id)) return undefined;
      return resolveTimer('timeDuration', duration, began, calendar).dueAt;
    }
    const duration = literalDuration(model.taskDueDates.get(p.element_id));
    if (!duration || model.properties.calendar !== WORKING_CALENDAR) return undefined;
    return taskDueDate(duration, model, began, calendar);
  }
}
