import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { Actor } from './actor';
import type { HistoryEntry } from './history';
import type { WaitingUserTask } from './processRuntime';
import { resolveList, resolvePlaceholders, type Variables } from './variables';

/** A user task as staff see it in their worklist. */
export interface UserTask {
  id: string;
  instanceId: string;
  processKey: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: string | null;
  createdAt: string;
  status: 'open' | 'completed' | 'cancelled';
  rev: number;
  executionId: string;
}

interface TaskRow {
  id: string;
  instance_id: string;
  process_key: string;
  element_id: string;
  execution_id: string;
  name: string | null;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_at: Date | string | null;
  created_at: Date | string;
  status: UserTask['status'];
  rev: number;
}

export const taskSelect = `select t.id, t.instance_id, i.key as process_key, t.element_id, t.execution_id, t.name, t.assignee,
  t.candidate_groups, t.candidate_users, t.due_at, t.created_at, t.status, t.rev
  from tasks t join process_instances i on i.id = t.instance_id`;

export function toTask(r: TaskRow): UserTask {
  return {
    id: r.id,
    instanceId: r.instance_id,
    processKey: r.process_key,
    elementId: r.element_id,
    executionId: r.execution_id,
    name: r.name,
    assignee: r.assignee,
    candidateGroups: r.candidate_groups,
    candidateUsers: r.candidate_users,
    dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    status: r.status,
    rev: r.rev,
  };
}

export function isCandidate(task: Pick<UserTask, 'candidateGroups' | 'candidateUsers' | 'assignee'>, actor: Actor): boolean {
  return (
    task.assignee === actor.username ||
    task.candidateUsers.includes(actor.username) ||
    task.candidateGroups.some((g) => actor.groups.includes(g))
  );
}

export async function getTask(db: Queryable, id: string): Promise<UserTask | undefined> {
  const { rows } = await db.query<TaskRow>(`${taskSelect} where t.id = $1`, [id]);
  return rows[0] ? toTask(rows[0]) : undefined;
}

/** Open tasks assigned to the actor, or unassigned and offered to one of their groups or to them. */
export async function listTasksFor(db: Queryable, actor: Actor): Promise<UserTask[]> {
  const { rows } = await db.query<TaskRow>(
    `${taskSelect}
      where t.status = 'open'
        and (t.assignee = $1 or (t.assignee is null and (t.candidate_groups && $2::text[] or $1 = any(t.candidate_users))))
      order by t.due_at nulls last, t.created_at`,
    [actor.username, actor.groups],
  );
  return rows.map(toTask);
}

export async function listInstanceTasks(db: Queryable, instanceId: string, openOnly = false): Promise<UserTask[]> {
  const { rows } = await db.query<TaskRow>(
    `${taskSelect} where t.instance_id = $1 ${openOnly ? "and t.status = 'open'" : ''} order by t.created_at, t.id`,
    [instanceId],
  );
  return rows.map(toTask);
}

export interface TaskPlan {
  /** Resolves a task's `camunda:dueDate` (already placeholder-free) to a moment. */
  dueDate(value: string): Date;
  now: Date;
  actor: string | null;
  elementNames: Map<string, string>;
}

/**
 * Makes the instance's open task rows match the user tasks its engine is waiting on: new waits
 * become tasks, tasks whose wait is gone (a timer interrupted them) are cancelled.
 * Returns the history entries it implies; a task whose attributes cannot be resolved still
 * gets a row (visible to nobody but its assignee) and an incident.
 */
export async function reconcileUserTasks(
  tx: Queryable,
  instanceId: string,
  waiting: WaitingUserTask[],
  variables: Variables,
  plan: TaskPlan,
): Promise<HistoryEntry[]> {
  const history: HistoryEntry[] = [];
  const { rows: open } = await tx.query<{ id: string; execution_id: string; element_id: string }>(
    `select id, execution_id, element_id from tasks where instance_id = $1 and status = 'open'`,
    [instanceId],
  );
  const waitingIds = new Set(waiting.map((w) => w.executionId));
  const gone = open.filter((t) => !waitingIds.has(t.execution_id));
  if (gone.length) {
    await tx.query(`update tasks set status = 'cancelled', ended_at = $2, rev = rev + 1 where id = any($1::uuid[])`, [
      gone.map((t) => t.id),
      plan.now.toISOString(),
    ]);
    for (const t of gone) history.push({ instanceId, type: 'task-cancelled', elementId: t.element_id, at: plan.now, actor: plan.actor, data: { taskId: t.id } });
  }
  const known = new Set(open.map((t) => t.execution_id));
  for (const w of waiting) {
    if (known.has(w.executionId)) continue;
    const id = randomUUID();
    let candidateGroups: string[] = [];
    let candidateUsers: string[] = [];
    let assignee: string | null = null;
    let dueAt: Date | null = null;
    try {
      candidateGroups = resolveList(w.attributes.candidateGroups, variables);
      candidateUsers = resolveList(w.attributes.candidateUsers, variables);
      assignee = w.attributes.assignee ? resolvePlaceholders(w.attributes.assignee, variables) || null : null;
      dueAt = w.attributes.dueDate ? plan.dueDate(resolvePlaceholders(w.attributes.dueDate, variables)) : null;
    } catch (err) {
      history.push({ instanceId, type: 'incident', elementId: w.elementId, at: plan.now, actor: plan.actor, data: { message: (err as Error).message } });
      await tx.query(
        `insert into incidents (id, instance_id, element_id, message, created_at) values ($1, $2, $3, $4, $5)`,
        [randomUUID(), instanceId, w.elementId, (err as Error).message, plan.now.toISOString()],
      );
    }
    const name = w.name ?? plan.elementNames.get(w.elementId) ?? null;
    // on conflict: a wait seen again after recovery is the same task, never a second one.
    await tx.query(
      `insert into tasks (id, instance_id, execution_id, element_id, name, assignee, candidate_groups, candidate_users, due_at, status, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10) on conflict (instance_id, execution_id) do nothing`,
      [id, instanceId, w.executionId, w.elementId, name, assignee, candidateGroups, candidateUsers, dueAt?.toISOString() ?? null, plan.now.toISOString()],
    );
    history.push({
      instanceId,
      type: 'task-created',
      elementId: w.elementId,
      at: plan.now,
      actor: plan.actor,
      data: { taskId: id, name, assignee, candidateGroups, candidateUsers, dueAt: dueAt?.toISOString() ?? null },
    });
  }
  return history;
}
