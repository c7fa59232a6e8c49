import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import type { Actor } from '../actor';
import { conflict, notFound } from '../errors';
import { appendHistory, type HistoryEntry } from '../history';
import type { Instances } from '../instances';
import { changedKeys, type Variables } from '../variables';
import { exhaustRetries } from './exhaustRetries';
import { getExternalTask, toExternalTask, type ExternalTask, type ExternalTaskRow } from './externalTaskRow';
import { fetchAndLock, type TopicRequest } from './fetchAndLock';
import { listExternalTasks } from './listExternalTasks';
import { extendLock, resolveExternalTaskIncidents, setRetries, unlock } from './lockCommands';
import { releaseForRetry } from './releaseForRetry';
import { takeLocked } from './takeLocked';

/** What a worker answers about a task it holds. */
export interface WorkerAnswer {
  workerId: string;
}

export interface LockedExternalTask extends ExternalTask {
  variables: Variables;
}

/**
 * Camunda 7 external tasks: service, send and business rule tasks wait in `external_tasks` until a
 * worker (a program signed in with the `worker` role) fetches and locks them, then completes them,
 * reports a failure or throws a BPMN error. Only the worker holding the lock may answer; each answer
 * commits in one transaction with the instance's step.
 */
export class ExternalTasks {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly instances: Instances,
  ) {}

  async fetchAndLock(actor: Actor, args: { workerId: string; maxTasks: number; topics: TopicRequest[] }): Promise<LockedExternalTask[]> {
    // One lock duration per topic: the last one named wins, as the join would otherwise lock twice.
    const topics = [...new Map(args.topics.map((t) => [t.topicName, t])).values()];
    const rows = await fetchAndLock(this.db, { workerId: args.workerId, username: actor.username, maxTasks: args.maxTasks, topics, now: this.clock.now() });
    return rows.map((r) => ({ ...toExternalTask(r), variables: r.variables ?? {} }));
  }

  async list(args: { topicName?: string; limit: number; offset: number }): Promise<ExternalTask[]> {
    return (await listExternalTasks(this.db, args)).map(toExternalTask);
  }

  async complete(id: string, actor: Actor, args: WorkerAnswer & { variables: Variables }): Promise<void> {
    const task = await this.held(id, actor, args.workerId);
    const changed = changedKeys({}, args.variables);
    await this.instances.advance(task.instance_id, {
      actor: actor.username,
      completeTask: { executionId: task.execution_id, elementId: task.element_id, variables: args.variables },
      beforeCommit: async (tx) => {
        if (!(await takeLocked(tx, { id, workerId: args.workerId, username: actor.username }))) throw lostLock(id);
        return [this.entry(task, actor, 'external-task-completed', { workerId: args.workerId, changedVariables: changed })];
      },
    });
  }

  /**
   * A BPMN error thrown at the task: an error boundary event on it with that errorCode (or one
   * catching every error) takes over; uncaught, the instance fails with an incident.
   */
  async bpmnError(id: string, actor: Actor, args: WorkerAnswer & { errorCode: string; errorMessage?: string; variables: Variables }): Promise<void> {
    const task = await this.held(id, actor, args.workerId);
    const message = `BPMN error "${args.errorCode}"${args.errorMessage ? `: ${args.errorMessage}` : ''} thrown by ${task.element_id}`;
    await this.instances.advance(task.instance_id, {
      actor: actor.username,
      completeTask: { executionId: task.execution_id, elementId: task.element_id, variables: args.variables, bpmnError: { code: args.errorCode, message } },
      beforeCommit: async (tx) => {
        if (!(await takeLocked(tx, { id, workerId: args.workerId, username: actor.username }))) throw lostLock(id);
        return [
          this.entry(task, actor, 'external-task-bpmn-error', {
            workerId: args.workerId,
            errorCode: args.errorCode,
            errorMessage: args.errorMessage ?? null,
            changedVariables: changedKeys({}, args.variables),
          }),
        ];
      },
    });
  }

  /**
   * A worker's failure (Camunda 7): with retries left the task is released and fetchable again
   * after `retryTimeoutMs`; with none left it stays unfetchable and its instance gets an incident.
   */
  async failure(id: string, actor: Actor, args: WorkerAnswer & { errorMessage?: string; retries: number; retryTimeoutMs: number }): Promise<void> {
    const task = await this.held(id, actor, args.workerId);
    const errorMessage = args.errorMessage ?? null;
    const failed = this.entry(task, actor, 'external-task-failed', { workerId: args.workerId, errorMessage, retries: args.retries });
    const who = { id, workerId: args.workerId, username: actor.username };
    if (args.retries > 0) {
      await this.db.transaction(async (tx) => {
        const retryAt = new Date(this.clock.now().getTime() + args.retryTimeoutMs);
        if (!(await releaseForRetry(tx, { ...who, retries: args.retries, errorMessage, retryAt }))) throw lostLock(id);
        await appendHistory(tx, [failed]);
      });
      return;
    }
    await this.instances.recordIncident(task.instance_id, task.element_id, `external task ${task.element_id} (topic ${task.topic}) failed with no retries left: ${errorMessage ?? 'no message'}`, null, async (tx) => {
      if (!(await exhaustRetries(tx, { ...who, errorMessage }))) throw lostLock(id);
      return [failed];
    });
  }

  /** Renews the lock of a task this worker holds: it expires `newDurationMs` from now (Camunda 7's extendLock). */
  async extendLock(id: string, actor: Actor, args: WorkerAnswer & { newDurationMs: number }): Promise<void> {
    await this.held(id, actor, args.workerId);
    if (!(await extendLock(this.db, { id, workerId: args.workerId, username: actor.username, newDurationMs: args.newDurationMs, now: this.clock.now() }))) {
      throw conflict(`the lock of external task ${id} has expired`, 'another worker may have fetched it since; fetch and lock it again').as('externalTask.lockExpired');
    }
  }

  /** Clears a task's lock, whoever holds it (Camunda 7's unlock): it is fetchable again at once. */
  async unlock(id: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const task = await getExternalTask(tx, id);
      if (!task) throw notFound(`no external task ${id}`).as('externalTask.unknown');
      const { wasLockedBy } = await unlock(tx, id);
      await appendHistory(tx, [this.entry(task, actor, 'external-task-unlocked', { workerId: wasLockedBy })]);
    });
  }

  /**
   * Sets a task's retries (Camunda 7): 0 leaves it unfetchable with an incident on its instance;
   * more than 0 makes it fetchable again and, when it had run out, resolves that incident (the
   * instance runs again unless another incident is open).
   */
  async setRetries(id: string, actor: Actor, retries: number): Promise<void> {
    const task = await getExternalTask(this.db, id);
    if (!task) throw notFound(`no external task ${id}`).as('externalTask.unknown');
    const entry = this.entry(task, actor, 'external-task-retries-set', { retries });
    const missing = () => notFound(`no external task ${id}`).as('externalTask.unknown');
    if (retries === 0) {
      if (task.retries === 0) return; // already out of retries: its incident is open (Camunda 7 adds none)
      await this.instances.recordIncident(task.instance_id, task.element_id, `external task ${task.element_id} (topic ${task.topic}) has no retries left: set to 0 by ${actor.username}`, null, async (tx) => {
        if (!(await setRetries(tx, { id, retries }))) throw missing();
        return [entry];
      });
      return;
    }
    await this.db.transaction(async (tx) => {
      const set = await setRetries(tx, { id, retries });
      if (!set) throw missing();
      const history: HistoryEntry[] = [entry];
      if (set.before === 0) {
        const now = this.clock.now();
        const { resolved, running } = await resolveExternalTaskIncidents(tx, { instanceId: task.instance_id, elementId: task.element_id, now });
        for (const incidentId of resolved) history.push({ instanceId: task.instance_id, type: 'incident-resolved', elementId: task.element_id, at: now, actor: actor.username, data: { incidentId, externalTaskId: id, running } });
      }
      await appendHistory(tx, history);
    });
  }

  /** The task, if this worker of this user holds its lock (an expired lock nobody took over still counts, as in Camunda 7). */
  private async held(id: string, actor: Actor, workerId: string): Promise<ExternalTaskRow> {
    const task = await getExternalTask(this.db, id);
    if (!task) throw notFound(`no external task ${id}`).as('externalTask.unknown');
    if (task.locked_by !== workerId || task.locked_by_user !== actor.username) throw lostLock(id);
    return task;
  }

  private entry(task: ExternalTaskRow, actor: Actor, type: HistoryEntry['type'], data: Record<string, unknown>): HistoryEntry {
    return { instanceId: task.instance_id, type, elementId: task.element_id, at: this.clock.now(), actor: actor.username, data: { externalTaskId: task.id, topic: task.topic, ...data } };
  }
}

const lostLock = (id: string) => conflict(`external task ${id} is not locked by this worker`, 'fetch and lock it first; another worker may hold it since this lock expired').as('externalTask.notLocked');
