import { randomUUID } from 'node:crypto';
import type { TaskStatus, TaskView } from '../contract/tasks';
import type { Queryable } from '../db/database';
import type { Actor } from './actor';
import type { HistoryEntry } from './history';
import type { WaitingUserTask } from './processRuntime';
import type { BatchPart } from './statementBatch';
import { resolveList, resolvePlaceholders, type Variables } from './variables';

/** A user task with what the engine keeps about it besides what staff see (TaskView). */
export interface UserTask extends TaskView {
  status: TaskStatus;
  rev: number;
  executionId: string;
}

export interface TaskRow {
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

/** A task row's columns (alias t); with `i.key as process_key` they make a TaskRow. */
export const taskColumns = `t.id, t.instance_id, t.element_id, t.execution_id, t.name, t.assignee,
  t.candidate_groups, t.candidate_users, t.due_at, t.created_at, t.status, t.rev`;

export const taskSelect = `select ${taskColumns}, i.key as process_key from tasks t join process_instances i on i.id = t.instance_id`;

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

/**
 * The keys under which a task can be offered to the actor: `g:<group>` for each of their groups,
 * `u:<username>` for them. The SQL twin, task_offer_keys (migration 14), gives a task's keys from
 * its candidate groups and users; the two overlap exactly when isCandidate holds for an
 * unassigned task.
 */
export function offerKeys(actor: Pick<Actor, 'username' | 'groups'>): string[] {
  return [...actor.groups.map((g) => `g:${g}`), `u:${actor.username}`];
}

/**
 * SQL over tasks `t`: assigned to the user, or unassigned and offered to them (a candidate user,
 * or one of their groups a candidate group). `keys` binds offerKeys(actor). The SQL twin of
 * isCandidate; every list and the claim use it.
 */
export function offeredSql(me: string, keys: string): string {
  return `(${assignedArmSql(me)} or ${offeredArmSql(keys)})`;
}

/*
 * offeredSql's two disjoint arms: assigned to the user; unassigned and offered to them. Each arm
 * reads one index on open tasks (by assignee; the offer keys of migration 14), so a list that
 * queries the arms apart never makes the planner weigh an OR against a walk over every open task.
 */
export const assignedArmSql = (me: string): string => `t.assignee = ${me}`;
export const offeredArmSql = (keys: string): string =>
  `(t.assignee is null and task_offer_keys(t.candidate_groups, t.candidate_users) && ${keys}::text[])`;

/**
 * SQL over an instance `i`: the user started it, or one of its tasks was ever assigned or
 * offered to them (open or not). Who was involved in an instance may read it.
 */
export function involvedSql(me: string, groups: string): string {
  return `(i.started_by = ${me} or exists (select 1 from tasks t where t.instance_id = i.id
           and (t.assignee = ${me} or t.candidate_users @> array[${me}]::text[] or t.candidate_groups && ${groups}::text[])))`;
}

export async function getTask(db: Queryable, id: string): Promise<UserTask | undefined> {
  const { rows } = await db.query<TaskRow>(`${taskSelect} where t.id = $1`, [id]);
  return rows[0] ? toTask(rows[0]) : undefined;
}

/**
 * Claims an open, unassigned task the actor is a candidate for, and records it in history, in one
 * statement. The assignee-is-null guard makes two simultaneous claims end with one winner.
 * Undefined when the task is not claimable by the actor (the caller reads it to tell why).
 */
export async function claimIfOpen(db: Queryable, id: string, actor: Actor, now: Date): Promise<UserTask | undefined> {
  const { rows } = await db.query<TaskRow>(
    `with t as (
       update tasks t set assignee = $2, claimed_at = coalesce(t.claimed_at, $4), rev = rev + 1
        where id = $1 and status = 'open' and assignee is null and ${offeredSql('$2', '$3')}
       returning id, instance_id, element_id, execution_id, name, assignee, candidate_groups, candidate_users, due_at, created_at, status, rev
     ), h as (
       insert into history (instance_id, type, element_id, at, actor, data)
       select instance_id, 'task-claimed', element_id, $4, $2, jsonb_build_object('taskId', id) from t
     )
     select t.*, i.key as process_key from t join process_instances i on i.id = t.instance_id`,
    [id, actor.username, offerKeys(actor), now.toISOString()],
  );
  return rows[0] ? toTask(rows[0]) : undefined;
}

/** Open tasks assigned to the actor, or unassigned and offered to one of their groups or to them. */
export async function listTasksFor(db: Queryable, actor: Actor): Promise<UserTask[]> {
  const { rows } = await db.query<TaskRow>(
    `${taskSelect}
      where t.status = 'open' and ${offeredSql('$1', '$2')}
      order by t.due_at nulls last, t.created_at`,
    [actor.username, offerKeys(actor)],
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

/** An open task row of an instance as read before its command ran. */
export interface KnownTask {
  id: string;
  executionId: string;
  elementId: string;
}

/**
 * The writes that make the instance's open task rows match the user tasks its engine is waiting
 * on, given the open rows it had (read at the revision the command is guarded by): new waits
 * become tasks, tasks whose wait is gone (a timer interrupted them) are cancelled. `completing`
 * is the execution the command completes: its row is closed by the caller, not cancelled.
 * Also returns the history entries it implies; a task whose attributes cannot be resolved still
 * gets a row (visible to nobody but its assignee) and an incident.
 */
export function userTaskParts(
  instanceId: string,
  waiting: WaitingUserTask[],
  variables: Variables,
  plan: TaskPlan,
  open: KnownTask[],
  completing: string | undefined,
): { parts: BatchPart[]; history: HistoryEntry[] } {
  const history: HistoryEntry[] = [];
  const parts: BatchPart[] = [];
  const now = plan.now.toISOString();
  const waitingIds = new Set(waiting.map((w) => w.executionId));
  const gone = open.filter((t) => !waitingIds.has(t.executionId) && t.executionId !== completing);
  if (gone.length) {
    parts.push({
      sql: `update tasks set status = 'cancelled', ended_at = $2, rev = rev + 1 where id = any($1::uuid[]) and status = 'open'`,
      params: [gone.map((t) => t.id), now],
    });
    for (const t of gone) history.push({ instanceId, type: 'task-cancelled', elementId: t.elementId, at: plan.now, actor: plan.actor, data: { taskId: t.id } });
  }
  const known = new Set(open.map((t) => t.executionId));
  const rows: { id: string; w: WaitingUserTask; name: string | null; assignee: string | null; groups: string[]; users: string[]; dueAt: string | null }[] = [];
  const incidents: { elementId: string; message: string }[] = [];
  for (const w of waiting) {
    if (known.has(w.executionId)) continue;
    const id = randomUUID();
    let candidateGroups: string[] = [];
    let candidateUsers: string[] = [];
    let assignee: string | null = null;
    let dueAt: Date | null = null;
    // A task's local variables (a multi-instance item) shadow the process's, as in Camunda 7.
    const scope = Object.keys(w.locals).length ? { ...variables, ...w.locals } : variables;
    try {
      candidateGroups = resolveList(w.attributes.candidateGroups, scope);
      candidateUsers = resolveList(w.attributes.candidateUsers, scope);
      assignee = w.attributes.assignee ? resolvePlaceholders(w.attributes.assignee, scope) || null : null;
      dueAt = w.attributes.dueDate ? plan.dueDate(resolvePlaceholders(w.attributes.dueDate, scope)) : null;
    } catch (err) {
      history.push({ instanceId, type: 'incident', elementId: w.elementId, at: plan.now, actor: plan.actor, data: { message: (err as Error).message } });
      incidents.push({ elementId: w.elementId, message: (err as Error).message });
    }
    const name = w.name ?? plan.elementNames.get(w.elementId) ?? null;
    rows.push({ id, w, name, assignee, groups: candidateGroups, users: candidateUsers, dueAt: dueAt?.toISOString() ?? null });
    history.push({
      instanceId,
      type: 'task-created',
      elementId: w.elementId,
      at: plan.now,
      actor: plan.actor,
      data: { taskId: id, name, assignee, candidateGroups, candidateUsers, dueAt: dueAt?.toISOString() ?? null },
    });
  }
  if (incidents.length) {
    parts.push({
      sql: `insert into incidents (id, instance_id, element_id, message, created_at)
            select gen_random_uuid(), $1, e, m, $4 from unnest($2::text[], $3::text[]) as t(e, m)`,
      params: [instanceId, incidents.map((i) => i.elementId), incidents.map((i) => i.message), now],
    });
  }
  if (rows.length) {
    // Text arrays cannot be nested in unnest; the candidate lists travel as JSON.
    // on conflict: a wait seen again after recovery is the same task, never a second one.
    parts.push({
      sql: `insert into tasks (id, instance_id, execution_id, element_id, name, assignee, candidate_groups, candidate_users, due_at, status, created_at)
            select id, $1, x, e, n, a, array(select jsonb_array_elements_text(g)), array(select jsonb_array_elements_text(u)), d, 'open', $9
              from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $10::timestamptz[]) as t(id, x, e, n, a, g, u, d)
            on conflict (instance_id, execution_id) do nothing`,
      params: [
        instanceId,
        rows.map((r) => r.id),
        rows.map((r) => r.w.executionId),
        rows.map((r) => r.w.elementId),
        rows.map((r) => r.name),
        rows.map((r) => r.assignee),
        rows.map((r) => JSON.stringify(r.groups)),
        rows.map((r) => JSON.stringify(r.users)),
        now,
        rows.map((r) => r.dueAt),
      ],
    });
  }
  return { parts, history };
}
