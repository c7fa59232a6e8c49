import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { Timers } from 'bpmn-elements';
import type { ProcessModel } from './bpmnDefinition';
import { conflict } from './errors';
import { expressions } from './expressions';
import type { Variables } from './variables';
import type { WorkflowTimeService } from './workingTimeTimer';

/**
 * One run of bpmn-engine for one command on one instance: start it, or recover it from its
 * stored state, let due timers fire, optionally complete a waiting user task, and report what
 * the engine did. Pure computation: nothing here touches the database, so the caller can commit
 * the whole outcome in one transaction or throw it away on a conflict.
 */

export type EngineState = Record<string, unknown> & { definitions?: Record<string, unknown>[] };

export interface WaitingUserTask {
  executionId: string;
  elementId: string;
  name: string | undefined;
  /** Raw Camunda attributes (candidateGroups, candidateUsers, assignee, dueDate), unresolved. */
  attributes: Record<string, string | undefined>;
}

/** A call activity waiting for the child instance of `calledElement` to end. */
export interface WaitingCall {
  executionId: string;
  elementId: string;
  calledElement: string;
}

export interface ArmedTimer {
  elementId: string;
  executionId: string;
  dueAt: Date;
}

export type RuntimeEventType = 'element-entered' | 'element-left' | 'flow-taken' | 'timer-fired' | 'incident';

export interface RuntimeEvent {
  type: RuntimeEventType;
  elementId: string;
  at: Date;
  data?: Record<string, unknown>;
}

export interface EngineRunResult {
  state: EngineState;
  status: 'running' | 'completed' | 'failed';
  waitingTasks: WaitingUserTask[];
  waitingCalls: WaitingCall[];
  armedTimers: ArmedTimer[];
  activeElements: string[];
  events: RuntimeEvent[];
  error?: string;
}

export interface EngineRunInput {
  model: ProcessModel;
  time: WorkflowTimeService;
  /** Stored state to recover; absent means start a new instance with `variables`. */
  state?: EngineState;
  variables: Variables;
  /** A waiting user task or call activity to complete after recovery, with the variables it sets. */
  completeTask?: { executionId: string; elementId: string; variables: Variables };
}

interface ActivityApi {
  getPostponed?(): ActivityApi[];
  id: string;
  type: string;
  name?: string;
  executionId: string;
  content: Record<string, unknown>;
  owner: { behaviour: Record<string, unknown>; environment: { assignVariables(v: Variables): void } };
}

interface RunningDefinition {
  getRunningProcesses(): { environment: { assignVariables(v: Variables): void } }[];
}

interface TimerRef {
  owner: { id: string; executionId: string; expireAt: Date | string };
}

const userTaskTypes = new Set(['bpmn:UserTask', 'bpmn:ManualTask']);

export async function runEngine(input: EngineRunInput): Promise<EngineRunResult> {
  const listener = new EventEmitter();
  // We never arm an in-process timeout: due dates live in the jobs table, and a due timer
  // completes when its instance is resumed after the workflow clock passed it.
  const timers = new Timers({ setTimeout: (() => 0) as never, clearTimeout: () => undefined });
  const events: RuntimeEvent[] = [];
  const record = (type: RuntimeEventType) => (api: ActivityApi) =>
    events.push({ type, elementId: api.id, at: input.time.now(), data: { executionId: api.executionId } });
  listener.on('activity.start', record('element-entered'));
  listener.on('activity.end', record('element-left'));
  listener.on('activity.timeout', record('timer-fired'));
  listener.on('flow.take', record('flow-taken'));

  const engine = new Engine({
    name: input.model.key,
    sourceContext: input.model.sourceContext,
    listener,
    timers,
    services: { workflowTime: input.time },
    expressions,
    settings: { enableDummyService: false },
  } as never);

  let failure: string | undefined;
  let completed = false;
  engine.once('end', () => {
    completed = true;
  });
  engine.on('error', (err: Error) => {
    failure = err.message;
  });
  listener.on('activity.error', (api: ActivityApi) => {
    const message = String((api.content.error as { message?: string } | undefined)?.message ?? 'activity failed');
    events.push({ type: 'incident', elementId: api.id, at: input.time.now(), data: { message } });
  });

  let execution: { getPostponed(): ActivityApi[]; signal(msg: unknown): void };
  try {
    if (input.state) {
      engine.recover(input.state as never);
      execution = (await engine.resume()) as never;
    } else {
      execution = (await engine.execute({ variables: input.variables })) as never;
    }
    await settle();

    if (input.completeTask && !failure) {
      const { executionId, elementId, variables } = input.completeTask;
      const waiting = waitingActivities(execution).find((a) => a.executionId === executionId);
      if (!waiting) throw conflict('the task is no longer waiting', `element ${elementId} was already left, e.g. by a timer`);
      // A task inside a sub-process has its own environment; the process's gateways read the process's.
      waiting.owner.environment.assignVariables(variables);
      for (const definition of (engine.execution?.definitions ?? []) as unknown as RunningDefinition[]) {
        for (const proc of definition.getRunningProcesses()) proc.environment.assignVariables(variables);
      }
      execution.signal({ id: elementId, executionId, variables });
      await settle();
    }
  } catch (err) {
    if ((err as { status?: number }).status) throw err;
    failure = (err as Error).message;
  }

  const state = (await engine.getState()) as unknown as EngineState;
  for (const definition of state.definitions ?? []) delete definition.source; // we hold the source per version
  const postponed = failure || completed ? [] : waitingActivities(execution!);
  return {
    state,
    status: failure ? 'failed' : completed ? 'completed' : 'running',
    waitingTasks: postponed
      .filter((a) => userTaskTypes.has(a.type) && a.content.state !== 'timer')
      .map((a) => ({
        executionId: a.executionId,
        elementId: a.id,
        name: a.name ?? (a.owner.behaviour.name as string | undefined),
        attributes: pickAttributes(a.owner.behaviour),
      })),
    waitingCalls: postponed
      .filter((a) => a.type === 'bpmn:CallActivity')
      .map((a) => ({
        executionId: a.executionId,
        elementId: a.id,
        calledElement: String(a.content.calledElement ?? a.owner.behaviour.calledElement ?? ''),
      })),
    armedTimers: failure || completed ? [] : (timers.executing as TimerRef[]).map((t) => ({
      elementId: t.owner.id,
      executionId: t.owner.executionId,
      dueAt: new Date(t.owner.expireAt),
    })),
    activeElements: [...new Set(postponed.map((a) => a.id))],
    events,
    error: failure,
  };
}

/** Everything waiting, including inside (nested) sub-processes, which bpmn-engine lists separately. */
function waitingActivities(execution: { getPostponed(): ActivityApi[] }): ActivityApi[] {
  const out: ActivityApi[] = [];
  const visit = (list: ActivityApi[]) => {
    for (const a of list) {
      out.push(a);
      if (a.type === 'bpmn:SubProcess' && a.getPostponed) visit(a.getPostponed().filter((c) => c.executionId !== a.executionId));
    }
  };
  visit(execution.getPostponed());
  return out;
}

function pickAttributes(behaviour: Record<string, unknown>): Record<string, string | undefined> {
  const pick = (k: string) => (typeof behaviour[k] === 'string' ? (behaviour[k] as string) : undefined);
  return {
    candidateGroups: pick('candidateGroups'),
    candidateUsers: pick('candidateUsers'),
    assignee: pick('assignee'),
    dueDate: pick('dueDate'),
  };
}

/** bpmn-engine runs synchronously on its broker; one macrotask lets any deferred step finish. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
