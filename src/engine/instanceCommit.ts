import type { ErrorCode } from '../contract/errors';
import type { CommitProjection } from './commitProjection';
import type { Queryable } from '../db/database';
import type { LoadedDefinition } from './deployments';
import { appendHistory, historyPart, type HistoryEntry } from './history';
import { notificationPart } from './notifications';
import { addExternalTaskWrites } from './externalTasks/instanceExternalTasks';
import type { EngineRunResult, LiveEngine } from './processRuntime';
import { reconcileCalls, requestCallReturn } from './callActivities';
import { StatementBatch, type BatchPart } from './statementBatch';
import { instanceTimerParts, type KnownTimer } from './timerJobs';
import { userTaskParts, type KnownTask } from './userTasks';
import { fanOutSignal, subscriptionParts } from './eventSubscriptions';
import type { Variables } from './variables';
import { taskDueDate } from './workflowTime';
import type { WorkingCalendar } from './workingCalendar';

/** What one command did to an instance, ready to commit. */
export interface RunOutcome {
  loaded: LoadedDefinition;
  businessKey: string | null;
  calendar: WorkingCalendar;
  result: EngineRunResult & { live: LiveEngine };
  variables: Variables;
  history: HistoryEntry[];
}

export type ParentLink = { id: string; executionId: string };

/** A caller's own guarded write, committed with the instance (a task's completion). */
export interface OwnWrite {
  /** Must return one row per row it touched. */
  part: BatchPart;
  conflictMessage: string;
  conflictCode: ErrorCode;
}

export interface CommitInput {
  instanceId: string;
  outcome: RunOutcome;
  actor: string | null;
  /** History entries that come before the run's own (the command's, the caller's). */
  leading: HistoryEntry[];
  parent: ParentLink | null;
  /** The instance row's write: its insert, or its update checking the revision (`returning 1`). */
  write: BatchPart;
  /** The open tasks and timer jobs the instance had at the revision `write` checks. */
  known: { openTasks: KnownTask[]; timers: KnownTimer[] };
  /** The execution the command completes: the caller closes its task row. */
  completing?: string;
  own?: OwnWrite;
  /** The variables the command set or changed. */
  changedVariables: readonly string[];
  /** The record kept beside the instance (a complaint), written with it. */
  projection?: CommitProjection;
  now: Date;
}

/** The commit of one command: one statement, and for call activities the steps that must follow it. */
export interface CommitPlan {
  batch: StatementBatch;
  /** Present when the commit needs a transaction around more than the batch; true when it left jobs due now. */
  after?: (tx: Queryable) => Promise<boolean>;
}

/**
 * The one commit path of every command: the plan's statement, then (inside the caller's
 * transaction) its follow-up steps. True when the commit left jobs due now (a child to start, a
 * parent to resume, a signal to deliver).
 */
export async function commitPlan(q: Queryable, plan: CommitPlan): Promise<boolean> {
  await plan.batch.run(q);
  return plan.after ? plan.after(q) : false;
}

/**
 * Call activities read and write other instances (children, parents) after this one's rows are in
 * place, so they need a transaction around several statements; everything else fits in one.
 */
export function needsTransaction(outcome: RunOutcome, parent: ParentLink | null): boolean {
  return (
    outcome.loaded.model.hasCallActivities || (outcome.result.status === 'completed' && parent !== null) || outcome.result.thrownSignals.length > 0
  );
}

export function planCommit(input: CommitInput): CommitPlan {
  const { instanceId, outcome, actor, now } = input;
  const { result, loaded, calendar } = outcome;
  const tasks = userTaskParts(
    instanceId,
    result.waitingTasks,
    outcome.variables,
    { now, actor, elementNames: loaded.model.elementNames, dueDate: (value) => taskDueDate(value, loaded.model, now, calendar) },
    input.known.openTasks,
    input.completing,
  );
  const batch = new StatementBatch();
  if (input.own) batch.guard(input.own.part, input.own.conflictMessage, input.own.conflictCode);
  batch.guard(input.write, 'the instance was changed concurrently; reload and try again', 'instance.changedConcurrently');
  for (const part of tasks.parts) batch.add(part);
  for (const part of instanceTimerParts(instanceId, result.armedTimers, input.known.timers, now)) batch.add(part);
  if (loaded.model.eventCatches.size > 0) for (const part of subscriptionParts(instanceId, result.waitingEvents, loaded.model.eventCatches, now)) batch.add(part);
  if (loaded.model.externalTopics.size) addExternalTaskWrites(batch, { instanceId, waiting: result.waitingExternalTasks, topics: loaded.model.externalTopics, now });
  batch.add(notificationPart({ instanceId, businessKey: outcome.businessKey, model: loaded.model, events: result.events, variables: outcome.variables, now }));

  const history: HistoryEntry[] = [...input.leading, ...outcome.history.map((h) => ({ ...h, instanceId })), ...tasks.history];
  const closing: HistoryEntry[] = [];
  if (result.status === 'completed') closing.push({ instanceId, type: 'instance-completed', at: now, actor });
  if (result.status === 'failed') {
    closing.push({ instanceId, type: 'instance-failed', at: now, actor, data: { message: result.error } });
    batch.add({
      sql: `insert into incidents (id, instance_id, message, created_at) values (gen_random_uuid(), $1, $2, $3)`,
      params: [instanceId, result.error ?? 'engine error', now.toISOString()],
    });
  }
  const projected = outcome.businessKey && input.projection
    ? input.projection({
        instanceId,
        businessKey: outcome.businessKey,
        model: loaded.model,
        events: result.events,
        status: result.status,
        variables: outcome.variables,
        changedVariables: input.changedVariables,
        completedTask: input.leading.some((h) => h.type === 'task-completed'),
        now,
      })
    : undefined;
  if (!needsTransaction(outcome, input.parent)) {
    batch.add(historyPart([...history, ...closing]));
    batch.add(projected);
    return { batch };
  }

  // Children the calls end add history of their own, before the instance's closing entries.
  const after = async (tx: Queryable): Promise<boolean> => {
    const calls = loaded.model.hasCallActivities ? await reconcileCalls(tx, instanceId, result.waitingCalls, now, actor) : { requested: 0, history: [] };
    let returning = false;
    if (result.status === 'completed' && input.parent) {
      await requestCallReturn(tx, { parentId: input.parent.id, parentExecutionId: input.parent.executionId, childId: instanceId, variables: outcome.variables, now });
      returning = true;
    }
    // A thrown signal reaches every other instance and start event waiting for it as this commits.
    let signalled = 0;
    const thrown: HistoryEntry[] = [];
    for (const name of result.thrownSignals) {
      const targets = await fanOutSignal(tx, { name, variables: {}, now, actor, except: instanceId });
      signalled += targets.length;
      thrown.push({ instanceId, type: 'signal-thrown', at: now, actor, data: { name, targets: targets.length } });
    }
    await appendHistory(tx, [...history, ...thrown, ...calls.history, ...closing]);
    // Last, so it sees the children the calls just ended.
    if (projected) await tx.query(projected.sql, projected.params);
    return calls.requested > 0 || returning || signalled > 0;
  };
  return { batch, after };
}
