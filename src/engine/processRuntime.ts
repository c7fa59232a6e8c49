import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { Timers } from 'bpmn-elements';
import { EXTERNAL_TASK_TYPES } from '../contract/bpmnSupport';
import type { ProcessModel } from './bpmnDefinition';
import { conflict } from './errors';
import { expressions } from './expressions';
import { loadScriptSandbox, SandboxedScripts } from './scriptSandbox';
import { BPMN_ERROR } from './eventSubProcesses';
import { INPUT_LOCALS, inputOutputExtension, processPart } from './inputOutput';
import { instanceLocals, isLoopRoot } from './loopVariables';
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
  /** Variables local to the task's execution (a multi-instance item, loopCounter), shadowing the process's. */
  locals: Variables;
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
  /** The execution's local variables (a multi-instance item), passed to the child with the process's. */
  locals: Variables;
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
  /** Variables script tasks and output mappings set or changed in this run (they join the process variables). */
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

interface ScopeEnvironment {
  assignVariables(v: Variables): void;
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
  owner: { behaviour: Record<string, unknown>; environment: ScopeEnvironment; execution?: { getPostponed?(): ActivityApi[] } };
}

interface RunningDefinition {
  getRunningProcesses(): { environment: ScopeEnvironment; getPostponed(): ActivityApi[] }[];
}

interface TimerRef {
  owner: { id: string; executionId: string; expireAt: Date | string };
}

/** An armed timer's due date: its job's when the deadline was moved, else the engine's own. */
function dueAtOf(t: TimerRef, time: WorkflowTimeService): Date {
  return time.dueOf?.(t.owner.executionId) ?? new Date(t.owner.expireAt);
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
    dueOf: (executionId) => holder.current.dueOf?.(executionId),
  };
  let engineRef: InstanceType<typeof Engine> | undefined;
  // A script's variables reach the process, so gateways after a sub-process can read them (as a task's do).
  const scripts = new SandboxedScripts((changed) => {
    Object.assign(live.scriptVariables, changed);
    if (engineRef) assignEverywhere(engineRef, changed);
  });
  const engine = new Engine({
    name: model.key,
    extensions: {
      camundaInputOutput: inputOutputExtension(model.inputOutput, (variables) => {
        Object.assign(live.scriptVariables, variables);
        if (engineRef) assignEverywhere(engineRef, variables);
      }),
    },
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
    model.synthetic.has(api.id) ||
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
    // A BPMN error on its way to the event sub-process that catches it is no incident.
    if ((api.content.error as { name?: string } | undefined)?.name === BPMN_ERROR) return;
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
async function fireDueTimers(live: LiveEngine, now: Date, time: WorkflowTimeService): Promise<void> {
  for (let round = 0; round < 100; round++) {
    const due = (live.timers.executing as unknown as (TimerRef & { callback: (...args: unknown[]) => void; args: unknown[] })[]).filter(
      (t) => dueAtOf(t, time).getTime() <= now.getTime(),
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
      await fireDueTimers(live, input.time.now(), input.time);
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
      // Named like one of the task's inputs, a variable stays local to the task (Camunda 7); the
      // rest reaches every running scope, so the process's gateways read it.
      const toProcess = processPart(input.model.inputOutput.get(elementId), variables);
      waiting.owner.environment.assignVariables(toProcess);
      assignEverywhere(engine, toProcess);
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
      waiting.owner.environment.assignVariables(variables);
      assignEverywhere(engine, variables);
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
      .filter((a) => userTaskTypes.has(a.type) && a.content.state !== 'timer' && !isLoopRoot(a.content))
      .map((a) => ({
        executionId: a.executionId,
        elementId: a.id,
        name: a.name ?? (a.owner.behaviour.name as string | undefined),
        attributes: pickAttributes(a.owner.behaviour),
        locals: taskLocals(a, input.model),
      })),
    waitingCalls: postponed
      .filter((a) => a.type === 'bpmn:CallActivity' && !isLoopRoot(a.content))
      .map((a) => ({
        executionId: a.executionId,
        elementId: a.id,
        calledElement: String(a.content.calledElement ?? a.owner.behaviour.calledElement ?? ''),
        locals: taskLocals(a, input.model),
      })),
    waitingEvents: postponed.filter((a) => input.model.eventCatches.has(a.id)).map((a) => ({ executionId: a.executionId, elementId: a.id })),
    thrownSignals: live.thrownSignals,
    waitingExternalTasks: postponed
      .filter((a) => externalTaskTypes.has(a.type))
      .map((a) => ({ executionId: a.executionId, elementId: a.id })),
    armedTimers: failure || completed ? [] : (timers.executing as TimerRef[]).map((t) => ({
      elementId: t.owner.id,
      executionId: t.owner.executionId,
      dueAt: dueAtOf(t, input.time),
    })),
    activeElements: [...new Set(postponed.map((a) => a.id).filter((id) => !input.model.synthetic.has(id)))],
    events: reported,
    scriptVariables: live.scriptVariables,
    error: failure,
    live,
  };
}

/**
 * Everything waiting, including inside (nested) sub-processes and the instances of multi-instance
 * activities, which bpmn-engine lists separately (an activity's list holds itself and its instances).
 */
function waitingActivities(execution: { getPostponed(): ActivityApi[] }): ActivityApi[] {
  const out: ActivityApi[] = [];
  const seen = new Set<string>();
  const visit = (list: ActivityApi[]) => {
    for (const a of list) {
      if (seen.has(a.executionId)) continue;
      seen.add(a.executionId);
      out.push(a);
      // Into what runs inside: a sub-process's children, a multi-instance activity's iterations. Not
      // into an event's own event-definition executions, which would list a catch event twice.
      if (a.type === 'bpmn:SubProcess' || isLoopRoot(a.content as never)) visit(a.owner.execution?.getPostponed?.() ?? []);
    }
  };
  visit(execution.getPostponed());
  return out;
}

/**
 * Variables a command sets reach every running scope: the process and each (nested, or
 * multi-instance) sub-process, whose environments bpmn-elements copies on entry. Camunda 7 sets a
 * new variable on the process instance, visible in every scope below it.
 */
function assignEverywhere(engine: InstanceType<typeof Engine>, variables: Variables): void {
  const environments = new Set<ScopeEnvironment>();
  for (const definition of (engine.execution?.definitions ?? []) as unknown as RunningDefinition[]) {
    for (const proc of definition.getRunningProcesses()) {
      environments.add(proc.environment);
      for (const a of waitingActivities(proc)) environments.add(a.owner.environment);
    }
  }
  for (const environment of environments) environment.assignVariables(variables);
}

/**
 * A task's local variables: its own multi-instance item and loopCounter, or those of the
 * multi-instance sub-process it is in (kept in that instance's scope).
 */
function taskLocals(a: ActivityApi, model: ProcessModel): Variables {
  const inputs = (a.content[INPUT_LOCALS] as Variables | undefined) ?? {};
  const own = { ...inputs, ...instanceLocals(a.content, model.multiInstance.get(a.id)) };
  if (Object.keys(own).length) return own;
  const parent = a.content.parent as { id?: string; executionId?: string; path?: { id?: string; executionId?: string }[] } | undefined;
  const scope = a.owner.environment.variables ?? {};
  const locals: Variables = {};
  // Outermost first, so an inner instance wins; an instance of a multi-instance sub-process is a parent whose execution id ends in _<index>.
  for (const p of [parent, ...(parent?.path ?? [])].reverse()) {
    if (!p?.id) continue;
    for (const { name } of model.inputOutput.get(p.id)?.inputs ?? []) if (name in scope) locals[name] = scope[name];
    if (!model.multiInstance.has(p.id) || !/_\d+$/.test(p.executionId ?? '')) continue;
    const name = model.multiInstance.get(p.id);
    for (const key of [name, 'loopCounter']) if (key && key in scope) locals[key] = scope[key];
  }
  return locals;
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
