import type { Database } from '../db/database';
import type { Clock } from '../clock';
import type { Actor } from './actor';
import type { WorkingCalendarProvider } from './calendarProvider';
import { conflict, forbidden, notFound } from './errors';
import { appendHistory } from './history';
import { readTaskForAdvance } from './instanceReads';
import { taskDurations } from './taskDurations';
import type { Instances } from './instances';
import { claimIfOpen, getTask, isCandidate, listTasksFor, type UserTask } from './userTasks';
import type { Variables } from './variables';

/** Claim, unclaim and complete: the worklist's three verbs, each one guarded write. */
export class TaskCommands {
  /** Checks a completion against the task's form before anything is written (set by the engine: TaskForms). */
  checkForm: (task: UserTask, instance: { definitionId: number; variables: Variables }, variables: Variables) => Promise<void> = async () => undefined;
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly instances: Instances,
    private readonly calendars: WorkingCalendarProvider,
  ) {}

  list(actor: Actor): Promise<UserTask[]> {
    return listTasksFor(this.db, actor);
  }

  /** The task, whatever its status; who may read it is the access policy's to say. */
  get(id: string): Promise<UserTask> {
    return this.require(id);
  }

  async claim(id: string, actor: Actor): Promise<UserTask> {
    // The common case in one statement (atomic on its own); only a refusal reads the task to say why.
    const claimed = await claimIfOpen(this.db, id, actor, this.clock.now());
    if (claimed) return claimed;
    const task = await this.requireOpen(id);
    if (task.assignee === actor.username) return task;
    if (!isCandidate(task, actor)) throw forbidden('you are not a candidate for this task').as('task.notCandidate');
    if (task.assignee) throw conflict(`the task is already claimed by ${task.assignee}`).as('task.claimedBy', { assignee: task.assignee });
    throw conflict('the task was claimed by someone else just now').as('task.claimedJustNow');
  }

  async unclaim(id: string, actor: Actor): Promise<UserTask> {
    const task = await this.requireOpen(id);
    if (task.assignee !== actor.username) throw forbidden('only the assignee may release the task').as('task.onlyAssigneeReleases');
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query(
        `update tasks set assignee = null, rev = rev + 1 where id = $1 and status = 'open' and assignee = $2 and rev = $3`,
        [id, actor.username, task.rev],
      );
      if (rowCount !== 1) throw conflict('the task changed concurrently; reload and try again').as('task.changedConcurrently');
      await appendHistory(tx, [{ instanceId: task.instanceId, type: 'task-unclaimed', elementId: task.elementId, at: now, actor: actor.username, data: { taskId: id } }]);
    });
    return this.require(id);
  }

  async complete(id: string, actor: Actor, variables: Variables): Promise<UserTask> {
    // The task and its instance in one read; the task's completion commits in the instance's statement.
    const read = await readTaskForAdvance(this.db, id);
    if (!read) throw notFound(`no task ${id}`).as('task.unknown');
    const { task, instance } = read;
    if (task.status !== 'open') throw conflict(`the task is already ${task.status}`).as(`task.already.${task.status as 'completed' | 'cancelled'}`);
    if (task.assignee !== actor.username) {
      throw task.assignee
        ? forbidden(`only the assignee (${task.assignee}) may complete the task`).as('task.onlyAssigneeCompletes', { assignee: task.assignee })
        : forbidden('claim the task before completing it').as('task.claimFirst');
    }
    await this.checkForm(task, { definitionId: instance.definition_id, variables: instance.variables }, variables);
    const now = this.clock.now();
    // The durations in working time, for the SOP performance aggregate (migration 21's trigger).
    const { rows: claims } = await this.db.query<{ claimed_at: Date | string | null }>('select claimed_at from tasks where id = $1', [id]);
    const claimedAt = claims[0]?.claimed_at;
    const took = taskDurations(await this.calendars.get(), {
      createdAt: new Date(task.createdAt),
      claimedAt: claimedAt ? new Date(claimedAt) : null,
      endedAt: now,
      dueAt: task.dueAt ? new Date(task.dueAt) : null,
    });
    await this.instances.advance(task.instanceId, {
      actor: actor.username,
      completeTask: { executionId: task.executionId, elementId: task.elementId, variables },
      read: instance,
      own: {
        part: {
          sql: `update tasks set status = 'completed', ended_at = $4, ended_by = $2, rev = rev + 1, work_ms = $5, wait_ms = $6, allowed_ms = $7
                 where id = $1 and status = 'open' and assignee = $2 and rev = $3 returning 1`,
          params: [id, actor.username, task.rev, now.toISOString(), took.workMs, took.waitMs, took.allowedMs],
        },
        conflictMessage: 'the task changed concurrently; reload and try again',
        conflictCode: 'task.changedConcurrently',
        history: [{ instanceId: task.instanceId, type: 'task-completed', elementId: task.elementId, at: now, actor: actor.username, data: { taskId: id, variables } }],
      },
    });
    // The guarded update above changed exactly these two fields.
    return { ...task, status: 'completed', rev: task.rev + 1 };
  }

  private async require(id: string): Promise<UserTask> {
    const task = await getTask(this.db, id);
    if (!task) throw notFound(`no task ${id}`).as('task.unknown');
    return task;
  }

  private async requireOpen(id: string): Promise<UserTask> {
    const task = await this.require(id);
    if (task.status !== 'open') throw conflict(`the task is already ${task.status}`).as(`task.already.${task.status as 'completed' | 'cancelled'}`);
    return task;
  }
}
