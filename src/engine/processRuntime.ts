import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { Timers } from 'bpmn-elements';
import { EXTERNAL_TASK_TYPES } from '../contract/bpmnSupport';
import type { ProcessModel } from './bpmnDefinition';
import { conflict } from './errors';
import { expressions } from './expressions';
import { loadScriptSandbox, SandboxedScripts } from './scriptSandbox';
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

/** A service, send or business rule task waiting for an external worker (Camunda 7 external task). */
export interface WaitingExternalTask {
  executionId: string;
  elementId: string;
}

/** A call activity waiting for the child instance of `calledElement` to end. */
export interface WaitingCall {
  executionId: string;
  elementId: string;
  calledElement: string;
}

/** A catch event, boundary event, receive task or start event waiting for a message or signal. */
export interface WaitingEvent {
  executionId: string;
  elementId: string;
}

export interface ArmedTimer {
  elementId: string;
  executionId: string;
  dueAt: Date;
}

export type RuntimeEventType = 'element-entered' | 'element-left' | 'flow-taken' | 'timer-fired' | 'incident' | 'error-caught';

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
  waitingExternalTasks: WaitingExternalTask[];
  armedTimers: ArmedTimer[];
  /** Waits for a message or signal (elements of model.eventCatches). */
  waitingEvents: WaitingEvent[];
  /** Names of the signals thrown in this run, to broadcast beyond this instance. */
  thrownSignals: string[];
  activeElements: string[];
  events: RuntimeEvent[];
  /** Variables script tasks set or changed in this run. */
  scriptVariables: Variables;
  error?: string;
}

export interface CompleteTask {
  executionId: string;
  elementId: string;
  variables: Variables;
  bpmnError?: { code: string; message: string };
}

export interface EngineRunInput {
  model: ProcessModel;
  time: WorkflowTimeService;
  /** Stored state to recover; absent means start a new instance with `variables`. */
  state?: EngineState;
  variables: Variables;
  /**
   * A waiting user task, call activity or external task to complete after recovery, with the
   * variables it sets; with `bpmnError` the task throws that BPMN error instead (a worker's bpmn-error).
   */
  completeTask?: CompleteTask;
  /**
   * A message or signal for a waiting element (by execution, or for a start event just begun, by
   * element), with the variables it sets on the instance.
   */
  deliver?: EventDelivery;
}

export interface EventDelivery {
  elementId: string;
  executionId?: string;
  variables: Variables;
}

interface ActivityApi {
  getPostponed?(): ActivityApi[];
  sendApiMessage(action: string, content: Record<string, unknown>): void;
  signal(message: unknown): void;
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

const userTaskTypes = new Set(['bpmn:UserTask']);
const externalTaskTypes = new Set(EXTERNAL_TASK_TYPES);

/**
 * A bpmn-engine kept in memory after a committed run, so the next command on the same revision
 * of the instance skips recovering it from its stored state. Only valid while nothing else wrote
 * the instance: the caller keys it by revision and drops it on any failure.
 */
export interface LiveEngine {
  engine: InstanceType<typeof Engine>;
  execution: { getPostponed(): ActivityApi[]; signal(msg: unknown): void } | undefined;
  timers: InstanceType<typeof Timers>;
  time: { current: WorkflowTimeService };
  events: RuntimeEvent[];
  scriptVariables: Variables;
  failure: string | undefined;
  completed: boolean;
  thrownSignals: string[];
  /** activity.error events of this run: incidents only if the run fails (else a boundary event caught them). */
  errors: Set<RuntimeEvent>;
}

function createLiveEngine(model: ProcessModel, time: WorkflowTimeService): LiveEngine {
  const listener = new EventEmitter();
  // We never arm an in-process timeout: due dates live in the jobs table. A recovered instance
  // fires a due timer by itself on resume; a live one is fired by fireDueTimers.
  const timers = new Timers({ setTimeout: (() => 0) as never, clearTimeout: () => undefined });
  const holder = { current: time };
  // The engine keeps the services object it was given; the holder lets each run bring its own clock and calendar.
  const timeService: WorkflowTimeService = {
    now: () => holder.current.now(),
    due: (...args) => holder.current.due(...args),
  };
  let engineRef: InstanceType<typeof Engine> | undefined;
  // A script's variables reach the process, so gateways after a sub-process can read them (as a task's do).
  const scripts = new SandboxedScripts((changed) => {
    Object.assign(live.scriptVariables, changed);
    for (const definition of (engineRef?.execution?.definitions ?? []) as unknown as RunningDefinition[]) {
      for (const proc of definition.getRunningProcesses()) proc.environment.assignVariables(changed);
    }
  });
  const engine = new Engine({
    name: model.key,
    sourceContext: model.sourceContext,
    listener,
    timers,
    services: { workflowTime: timeService },
    expressions,
    scripts,
    settings: { enableDummyService: false },
  } as never);
  engineRef = engine;
  const live: LiveEngine = { engine, execution: undefined, timers, time: holder, events: [], scriptVariables: {}, failure: undefined, completed: false, thrownSignals: [], errors: new Set() };
  const record = (type: RuntimeEventType) => (api: ActivityApi) =>
    live.events.push({ type, elementId: api.id, at: holder.current.now(), data: { executionId: api.executionId } });
  listener.on('activity.start', record('element-entered'));
  listener.on('activity.end', record('element-left'));
  listener.on('activity.timeout', record('timer-fired'));
  listener.on('flow.take', record('flow-taken'));
  // A signal throw or end event; bpmn-engine signals this instance's own waits, we the others'.
  listener.on('activity.signal', (api: ActivityApi) => {
    const name = String((api.content.message as { name?: string } | undefined)?.name ?? '').trim();
    if (name) live.thrownSignals.push(name);
  });
  // An error a boundary event catches (on the task, or on a sub-process it propagates to) is
  // announced as activity.error all the same, sometimes before the catch: it counts as an incident
  // only when the run fails (runEngine drops the others).
  listener.on('activity.catch', (api: ActivityApi) => {
    const source = api.content.source as { id?: string } | undefined;
    const error = api.content.error as { message?: string; code?: string } | undefined;
    live.events.push({ type: 'error-caught', elementId: api.id, at: holder.current.now(), data: { errorCode: error?.code ?? null, message: error?.message ?? null, thrownBy: source?.id ?? null } });
  });
  listener.on('activity.error', (api: ActivityApi) => {
    const message = String((api.content.error as { message?: string } | undefined)?.message ?? 'activity failed');
    const event: RuntimeEvent = { type: 'incident', elementId: api.id, at: holder.current.now(), data: { message } };
    live.errors.add(event);
    live.events.push(event);
  });
  engine.once('end', () => {
    live.completed = true;
  });
  engine.on('error', (err: Error) => {
    live.failure = err.message;
  });
  return live;
}

/** On a live engine, fires the timers the workflow clock has passed, as a resume would. */
async function fireDueTimers(live: LiveEngine, now: Date): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const due = (live.timers.executing as unknown as (TimerRef & { callback: (...args: unknown[]) => void; args: unknown[] })[]).filter(
      (t) => new Date(t.owner.expireAt).getTime() <= now.getTime(),
    );
    if (due.length === 0) return;
    // What a real timeout does: leave the executing list, then call bpmn-elements back.
    for (const t of due) {
      live.timers.clearTimeout(t as never);
      t.callback(...t.args);
    }
    await settle();
  }
}

export async function runEngine(input: EngineRunInput & { live?: LiveEngine }): Promise<EngineRunResult & { live: LiveEngine }> {
  await loadScriptSandbox();
  const live = input.live ?? createLiveEngine(input.model, input.time);
  live.time.current = input.time;
  live.events = [];
  live.errors.clear();
  live.scriptVariables = {};
  live.thrownSignals = [];
  const { engine, timers } = live;
  const events = live.events;

  let execution = live.execution;
  try {
    if (execution) {
      await fireDueTimers(live, input.time.now());
    } else if (input.state) {
      engine.recover(input.state as never);
      execution = (await engine.resume()) as never;
    } else {
      execution = (await engine.execute({ variables: input.variables })) as never;
    }
    live.execution = execution;
    await settle();

    if (input.completeTask && !live.failure) {
      const { executionId, elementId, variables } = input.completeTask;
      const waiting = waitingActivities(execution).find((a) => a.executionId === executionId);
      if (!waiting) throw conflict('the task is no longer waiting', `element ${elementId} was already left, e.g. by a timer`).as('task.noLongerWaiting');
      // A task inside a sub-process has its own environment; the process's gateways read the process's.
      waiting.owner.environment.assignVariables(variables);
      for (const definition of (engine.execution?.definitions ?? []) as unknown as RunningDefinition[]) {
        for (const proc of definition.getRunningProcesses()) proc.environment.assignVariables(variables);
      }
      if (input.completeTask.bpmnError) {
        // SignalTask turns an 'error' api message into an ActivityError carrying the code, which an
        // error boundary event with that errorCode (or none) catches; uncaught it fails the run.
        waiting.sendApiMessage('error', { message: input.completeTask.bpmnError.message, code: input.completeTask.bpmnError.code });
      } else {
        // Straight to the activity, not through the definition: a signal the process delegates to its
        // children keeps the process's api queue busy, and a BPMN error an error end event throws on
        // the way (user task → error end event in a sub-process) would never reach its boundary event.
        waiting.signal({ id: elementId, executionId, variables });
      }
      await settle();
    }
    if (input.deliver && !live.failure) {
      const { elementId, executionId, variables } = input.deliver;
      const waiting = waitingActivities(execution).find((a) => (executionId ? a.executionId === executionId : a.id === elementId) && input.model.eventCatches.has(a.id));
      if (!waiting) throw conflict('the event is no longer waiting', `element ${elementId} was already left`).as('event.noLongerWaiting');
      assignEverywhere(engine, waiting, variables);
      // The element's own API: only this wait receives it, not every wait for the same message.
      waiting.signal(variables);
      await settle();
    }
  } catch (err) {
    if ((err as { status?: number }).status) throw err;
    live.failure = (err as Error).message;
  }
  const { failure, completed } = live;
  const reported = failure ? events : events.filter((e) => !live.errors.has(e));

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
    waitingEvents: postponed.filter((a) => input.model.eventCatches.has(a.id)).map((a) => ({ executionId: a.executionId, elementId: a.id })),
    thrownSignals: live.thrownSignals,
    waitingExternalTasks: postponed
      .filter((a) => externalTaskTypes.has(a.type))
      .map((a) => ({ executionId: a.executionId, elementId: a.id })),
    armedTimers: failure || completed ? [] : (timers.executing as TimerRef[]).map((t) => ({
      elementId: t.owner.id,
      executionId: t.owner.executionId,
      dueAt: new Date(t.owner.expireAt),
    })),
    activeElements: [...new Set(postponed.map((a) => a.id))],
    events: reported,
    scriptVariables: live.scriptVariables,
    error: failure,
    live,
  };
}

/** Sets variables on the waiting element's environment and on every running process's (as completing a task does). */
function assignEverywhere(engine: InstanceType<typeof Engine>, waiting: ActivityApi, variables: Variables): void {
  waiting.owner.environment.assignVariables(variables);
  for (const definition of (engine.execution?.definitions ?? []) as unknown as RunningDefinition[]) {
    for (const proc of definition.getRunningProcesses()) proc.environment.assignVariables(variables);
  }
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
