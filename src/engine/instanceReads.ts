import type { InstanceStatus } from '../contract/audit';
import type { Queryable } from '../db/database';
import { conflict } from './errors';
import type { EngineState } from './processRuntime';
import type { KnownTimer } from './timerJobs';
import { taskColumns, toTask, type KnownTask, type TaskRow, type UserTask } from './userTasks';
import type { Variables } from './variables';

export type { InstanceStatus };

export interface InstanceRow {
  id: string;
  definition_id: number;
  key: string;
  version: number;
  business_key: string | null;
  status: InstanceStatus;
  variables: Variables;
  active_elements: string[];
  rev: number;
  started_by: string | null;
  started_at: Date | string;
  ended_at: Date | string | null;
  parent_id: string | null;
  parent_execution_id: string | null;
}

export const columns =
  'id, definition_id, key, version, business_key, status, variables, active_elements, rev, started_by, started_at, ended_at, parent_id, parent_execution_id';

/**
 * The instance as a command reads it before running the engine: its row, plus the open tasks and
 * timer jobs it has at that revision, from which the command's writes are computed (every change
 * to those rows bumps the instance's revision, and the command's write checks it). `state` is
 * null when a live engine covers the revision; see readState.
 */
export interface AdvanceRow extends InstanceRow {
  state: EngineState | null;
  openTasks: KnownTask[];
  timers: KnownTimer[];
}

interface RawAdvanceRow extends InstanceRow {
  state: EngineState | null;
  open_tasks: KnownTask[];
  timer_jobs: { executionId: string; dueAt: string; moved: boolean }[];
}

// The related rows as JSON, so one statement reads the instance and all it implies.
const related = `
  (select coalesce(json_agg(json_build_object('id', ot.id, 'executionId', ot.execution_id, 'elementId', ot.element_id)), '[]')
     from tasks ot where ot.instance_id = i.id and ot.status = 'open') as open_tasks,
  (select coalesce(json_agg(json_build_object('executionId', tj.execution_id, 'dueAt', tj.due_at, 'moved', tj.payload ? 'movedFrom')), '[]')
     from jobs tj where tj.instance_id = i.id and tj.kind = 'timer') as timer_jobs`;

const instanceJson = `json_build_object(${columns
  .split(', ')
  .map((c) => `'${c}', i.${c}`)
  .join(', ')})`;

function toAdvanceRow(r: RawAdvanceRow): AdvanceRow {
  const { open_tasks, timer_jobs, ...row } = r;
  return { ...row, openTasks: open_tasks, timers: timer_jobs.map((t) => ({ executionId: t.executionId, dueAt: new Date(t.dueAt), moved: t.moved })) };
}

/** Leaves the (large) stored state out when `cachedRev` is current: the live engine kept for it replaces it. */
export async function readForAdvance(db: Queryable, instanceId: string, cachedRev: number | undefined): Promise<AdvanceRow | undefined> {
  const { rows } = await db.query<RawAdvanceRow>(
    `select ${columns}, case when i.rev = $2 then null else i.state end as state, ${related}
       from process_instances i where i.id = $1`,
    [instanceId, cachedRev ?? -1],
  );
  return rows[0] ? toAdvanceRow(rows[0]) : undefined;
}

/** A task with its instance as readForAdvance reads it (state left out), in one statement. */
export async function readTaskForAdvance(db: Queryable, taskId: string): Promise<{ task: UserTask; instance: AdvanceRow } | undefined> {
  const { rows } = await db.query<TaskRow & Pick<RawAdvanceRow, 'open_tasks' | 'timer_jobs'> & { instance: InstanceRow }>(
    `select ${taskColumns}, i.key as process_key, ${instanceJson} as instance, ${related}
       from tasks t join process_instances i on i.id = t.instance_id
      where t.id = $1`,
    [taskId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return { task: toTask(r), instance: toAdvanceRow({ ...r.instance, state: null, open_tasks: r.open_tasks, timer_jobs: r.timer_jobs }) };
}

/** The stored state, when no live engine covered the revision read without it. */
export async function readState(db: Queryable, instanceId: string, rev: number): Promise<EngineState> {
  const { rows } = await db.query<{ state: EngineState }>('select state from process_instances where id = $1 and rev = $2', [instanceId, rev]);
  if (!rows[0]) throw conflict('the instance was changed concurrently; reload and try again').as('instance.changedConcurrently');
  return rows[0].state;
}
