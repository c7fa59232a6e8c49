import type { Clock } from '../clock';
import type { ErrorCode } from '../contract/errors';
import type { Database } from '../db/database';
import type { WorkingCalendarProvider } from './calendarProvider';
import { literalDuration } from './deadlines';
import type { Deployments, LoadedDefinition } from './deployments';
import { badRequest, notFound } from './errors';
import { historyPart, type HistoryEntry } from './history';
import { commitPlan } from './instanceCommit';
import { mappingProblems, renamesFor, rewriteState, targetOf, type MigrationProblem } from './migrationPlan';
import { runEngine, type EngineState, type WaitingCall, type WaitingUserTask } from './processRuntime';
import { StatementBatch } from './statementBatch';
import { resolveTimer } from './timerExpressions';
import { resolveList, resolvePlaceholders, type Variables } from './variables';
import { taskDueDate, workflowTimeFor } from './workflowTime';
import type { WorkingCalendar } from './workingCalendar';

/**
 * Instance migration: running instances of one version of a process move to another version of
 * the same process (what Camunda 7 offers only in its paid cockpit). Each active element becomes
 * the element of the same id in the target, unless the mapping names another; every instance is
 * checked first, and any element that cannot move refuses the whole request, listing each one.
 *
 * Moving one instance is one guarded statement (its own transaction): the instance row takes the
 * target version and the rewritten engine state, checked against the revision read; open tasks
 * keep id, assignee and claim but take the target's name and candidates; due dates of tasks and
 * timers are counted again with the target's durations from when their step began (the way
 * src/engine/deadlines.ts moves them for a calendar change, `movedFrom` on the job); history says
 * "dipindahkan v1 → v2". One instance failing (a concurrent change: 409) leaves the others moving.
 * A dry run computes all of it and writes nothing.
 */

/** How many instances one request may name (or "all" takes): the client moves a backlog in batches. */
export const MIGRATION_BATCH_MAX = 200;

export interface MigrationRequest {
  key: string;
  from: number;
  to: number;
  instances: string[] | 'all';
  mapping: Record<string, string>;
  dryRun: boolean;
  actor: string | null;
}

export interface DueChange {
  from: string | null;
  to: string | null;
}

export interface MigratedTask {
  taskId: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: DueChange;
}

export interface MigratedTimer {
  jobId: string;
  elementId: string;
  dueAt: DueChange;
}

export interface InstanceMigrationResult {
  instanceId: string;
  businessKey: string | null;
  /** `planned` in a dry run. */
  status: 'moved' | 'planned' | 'failed';
  code?: ErrorCode;
  reason?: string;
  elements: { from: string; to: string }[];
  tasks: MigratedTask[];
  timers: MigratedTimer[];
}

export interface MigrationReport {
  key: string;
  from: number;
  to: number;
  dryRun: boolean;
  /** Running instances of the source version in all (with "all", more than one request may be needed). */
  remaining: number;
  results: InstanceMigrationResult[];
}

interface InstanceRead {
  id: string;
  business_key: string | null;
  definition_id: number;
  status: string;
  rev: number;
  state: EngineState;
  variables: Variables;
  active_elements: string[];
}

interface TaskRead {
  id: string;
  execution_id: string;
  element_id: string;
  name: string | null;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_at: Date | string | null;
  created_at: Date | string;
}

interface JobRead {
  id: string;
  execution_id: string;
  element_id: string;
  due_at: Date | string;
  created_at: Date | string;
  payload: Record<string, unknown>;
}

/** Far enough that no timer fires while the target version's engine only recovers the state to check it. */
const NEVER = new Date(Date.UTC(9999, 0, 1));

const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);

class MigrationFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class InstanceMigrations {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly deployments: Deployments,
    private readonly calendars: WorkingCalendarProvider,
  ) {}

  async migrate(req: MigrationRequest): Promise<MigrationReport> {
    if (req.from === req.to) throw badRequest('choose two different versions').as('migration.sameVersion');
    const [a, b] = await Promise.all([this.version(req.key, req.from), this.version(req.key, req.to)]);
    const ids = req.instances === 'all' ? await this.runningOn(a.definition.id) : [...new Set(req.instances)];
    const rows = await this.read(ids);
    // Every selected instance is checked before any moves: a mapping gap refuses the whole request.
    const problems: MigrationProblem[] = [];
    for (const row of rows.values()) {
      if (row.definition_id === a.definition.id && row.status === 'running') problems.push(...mappingProblems(row.id, row.active_elements, a.model, b.model, req.mapping));
    }
    if (problems.length) {
      // detail lists each problem (instance, element, why), for the page to show them all at once.
      throw badRequest(`${problems.length} active element(s) cannot move to version ${req.to}`, problems).as('migration.unmappable', { count: problems.length });
    }
    const calendar = await this.calendars.get();
    const results: InstanceMigrationResult[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      try {
        if (!row || row.definition_id !== a.definition.id || row.status !== 'running') {
          throw new MigrationFailure('migration.notOnVersion', `instance ${id} is not running on version ${req.from}`);
        }
        results.push(await this.moveOne(row, a, b, req, calendar));
      } catch (err) {
        const e = err as { code?: ErrorCode; message: string };
        results.push({
          instanceId: id,
          businessKey: row?.business_key ?? null,
          status: 'failed',
          code: e.code,
          reason: e.message,
          elements: [],
          tasks: [],
          timers: [],
        });
      }
    }
    const { rows: left } = await this.db.query<{ n: string | number }>(
      `select count(*) as n from process_instances where definition_id = $1 and status = 'running'`,
      [a.definition.id],
    );
    return { key: req.key, from: req.from, to: req.to, dryRun: req.dryRun, remaining: Number(left[0].n), results };
  }

  private async moveOne(row: InstanceRead, a: LoadedDefinition, b: LoadedDefinition, req: MigrationRequest, calendar: WorkingCalendar): Promise<InstanceMigrationResult> {
    const { rows: tasks } = await this.db.query<TaskRead>(
      `select id, execution_id, element_id, name, assignee, candidate_groups, candidate_users, due_at, created_at
         from tasks where instance_id = $1 and status = 'open' order by created_at, id`,
      [row.id],
    );
    const { rows: jobs } = await this.db.query<JobRead>(
      `select id, execution_id, element_id, due_at, created_at, payload from jobs where instance_id = $1 and kind = 'timer' order by due_at, id`,
      [row.id],
    );
    const renames = renamesFor(row.active_elements, req.mapping);
    const state = rewriteState(row.state, renames);
    const activeAfter = row.active_elements.map((e) => targetOf(e, req.mapping));
    const { waiting, calls } = await this.resumedUnder(b, state, activeAfter, row.variables, calendar);

    const movedTasks: (MigratedTask & { candidateUsers: string[] })[] = tasks.map((t) => {
      const elementId = targetOf(t.element_id, req.mapping);
      const w = waiting.get(t.execution_id);
      if (!w || w.elementId !== elementId) throw new MigrationFailure('migration.stateMismatch', `task ${t.id} (${t.element_id}) is not waiting as ${elementId} under version ${req.to}`);
      const scope = Object.keys(w.locals).length ? { ...row.variables, ...w.locals } : row.variables;
      return {
        taskId: t.id,
        elementId,
        // The recovered state still carries the old name in its messages: the diagram's is the new one.
        name: b.model.elementNames.get(elementId) ?? w.name ?? null,
        assignee: t.assignee,
        candidateGroups: resolveList(w.attributes.candidateGroups, scope),
        candidateUsers: resolveList(w.attributes.candidateUsers, scope),
        dueAt: { from: iso(t.due_at), to: this.taskDue(b, elementId, w, scope, new Date(t.created_at), calendar, t.due_at) },
      };
    });
    const movedTimers: MigratedTimer[] = jobs.map((j) => {
      const elementId = targetOf(j.element_id, req.mapping);
      return { jobId: j.id, elementId, dueAt: { from: iso(j.due_at), to: this.timerDue(b, elementId, new Date(j.created_at), calendar, j.due_at) } };
    });
    const result: InstanceMigrationResult = {
      instanceId: row.id,
      businessKey: row.business_key,
      status: req.dryRun ? 'planned' : 'moved',
      elements: row.active_elements.map((e) => ({ from: e, to: targetOf(e, req.mapping) })),
      tasks: movedTasks.map(({ candidateUsers: _u, ...t }) => t),
      timers: movedTimers,
    };
    if (req.dryRun) return result;

    const now = this.clock.now();
    const batch = new StatementBatch();
    batch.guard(
      {
        sql: `update process_instances set definition_id = $3, version = $4, state = $5, active_elements = $6, rev = rev + 1
               where id = $1 and rev = $2 and definition_id = $7 and status = 'running' returning 1`,
        params: [row.id, row.rev, b.definition.id, b.definition.version, JSON.stringify(state), activeAfter, a.definition.id],
      },
      'the instance was changed concurrently; reload and try again',
      'instance.changedConcurrently',
    );
    if (movedTasks.length) {
      batch.add({
        sql: `update tasks t set element_id = x.e, name = x.n, due_at = x.d, rev = t.rev + 1,
                     candidate_groups = array(select jsonb_array_elements_text(x.g)), candidate_users = array(select jsonb_array_elements_text(x.u))
                from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::jsonb[]) as x(id, e, n, d, g, u)
               where t.id = x.id and t.status = 'open'`,
        params: [
          movedTasks.map((t) => t.taskId),
          movedTasks.map((t) => t.elementId),
          movedTasks.map((t) => t.name),
          movedTasks.map((t) => t.dueAt.to),
          movedTasks.map((t) => JSON.stringify(t.candidateGroups)),
          movedTasks.map((t) => JSON.stringify(t.candidateUsers)),
        ],
      });
    }
    if (movedTimers.length) {
      // A due date that changed is the job's from now on (`movedFrom`, as a calendar change leaves it):
      // the engine's state still remembers the old one, and the job's wins (workflowTimeFor's dueOf).
      batch.add({
        sql: `update jobs j set element_id = x.e, due_at = x.d,
                     payload = case when j.due_at = x.d then j.payload
                                    else j.payload || jsonb_build_object('movedFrom', coalesce(j.payload->'movedFrom', to_jsonb(j.due_at))) end
                from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as x(id, e, d) where j.id = x.id`,
        params: [movedTimers.map((t) => t.jobId), movedTimers.map((t) => t.elementId), movedTimers.map((t) => t.dueAt.to)],
      });
    }
    if (renames.size) {
      const from = [...renames.keys()];
      const to = [...renames.values()];
      batch.add({
        sql: `update event_subscriptions s set element_id = x.t from unnest($2::text[], $3::text[]) as x(f, t) where s.instance_id = $1 and s.element_id = x.f`,
        params: [row.id, from, to],
      });
      batch.add({
        sql: `update external_tasks s set element_id = x.t from unnest($2::text[], $3::text[]) as x(f, t) where s.instance_id = $1 and s.element_id = x.f`,
        params: [row.id, from, to],
      });
      // A call activity's pending start or return names the element it belongs to (the timers are moved above).
      batch.add({
        sql: `update jobs j set element_id = x.t from unnest($2::text[], $3::text[]) as x(f, t) where j.instance_id = $1 and j.kind <> 'timer' and j.element_id = x.f`,
        params: [row.id, from, to],
      });
    }
    const entry: HistoryEntry = {
      instanceId: row.id,
      type: 'migrated',
      elementId: null,
      at: now,
      actor: req.actor,
      data: {
        key: req.key,
        fromVersion: req.from,
        toVersion: req.to,
        elements: result.elements.filter((e) => e.from !== e.to),
        // A running child returns to its call by execution: requestCallReturn reads the call's new id here.
        calls: calls.filter((c) => [...renames.values()].includes(c.elementId)).map((c) => ({ executionId: c.executionId, elementId: c.elementId })),
        tasks: result.tasks.filter((t) => t.dueAt.from !== t.dueAt.to).map((t) => ({ taskId: t.taskId, elementId: t.elementId, from: t.dueAt.from, to: t.dueAt.to })),
        timers: result.timers.filter((t) => t.dueAt.from !== t.dueAt.to).map((t) => ({ jobId: t.jobId, elementId: t.elementId, from: t.dueAt.from, to: t.dueAt.to })),
      },
    };
    batch.add(historyPart([entry]));
    await this.db.transaction((tx) => commitPlan(tx, { batch }));
    return result;
  }

  /**
   * Recovers the rewritten state under the target version, as the next command will, without
   * letting any timer fire: the user tasks it then waits on, by execution. A state that does not
   * come back running on the same elements is refused before anything is written.
   */
  private async resumedUnder(
    b: LoadedDefinition,
    state: EngineState,
    activeAfter: string[],
    variables: Variables,
    calendar: WorkingCalendar,
  ): Promise<{ waiting: Map<string, WaitingUserTask>; calls: WaitingCall[] }> {
    const time = { ...workflowTimeFor(b.model, this.clock, calendar), dueOf: () => NEVER };
    let result;
    try {
      result = await runEngine({ model: b.model, time, state, variables: { ...variables } });
    } catch (err) {
      throw new MigrationFailure('migration.stateMismatch', `the state does not resume under version ${b.definition.version}: ${(err as Error).message}`);
    }
    const expected = new Set(activeAfter);
    const resumed = new Set(result.activeElements);
    if (result.status !== 'running' || resumed.size !== expected.size || [...expected].some((e) => !resumed.has(e))) {
      throw new MigrationFailure('migration.stateMismatch', `under version ${b.definition.version} the instance is ${result.status} at ${result.activeElements.join(', ') || 'nothing'}`);
    }
    return { waiting: new Map(result.waitingTasks.map((w) => [w.executionId, w])), calls: result.waitingCalls };
  }

  /** The task's due date with the target's camunda:dueDate counted from when the task began; none when the target sets none. */
  private taskDue(b: LoadedDefinition, elementId: string, w: WaitingUserTask, scope: Variables, began: Date, calendar: WorkingCalendar, old: Date | string | null): string | null {
    const value = w.attributes.dueDate ?? b.model.taskDueDates.get(elementId);
    if (!value) return null;
    try {
      return taskDueDate(resolvePlaceholders(value, scope), b.model, began, calendar).toISOString();
    } catch {
      return iso(old);
    }
  }

  /** The timer's due date with the target's literal timeDuration from when its step began; a date, cycle or expression keeps its own. */
  private timerDue(b: LoadedDefinition, elementId: string, began: Date, calendar: WorkingCalendar, old: Date | string): string {
    const duration = literalDuration(b.model.timerDurations.get(elementId));
    if (!duration) return iso(old)!;
    return resolveTimer('timeDuration', duration, began, b.model.workingTimeTimers.has(elementId) ? calendar : undefined).dueAt.toISOString();
  }

  private async version(key: string, version: number): Promise<LoadedDefinition> {
    const { rows } = await this.db.query<{ id: number }>('select id from process_definitions where key = $1 and version = $2', [key, version]);
    if (!rows[0]) throw notFound(`process "${key}" has no version ${version}`);
    return this.deployments.load(rows[0].id);
  }

  /** The oldest running instances of a version, at most one batch. */
  private async runningOn(definitionId: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `select id from process_instances where definition_id = $1 and status = 'running' order by started_at, id limit $2`,
      [definitionId, MIGRATION_BATCH_MAX],
    );
    return rows.map((r) => r.id);
  }

  private async read(ids: string[]): Promise<Map<string, InstanceRead>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.query<InstanceRead>(
      `select id, business_key, definition_id, status, rev, state, variables, active_elements from process_instances where id = any($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}
