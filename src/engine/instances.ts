import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { InstanceIncident, InstanceTimer } from '../contract/audit';
import type { Database, Queryable } from '../db/database';
import type { Actor } from './actor';
import type { CommitProjection } from './commitProjection';
import type { Deployments, LoadedDefinition } from './deployments';
import { badRequest, conflict, forbidden, notFound } from './errors';
import { appendHistory, type HistoryEntry } from './history';
import { commitPlan, needsTransaction, planCommit, type CommitInput, type OwnWrite, type ParentLink, type RunOutcome } from './instanceCommit';
import { columns, readForAdvance, readState, type AdvanceRow, type InstanceRow, type InstanceStatus } from './instanceReads';
import { LiveEngineCache } from './liveEngineCache';
import { runEngine, type CompleteTask, type EngineState, type EventDelivery, type LiveEngine } from './processRuntime';
import { callInput, callOutput, claimJob } from './callActivities';
import { processPart } from './inputOutput';
import type { BatchPart } from './statementBatch';
import { deleteJob, listInstanceTimers, type KnownTimer, type TimerJob } from './timerJobs';
import type { Variables } from './variables';
import { changedKeys } from './variables';
import { workflowTimeFor } from './workflowTime';
import type { WorkingCalendarProvider } from './calendarProvider';
import type { WorkingCalendar } from './workingCalendar';
import { involvedSql } from './userTasks';

export type { InstanceStatus } from './instanceReads';

export interface ProcessInstance {
  id: string;
  key: string;
  version: number;
  definitionId: number;
  status: InstanceStatus;
  businessKey: string | null;
  activeElements: string[];
  variables: Variables;
  startedBy: string | null;
  startedAt: string;
  endedAt: string | null;
  /** The instance whose call activity started this one, if any. */
  parentId: string | null;
}

export interface ProcessInstanceDetail extends ProcessInstance {
  timers: InstanceTimer[];
  incidents: InstanceIncident[];
}

export function toInstance(r: InstanceRow): ProcessInstance {
  return {
    id: r.id,
    key: r.key,
    version: r.version,
    definitionId: r.definition_id,
    status: r.status,
    businessKey: r.business_key,
    activeElements: r.active_elements,
    variables: r.variables,
    startedBy: r.started_by,
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    parentId: r.parent_id,
  };
}

export interface InstanceFilter {
  /** Only instances this actor started or was offered a task in; absent means all. */
  visibleTo?: Actor;
  key?: string;
  status?: InstanceStatus;
  businessKey?: string;
  limit?: number;
  offset?: number;
}

/**
 * Process instances: start them, move them on, read them. Each command runs bpmn-engine on the
 * stored state, then commits state, tasks, timers and history in one transaction guarded by
 * the instance's revision, so a concurrent change makes this one fail with 409 instead of
 * overwriting it.
 */
export class Instances {
  /** Runs the jobs a commit left due at once (a child to start, a parent to resume); set by the engine. */
  followUp: () => Promise<void> = async () => undefined;
  /** Keeps the record of an instance's business key (a complaint) with each commit; set by the domain. */
  projection?: CommitProjection;
  /** Live engines by instance, valid for the revision they produced (see LiveEngine). */
  private readonly liveEngines = new LiveEngineCache(500);

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly deployments: Deployments,
    private readonly calendars: WorkingCalendarProvider,
  ) {}

  /**
   * Starts an instance of the latest version (or `opts.definitionId`). `prepare` runs first inside
   * the instance's transaction and may supply the business key and variables (a complaint takes
   * its tracking number there); `beforeCommit` adds the caller's own guarded writes.
   */
  async start(
    key: string,
    input: { businessKey?: string; variables?: Variables },
    actor: Actor | null,
    opts: {
      definitionId?: number;
      parent?: ParentLink;
      prepare?: (tx: Queryable) => Promise<{ businessKey?: string; variables?: Variables }>;
      beforeCommit?: (tx: Queryable) => Promise<HistoryEntry[] | void>;
      /** Started by a message or signal: its start event receives it (candidate starters do not apply; Camunda 7). */
      byEvent?: { history: Omit<HistoryEntry, 'instanceId'> };
    } = {},
  ): Promise<ProcessInstanceDetail> {
    const loaded = opts.definitionId ? await this.deployments.load(opts.definitionId) : await this.deployments.latestLoaded(key);
    const eventStart = loaded.model.eventStart;
    if (eventStart && !opts.byEvent) {
      throw badRequest(`"${loaded.model.key}" is started by the ${eventStart.kind} "${eventStart.name}", not by hand`).as('process.startedByEvent', { name: eventStart.name });
    }
    if (actor && !opts.byEvent) assertMayStart(loaded, actor);
    const id = randomUUID();
    const username = actor?.username ?? null;
    // Read before the transaction: on PGlite a query beside an open transaction waits for it.
    const calendar = await this.calendars.get();
    let live: LiveEngine | undefined;
    const followUps = await this.db.transaction(async (tx) => {
      const prepared = opts.prepare ? await opts.prepare(tx) : {};
      const businessKey = prepared.businessKey ?? input.businessKey ?? null;
      const variables: Variables = { ...(input.variables ?? {}), ...(prepared.variables ?? {}) };
      // camunda:initiator: who started it, never what the caller claims under that name.
      const initiator = loaded.model.initiatorVariable;
      if (initiator && username) variables[initiator] = username;
      // A new instance has no concurrent writer, so its engine run may sit inside the transaction.
      const deliver = eventStart && opts.byEvent ? { elementId: eventStart.elementId, variables: {} } : undefined;
      const outcome = await this.run(loaded, { variables, deliver }, username, businessKey, calendar);
      live = outcome.result.live;
      const now = this.clock.now();
      const own = (await opts.beforeCommit?.(tx)) ?? [];
      const insert: BatchPart = {
        sql: `insert into process_instances (id, definition_id, key, version, business_key, status, state, variables, active_elements, started_by, started_at, ended_at, parent_id, parent_execution_id)
              values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning 1`,
        params: [
          id,
          loaded.definition.id,
          loaded.definition.key,
          loaded.definition.version,
          businessKey,
          outcome.result.status,
          JSON.stringify(outcome.result.state),
          JSON.stringify(variables),
          outcome.result.activeElements,
          username,
          now.toISOString(),
          outcome.result.status === 'running' ? null : now.toISOString(),
          opts.parent?.id ?? null,
          opts.parent?.executionId ?? null,
        ],
      };
      const started: HistoryEntry = {
        instanceId: id,
        type: 'instance-started',
        at: now,
        actor: username,
        data: { key, version: loaded.definition.version, businessKey, variables: Object.keys(variables), parentId: opts.parent?.id ?? null },
      };
      const plan = planCommit({
        instanceId: id,
        outcome,
        actor: username,
        leading: [...own, started, ...(opts.byEvent ? [{ ...opts.byEvent.history, instanceId: id }] : [])],
        parent: opts.parent ?? null,
        write: insert,
        known: { openTasks: [], timers: [] },
        // A called process inherits its caller's variables: nothing new about the business key.
        changedVariables: opts.parent ? [] : Object.keys(variables),
        projection: this.projection,
        now,
      });
      return commitPlan(tx, plan);
    });
    if (live) this.liveEngines.keep(id, 1, live);
    if (followUps) await this.followUp();
    return this.get(id);
  }

  /**
   * Resumes an instance (due timers fire on resume) and optionally completes one of its tasks.
   * `own` is the caller's guarded write, committed in the same statement as the instance's;
   * `beforeCommit` runs inside a transaction first, for guarded writes that need statements of
   * their own. `read` is the instance as the caller already read it (readTaskForAdvance).
   */
  async advance(
    instanceId: string,
    opts: {
      actor: string | null;
      completeTask?: CompleteTask;
      /** A message or signal for one of its waits (the caller claims the wait in beforeCommit). */
      deliver?: EventDelivery;
      own?: OwnWrite & { history: HistoryEntry[] };
      beforeCommit?: (tx: Queryable) => Promise<HistoryEntry[]>;
      read?: AdvanceRow;
    },
  ): Promise<void> {
    const row = opts.read ?? (await readForAdvance(this.db, instanceId, this.liveEngines.revision(instanceId)));
    if (!row) throw notFound(`no process instance ${instanceId}`);
    if (row.status !== 'running') throw conflict(`the instance is ${row.status}`).as(`instance.already.${row.status}`);
    const loaded = await this.deployments.load(row.definition_id);
    // A task's variables named like its camunda:inputParameter stay local to it (src/engine/inputOutput.ts).
    const completing = opts.completeTask && processPart(loaded.model.inputOutput.get(opts.completeTask.elementId), opts.completeTask.variables);
    const variables = { ...row.variables, ...(completing ?? {}), ...(opts.deliver?.variables ?? {}) };
    // The live engine is taken out while it runs: a failure anywhere below leaves none behind.
    const live = this.liveEngines.take(instanceId, row.rev);
    const state = row.state ?? (live ? undefined : await readState(this.db, instanceId, row.rev));
    const outcome = await this.run(loaded, { state, variables, completeTask: opts.completeTask, deliver: opts.deliver, live, timers: row.timers }, opts.actor, row.business_key, await this.calendars.get());
    const now = this.clock.now();
    const changed = changedKeys(row.variables, variables);
    const parent = row.parent_id ? { id: row.parent_id, executionId: row.parent_execution_id! } : null;
    const input = (own: HistoryEntry[]): CommitInput => ({
      instanceId,
      outcome,
      actor: opts.actor,
      leading: own.map((h) => (h.type === 'task-completed' ? { ...h, data: { ...h.data, changedVariables: changed } } : h)),
      parent,
      write: {
        sql: `update process_instances set state = $3, variables = $4, status = $5, active_elements = $6, rev = rev + 1,
                     ended_at = case when $5 = 'running' then null else $7::timestamptz end
               where id = $1 and rev = $2 returning 1`,
        params: [instanceId, row.rev, JSON.stringify(outcome.result.state), JSON.stringify(variables), outcome.result.status, outcome.result.activeElements, now.toISOString()],
      },
      known: { openTasks: row.openTasks, timers: row.timers },
      completing: opts.completeTask?.executionId,
      own: opts.own,
      changedVariables: changed,
      projection: this.projection,
      now,
    });
    let followUps = false;
    if (opts.beforeCommit || needsTransaction(outcome, parent)) {
      followUps = await this.db.transaction(async (tx) => {
        const own = opts.beforeCommit ? await opts.beforeCommit(tx) : [];
        return commitPlan(tx, planCommit(input([...(opts.own?.history ?? []), ...own])));
      });
    } else {
      // The whole commit is one statement, atomic by itself: no transaction round trips.
      // (A plan without follow-up steps: needsTransaction said so.)
      await commitPlan(this.db, planCommit(input(opts.own?.history ?? [])));
    }
    if (outcome.result.status === 'running') this.liveEngines.keep(instanceId, row.rev + 1, outcome.result.live);
    if (followUps) await this.followUp();
  }

  /** Carries out a `call-start` job: the child instance of the called process, same business key. */
  async startCalled(job: TimerJob): Promise<void> {
    const { rows } = await this.db.query<InstanceRow>(`select ${columns} from process_instances where id = $1`, [job.instanceId]);
    const parent = rows[0];
    if (!parent || parent.status !== 'running') {
      await deleteJob(this.db, job.id);
      return;
    }
    const calledElement = String(job.payload.calledElement ?? '');
    const mapping = (await this.deployments.load(parent.definition_id)).model.callMappings.get(job.elementId);
    // The call's own locals (a multi-instance item) join the variables it may pass, as in Camunda 7.
    const locals = (job.payload.locals ?? {}) as Variables;
    await this.start(
      calledElement,
      callInput(mapping, { variables: { ...parent.variables, ...locals }, businessKey: parent.business_key }),
      null,
      {
        parent: { id: parent.id, executionId: job.executionId! },
        beforeCommit: async (tx) => {
          if (!(await claimJob(tx, job.id))) throw conflict('the child was started by another worker');
          return [
            { instanceId: parent.id, type: 'call-started', elementId: job.elementId, at: this.clock.now(), actor: null, data: { calledElement, executionId: job.executionId } },
          ];
        },
      },
    );
  }

  /** Carries out a `call-return` job: the parent's call activity completes with the child's variables. */
  async returnFromCall(job: TimerJob): Promise<void> {
    const { rows } = await this.db.query<{ status: InstanceStatus; active_elements: string[]; definition_id: number }>(
      'select status, active_elements, definition_id from process_instances where id = $1',
      [job.instanceId],
    );
    // The parent ended or left the call activity (an interrupting timer): nothing to return to.
    if (rows[0]?.status !== 'running' || !rows[0].active_elements.includes(job.elementId)) {
      await deleteJob(this.db, job.id);
      return;
    }
    const { model } = await this.deployments.load(rows[0].definition_id);
    const mapping = model.callMappings.get(job.elementId);
    const variables = callOutput(mapping, (job.payload.variables ?? {}) as Variables);
    // A multi-instance call's item went to the child as a local; passing all back must not make it the process's.
    if (model.multiInstance.has(job.elementId)) {
      for (const local of [model.multiInstance.get(job.elementId), 'loopCounter', 'nrOfInstances']) {
        if (local && !mapping?.out.some((o) => o.target === local)) delete variables[local];
      }
    }
    await this.advance(job.instanceId!, {
      actor: null,
      completeTask: { executionId: job.executionId!, elementId: job.elementId, variables },
      beforeCommit: async (tx) => {
        if (!(await claimJob(tx, job.id))) throw conflict('the call returned through another worker');
        return [{ instanceId: job.instanceId, type: 'call-returned', elementId: job.elementId, at: this.clock.now(), actor: null, data: { childId: job.payload.childId } }];
      },
    });
  }

  async get(id: string, db: Queryable = this.db): Promise<ProcessInstanceDetail> {
    const { rows } = await db.query<InstanceRow>(`select ${columns} from process_instances where id = $1`, [id]);
    if (!rows[0]) throw notFound(`no process instance ${id}`);
    const { rows: incidents } = await db.query<{ id: string; element_id: string | null; message: string; created_at: Date | string }>(
      'select id, element_id, message, created_at from incidents where instance_id = $1 and resolved_at is null order by created_at',
      [id],
    );
    return {
      ...toInstance(rows[0]),
      timers: await listInstanceTimers(db, id),
      incidents: incidents.map((i) => ({ id: i.id, elementId: i.element_id, message: i.message, createdAt: new Date(i.created_at).toISOString() })),
    };
  }

  async list(filter: InstanceFilter): Promise<ProcessInstance[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.visibleTo) {
      params.push(filter.visibleTo.username, filter.visibleTo.groups);
      where.push(involvedSql(`$${params.length - 1}`, `$${params.length}`));
    }
    if (filter.key) add('key = ?', filter.key);
    if (filter.status) add('status = ?', filter.status);
    if (filter.businessKey) add('business_key = ?', filter.businessKey);
    params.push(filter.limit ?? 100, filter.offset ?? 0);
    const { rows } = await this.db.query<InstanceRow>(
      `select ${columns} from process_instances i ${where.length ? `where ${where.join(' and ')}` : ''}
        order by started_at desc, id limit $${params.length - 1} offset $${params.length}`,
      params,
    );
    return rows.map(toInstance);
  }

  async isVisibleTo(id: string, actor: Actor): Promise<boolean> {
    const { rows } = await this.db.query(`select 1 from process_instances i where i.id = $1 and ${involvedSql('$2', '$3')}`, [id, actor.username, actor.groups]);
    return rows.length > 0;
  }

  /** The instances of several business keys at once (a complaint's chain), oldest first. */
  async byBusinessKeys(keys: string[], db: Queryable = this.db): Promise<ProcessInstance[]> {
    if (keys.length === 0) return [];
    const { rows } = await db.query<InstanceRow>(
      `select ${columns} from process_instances where business_key = any($1::text[]) order by started_at, id`,
      [keys],
    );
    return rows.map(toInstance);
  }

  /**
   * Marks an instance failed with an incident (a timer that kept failing, an external task out of
   * retries). `before` runs first in the same transaction, for the caller's own guarded write.
   */
  async recordIncident(
    instanceId: string,
    elementId: string | null,
    message: string,
    jobId: string | null,
    before?: (tx: Queryable) => Promise<HistoryEntry[]>,
  ): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const own = before ? await before(tx) : [];
      if (own.length) await appendHistory(tx, own);
      await tx.query(`insert into incidents (id, instance_id, job_id, element_id, message, created_at) values ($1, $2, $3, $4, $5, $6)`, [
        randomUUID(),
        instanceId,
        jobId,
        elementId,
        message,
        now.toISOString(),
      ]);
      await tx.query(`update process_instances set status = 'failed', rev = rev + 1 where id = $1 and status = 'running'`, [instanceId]);
      if (jobId) await tx.query('delete from jobs where id = $1', [jobId]);
      await appendHistory(tx, [
        { instanceId, type: 'incident', elementId, at: now, actor: null, data: { message, jobId } },
        { instanceId, type: 'instance-failed', elementId: null, at: now, actor: null, data: { message } },
      ]);
    });
  }

  private async run(
    loaded: LoadedDefinition,
    input: { state?: EngineState; variables: Variables; completeTask?: CompleteTask; deliver?: EventDelivery; live?: LiveEngine; timers?: KnownTimer[] },
    actor: string | null,
    businessKey: string | null,
    calendar: WorkingCalendar,
  ): Promise<RunOutcome> {
    const time = workflowTimeFor(loaded.model, this.clock, calendar, input.timers);
    const result = await runEngine({ model: loaded.model, time, ...input });
    // Variables set by script tasks join the instance's own, which the caller stores (the same object).
    Object.assign(input.variables, result.scriptVariables);
    const history: HistoryEntry[] = result.events.map((e) => ({
      instanceId: null,
      type: e.type,
      elementId: e.elementId,
      at: e.at,
      actor: e.type === 'timer-fired' ? null : actor,
      data: e.data,
    }));
    return { loaded, businessKey, calendar, result, variables: input.variables, history };
  }
}

function assertMayStart(loaded: LoadedDefinition, actor: Actor): void {
  const { candidateStarterGroups: groups, candidateStarterUsers: users } = loaded.model;
  if (groups.length === 0 && users.length === 0) return;
  if (users.includes(actor.username) || groups.some((g) => actor.groups.includes(g))) return;
  throw forbidden(`only ${[...groups, ...users].join(', ')} may start "${loaded.model.key}"`).as('process.startNotAllowed', { key: loaded.model.key });
}
